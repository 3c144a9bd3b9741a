/**
 * The mapping between the model and the stored rows, both ways: the rows an
 * apply of a model would write, the model an export of stored rows gives, and
 * the field-level view of a row (model names) that plans print.
 */
import type {CheckSettings, Endpoint, EndpointKind, Entity, EntityType, HttpMethod, MonitorsModel, RegistryEntry, RegistryFormat} from '../config/model.js'
import {BUILTIN_CHECK} from '../config/model.js'
import type {EndpointRow, EntityRow, RegistryRow} from '../store/rows.js'
import {canonicalJson} from './hash.js'
import type {DesiredRows, ObservedState, Table} from './types.js'

/** Singular names for output: `entity`, `endpoint`, `registry`. */
export const TABLE_NOUN: Record<Table, string> = {entities: 'entity', endpoints: 'endpoint', registry_index: 'registry'}

export function checkJson(check: CheckSettings): string {
  return canonicalJson(check)
}

/** The rows apply writes for a model. */
export function desiredRows(model: MonitorsModel): DesiredRows {
  const out: DesiredRows = {entities: [], endpoints: [], registry_index: []}
  for (const e of model.entities) {
    out.entities.push({id: e.id, type: e.type, label: e.label, owner: e.owner, docs_ref: e.docs_ref ?? null, notes: e.notes ?? null})
    for (const ep of e.endpoints) {
      out.endpoints.push({id: ep.id, entity_id: ep.entity_id, kind: ep.kind, url: ep.url, method: ep.method, check_json: checkJson(ep.check)})
    }
    for (const r of e.registry) {
      out.registry_index.push({id: r.id, entity_id: r.entity_id, registry_path: r.path, authority: r.authority, format: r.format})
    }
  }
  return out
}

export function parseCheckJson(text: string | null | undefined): CheckSettings | null {
  if (text === null || text === undefined) return null
  try {
    const value = JSON.parse(text) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as CheckSettings) : null
  } catch {
    return null
  }
}

const CHECK_SCALARS = ['status', 'degraded_after', 'timeout', 'retries'] as const

/**
 * A row's managed fields by model name, one level deep: `path` for
 * registry_path, and check settings as `check.timeout`, `check.headers.NAME`
 * and so on, so that a plan shows exactly which setting changes.
 */
export function fieldView(table: Table, row: Record<string, unknown>): Record<string, unknown> {
  if (table === 'entities') {
    return {type: row.type, label: row.label, owner: row.owner, docs_ref: row.docs_ref ?? null, notes: row.notes ?? null}
  }
  if (table === 'registry_index') {
    return {entity_id: row.entity_id, path: row.registry_path, authority: row.authority, format: row.format ?? null}
  }
  const view: Record<string, unknown> = {entity_id: row.entity_id, kind: row.kind, url: row.url, method: row.method ?? null}
  const check = parseCheckJson(row.check_json as string | null)
  for (const key of CHECK_SCALARS) view[`check.${key}`] = check?.[key] ?? null
  const headers = check?.headers && typeof check.headers === 'object' ? check.headers : {}
  for (const name of Object.keys(headers).sort()) view[`check.headers.${name}`] = headers[name]
  view['check.json'] = check?.json ?? null
  return view
}

/** Active rows that apply wrote: what export writes back out. */
export function isActiveManaged(row: {applied_at: string | null; retired_at: string | null}): boolean {
  return row.applied_at !== null && row.applied_at !== undefined && (row.retired_at === null || row.retired_at === undefined)
}

function byId<T extends {id: string}>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The model of the active, managed state, entities sorted by id. */
export function modelFromRows(observed: ObservedState): MonitorsModel {
  const entities = observed.entities.filter(isActiveManaged).sort(byId).map((row) => entityFromRow(row))
  const byEntity = new Map(entities.map((e) => [e.id, e]))
  for (const row of observed.endpoints.filter(isActiveManaged).sort(byId)) byEntity.get(row.entity_id)?.endpoints.push(endpointFromRow(row))
  for (const row of observed.registry_index.filter(isActiveManaged).sort(byId)) byEntity.get(row.entity_id)?.registry.push(registryFromRow(row))
  return {version: 1, entities}
}

function entityFromRow(row: EntityRow): Entity {
  return {
    id: row.id,
    type: row.type as EntityType,
    label: row.label,
    owner: row.owner,
    docs_ref: row.docs_ref,
    notes: row.notes,
    endpoints: [],
    registry: [],
  }
}

function endpointFromRow(row: EndpointRow): Endpoint {
  const check = parseCheckJson(row.check_json) ?? structuredClone(BUILTIN_CHECK)
  // Stored keys are sorted; an assertion reads better with its path first.
  if (Array.isArray(check.json)) check.json = check.json.map(({path, ...rest}) => ({path, ...rest}))
  return {id: row.id, entity_id: row.entity_id, kind: row.kind as EndpointKind, url: row.url, method: (row.method ?? 'GET') as HttpMethod, check}
}

function registryFromRow(row: RegistryRow): RegistryEntry {
  return {id: row.id, entity_id: row.entity_id, path: row.registry_path, authority: row.authority, format: (row.format ?? 'json') as RegistryFormat}
}
