/**
 * The payload rule of migration 0012 in the store (src/stored-payload.ts has
 * the forms): writing a row as a reference (`=`, or `=N` for another Date
 * offset) when its body repeats its target's newest base, reading it back
 * through its base, and carrying a body forward before
 * prune deletes a base that a kept row refers to.
 */
import type {Driver, SqlValue} from './driver.js'
import type {SnapshotRow} from '../rows.js'
import {compactPhases, parsePhases} from '../phases.js'
import {compactPayload, expandPayload, isBase, isBaseSql, isReference, isReferenceSql, referenceTo, referredBody, SAME_AS_BASE} from '../stored-payload.js'
import {batches, placeholders} from './sql.js'
import {detailParts, fillDetail, splitDetail, withDetail} from '../stored-detail.js'

/** A snapshot's target: the column that names it, and its id; null for a row of an entity alone (never deduplicated). */
type TargetColumn = 'endpoint_id' | 'registry_id'
const TARGETS = [
  {column: 'endpoint_id', table: 'endpoints', other: 'registry_id'},
  {column: 'registry_id', table: 'registry_index', other: 'endpoint_id'},
] as const

function targetOf(row: Pick<SnapshotRow, 'endpoint_id' | 'registry_id'>): {column: TargetColumn; id: string} | null {
  // '' is no endpoint: how SQLite's clustered table (migration 0013) stores a NULL endpoint_id.
  const endpoint = row.endpoint_id === '' ? null : row.endpoint_id
  if (endpoint !== null && row.registry_id === null) return {column: 'endpoint_id', id: endpoint}
  if (row.registry_id !== null && endpoint === null) return {column: 'registry_id', id: row.registry_id}
  return null
}

/** The condition that the other target column of a row of `column`'s target is empty. */
function otherIsEmpty(driver: Driver, column: TargetColumn, alias = ''): string {
  return column === 'endpoint_id' ? `${alias}registry_id IS NULL` : driver.noEndpoint(`${alias}endpoint_id`)
}
const keyOf = (t: {column: TargetColumn; id: string}) => `${t.column}\u0000${t.id}`
/** The partial index of the bases (migration 0012, rebuilt by 0013): (endpoint_id, registry_id, observed_at, id) WHERE a body. */
const BASES_INDEX = 'snapshots_payload_bases'

/** The newest base of a target: by the partial index of 0012, (target, other target, observed_at, id) WHERE it is a base (also store/latest-bodies.ts). */
export function newestBaseSql(driver: Driver, column: TargetColumn, outer: string): string {
  return `SELECT s.payload_json FROM snapshots s${driver.indexedBy(BASES_INDEX)} WHERE s.${column} = ${outer} AND ${otherIsEmpty(driver, column, 's.')} AND ${isBaseSql('s.payload_json')}
           ORDER BY s.observed_at DESC, s.id DESC LIMIT 1`
}

/**
 * Per target of the rows, its newest snapshot's time and its newest base.
 * The newest snapshot is most often the base itself (an answer that changed,
 * or a first one); only where it is not is the base looked up by the partial
 * index, which then holds few rows of that target. (PostgreSQL plans the
 * correlated lookup for an average target, and would sort every base of one
 * whose answer changes on every check.)
 */
async function newestOf(driver: Driver, rows: readonly SnapshotRow[]): Promise<Map<string, {observed_at: string | null; base: string | null}>> {
  const newest = new Map<string, {observed_at: string | null; base: string | null}>()
  for (const {column, table} of TARGETS) {
    const ids = [...new Set(rows.flatMap((r) => (targetOf(r)?.column === column ? [r[column]!] : [])))]
    const lookUp: string[] = []
    for (const chunk of batches(ids)) {
      const found = await driver.all<{id: string; observed_at: string | null; payload_json: string | null}>(
        `SELECT t.id, (SELECT s.observed_at FROM snapshots s WHERE s.${column} = t.id ORDER BY s.observed_at DESC LIMIT 1) AS observed_at,
                (SELECT s.payload_json FROM snapshots s WHERE s.${column} = t.id AND ${otherIsEmpty(driver, column, 's.')} ORDER BY s.observed_at DESC, s.id DESC LIMIT 1) AS payload_json
           FROM ${table} t WHERE t.id IN (${placeholders(chunk.length)})`,
        chunk,
      )
      for (const f of found) {
        newest.set(keyOf({column, id: f.id}), {observed_at: f.observed_at, base: isBase(f.payload_json) ? f.payload_json : null})
        if (f.observed_at !== null && !isBase(f.payload_json)) lookUp.push(f.id)
      }
    }
    for (const chunk of batches(lookUp)) {
      const found = await driver.all<{id: string; base: string | null}>(
        `SELECT t.id, (${newestBaseSql(driver, column, 't.id')}) AS base FROM ${table} t WHERE t.id IN (${placeholders(chunk.length)})`,
        chunk,
      )
      for (const f of found) newest.get(keyOf({column, id: f.id}))!.base = f.base
    }
  }
  return newest
}

/**
 * The rows as the store writes them: phases as an array, the payload as a
 * body, or a reference where the body is its target's newest base (but for the Date offset) and the row is newer
 * than every stored snapshot of its target. A row that is not (a spool
 * replayed late, a row of the same millisecond) keeps its whole payload, so it
 * can never come between a `=` and its base. One or two queries per 500
 * targets, inside the caller's transaction, which holds the snapshot writers' lock.
 */
export async function storedForms(driver: Driver, rows: readonly SnapshotRow[]): Promise<StoredSnapshotRow[]> {
  const newest = await newestOf(driver, rows)
  return rows.map((row) => {
    const phases_ms_json = compactPhases(row.phases_ms_json)
    const compact = compactPayload(row.payload_json, {latency_ms: row.latency_ms, phases_ms_json, observed_at: row.observed_at})
    const target = targetOf(row)
    if (target === null || !isBase(compact)) return {...row, phases_ms_json, payload_json: compact}
    const key = keyOf(target)
    const seen = newest.get(key) ?? {observed_at: null, base: null}
    if (seen.observed_at !== null && row.observed_at <= seen.observed_at) return {...row, phases_ms_json}
    // The detail in the body, as parts around the latency (stored-detail.ts), where they give it back: the column is then NULL.
    const parts = detailParts(row.detail, row.latency_ms)
    const withParts = parts === null ? null : withDetail(compact, parts)
    const body = withParts ?? compact
    const reference = referenceTo(body, seen.base)
    // A reference leaves the base as it is: the next row compares with it, not with this row's offset.
    newest.set(key, {observed_at: row.observed_at, base: reference === null ? body : seen.base})
    return {...row, phases_ms_json, detail: withParts === null ? row.detail : null, payload_json: reference ?? body}
  })
}

/** A row as stored: its detail NULL where its body keeps it (stored-detail.ts). */
export type StoredSnapshotRow = Omit<SnapshotRow, 'detail'> & {detail: string | null}

/** PostgreSQL may hand a number back as text: latency_ms is taken as a number. */
type StoredRow = Pick<SnapshotRow, 'id' | 'endpoint_id' | 'registry_id' | 'observed_at' | 'phases_ms_json'> & {latency_ms: number | string | null; payload_json?: string | null; detail?: string | null}

/** The base a reference row reads: the nearest base before it of its target. */
async function baseBefore(driver: Driver, row: StoredRow): Promise<string | null> {
  const target = targetOf(row)
  if (target === null) return null
  const found = await driver.all<{payload_json: string}>(
    `SELECT payload_json FROM snapshots${driver.indexedBy(BASES_INDEX)} WHERE ${target.column} = ? AND ${otherIsEmpty(driver, target.column)} AND ${isBaseSql()}
        AND (observed_at, id) < (?, ?) ORDER BY observed_at DESC, id DESC LIMIT 1`,
    [target.id, row.observed_at, row.id],
  )
  return found[0]?.payload_json ?? null
}

/**
 * Each row's payload as judged (rows with payload_json read). A page of
 * history is walked oldest first, so a reference whose base is on the page reads it
 * from there: at most one query per target per page.
 */
export async function expandPayloads<T extends StoredRow>(driver: Driver, rows: readonly T[]): Promise<T[]> {
  const order = rows.map((_, i) => i).sort((a, b) => compareRows(rows[a]!, rows[b]!))
  const bases = new Map<string, string | null>()
  const out = [...rows]
  for (const i of order) {
    const row = rows[i]!
    if (row.payload_json === undefined) continue
    const target = targetOf(row)
    const key = target === null ? null : keyOf(target)
    if (key !== null && isBase(row.payload_json)) bases.set(key, row.payload_json)
    let base: string | null | undefined
    if (isReference(row.payload_json)) {
      base = key === null ? null : bases.get(key)
      if (base === undefined) bases.set(key!, (base = await baseBefore(driver, row)))
    }
    const timings = {latency_ms: row.latency_ms === null ? null : Number(row.latency_ms), phases_ms_json: row.phases_ms_json, observed_at: row.observed_at}
    out[i] = {...row, ...expandRow(row.payload_json, row.detail ?? null, timings, base)}
  }
  return out
}

/** A row's payload as judged and its detail, from its stored payload and (for a reference) its base's. */
function expandRow(stored: string | null, detail: string | null, timings: Parameters<typeof expandPayload>[1], base: string | null | undefined): {payload_json: string | null; detail: string | null} {
  const source = isBase(stored) ? stored : isReference(stored) ? referredBody(stored, base) : null
  if (source === null) return {payload_json: expandPayload(stored, timings, base), detail}
  const split = splitDetail(source)
  return {payload_json: expandPayload(split.body, timings), detail: detail === null && split.parts !== null ? fillDetail(split.parts, timings.latency_ms) : detail}
}

/**
 * The details of targets' newest rows (readLatest), where a row keeps its
 * detail in its body (stored-detail.ts): a reference row's base is its target's
 * newest base, found for up to 500 targets a statement.
 */
export async function latestDetails<T extends {target: string; detail: string | null; payload_json: string | null; latency_ms: number | string | null}>(
  driver: Driver,
  column: TargetColumn,
  table: 'endpoints' | 'registry_index',
  rows: readonly T[],
): Promise<T[]> {
  const bases = new Map<string, string | null>()
  const wanted = rows.filter((r) => r.detail === null && isReference(r.payload_json)).map((r) => r.target)
  for (const chunk of batches(wanted)) {
    const found = await driver.all<{id: string; base: string | null}>(
      `SELECT t.id, (${newestBaseSql(driver, column, 't.id')}) AS base FROM ${table} t WHERE t.id IN (${placeholders(chunk.length)})`,
      chunk,
    )
    for (const f of found) bases.set(f.id, f.base)
  }
  return rows.map((r) => {
    if (r.detail !== null) return r
    const source = isBase(r.payload_json) ? r.payload_json : isReference(r.payload_json) ? referredBody(r.payload_json, bases.get(r.target)) : null
    const parts = source === null ? null : splitDetail(source).parts
    return parts === null ? r : {...r, detail: fillDetail(parts, r.latency_ms === null ? null : Number(r.latency_ms))}
  })
}

function compareRows(a: StoredRow, b: StoredRow): number {
  return a.observed_at === b.observed_at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.observed_at < b.observed_at ? -1 : 1
}

/** Which rows a prune batch deletes: a target's (a condition on snapshots) observed before `at`, and with `lastId` also those of `at` up to that id. */
export interface PruneBoundary {
  target: {sql: string; params: SqlValue[]}
  at: string
  lastId?: string
}

/**
 * Before a prune batch deletes its rows, in the same transaction (under the
 * write lock, so no check can write a reference in between): for each
 * target, the newest base among the rows that go is copied into the first
 * kept reference that reads it, which becomes a base itself (with its own
 * Date offset). Where that row was a `=N`, the bare `=` rows after it still
 * mean the old base's offset, so the first of them (if any, before the next
 * base) is given the old base's body exactly: the `=N` rows between read the
 * first with their own offsets. At most two rows a target. Only targets with a
 * base in the batch are looked at, and the first query reads only the batch's
 * rows (older ones are gone). A target with no kept row needs nothing: its
 * next check finds no base and stores a body. Returns the rows given a body.
 */
export async function carryBasesForward(driver: Driver, boundary: PruneBoundary): Promise<number> {
  const goes = boundary.lastId === undefined ? 'observed_at < ?' : 'observed_at <= ? AND (observed_at < ? OR id <= ?)'
  const stays = boundary.lastId === undefined ? 'observed_at >= ?' : '(observed_at > ? OR (observed_at = ? AND id > ?))'
  const at = boundary.lastId === undefined ? [boundary.at] : [boundary.at, boundary.at, boundary.lastId]
  const bases = await driver.all<{endpoint_id: string | null; registry_id: string | null; observed_at: string; id: string; payload_json: string}>(
    `SELECT endpoint_id, registry_id, observed_at, id, payload_json FROM snapshots WHERE ${boundary.target.sql} AND ${goes} AND ${isBaseSql()}`,
    [...boundary.target.params, ...at],
  )
  const newest = new Map<string, {column: TargetColumn; id: string; payload_json: string; observed_at: string; row: string}>()
  for (const base of bases) {
    const target = targetOf(base)
    if (target === null) continue
    const key = keyOf(target)
    const seen = newest.get(key)
    if (!seen || base.observed_at > seen.observed_at || (base.observed_at === seen.observed_at && base.id > seen.row)) {
      newest.set(key, {...target, payload_json: base.payload_json, observed_at: base.observed_at, row: base.id})
    }
  }
  let carried = 0
  for (const base of newest.values()) {
    const mine = `${base.column} = ? AND ${otherIsEmpty(driver, base.column)}`
    const kept = await driver.all<{observed_at: string; id: string}>(`SELECT observed_at, id FROM snapshots${driver.indexedBy(BASES_INDEX)} WHERE ${mine} AND ${stays} AND ${isBaseSql()} ORDER BY observed_at, id LIMIT 1`, [base.id, ...at])
    const untilKept = kept[0] ? ' AND (observed_at, id) < (?, ?)' : ''
    const until = kept[0] ? [kept[0].observed_at, kept[0].id] : []
    const first = await driver.all<{observed_at: string; id: string; payload_json: string}>(
      `SELECT observed_at, id, payload_json FROM snapshots WHERE ${mine} AND ${stays}${untilKept} AND ${isReferenceSql()} ORDER BY observed_at, id LIMIT 1`,
      [base.id, ...at, ...until],
    )
    if (!first[0]) continue
    // By its whole key: SQLite's clustered table (0013) has no index on id alone.
    const setBody = (row: {observed_at: string; id: string}, body: string) =>
      driver.run(`UPDATE snapshots SET payload_json = ? WHERE ${mine} AND observed_at = ? AND id = ?`, [body, base.id, row.observed_at, row.id])
    carried += await setBody(first[0], referredBody(first[0].payload_json, base.payload_json) ?? base.payload_json)
    if (first[0].payload_json === SAME_AS_BASE) continue
    const bare = await driver.all<{observed_at: string; id: string}>(
      `SELECT observed_at, id FROM snapshots WHERE ${mine} AND (observed_at, id) > (?, ?)${untilKept} AND payload_json = ? ORDER BY observed_at, id LIMIT 1`,
      [base.id, first[0].observed_at, first[0].id, ...until, SAME_AS_BASE],
    )
    if (bare[0]) carried += await setBody(bare[0], base.payload_json)
  }
  return carried
}

/**
 * Every stored form back to what 0009 stored (the down of migration 0012):
 * whole payloads and phases by name. Walks the rows in (observed_at, id) order,
 * 5,000 at a time, keeping each target's newest base; returns the rows rewritten.
 */
export async function expandStoredForms(driver: Driver): Promise<number> {
  const bases = new Map<string, string>()
  let after = {observed_at: '', id: ''}
  let rewritten = 0
  for (;;) {
    const rows = await driver.all<StoredRow & {payload_json: string | null}>(
      `SELECT id, endpoint_id, registry_id, observed_at, latency_ms, phases_ms_json, payload_json FROM snapshots
        WHERE (observed_at, id) > (?, ?)
          AND (${isReferenceSql()} OR ${isBaseSql()} OR substr(phases_ms_json, 1, 1) = '[')
        ORDER BY observed_at, id LIMIT 5000`,
      [after.observed_at, after.id],
    )
    if (rows.length === 0) return rewritten
    for (const row of rows) {
      const target = targetOf(row)
      const key = target === null ? null : keyOf(target)
      if (key !== null && isBase(row.payload_json)) bases.set(key, row.payload_json)
      const phases = parsePhases(row.phases_ms_json)
      const timings = {latency_ms: row.latency_ms === null ? null : Number(row.latency_ms), phases_ms_json: row.phases_ms_json, observed_at: row.observed_at}
      const payload = expandPayload(row.payload_json, timings, key === null ? null : bases.get(key))
      rewritten += await driver.run('UPDATE snapshots SET payload_json = ?, phases_ms_json = ? WHERE id = ?', [payload, phases === null ? row.phases_ms_json : JSON.stringify(phases), row.id])
    }
    after = rows[rows.length - 1]!
  }
}
