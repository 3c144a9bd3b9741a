/**
 * Rows of the history tables as stored. The inventory rows (entities,
 * endpoints, registry_index) are the planner's: see plan/types.ts.
 */
export type {EndpointRow, EntityRow, RegistryRow} from '../plan/types.js'

export type SnapshotStatus = 'ok' | 'warn' | 'error'

export interface SnapshotRow {
  /** UUIDv7. */
  id: string
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: SnapshotStatus
  detail: string
  payload_json: string | null
  latency_ms: number | null
  /** ISO 8601 UTC with milliseconds, set by the program. */
  observed_at: string
}

export interface ApplyRunRow {
  id: string
  applied_at: string
  config_sha256: string
  git_commit: string | null
  actor: string | null
  created: number
  updated: number
  retired: number
  revived: number
}
