/**
 * The reads behind status, history, report and show (prune's delete is
 * store/prune.ts). Portable SQL over the Driver; the window reads take the
 * latency_ms column, never payload_json (latest reads it for the detail a
 * body may keep, stored-detail.ts), and each query walks a target's
 * (target, observed_at) range: SQLite's clustered key (migration 0013) or
 * PostgreSQL's indexes.
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
import {expandPayloads, latestDetails} from './payload-bases.js'
import {uuidv7Time} from '../time.js'
import {snapshotId, storedSnapshotId} from './snapshot-ids.js'

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
      const stored = await driver.all<ObservationRow & {target: string; payload_json: string | null}>(
        // The newest row's key, then the row by its key: on SQLite's clustered table (0013) there is no index on id alone.
        `SELECT l.target, s.status, s.detail, s.observed_at, s.latency_ms, s.phases_ms_json, s.payload_json
           FROM (SELECT t.id AS target,
                        (SELECT x.observed_at FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC LIMIT 1) AS latest_at,
                        (SELECT x.id FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC, x.id DESC LIMIT 1) AS latest_id
                   FROM ${table} t WHERE t.id IN (${placeholders(batch.length)})) l
           JOIN snapshots s ON s.${column} = l.target AND s.observed_at = l.latest_at AND s.id = l.latest_id`,
        batch,
      )
      // A detail kept in the payload body (0013) is read back from it.
      const rows = await latestDetails(driver, column, table, stored)
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

/** endpoint_id is '' for no endpoint in SQLite's clustered table (migration 0013): read as NULL. */
const HISTORY_COLUMNS = "id, entity_id, NULLIF(endpoint_id, '') AS endpoint_id, registry_id, status, detail, latency_ms, phases_ms_json, observed_at, maintenance"

type HistoryRow = Omit<HistorySnapshot, 'latency_ms' | 'phases_ms'> & {latency_ms: number | string | null; phases_ms_json: string | null; payload_json?: string | null}

/** After expandPayloads, which compares rows by their stored ids. */
function historySnapshot({phases_ms_json, ...row}: HistoryRow): HistorySnapshot {
  return {...row, id: snapshotId(row.id, row.observed_at), latency_ms: numberOrNull(row.latency_ms), phases_ms: parsePhases(phases_ms_json)}
}

/** PostgreSQL's pg returns DOUBLE PRECISION as a number, but a NUMERIC-typed expression as text. */
function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value)
}

/**
 * Newest first; snapshots of the same millisecond in UUIDv7 order. payload_json is returned only when asked for.
 * An entity's history is read per target (its endpoints and registry entries, retired ones included, and
 * rows of the entity alone), each a backward range of its (target, observed_at) key, merged here.
 */
export async function readHistory(
  driver: Driver,
  target: HistoryTarget,
  options: {since: string; limit: number; payload?: boolean},
): Promise<HistorySnapshot[]> {
  const read = (where: string, params: SqlValue[]) =>
    driver.all<HistoryRow>(
      `SELECT ${HISTORY_COLUMNS}, payload_json
         FROM snapshots WHERE ${where} AND observed_at >= ?
        ORDER BY observed_at DESC, id DESC LIMIT ?`,
      [...params, options.since, options.limit],
    )
  let rows: HistoryRow[]
  if (target.table !== 'entities') rows = await read(`${SNAPSHOT_COLUMN[target.table]} = ?`, [target.id])
  else {
    const mine = (table: string) => driver.all<{id: string}>(`SELECT id FROM ${table} WHERE entity_id = ? ORDER BY id`, [target.id])
    const parts = [await read(`${driver.noEndpoint('endpoint_id')} AND registry_id IS NULL AND entity_id = ?`, [target.id])]
    for (const e of await mine('endpoints')) parts.push(await read('endpoint_id = ? AND entity_id = ?', [e.id, target.id]))
    for (const r of await mine('registry_index')) parts.push(await read(`registry_id = ? AND ${driver.noEndpoint('endpoint_id')} AND entity_id = ?`, [r.id, target.id]))
    rows = parts.flat().sort((a, b) => (a.observed_at === b.observed_at ? (a.id < b.id ? 1 : -1) : a.observed_at < b.observed_at ? 1 : -1)).slice(0, options.limit)
  }
  // Always expanded: a detail may be kept in the payload body (0013).
  const expanded = await expandPayloads(driver, rows)
  return (options.payload ? expanded : expanded.map(({payload_json: _, ...row}) => row)).map(historySnapshot)
}

/**
 * One snapshot by its ID, with its stored payload, or null. A UUIDv7 (every id
 * mon writes, made from its observed_at) is looked up by its time: one seek
 * per endpoint and one among the rows of no endpoint on SQLite's clustered
 * table, which has no index on id alone; any other id, and a UUIDv7 not
 * found there, by a scan.
 */
export async function readSnapshot(driver: Driver, id: string): Promise<HistorySnapshot | null> {
  const at = uuidv7Time(id)
  const columns = `${HISTORY_COLUMNS}, payload_json`
  const scan = () => driver.all<HistoryRow>(`SELECT ${columns} FROM snapshots WHERE id = ?`, [id])
  let rows = at === null
    ? await scan()
    : await driver.all<HistoryRow>(
        // Stored without its time part (snapshot-ids.ts), or whole (a row from before 0013).
        `SELECT ${columns} FROM snapshots WHERE endpoint_id IN (SELECT id FROM endpoints) AND observed_at = ? AND id IN (?, ?)
         UNION ALL SELECT ${columns} FROM snapshots WHERE ${driver.noEndpoint('endpoint_id')} AND observed_at = ? AND id IN (?, ?)`,
        [at, storedSnapshotId(id, at), id, at, storedSnapshotId(id, at), id],
      )
  // Not found by its time: a hand-made UUIDv7 whose time is not its row's observed_at, or a snapshot whose endpoint row was deleted. Rare: a scan.
  if (rows.length === 0 && at !== null) rows = await scan()
  return rows[0] ? historySnapshot((await expandPayloads(driver, rows))[0]!) : null
}
