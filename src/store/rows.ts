/**
 * Rows as they are stored. Column names are the model's field names, except
 * `registry_index.registry_path` (the original design's column for a registry
 * entry's `path`) and `endpoints.check_json` (the effective CheckSettings as
 * JSON text; `check` is an SQL keyword).
 *
 * Columns added after migration 1:
 * - `retired_at`: when apply retired the row; NULL while active.
 * - `applied_at`: when apply last wrote the row; NULL marks an unmanaged row.
 * - `applied_hash`: the hash of the row's managed fields as apply last wrote
 *   them, so that a hand edit since (drift) can be seen.
 */
export interface EntityRow {
  id: string
  type: string
  label: string
  owner: string
  docs_ref: string | null
  notes: string | null
  created_at: string | null
  retired_at: string | null
  applied_at: string | null
  applied_hash: string | null
}

export interface EndpointRow {
  id: string
  entity_id: string
  kind: string
  url: string
  method: string | null
  check_json: string | null
  retired_at: string | null
  applied_at: string | null
  applied_hash: string | null
}

export interface RegistryRow {
  id: string
  entity_id: string
  registry_path: string
  authority: string
  format: string | null
  retired_at: string | null
  applied_at: string | null
  applied_hash: string | null
}

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
