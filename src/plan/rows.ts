/**
 * The mapping between the model and the stored rows, both ways: the rows an
 * apply of a model would write, and the model an export of stored rows
 * gives. Both are driven by the field table (config/fields.ts).
 */
import {FIELDS, modelFields, storedRow, type FieldTable} from '../config/fields.js'
import type {Endpoint, Entity, MaintenanceWindow, MonitorsModel, Notifier, RegistryEntry} from '../config/model.js'
import {BUILTIN_CHECK} from '../config/model.js'
import type {DesiredRows, ObservedState} from './types.js'

/** The rows apply writes for a model. */
export function desiredRows(model: MonitorsModel, fields: FieldTable = FIELDS): DesiredRows {
  const out: DesiredRows = {entities: [], endpoints: [], registry_index: [], notifiers: [], maintenance_windows: []}
  for (const entity of model.entities) {
    out.entities.push(storedRow('entities', entity, fields))
    for (const endpoint of entity.endpoints) out.endpoints.push(storedRow('endpoints', endpoint, fields))
    for (const entry of entity.registry) out.registry_index.push(storedRow('registry_index', entry, fields))
  }
  for (const notifier of model.notifiers) out.notifiers.push(storedRow('notifiers', notifier, fields))
  for (const window of model.maintenance) out.maintenance_windows.push(storedRow('maintenance_windows', window, fields))
  return out
}

/** Active rows that apply wrote: what export writes back out. */
export function isActiveManaged(row: {applied_at: string | null; retired_at: string | null}): boolean {
  return row.applied_at !== null && row.applied_at !== undefined && (row.retired_at === null || row.retired_at === undefined)
}

function byId<T extends {id: string}>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The model of the active, managed state, entities sorted by id. */
export function modelFromRows(observed: ObservedState, fields: FieldTable = FIELDS): MonitorsModel {
  const active = <T extends {id: string; applied_at: string | null; retired_at: string | null}>(rows: T[]) => rows.filter(isActiveManaged).sort(byId)
  const entities = active(observed.entities).map((row) => ({...modelFields('entities', row, fields), endpoints: [], registry: []}) as unknown as Entity)
  const byEntity = new Map(entities.map((e) => [e.id, e]))
  for (const row of active(observed.endpoints)) byEntity.get(row.entity_id)?.endpoints.push(endpointFrom(modelFields('endpoints', row, fields)))
  for (const row of active(observed.registry_index)) byEntity.get(row.entity_id)?.registry.push(modelFields('registry_index', row, fields) as unknown as RegistryEntry)
  const notifiers = active(observed.notifiers).map((row) => modelFields('notifiers', row, fields) as unknown as Notifier)
  const maintenance = active(observed.maintenance_windows).map((row) => ({...modelFields('maintenance_windows', row, fields), source: 'file'}) as unknown as MaintenanceWindow)
  return {version: 1, notifiers, entities, maintenance, moved: []}
}

function endpointFrom(fields: Record<string, unknown>): Endpoint {
  const endpoint = fields as unknown as Endpoint
  const check = endpoint.check ?? structuredClone(BUILTIN_CHECK)
  // Stored keys are sorted; an assertion reads better with its path first.
  if (Array.isArray(check.json)) check.json = check.json.map(({path, ...rest}) => ({path, ...rest}))
  return {...endpoint, check}
}
