/**
 * The plan: what `apply` would do to make the database match monitors.yaml.
 * Built by the pure planner (diff.ts) from the desired model and the observed
 * rows; rendered by render-*.ts; executed by the inventory store.
 */
import type {EndpointRow, EntityRow, RegistryRow} from '../store/rows.js'

/** Table order is also the order rows are written in (foreign keys point up this list). */
export const TABLES = ['entities', 'endpoints', 'registry_index'] as const
export type Table = (typeof TABLES)[number]

/** The columns apply owns, per table, in the order they are hashed and written. */
export const MANAGED_COLUMNS = {
  entities: ['type', 'label', 'owner', 'docs_ref', 'notes'],
  endpoints: ['entity_id', 'kind', 'url', 'method', 'check_json'],
  registry_index: ['entity_id', 'registry_path', 'authority', 'format'],
} as const satisfies Record<Table, readonly string[]>

/** The order changes are listed in, and the order of the summary line. */
export const ACTIONS = ['create', 'update', 'retire', 'revive'] as const
export type Action = (typeof ACTIONS)[number]

export interface ObservedState {
  entities: EntityRow[]
  endpoints: EndpointRow[]
  registry_index: RegistryRow[]
}

/** The managed columns of a row, as apply writes them (every one set: method and format have their defaults). */
export type EntityFields = Pick<EntityRow, 'id' | 'type' | 'label' | 'owner' | 'docs_ref' | 'notes'>

export type EndpointFields = Pick<EndpointRow, 'id' | 'entity_id' | 'kind' | 'url'> & {
  method: string
  /** Canonical JSON of the effective CheckSettings; header values keep their `${VAR}` form. */
  check_json: string
}

export type RegistryFields = Pick<RegistryRow, 'id' | 'entity_id' | 'registry_path' | 'authority'> & {format: string}

export interface ManagedFields {
  entities: EntityFields
  endpoints: EndpointFields
  registry_index: RegistryFields
}

export type AnyFields = EntityFields | EndpointFields | RegistryFields

/** What the file asks for, as rows. */
export interface DesiredRows {
  entities: EntityFields[]
  endpoints: EndpointFields[]
  registry_index: RegistryFields[]
}

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
  row?: AnyFields
}

export interface Summary {
  create: number
  update: number
  retire: number
  revive: number
}

export interface UnmanagedRow {
  table: Table
  id: string
}

/** The mass-retire guard: apply refuses when `triggered` unless --allow-mass-retire. */
export interface MassRetire {
  /** Active managed entities this plan retires. */
  retiring: number
  /** Active managed entities before the plan. */
  active: number
  triggered: boolean
}

export interface Plan {
  changes: Change[]
  summary: Summary
  unmanaged: UnmanagedRow[]
  migrations: {pending: string[]}
  /** Fingerprint of the observed state the plan was made against. */
  base: string
  mass_retire: MassRetire
}
