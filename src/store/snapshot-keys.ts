/**
 * Reads of snapshots across targets on the clustered layout of migration
 * 0013: SQLite keeps no index by time alone, so "every snapshot before T" or
 * "the oldest snapshot" is asked per endpoint_id value, each an index seek or
 * range (the table's key on SQLite, the covering index on PostgreSQL). The
 * values are found in the table itself, one seek each, so a snapshot whose
 * endpoint row is gone is not missed.
 */
import type {Driver, SqlValue} from './driver.js'
import {batches, placeholders} from './sql.js'
import {snapshotId} from './snapshot-ids.js'

/** A set of stored targets as a condition on snapshots: some endpoint_id values, or the rows of no endpoint. */
export interface SnapshotGroup {
  sql: string
  params: SqlValue[]
}

/** Keys per group: an IN list of this many stays one index range per key. */
const KEYS_PER_GROUP = 500

/** The endpoint_id values stored in snapshots, ascending (the rows of no endpoint left out): one seek per value. */
export async function storedEndpointIds(driver: Driver): Promise<string[]> {
  const ids: string[] = []
  for (let after = ''; ; ) {
    const [next] = await driver.all<{id: string | null}>('SELECT min(endpoint_id) AS id FROM snapshots WHERE endpoint_id > ?', [after])
    if (!next || next.id === null) return ids
    ids.push((after = next.id))
  }
}

/** Every snapshot, as groups: the rows of no endpoint (registry entries, entities), then the endpoints', up to 500 a group. */
export async function snapshotGroups(driver: Driver, column = 'endpoint_id'): Promise<SnapshotGroup[]> {
  const groups: SnapshotGroup[] = [{sql: driver.noEndpoint(column), params: []}]
  for (const chunk of batches(await storedEndpointIds(driver), KEYS_PER_GROUP)) groups.push({sql: `${column} IN (${placeholders(chunk.length)})`, params: [...chunk]})
  return groups
}

/** Every snapshot, a group per stored target: the rows of no endpoint, then each endpoint_id value alone (a range of the key each). */
export async function targetGroups(driver: Driver): Promise<SnapshotGroup[]> {
  return [{sql: driver.noEndpoint('endpoint_id'), params: []}, ...(await storedEndpointIds(driver)).map((id) => ({sql: 'endpoint_id = ?', params: [id]}))]
}

/** The first and last observed_at of all snapshots (nulls when there are none): two seeks per stored endpoint_id value. */
export async function snapshotSpan(driver: Driver): Promise<{first: string | null; last: string | null}> {
  const span: {first: string | null; last: string | null} = {first: null, last: null}
  for (const group of await targetGroups(driver)) {
    // Two subqueries: one min() or max() alone is a seek, both in one SELECT a scan of the target.
    const [row] = await driver.all<{first: string | null; last: string | null}>(
      `SELECT (SELECT min(observed_at) FROM snapshots WHERE ${group.sql}) AS first, (SELECT max(observed_at) FROM snapshots WHERE ${group.sql}) AS last`,
      [...group.params, ...group.params],
    )
    if (row?.first && (span.first === null || row.first < span.first)) span.first = row.first
    if (row?.last && (span.last === null || row.last > span.last)) span.last = row.last
  }
  return span
}

/** Rows of every target observed in [from, to): per group, a range of each key. */
export async function snapshotsBetween<T>(driver: Driver, columns: string, from: string, to: string): Promise<T[]> {
  const rows: T[] = []
  for (const group of await snapshotGroups(driver)) {
    rows.push(...(await driver.all<T>(`SELECT ${columns} FROM snapshots WHERE ${group.sql} AND observed_at >= ? AND observed_at < ?`, [...group.params, from, to])))
  }
  return rows
}

/**
 * The ids among these rows that are already stored (a spool replayed again):
 * per target, a range of its key over the rows' times. SQLite's clustered
 * table has no index on id alone.
 */
export async function storedSnapshotIds(
  driver: Driver,
  rows: ReadonlyArray<{id: string; endpoint_id: string | null; registry_id: string | null; observed_at: string}>,
): Promise<Set<string>> {
  const spans = new Map<string, {sql: string; params: SqlValue[]; from: string; to: string}>()
  for (const row of rows) {
    const endpoint = row.endpoint_id === '' ? null : row.endpoint_id
    const key = endpoint !== null ? `e\u0000${endpoint}` : row.registry_id !== null ? `r\u0000${row.registry_id}` : ''
    const target =
      endpoint !== null ? {sql: 'endpoint_id = ?', params: [endpoint]} : row.registry_id !== null ? {sql: `registry_id = ? AND ${driver.noEndpoint('endpoint_id')}`, params: [row.registry_id]} : {sql: driver.noEndpoint('endpoint_id'), params: []}
    const span = spans.get(key) ?? {...target, from: row.observed_at, to: row.observed_at}
    if (row.observed_at < span.from) span.from = row.observed_at
    if (row.observed_at > span.to) span.to = row.observed_at
    spans.set(key, span)
  }
  const wanted = new Set(rows.map((r) => r.id))
  const found = new Set<string>()
  for (const span of spans.values()) {
    const stored = await driver.all<{id: string; observed_at: string}>(`SELECT id, observed_at FROM snapshots WHERE ${span.sql} AND observed_at >= ? AND observed_at <= ?`, [...span.params, span.from, span.to])
    // As mon shows them: a row stored whole before 0013 is the same snapshot as its replay stored without its time part.
    for (const row of stored) if (wanted.has(snapshotId(row.id, row.observed_at))) found.add(snapshotId(row.id, row.observed_at))
  }
  return found
}
