/**
 * From the applied rows to what one check probes: the model's own types,
 * tagged with their table. Pure: store/targets.ts reads the rows.
 */
import {modelFields} from '../config/fields.js'
import {BUILTIN_CHECK, ENDPOINT_KINDS, type CheckSettings, type EndpointKind, type HttpMethod, type RegistryEntry} from '../config/model.js'
import type {EndpointTargetRow, RegistryTargetRow, TargetEntity, TargetRows} from '../rows.js'
import type {EndpointTarget, RegistryTarget} from './types.js'

export interface ActiveTargets {
  endpoints: Array<EndpointTarget & {entity: TargetEntity}>
  registry: Array<RegistryTarget & {entity: TargetEntity}>
}

export function activeTargets(rows: TargetRows): ActiveTargets {
  return {
    endpoints: rows.endpoints.map((row) => ({...endpointTarget(row), entity: {type: row.type, owner: row.owner}})),
    registry: rows.registry.map((row) => ({...registryTarget(row), entity: {type: row.type, owner: row.owner}})),
  }
}

/**
 * An unmanaged row (no check_json) is checked with the built-in settings. A
 * row that cannot be read is still checked, so that it shows up as an error
 * rather than silently dropping out of monitoring.
 */
function endpointTarget(row: EndpointTargetRow): EndpointTarget {
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

/** The registry entry as the field table maps its row (`registry_path` is `path`, format defaults to json). */
function registryTarget(row: RegistryTargetRow): RegistryTarget {
  return {...(modelFields('registry_index', row) as unknown as RegistryEntry), table: 'registry_index'}
}
