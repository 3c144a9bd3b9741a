/**
 * The reads (and the one delete) behind status, history, report and prune.
 * Portable SQL over the Driver; the hot paths read the latency_ms column,
 * never payload_json, and each query walks one of the snapshot time indexes
 * of migrations 0006 and 0007.
 */
import type {HistorySnapshot, HourFigures, InventoryEntity, Observation, WindowFigures} from '../rows.js'
import type {Status} from '../status.js'
import type {Driver, SqlValue} from './driver.js'
import {batches, placeholders} from './sql.js'
import {SNAPSHOT_COLUMN} from '../rows.js'
import {parsePhases} from '../phases.js'
import {parseCheckJson} from '../config/fields.js'
import {BUILTIN_CHECK, registryIntervalMs} from '../config/model.js'
import {sloSettings} from '../config/slo.js'
import {readHourFigures, readWindowFigures} from './window-figures.js'
import {carryBasesForward, expandPayloads, type PruneBoundary} from './payload-bases.js'

/**
 * The entities, endpoints and registry entries that are not retired, ordered
 * by id, with each target's interval, activation and SLO (unmanaged rows:
 * the default interval, no SLO). A stored SLO that does not read counts as
 * none, and is told to `onUnreadableSlo` ("entity ID" or "endpoint ID").
 */
export async function readActiveInventory(driver: Driver, onUnreadableSlo: (owner: string) => void = () => {}): Promise<InventoryEntity[]> {
  const entities = await driver.all<{id: string; type: string; label: string; owner: string; slo_json: string | null}>(
    'SELECT id, type, label, owner, slo_json FROM entities WHERE retired_at IS NULL ORDER BY id',
  )
  const endpoints = await driver.all<{id: string; entity_id: string; kind: string; check_json: string | null; slo_json: string | null; activated_at: string | null}>(
    'SELECT id, entity_id, kind, check_json, slo_json, activated_at FROM endpoints WHERE retired_at IS NULL ORDER BY id',
  )
  const registry = await driver.all<{id: string; entity_id: string; interval: string | null; activated_at: string | null}>(
    'SELECT r.id, r.entity_id, r.interval, r.activated_at FROM registry_index r WHERE r.retired_at IS NULL ORDER BY r.id',
  )
  const byId = new Map<string, InventoryEntity>()
  const slo = (stored: string | null, owner: string) => {
    const settings = sloSettings(stored)
    if (settings === null && stored !== null) onUnreadableSlo(owner)
    return settings
  }
  for (const {slo_json, ...e} of entities) byId.set(e.id, {...e, slo: slo(slo_json, `entity ${e.id}`), endpoints: [], registry: []})
  for (const e of endpoints) {
    const interval_ms = parseCheckJson(e.check_json)?.interval ?? BUILTIN_CHECK.interval
    byId.get(e.entity_id)?.endpoints.push({id: e.id, kind: e.kind, interval_ms, activated_at: e.activated_at, slo: slo(e.slo_json, `endpoint ${e.id}`)})
  }
  for (const r of registry) byId.get(r.entity_id)?.registry.push({id: r.id, interval_ms: registryIntervalMs(r.interval), activated_at: r.activated_at})
  return [...byId.values()]
}

interface ObservationRow {
  status: Status
  detail: string | null
  observed_at: string
  latency_ms: number | string | null
  phases_ms_json: string | null
}

/** Targets per statement of readLatest: each is one index seek; this keeps each statement's plan and parameter list small. */
const LATEST_PER_STATEMENT = 500

/**
 * The newest snapshot of each endpoint and registry entry, per table (ids are
 * unique per table only): per batch of targets one statement, in which each
 * target's newest snapshot is one backward seek of its (target, observed_at)
 * index. A statement per target cost PostgreSQL a round trip each (1,000
 * targets: about 400 ms of the status command).
 */
export async function readLatest(
  driver: Driver,
  ids: {endpoints: readonly string[]; registry: readonly string[]},
): Promise<{endpoints: Map<string, Observation>; registry: Map<string, Observation>}> {
  const latest = {endpoints: new Map<string, Observation>(), registry: new Map<string, Observation>()}
  const tables = [
    {ids: ids.endpoints, table: 'endpoints', column: 'endpoint_id', into: latest.endpoints},
    {ids: ids.registry, table: 'registry_index', column: 'registry_id', into: latest.registry},
  ] as const
  for (const {ids: targets, table, column, into} of tables) {
    for (const batch of batches(targets, LATEST_PER_STATEMENT)) {
      const rows = await driver.all<ObservationRow & {target: string}>(
        `SELECT l.target, s.status, s.detail, s.observed_at, s.latency_ms, s.phases_ms_json
           FROM (SELECT t.id AS target, (SELECT x.id FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC LIMIT 1) AS latest_id
                   FROM ${table} t WHERE t.id IN (${placeholders(batch.length)})) l
           JOIN snapshots s ON s.id = l.latest_id`,
        batch,
      )
      for (const row of rows) {
        into.set(row.target, {status: row.status, detail: row.detail, observed_at: row.observed_at, latency_ms: numberOrNull(row.latency_ms), phases_ms: parsePhases(row.phases_ms_json)})
      }
    }
  }
  return latest
}

/**
 * Counts by status and the latencies of each endpoint's snapshots since
 * `since`, from raw rows only: one range scan per endpoint of the covering
 * index (endpoint_id, observed_at, status, latency_ms) of migration 0007
 * (see bench/status.md). The rollup-backed read is readWindowFigures.
 */
export async function readWindows(driver: Driver, endpointIds: readonly string[], since: string): Promise<Map<string, WindowFigures>> {
  return (await readWindowFigures(driver, {endpoints: endpointIds, registry: []}, {since, until: since, exact: true})).endpoints
}

/**
 * Per endpoint, its snapshots since `since` added up per UTC hour (`2026-11-26T10`):
 * with `until` (now), whole hours from the hourly rollups and the edges from raw rows.
 */
export async function readHourly(
  driver: Driver,
  endpointIds: readonly string[],
  since: string,
  until?: string,
): Promise<Map<string, Map<string, HourFigures>>> {
  return readHourFigures(driver, endpointIds, since, until)
}

// ---- history -------------------------------------------------------------------

export type HistoryTarget = {table: 'entities' | 'endpoints' | 'registry_index'; id: string}

/** Which table an ID names, retired rows included; an entity wins over an endpoint of the same ID. */
export async function findHistoryTarget(driver: Driver, id: string): Promise<HistoryTarget | null> {
  for (const table of ['entities', 'endpoints', 'registry_index'] as const) {
    const rows = await driver.all(`SELECT id FROM ${table} WHERE id = ?`, [id])
    if (rows.length > 0) return {table, id}
  }
  return null
}


/** Every entity, endpoint and registry entry ID, retired ones included: what a mistyped ID is compared with. */
export async function readAllIds(driver: Driver): Promise<string[]> {
  const ids: string[] = []
  for (const table of ['entities', 'endpoints', 'registry_index'] as const) {
    for (const row of await driver.all<{id: string}>(`SELECT id FROM ${table}`)) ids.push(row.id)
  }
  return ids
}

const HISTORY_COLUMNS = 'id, entity_id, endpoint_id, registry_id, status, detail, latency_ms, phases_ms_json, observed_at'

type HistoryRow = Omit<HistorySnapshot, 'latency_ms' | 'phases_ms'> & {latency_ms: number | string | null; phases_ms_json: string | null; payload_json?: string | null}

function historySnapshot({phases_ms_json, ...row}: HistoryRow): HistorySnapshot {
  return {...row, latency_ms: numberOrNull(row.latency_ms), phases_ms: parsePhases(phases_ms_json)}
}

/** PostgreSQL's pg returns DOUBLE PRECISION as a number, but a NUMERIC-typed expression as text. */
function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value)
}

/** Newest first; snapshots of the same millisecond in UUIDv7 order. payload_json is read only when asked for. */
export async function readHistory(
  driver: Driver,
  target: HistoryTarget,
  options: {since: string; limit: number; payload?: boolean},
): Promise<HistorySnapshot[]> {
  const column = SNAPSHOT_COLUMN[target.table]
  const rows = await driver.all<HistoryRow>(
    `SELECT ${HISTORY_COLUMNS}${options.payload ? ', payload_json' : ''}
       FROM snapshots WHERE ${column} = ? AND observed_at >= ?
      ORDER BY observed_at DESC, id DESC LIMIT ?`,
    [target.id, options.since, options.limit],
  )
  return (options.payload ? await expandPayloads(driver, rows) : rows).map(historySnapshot)
}

/** One snapshot by its ID, with its stored payload, or null. */
export async function readSnapshot(driver: Driver, id: string): Promise<HistorySnapshot | null> {
  const rows = await driver.all<HistoryRow>(`SELECT ${HISTORY_COLUMNS}, payload_json FROM snapshots WHERE id = ?`, [id])
  return rows[0] ? historySnapshot((await expandPayloads(driver, rows))[0]!) : null
}

// ---- prune ---------------------------------------------------------------------

export async function countSnapshotsBefore(driver: Driver, before: string): Promise<number> {
  const rows = await driver.all<{n: number | string}>('SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE observed_at < ?', [before])
  return Number(rows[0]?.n ?? 0)
}

/** The first batch; later ones are sized by how long the last one held the write lock. */
export const PRUNE_BATCH_SIZE = 5000
/** A batch aims at this much time under the write lock, well under the 1 s it must never reach. */
export const PRUNE_BATCH_TARGET_MS = 400
const PRUNE_BATCH_MAX = 1_000_000

export interface PruneOptions {
  /** The first batch's size; a fixed size when `adaptive` is false. */
  batchSize?: number
  /** Size each batch from the time the last one took (default true). */
  adaptive?: boolean
  /** Called after each committed batch with the running total. */
  onBatch?: (deletedSoFar: number) => void | Promise<void>
}

export interface PruneResult {
  deleted: number
  batches: number
  /** The longest a batch held the write lock (its transaction, commit included), in ms. */
  longest_batch_ms: number
  /** `=` snapshots given their base's body because the base was deleted. */
  carried: number
}

/**
 * Deletes the snapshots observed before `before`, in batches each committed
 * on its own: the write lock is held for one short batch at a time, so a
 * `mon check` running meanwhile still gets to write. A batch is the oldest
 * rows up to a time boundary (the N-th oldest observed_at), deleted by a range
 * of the observed_at index, as a single raw DELETE would; N grows while a
 * batch takes well under PRUNE_BATCH_TARGET_MS and shrinks above it. Each
 * batch first carries forward, in its own transaction, the payload bases it deletes that kept rows read (payload-bases.ts). Only snapshots:
 * entities, endpoints and registry rows are never touched.
 */
export async function pruneSnapshotsBefore(driver: Driver, before: string, options: PruneOptions = {}): Promise<PruneResult> {
  const locked = {lockTimeoutMs: 30_000, exclusive: false, snapshotWriters: true}
  let size = options.batchSize ?? PRUNE_BATCH_SIZE
  const result: PruneResult = {deleted: 0, batches: 0, longest_batch_ms: 0, carried: 0}
  /** Carries the bases a batch deletes forward (same transaction), then deletes it. */
  const deleteBatch = async (boundary: PruneBoundary, sql: string, params: SqlValue[]): Promise<number> => {
    result.carried += await carryBasesForward(driver, boundary)
    return driver.run(sql, params)
  }
  return driver.deferCheckpoints(async () => {
    for (;;) {
      const started = performance.now()
      const {n, last} = await driver.transaction(async () => {
        const edge = await driver.all<{observed_at: string}>('SELECT observed_at FROM snapshots WHERE observed_at < ? ORDER BY observed_at LIMIT 1 OFFSET ?', [before, size])
        if (edge[0] === undefined) return {n: await deleteBatch({at: before}, 'DELETE FROM snapshots WHERE observed_at < ?', [before]), last: true}
        const at = edge[0].observed_at
        const deleted = await deleteBatch({at}, 'DELETE FROM snapshots WHERE observed_at < ?', [at])
        if (deleted > 0) return {n: deleted, last: false}
        // Rows of the edge's millisecond waited for this batch; when they are the whole batch, they go by id, a batch at a time.
        const ties = await driver.all<{id: string}>('SELECT id FROM snapshots WHERE observed_at = ? ORDER BY id LIMIT ?', [at, size])
        const lastId = ties.at(-1)!.id
        return {n: await deleteBatch({at, lastId}, 'DELETE FROM snapshots WHERE observed_at = ? AND id <= ?', [at, lastId]), last: false}
      }, locked)
      const ms = performance.now() - started
      result.batches++
      result.longest_batch_ms = Math.max(result.longest_batch_ms, ms)
      result.deleted += n
      if (n > 0) await options.onBatch?.(result.deleted)
      if (last) return result
      if (driver.handOverMs > 0) await new Promise((resolve) => setTimeout(resolve, driver.handOverMs))
      // At most twice as big as the last batch, so one step can never overshoot the target by more than its own noise.
      if (options.adaptive !== false) size = Math.min(PRUNE_BATCH_MAX, Math.max(100, Math.round(size * Math.min(2, Math.max(0.25, PRUNE_BATCH_TARGET_MS / Math.max(ms, 1))))))
    }
  })
}
