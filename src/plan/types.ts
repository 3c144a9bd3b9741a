/**
 * The plan: what `apply` would do to make the database match monitors.yaml.
 * Built by the pure planner (diff.ts) from the desired model and the observed
 * rows; rendered by render-*.ts; executed by the inventory store.
 */
import type {StoredValue, Table} from '../config/fields.js'
import type {EndpointRow, EntityRow, MaintenanceWindowRow, NotifierRow, RegistryRow} from '../rows.js'


/** The order changes are listed in, and the order of the summary line. */
export const ACTIONS = ['create', 'update', 'move', 'retire', 'revive'] as const
export type Action = (typeof ACTIONS)[number]

/** Every row of the managed tables, active, retired and unmanaged alike. */
export interface ObservedState {
  entities: EntityRow[]
  endpoints: EndpointRow[]
  registry_index: RegistryRow[]
  notifiers: NotifierRow[]
  maintenance_windows: MaintenanceWindowRow[]
}

/** The managed columns of one row as apply writes them, keyed by column (config/fields.ts), plus its id. */
export type ManagedRow = {id: string} & Record<string, StoredValue>

/** What the file asks for, as rows. */
export type DesiredRows = Record<Table, ManagedRow[]>

export interface FieldChange {
  before: unknown
  after: unknown
}

export interface Change {
  action: Action
  table: Table
  id: string
  /** The row was changed in the database by hand since the last apply; this change undoes that. */
  drift: boolean
  /** An unmanaged row that is in the file: apply takes it over. */
  adopt: boolean
  /**
   * Field-level before and after, by model name (`path` for a registry entry,
   * `check.timeout` etc. for check settings). Only changed fields; for a create, every field.
   */
  fields: Record<string, FieldChange>
  /** How many managed fields stay as they are (counted, not printed). */
  unchanged_fields: number
  /** For an endpoint or registry entry, its entity. */
  entity_id?: string
  /** For a retire: how many snapshots stay; null when unknown. */
  snapshots_kept?: number | null
  /** For create, update and revive: the full row to write (what a saved plan executes). */
  row?: ManagedRow
  /** The file that declares the row (with `include:`); a retire has none. Provenance, not part of the change. */
  file?: string
  /** For a move (`moved:`): the id the row has before apply; `id` is the one it gets. */
  from?: string
  /** For a move: how many snapshots follow it; null when unknown. */
  snapshots?: number | null
  /** For a move: the row under `from` is retired, and the move brings it back. */
  revive?: boolean
}

export interface Summary {
  create: number
  update: number
  /** Renames (`moved:`), a moved row that also changed included. */
  move: number
  retire: number
  revive: number
}

export interface UnmanagedRow {
  table: Table
  id: string
}

/**
 * The mass-retire guard, judged for each table on its own: apply refuses when
 * `triggered` unless --allow-mass-retire. The numbers are those of `table`:
 * the first table that triggers it, else the entities.
 */
export interface MassRetire {
  /** Active managed rows of `table` this plan retires. */
  retiring: number
  /** Active managed rows of `table` before the plan. */
  active: number
  triggered: boolean
  table: Table
}

export interface Plan {
  changes: Change[]
  summary: Summary
  unmanaged: UnmanagedRow[]
  migrations: {pending: string[]}
  /** Fingerprint of the observed state the plan was made against. */
  base: string
  mass_retire: MassRetire
  /** The main file the plan was made from, as given (with `include:`, the views list its changes first). Provenance, never part of `base`. */
  config?: string
  /** The main file includes others: the views head every change with its file, even when all come from one (a team's pull request). */
  included?: boolean
}
