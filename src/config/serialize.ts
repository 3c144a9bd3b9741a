/**
 * The model back to monitors.yaml (for `mon export`). Writes the shortest file
 * that loads to the same model: fields equal to the built-in defaults and IDs
 * equal to their derivation are left out, durations are written in words.
 * parseConfig(modelToYaml(m)).model deep-equals m.
 */
import {Document, isSeq, visit} from 'yaml'

import {formatDuration} from '../duration.js'
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

function entitySpec(entity: Entity): EntitySpec {
  const spec: EntitySpec = {id: entity.id, type: entity.type, label: entity.label, owner: entity.owner}
  if (entity.docs_ref !== null) spec.docs_ref = entity.docs_ref
  if (entity.notes !== null) spec.notes = entity.notes
  if (entity.endpoints.length > 0) spec.endpoints = entity.endpoints.map(endpointSpec)
  if (entity.registry.length > 0) spec.registry = entity.registry.map(registrySpec)
  return spec
}

function endpointSpec(endpoint: Endpoint): EndpointSpec {
  const spec: EndpointSpec = {} as EndpointSpec
  if (endpoint.id !== defaultEndpointId(endpoint.entity_id, endpoint.kind)) spec.id = endpoint.id
  spec.kind = endpoint.kind
  spec.url = endpoint.url
  if (endpoint.method !== 'GET') spec.method = endpoint.method
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
  const spec: RegistrySpec = {} as RegistrySpec
  if (entry.id !== defaultRegistryId(entry.entity_id)) spec.id = entry.id
  spec.path = entry.path
  spec.authority = entry.authority
  if (entry.format !== 'json') spec.format = entry.format
  return spec
}
