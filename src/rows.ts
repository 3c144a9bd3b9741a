/**
 * Rows: the shapes the store writes and reads back, and that the layers
 * above it take. They live here, below every layer, so that the store and
 * the core share them without importing each other.
 */
import type {Phases} from './phases.js'
import type {Status} from './status.js'
import type {LatencyDistribution} from './latency.js'

// ---- the inventory tables ---------------------------------------------------

/**
 * Inventory rows as stored. Column names are the model's field names, except
 * where the field table says otherwise (`registry_path`, `check_json`).
 * Bookkeeping columns, added after migration 1:
 * - `retired_at`: when apply retired the row; NULL while active.
 * - `applied_at`: when apply last wrote the row; NULL marks an unmanaged row.
 * - `applied_hash`: the fingerprint of the row's managed fields as apply last
 *   wrote them (plan/fingerprint.ts), so that a hand edit since (drift) shows.
 * - `activated_at` (endpoints and registry entries, migration 0010): when
 *   apply created the row, adopted it or revived it, never on an update:
 *   where its expected checks start. Read by history, not by the planner.
 */
export interface Bookkeeping {
  retired_at: string | null
  applied_at: string | null
  applied_hash: string | null
}

export interface EntityRow extends Bookkeeping {
  id: string
  type: string
  label: string
  owner: string
  docs_ref: string | null
  notes: string | null
  slo_json: string | null
  /** Migration 0016: sorted JSON list of entity ids; NULL when none. */
  depends_on_json?: string | null
  created_at: string | null
}

export interface EndpointRow extends Bookkeeping {
  id: string
  entity_id: string
  kind: string
  url: string
  method: string | null
  check_json: string | null
  slo_json: string | null
  /** Migration 0016: the merged alert settings; NULL (unmanaged, or before 0016) reads as the built-in. */
  alert_json?: string | null
}

export interface RegistryRow extends Bookkeeping {
  id: string
  entity_id: string
  registry_path: string
  authority: string
  format: string | null
  interval: string | null
  alert_json?: string | null
  /** `serves:` as canonical JSON (migration 0017); null when the file says nothing. */
  serves_json?: string | null
}

/** A notifier as stored (migration 0016): its settings as written, `${VAR}` kept. */
export interface NotifierRow extends Bookkeeping {
  id: string
  type: string
  settings_json: string
  created_at: string | null
}

/** A maintenance window from the file as stored (migration 0016). */
export interface MaintenanceWindowRow extends Bookkeeping {
  id: string
  entities_json: string
  cron: string | null
  duration: string | null
  timezone: string | null
  start_at: string | null
  end_at: string | null
  reason: string | null
  created_at: string | null
}

// ---- what check probes: active rows with their entity's type and owner -------

/** What `check` may narrow by: the owning entity's type and owner. */
export interface TargetEntity {
  type: string
  owner: string
}

export type EndpointTargetRow = Pick<EndpointRow, 'id' | 'entity_id' | 'kind' | 'url' | 'method' | 'check_json'> & TargetEntity
export type RegistryTargetRow = Pick<RegistryRow, 'id' | 'entity_id' | 'registry_path' | 'authority' | 'format' | 'interval' | 'serves_json'> & TargetEntity

export interface TargetRows {
  endpoints: EndpointTargetRow[]
  registry: RegistryTargetRow[]
}

// ---- the history tables -----------------------------------------------------

/** The snapshots column that names a row of each inventory table. */
export const SNAPSHOT_COLUMN = {entities: 'entity_id', endpoints: 'endpoint_id', registry_index: 'registry_id'} as const

export interface SnapshotRow {
  /** UUIDv7. */
  id: string
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: Status
  detail: string
  payload_json: string | null
  latency_ms: number | null
  /** The JSON of the check's phases_ms (see check/phases.ts); null where none were measured. */
  phases_ms_json: string | null
  /** ISO 8601 UTC with milliseconds, set by the program. */
  observed_at: string
  /** The id of the maintenance window the snapshot was taken in (migration 0015); uptime, coverage and SLOs leave it out. Absent or null: none. */
  maintenance?: string | null
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

// ---- what the history views read back ---------------------------------------

/** An SLO as applied (`slo:` on an entity or an endpoint), in numbers. */
export interface SloSettings {
  /** Share of expected checks that must be ok or warn, 0..1. */
  target: number
  /** The window as written (`30d`), and in ms. */
  window: string
  window_ms: number
  /** The p95 latency the window must stay under; null when the SLO sets none. */
  latency_p95_ms: number | null
}

/** What every target (endpoint or registry entry) carries for schedules, coverage and staleness. */
export interface InventoryTarget {
  id: string
  /** How often it should be checked (the `interval` setting), in ms. */
  interval_ms: number
  /** When it was first applied or last revived: where its expected checks start; null for an unmanaged row. */
  activated_at: string | null
}

export interface InventoryEndpoint extends InventoryTarget {
  kind: string
  slo: SloSettings | null
}

export type InventoryRegistry = InventoryTarget

/** An active entity with its active endpoints and registry entries. */
export interface InventoryEntity {
  id: string
  type: string
  label: string
  owner: string
  slo: SloSettings | null
  endpoints: InventoryEndpoint[]
  registry: InventoryRegistry[]
}

/** The newest snapshot of one endpoint or registry entry, whatever its age. */
export interface Observation {
  status: Status
  detail: string | null
  observed_at: string
  latency_ms: number | null
  /** Where its time went; null for a registry entry, a check with no answer timed, or a snapshot older than migration 0009. */
  phases_ms: Phases | null
}

/** What the snapshots of one endpoint in the window add up to. */
export interface WindowFigures {
  ok: number
  warn: number
  error: number
  /** Snapshots taken in maintenance, in none of ok/warn/error nor the latencies; absent: 0. Coverage and SLOs expect that many checks fewer. */
  maintenance?: number
  /** The latencies of the window's snapshots that have one: exact from raw rows, a histogram from rollups. */
  latency: LatencyDistribution
}

/** Window figures per endpoint id and per registry id (ids are unique per table only), and whether only raw rows were read. */
export interface WindowReads {
  endpoints: ReadonlyMap<string, WindowFigures>
  registry: ReadonlyMap<string, WindowFigures>
  exact: boolean
}

/** The newest snapshot per endpoint id and per registry id: apart, since ids are unique per table only. */
export interface LatestReads {
  endpoints: ReadonlyMap<string, Observation>
  registry: ReadonlyMap<string, Observation>
}

/** What the snapshots of one endpoint in one hour add up to (the status page's bars). */
export interface HourFigures {
  ok: number
  warn: number
  error: number
  latency_sum: number
  latency_count: number
}

/** One snapshot as `mon history` lists it. */
export interface HistorySnapshot {
  id: string
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: Status
  detail: string | null
  latency_ms: number | null
  phases_ms: Phases | null
  observed_at: string
  /** The maintenance window it was taken in, or null (then it counts in uptime, coverage and SLOs). */
  maintenance: string | null
  /** The stored payload as JSON text (null in rows older than payloads), when it was read: `history --payload`, `show`. */
  payload_json?: string | null
}
