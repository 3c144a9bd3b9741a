/**
 * The rollups table (migration 0011): hourly, daily and (0014) weekly figures per target,
 * kept up to date by `mon check` in the transaction of its snapshots
 * (addToRollups), read back and written whole by the rebuild, and pruned on
 * their own (`prune --rollups-older-than`).
 */
import {MonError} from '../errors.js'
import {LatencyHistogram} from '../latency.js'
import {type Rollup, type RollupKey, type RollupPeriod, type RollupSource, type RollupTable, PERIOD_MS, PERIODS, mergeRollup, rollupKeyText, rollupsOf} from '../rollup.js'
import type {Driver, SqlValue} from './driver.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'
import {snapshotSpan, storedSnapshotIds} from './snapshot-keys.js'

export const ROLLUP_COLUMNS = ['period', 'target_table', 'target_id', 'entity_id', 'start_at', 'ok', 'warn', 'error', 'latency_count', 'latency_sum', 'latency_histogram', 'maintenance'] as const
const CONFLICT = 'ON CONFLICT (period, target_table, target_id, start_at)'
/** The snapshots column that names each rollup table's targets. */
export const TARGET_COLUMN: Record<RollupTable, 'endpoint_id' | 'registry_id'> = {endpoints: 'endpoint_id', registry_index: 'registry_id'}

export interface StoredRollup {
  period: RollupPeriod
  target_table: RollupTable
  target_id: string
  entity_id: string
  start_at: string
  ok: number | string
  warn: number | string
  error: number | string
  latency_count: number | string
  latency_sum: number | string
  latency_histogram: string
  maintenance: number | string
}

type StoredKey = Pick<StoredRollup, 'period' | 'target_table' | 'target_id' | 'start_at'>

/** How a message names a rollup's period: the hour `2026-11-30T14`, the day or the week's Monday `2026-11-30`. */
export function periodLabel(key: Pick<StoredKey, 'period' | 'start_at'>): string {
  return key.period === 'hour' ? key.start_at.slice(0, 13) : key.start_at.slice(0, 10)
}

/** A stored histogram that does not read (a hand edit): one line naming its row and the fix, not a bug in mon. */
export class UnreadableRollupError extends MonError {
  constructor(readonly key: StoredKey) {
    const when = periodLabel(key)
    super(`rollups: the latency_histogram of ${key.target_id} for the ${key.period} ${when} does not read (not a latency histogram); mon db rollup --rebuild rewrites it`)
  }
}

/** Adds a stored row's histogram into `into`; throws UnreadableRollupError on text that is not one. */
export function addStoredHistogram(into: LatencyHistogram, row: StoredKey & {latency_histogram: string}): LatencyHistogram {
  try {
    return into.addEncoded(row.latency_histogram)
  } catch {
    throw new UnreadableRollupError({period: row.period, target_table: row.target_table, target_id: row.target_id, start_at: row.start_at})
  }
}

export function fromStored(row: StoredRollup): Rollup {
  return {
    period: row.period,
    target_table: row.target_table,
    target_id: row.target_id,
    entity_id: row.entity_id,
    start_at: row.start_at,
    ok: Number(row.ok),
    warn: Number(row.warn),
    error: Number(row.error),
    latency_count: Number(row.latency_count),
    latency_sum: Number(row.latency_sum),
    histogram: addStoredHistogram(new LatencyHistogram(), row),
    maintenance: Number(row.maintenance),
  }
}

/** Writes rollups whole: a new key is inserted, an existing one replaced. */
export async function writeRollups(driver: Driver, rollups: Iterable<Rollup>): Promise<void> {
  const tuple = `(${placeholders(ROLLUP_COLUMNS.length)})`
  const set = ROLLUP_COLUMNS.filter((c) => !['period', 'target_table', 'target_id', 'start_at'].includes(c)).map((c) => `${c} = excluded.${c}`).join(', ')
  for (const chunk of batches([...rollups], rowsPerStatement(ROLLUP_COLUMNS.length))) {
    const params: SqlValue[] = []
    for (const r of chunk) params.push(r.period, r.target_table, r.target_id, r.entity_id, r.start_at, r.ok, r.warn, r.error, r.latency_count, r.latency_sum, r.histogram.encode(), r.maintenance)
    await driver.run(`INSERT INTO rollups (${ROLLUP_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${CONFLICT} DO UPDATE SET ${set}`, params)
  }
}

/**
 * The stored rollups of these keys, locked for this transaction where the
 * engine needs it (driver.forUpdate). Selected per table by target ids and
 * start times (every column of the primary key constrained, so it is a few
 * index probes however large the table), then narrowed to the keys asked for.
 */
async function readForUpdate(driver: Driver, keys: readonly RollupKey[]): Promise<Map<string, Rollup>> {
  const out = new Map<string, Rollup>()
  const wanted = new Set(keys.map(rollupKeyText))
  for (const table of ['endpoints', 'registry_index'] as const) {
    const ofTable = keys.filter((k) => k.target_table === table)
    const starts = [...new Set(ofTable.map((k) => k.start_at))]
    if (starts.length === 0) continue
    for (const ids of batches([...new Set(ofTable.map((k) => k.target_id))])) {
      const rows = await driver.all<StoredRollup>(
        `SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups WHERE period IN ('hour', 'day', 'week') AND target_table = ? AND target_id IN (${placeholders(ids.length)}) AND start_at IN (${placeholders(starts.length)})${driver.forUpdate}`,
        [table, ...ids, ...starts],
      )
      for (const row of rows) {
        const r = readableForUpkeep(row)
        if (wanted.has(rollupKeyText(r))) out.set(rollupKeyText(r), r)
      }
    }
  }
  return out
}

/**
 * A stored rollup for upkeep: one whose histogram does not read (a hand
 * edit) keeps its counts and starts its histogram afresh, so that mon check
 * still records its batch; the row then disagrees with its snapshots, and
 * --verify names it.
 */
function readableForUpkeep(row: StoredRollup): Rollup {
  try {
    return fromStored(row)
  } catch (err) {
    if (!(err instanceof UnreadableRollupError)) throw err
    return fromStored({...row, latency_histogram: '[]'})
  }
}

export interface RollupUpkeepOptions {
  /** The snapshots are inserted skipping ids already stored or repeated (a spool replay): those must not count twice. */
  skipExisting?: boolean
}

/**
 * Adds snapshots about to be inserted, in the caller's transaction, to their
 * targets' hour, day and week rollups: read, merge in JS (histograms), write back.
 * Against a concurrent `mon check` on PostgreSQL (READ COMMITTED), each key's
 * row is first made to exist, then read FOR UPDATE, so the second writer
 * waits and reads the first one's sum instead of overwriting it. With
 * skipExisting, the existence check runs after the lock, so a replay racing
 * the same spool file sees the other's committed snapshots.
 */
export async function addToRollups(driver: Driver, rows: readonly (RollupSource & {id: string})[], options: RollupUpkeepOptions = {}): Promise<void> {
  let deltas = rollupsOf(rows)
  if (deltas.size === 0) return
  const touched = [...deltas.values()]
  // A row must exist to be locked; where the transaction already serialises writers (SQLite), none is needed.
  if (driver.forUpdate !== '') await ensureRows(driver, touched)
  const stored = await readForUpdate(driver, touched)
  if (options.skipExisting) {
    // Neither a stored id nor a second copy of one in these rows is inserted, so neither may count.
    const seen = await storedSnapshotIds(driver, rows)
    const inserted = rows.filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)))
    if (inserted.length < rows.length) deltas = rollupsOf(inserted)
  }
  const merged: Rollup[] = []
  for (const [text, delta] of deltas) merged.push(stored.has(text) ? mergeRollup(stored.get(text)!, delta) : delta)
  await writeRollups(driver, merged)
}

/** Inserts an empty row for each key not stored yet, so that every key has a row to lock. */
async function ensureRows(driver: Driver, keys: readonly Rollup[]): Promise<void> {
  const columns = ['period', 'target_table', 'target_id', 'entity_id', 'start_at']
  const tuple = `(${placeholders(columns.length)}, 0, 0, 0, 0, 0, '[]', 0)`
  for (const chunk of batches(keys, rowsPerStatement(columns.length))) {
    await driver.run(
      `INSERT INTO rollups (${ROLLUP_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${CONFLICT} DO NOTHING`,
      chunk.flatMap((k) => [k.period, k.target_table, k.target_id, k.entity_id, k.start_at]),
    )
  }
}

export interface RollupPruneOptions {
  /** Called after each committed batch with the running total. */
  onBatch?: (deletedSoFar: number) => void | Promise<void>
}

/**
 * Deletes the hourly, daily and weekly rollups whose whole period ended at or before
 * `asked` and by the oldest raw snapshot (rollupCut), a day of rollups at a
 * time, each batch committed on its own (as snapshot pruning does), so that a
 * `mon check` meanwhile still gets to write.
 */
export async function pruneRollupsBefore(driver: Driver, asked: string, options: RollupPruneOptions = {}): Promise<number> {
  const before = await rollupCut(driver, asked)
  let deleted = 0
  for (const period of PERIODS) {
    const length = PERIOD_MS[period]
    const cut = new Date(Date.parse(before) - length + 1).toISOString() // start_at < cut: ended at or before `before`
    for (;;) {
      const oldest = (await driver.all<{start_at: string | null}>('SELECT min(start_at) AS start_at FROM rollups WHERE period = ? AND start_at < ?', [period, cut]))[0]?.start_at
      if (!oldest) break
      const upTo = new Date(Math.min(Date.parse(oldest) + PERIOD_MS.day, Date.parse(cut))).toISOString()
      deleted += await driver.transaction(() => driver.run('DELETE FROM rollups WHERE period = ? AND start_at < ?', [period, upTo]), {lockTimeoutMs: 30_000, exclusive: false})
      await options.onBatch?.(deleted)
    }
  }
  return deleted
}

/**
 * Rollups go only where their raw rows are gone (periods that ended by the
 * oldest stored snapshot): a window read takes whole hours from rollups, so
 * one pruned while its snapshots stay would read fewer checks than --exact.
 */
async function rollupCut(driver: Driver, before: string): Promise<string> {
  const raw = await snapshotSpan(driver)
  return raw.first && raw.first < before ? raw.first : before
}

export async function countRollupsBefore(driver: Driver, asked: string): Promise<number> {
  const before = await rollupCut(driver, asked)
  const cut = (period: RollupPeriod) => [period, new Date(Date.parse(before) - PERIOD_MS[period] + 1).toISOString()]
  const rows = await driver.all<{n: number | string}>(
    `SELECT CAST(count(*) AS INTEGER) AS n FROM rollups WHERE ${PERIODS.map(() => '(period = ? AND start_at < ?)').join(' OR ')}`,
    PERIODS.flatMap(cut),
  )
  return Number(rows[0]?.n ?? 0)
}
