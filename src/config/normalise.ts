/**
 * From the file as written (already valid) to the model that plan, apply,
 * export and check share: defaults applied, derived IDs filled in, durations
 * in milliseconds, in file order.
 */
import {parseDuration} from '../duration.js'
import {effectiveAlert, normaliseNotifier, normaliseWindow, sortedIds} from './alert.js'
import {FIELDS, fileValue, type Table} from './fields.js'
import type {AlertSettings, CheckSettings, Endpoint, Entity, JsonAssertion, MonitorsModel, RegistryEntry} from './model.js'
import {BUILTIN_ALERT, BUILTIN_CHECK, COMPLETION_DEFAULTS, defaultEndpointId, defaultRegistryId, type McpSettings, type ModelsSettings} from './model.js'
import {KINDS, type KindSpec} from './kinds.js'
import type {CheckSpec, EndpointSpec, EntitySpec, JsonAssertionSpec, MonitorsFile, RegistrySpec} from './monitors.types.js'

export function normalise(file: MonitorsFile): MonitorsModel {
  const defaults = effectiveCheck(BUILTIN_CHECK, file.defaults?.check)
  const alert = effectiveAlert(BUILTIN_ALERT, file.defaults?.alert)
  return {
    version: 1,
    notifiers: (file.notifiers ?? []).map(normaliseNotifier),
    entities: file.entities.map((entity) => normaliseEntity(entity, defaults, alert)),
    maintenance: (file.maintenance ?? []).map(normaliseWindow),
    moved: (file.moved ?? []).map(({from, to}) => ({from, to})),
  }
}

interface Sources {
  entity?: string
  settings?: () => CheckSettings
  alert?: () => AlertSettings
}

/** The model fields of one table's object from its spec, as the field table says where each comes from. */
function fields(table: Table, spec: object, from: Sources): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of FIELDS[table]) {
    if (field.from === 'file') out[field.name] = fileValue(field, spec as Record<string, unknown>)
    else if (field.from === 'entity') out[field.name] = from.entity
    else if (field.from === 'alert') out[field.name] = from.alert?.()
    else out[field.name] = from.settings?.()
  }
  return out
}

function normaliseEntity(spec: EntitySpec, defaults: CheckSettings, alertDefaults: AlertSettings): Entity {
  const alert = effectiveAlert(alertDefaults, spec.alert)
  return {
    id: spec.id,
    ...(fields('entities', spec, {}) as Omit<Entity, 'id' | 'endpoints' | 'registry'>),
    depends_on: sortedIds(spec.depends_on),
    endpoints: (spec.endpoints ?? []).map((endpoint) => normaliseEndpoint(spec.id, endpoint, defaults, alert)),
    registry: (spec.registry ?? []).map((entry) => normaliseRegistry(spec.id, entry, alert)),
  }
}

function normaliseEndpoint(entityId: string, spec: EndpointSpec, defaults: CheckSettings, entityAlert: AlertSettings): Endpoint {
  const kind = KINDS[spec.kind] as KindSpec
  const settings = () => {
    const check = {...effectiveCheck(defaults, spec.check), ...kindSettings(spec.check)}
    // A kind's own interval (a completion costs tokens) wins over defaults.check; only the endpoint's own check changes it.
    if (kind.intervalMs !== undefined && spec.check?.interval === undefined) check.interval = kind.intervalMs
    // A protocol kind's answer is judged by its protocol, not as a body: defaults.check's assertions are for the others.
    if (kind.protocol) Object.assign(check, {status: null, json: []})
    return check
  }
  const alert = () => effectiveAlert(entityAlert, spec.alert)
  // A protocol kind speaks over POST, whatever the file leaves out.
  const own = kind.protocol && spec.method === undefined ? {...spec, method: 'POST' as const} : spec
  return {id: spec.id ?? defaultEndpointId(entityId, spec.kind), ...(fields('endpoints', own, {entity: entityId, settings, alert}) as Omit<Endpoint, 'id'>)}
}

/**
 * The kind-specific settings of an endpoint's own check, only where the file
 * sets them and only what differs from their defaults, so that an endpoint
 * that sets none stores what an earlier release stored (and plans clean).
 */
export function kindSettings(spec: CheckSpec = {}): Pick<CheckSettings, 'body' | 'mcp' | 'models' | 'completion'> {
  const out: Pick<CheckSettings, 'body' | 'mcp' | 'models' | 'completion'> = {}
  if (spec.body !== undefined) out.body = spec.body as CheckSettings['body']
  if (spec.mcp) {
    const mcp: McpSettings = {}
    if (spec.mcp.tools && spec.mcp.tools.length > 0) mcp.tools = sortedIds(spec.mcp.tools)
    if (spec.mcp.pin_tools === true) mcp.pin_tools = true
    if (Object.keys(mcp).length > 0) out.mcp = mcp
  }
  if (spec.models) {
    const models: ModelsSettings = {}
    if (spec.models.expect && spec.models.expect.length > 0) models.expect = sortedIds(spec.models.expect)
    if (spec.models.changed === 'ignore') models.changed = 'ignore'
    if (Object.keys(models).length > 0) out.models = models
  }
  if (spec.completion) {
    out.completion = {
      model: spec.completion.model,
      prompt: spec.completion.prompt ?? COMPLETION_DEFAULTS.prompt,
      max_tokens: spec.completion.max_tokens ?? COMPLETION_DEFAULTS.max_tokens,
    }
  }
  return out
}

function normaliseRegistry(entityId: string, spec: RegistrySpec, entityAlert: AlertSettings): RegistryEntry {
  const alert = () => effectiveAlert(entityAlert, spec.alert)
  return {id: spec.id ?? defaultRegistryId(entityId), ...(fields('registry_index', spec, {entity: entityId, alert}) as Omit<RegistryEntry, 'id'>)}
}

/**
 * One layer of check settings over another: each field the spec sets wins;
 * headers merge by name (ignoring case, the spec's spelling kept); a `json`
 * list replaces the inherited one.
 */
export function effectiveCheck(base: CheckSettings, spec: CheckSpec = {}): CheckSettings {
  // Always fresh arrays and objects: endpoints must not share (or alias BUILTIN_CHECK's) mutable parts.
  const status = spec.status !== undefined ? spec.status : base.status
  return {
    status: status === null ? null : [...status],
    degraded_after: spec.degraded_after !== undefined ? parseDuration(spec.degraded_after) : base.degraded_after,
    timeout: spec.timeout !== undefined ? parseDuration(spec.timeout) : base.timeout,
    retries: spec.retries ?? base.retries,
    interval: spec.interval !== undefined ? parseDuration(spec.interval) : base.interval,
    headers: mergeHeaders(base.headers, spec.headers ?? {}),
    json: spec.json ? spec.json.map(normaliseAssertion) : base.json.map((assertion) => ({...assertion})),
  }
}

function mergeHeaders(base: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const overridden = new Set(Object.keys(own).map((name) => name.toLowerCase()))
  const merged: Record<string, string> = {}
  for (const [name, value] of Object.entries(base)) if (!overridden.has(name.toLowerCase())) merged[name] = value
  return Object.assign(merged, own)
}

/** A fixed key order, so the model serialises (and hashes) the same whatever order the file used. */
function normaliseAssertion(spec: JsonAssertionSpec): JsonAssertion {
  const operators: Omit<JsonAssertion, 'path' | 'severity'> = {}
  if (Object.hasOwn(spec, 'equals')) operators.equals = spec.equals
  if (spec.in !== undefined) operators.in = [...spec.in]
  if (spec.matches !== undefined) operators.matches = spec.matches
  if (spec.exists !== undefined) operators.exists = spec.exists
  if (spec.min_items !== undefined) operators.min_items = spec.min_items
  return {path: spec.path, ...operators, severity: spec.severity ?? 'error'}
}
