/**
 * The model back to monitors.yaml (for `mon export`). Writes the shortest file
 * that loads to the same model: fields equal to the built-in defaults and IDs
 * equal to their derivation are left out, durations are written in words.
 * parseConfig(modelToYaml(m)).model deep-equals m.
 */
import {Document, isSeq, visit} from 'yaml'

import {formatDuration} from '../duration.js'
import {FIELDS, isDefault, type Table} from './fields.js'
import type {CheckSettings, Endpoint, Entity, JsonAssertion, MonitorsModel, RegistryEntry} from './model.js'
import {BUILTIN_CHECK, defaultEndpointId, defaultRegistryId} from './model.js'
import type {CheckSpec, EndpointSpec, EntitySpec, JsonAssertionSpec, MonitorsFile, RegistrySpec} from './monitors.types.js'

export const SCHEMA_MODELINE = '# yaml-language-server: $schema=./schemas/monitors.schema.json'

export function modelToYaml(model: MonitorsModel): string {
  const file: MonitorsFile = {version: 1, entities: model.entities.map(entitySpec)}
  const doc = new Document(file, {keepUndefined: false})
  // Status code lists read best on one line: `status: [200, 204]`.
  visit(doc, {
    Pair(_, pair) {
      if (isSeq(pair.value) && String(pair.key) === 'status') pair.value.flow = true
    },
  })
  return `${SCHEMA_MODELINE}\n${doc.toString({lineWidth: 0, indentSeq: true, flowCollectionPadding: false})}`
}

/** The `from: file` fields of an object that differ from their defaults, in field-table order. */
function fileFields(table: Table, object: object): Record<string, unknown> {
  const source = object as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const field of FIELDS[table]) if (field.from === 'file' && !isDefault(field, source[field.name])) out[field.name] = source[field.name]
  return out
}

function entitySpec(entity: Entity): EntitySpec {
  const spec = {id: entity.id, ...fileFields('entities', entity)} as EntitySpec
  if (entity.endpoints.length > 0) spec.endpoints = entity.endpoints.map(endpointSpec)
  if (entity.registry.length > 0) spec.registry = entity.registry.map(registrySpec)
  return spec
}

function endpointSpec(endpoint: Endpoint): EndpointSpec {
  const id = endpoint.id !== defaultEndpointId(endpoint.entity_id, endpoint.kind) ? {id: endpoint.id} : {}
  const spec = {...id, ...fileFields('endpoints', endpoint)} as EndpointSpec
  const check = checkSpec(endpoint.check)
  if (Object.keys(check).length > 0) spec.check = check
  return spec
}

function checkSpec(check: CheckSettings): CheckSpec {
  const spec: CheckSpec = {}
  if (check.status !== null) spec.status = [...check.status] as [number, ...number[]]
  if (check.degraded_after !== BUILTIN_CHECK.degraded_after) spec.degraded_after = formatDuration(check.degraded_after)
  if (check.timeout !== BUILTIN_CHECK.timeout) spec.timeout = formatDuration(check.timeout)
  if (check.retries !== BUILTIN_CHECK.retries) spec.retries = check.retries
  if (Object.keys(check.headers).length > 0) spec.headers = {...check.headers}
  if (check.json.length > 0) spec.json = check.json.map(assertionSpec)
  return spec
}

function assertionSpec(assertion: JsonAssertion): JsonAssertionSpec {
  // The model's `in` is a plain array; the schema guarantees it is never empty.
  const {severity, ...rest} = assertion as JsonAssertionSpec & JsonAssertion
  return severity === 'error' ? {...rest} : {...rest, severity}
}

function registrySpec(entry: RegistryEntry): RegistrySpec {
  const id = entry.id !== defaultRegistryId(entry.entity_id) ? {id: entry.id} : {}
  return {...id, ...fileFields('registry_index', entry)} as RegistrySpec
}
