import type {EndpointTarget, RegistryTarget} from '../check/target.js'
import {BUILTIN_CHECK, type CheckSettings, ENDPOINT_KINDS, type EndpointKind, type HttpMethod, type RegistryFormat} from '../config/model.js'
import type {Driver, SqlValue} from './driver.js'
import type {EndpointRow, RegistryRow, SnapshotRow} from './rows.js'

/** What `check` may narrow by: the owning entity's type and owner. */
export interface TargetEntity {
  type: string
  owner: string
}

export interface ActiveTargets {
  endpoints: Array<EndpointTarget & {entity: TargetEntity}>
  registry: Array<RegistryTarget & {entity: TargetEntity}>
}

/** A row joined with its entity's type and owner, the fields `check` narrows by. */
type EndpointJoin = Pick<EndpointRow, 'id' | 'entity_id' | 'kind' | 'url' | 'method' | 'check_json'> & TargetEntity
type RegistryJoin = Pick<RegistryRow, 'id' | 'entity_id' | 'registry_path' | 'authority' | 'format'> & TargetEntity

/**
 * The applied state that `check` probes: active endpoints and registry
 * entries of active entities. A retired row, or any row of a retired entity,
 * is never checked.
 */
export async function readTargets(driver: Driver): Promise<ActiveTargets> {
  const endpointRows = await driver.all<EndpointJoin>(
    `SELECT p.id, p.entity_id, p.kind, p.url, p.method, p.check_json, e.type, e.owner
       FROM endpoints p JOIN entities e ON e.id = p.entity_id
      WHERE p.retired_at IS NULL AND e.retired_at IS NULL
      ORDER BY p.id`,
  )
  const registryRows = await driver.all<RegistryJoin>(
    `SELECT r.id, r.entity_id, r.registry_path, r.authority, r.format, e.type, e.owner
       FROM registry_index r JOIN entities e ON e.id = r.entity_id
      WHERE r.retired_at IS NULL AND e.retired_at IS NULL
      ORDER BY r.id`,
  )
  return {
    endpoints: endpointRows.map((row) => ({...endpointTarget(row), entity: {type: row.type, owner: row.owner}})),
    registry: registryRows.map((row) => ({
      table: 'registry_index' as const,
      id: row.id,
      entity_id: row.entity_id,
      path: row.registry_path,
      authority: row.authority,
      format: (row.format ?? 'json') as RegistryFormat,
      entity: {type: row.type, owner: row.owner},
    })),
  }
}

/**
 * An unmanaged row (no check_json) is checked with the built-in settings. A
 * row that cannot be read is still checked, so that it shows up as an error
 * rather than silently dropping out of monitoring.
 */
function endpointTarget(row: EndpointJoin): EndpointTarget {
  let check: CheckSettings = BUILTIN_CHECK
  let settings_error: string | undefined
  if (row.check_json !== null) {
    try {
      check = {...BUILTIN_CHECK, ...(JSON.parse(row.check_json) as Partial<CheckSettings>)}
    } catch {
      settings_error = 'stored check settings (endpoints.check_json) are not valid JSON: run mon apply'
    }
  }
  if (!(ENDPOINT_KINDS as readonly string[]).includes(row.kind)) settings_error ??= `unknown endpoint kind "${row.kind}"`
  return {
    table: 'endpoints',
    id: row.id,
    entity_id: row.entity_id,
    kind: row.kind as EndpointKind,
    url: row.url,
    method: (row.method ?? 'GET').toUpperCase() as HttpMethod,
    check,
    ...(settings_error ? {settings_error} : {}),
  }
}

const SNAPSHOT_COLUMNS = ['id', 'entity_id', 'endpoint_id', 'registry_id', 'status', 'detail', 'payload_json', 'latency_ms', 'observed_at'] as const
/** 9 parameters a row: well under SQLite's 32,766 and PostgreSQL's 65,535 per statement. */
const ROWS_PER_STATEMENT = 500

/** Appends snapshots in one transaction, as multi-row INSERTs. */
export async function insertSnapshots(driver: Driver, rows: readonly SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return
  await driver.transaction(async () => {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT)
      const placeholders = `(${SNAPSHOT_COLUMNS.map(() => '?').join(', ')})`
      const params: SqlValue[] = []
      for (const row of chunk) for (const column of SNAPSHOT_COLUMNS) params.push(row[column])
      await driver.run(
        `INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES ${chunk.map(() => placeholders).join(', ')}`,
        params,
      )
    }
  })
}
