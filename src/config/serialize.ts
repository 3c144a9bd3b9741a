/**
 * The model back to monitors.yaml (for `mon export`). Writes the shortest file
 * that loads to the same model: check settings the endpoints share go to
 * `defaults.check` (commonCheck), fields equal to a default and IDs equal to
 * their derivation are left out, durations are written in words. Alert
 * settings the targets share go to `defaults.alert` the same way (commonAlert).
 * parseConfig(modelToYaml(m)).model deep-equals m.
 */
import {Document, isScalar, isSeq, visit} from 'yaml'

import {formatDuration} from '../duration.js'
import {alertSpec, notifierSpec, windowSpec} from './alert.js'
import {FIELDS, isDefault, type Table} from './fields.js'
import type {AlertSettings, CheckSettings, Endpoint, Entity, JsonAssertion, MonitorsModel, RegistryEntry} from './model.js'
import {BUILTIN_ALERT, BUILTIN_CHECK, COMPLETION_DEFAULTS, defaultEndpointId, defaultRegistryId} from './model.js'
import {kindSpec, type KindSpec} from './kinds.js'
import type {CheckSpec, EndpointSpec, EntitySpec, JsonAssertionSpec, MonitorsFile, RegistrySpec} from './monitors.types.js'

/** `schema`: where the modeline points (a path or URL); without it, no modeline. */
export function modelToYaml(model: MonitorsModel, options: {schema?: string | null} = {}): string {
  return specToYaml(modelToSpec(model), options)
}

/** The model as the file it would be written as, before YAML: the shortest one that loads to the same model. */
export function modelToSpec(model: MonitorsModel): MonitorsFile {
  const endpoints = model.entities.flatMap((e) => e.endpoints)
  // A kind with an interval of its own (completion) never inherits defaults.check's, so it has no say in it;
  // nor has a protocol kind (mcp, completion) in status and json, which it never inherits.
  const common = (keep: (kind: KindSpec | undefined) => boolean) => commonCheck(endpoints.filter((x) => keep(kindSpec(x.kind))).map((x) => x.check))
  const judged = common((kind) => !kind?.protocol)
  const base = {...common(() => true), interval: common((kind) => kind?.intervalMs === undefined).interval, status: judged.status, json: judged.json}
  const alertBase = commonAlert(model.entities.flatMap((e) => [...e.endpoints, ...e.registry].map((x) => x.alert)))
  const defaults = {
    ...(Object.keys(checkSpec(base, BUILTIN_CHECK)).length > 0 ? {check: checkSpec(base, BUILTIN_CHECK)} : {}),
    ...(Object.keys(alertSpec(alertBase, BUILTIN_ALERT)).length > 0 ? {alert: alertSpec(alertBase, BUILTIN_ALERT)} : {}),
  }
  return {
    version: 1,
    ...(Object.keys(defaults).length > 0 ? {defaults} : {}),
    ...(model.notifiers.length > 0 ? {notifiers: model.notifiers.map(notifierSpec)} : {}),
    entities: model.entities.map((entity) => entitySpec(entity, base, alertBase)),
    ...(model.maintenance.length > 0 ? {maintenance: model.maintenance.map(windowSpec)} : {}),
    ...(model.moved.length > 0 ? {moved: model.moved.map(({from, to}) => ({from, to}))} : {}),
  }
}

/** A file (or one of a split export's files) as YAML: lists of codes and ids on one line, no wrapping. */
export function specToYaml(file: object, options: {schema?: string | null} = {}): string {
  const doc = new Document(file, {keepUndefined: false})
  // Lists of codes and ids read best on one line: `status: [200, 204]`, `notify: [ops-slack]`, a window's `entities: [ov:9000]`.
  visit(doc, {
    Pair(_, pair) {
      if (isSeq(pair.value) && FLOW_LISTS.has(String(pair.key)) && pair.value.items.every(isScalar)) pair.value.flow = true
    },
  })
  const modeline = options.schema ? `# yaml-language-server: $schema=${options.schema}\n` : ''
  return `${modeline}${doc.toString({lineWidth: 0, indentSeq: true, flowCollectionPadding: false})}`
}

/**
 * The settings to write once under `defaults.check`: for each one, the value
 * that makes the file smallest, that is the most common value when writing
 * it once saves more endpoint lines than it costs (a tie keeps the built-in
 * default, which needs no line). Terraform and kubectl users expect an export
 * to be the smallest file that means the same, and a value most endpoints
 * share reads as the fleet's default, with the few that differ saying so.
 * Headers merge by name and an endpoint cannot drop one it inherits, so a
 * header is a default only when every endpoint sends one of that name.
 */
export function commonCheck(checks: readonly CheckSettings[]): CheckSettings {
  const headers: Record<string, string> = {}
  const first = checks[0]?.headers ?? {}
  for (const name of Object.keys(first)) {
    const values = checks.map((c) => Object.entries(c.headers).find(([n]) => n.toLowerCase() === name.toLowerCase()))
    if (values.every((v) => v !== undefined)) {
      const value = cheapest(values.map((v) => `${v![0]}\u0000${v![1]}`), '')
      if (value !== '') headers[value.split('\u0000')[0]!] = value.split('\u0000')[1]!
    }
  }
  return {
    status: cheapest(checks.map((c) => c.status), BUILTIN_CHECK.status),
    degraded_after: cheapest(checks.map((c) => c.degraded_after), BUILTIN_CHECK.degraded_after),
    timeout: cheapest(checks.map((c) => c.timeout), BUILTIN_CHECK.timeout),
    retries: cheapest(checks.map((c) => c.retries), BUILTIN_CHECK.retries),
    interval: cheapest(checks.map((c) => c.interval), BUILTIN_CHECK.interval),
    headers,
    json: cheapest(checks.map((c) => c.json), BUILTIN_CHECK.json),
  }
}

/**
 * Of the values, the one that makes the file smallest when written once as
 * the default: each endpoint with another value writes its own, and a value
 * other than the built-in one costs its default line. Each distinct value
 * (by its JSON) is counted once, so this is linear in the endpoints. A tie
 * keeps the earlier candidate, the built-in one first.
 */
function cheapest<T>(values: readonly T[], builtin: T): T {
  const key = (v: T): string | undefined => JSON.stringify(v)
  const counts = new Map<string | undefined, {value: T; n: number}>()
  for (const v of values) {
    const k = key(v)
    const seen = counts.get(k)
    if (seen) seen.n++
    else counts.set(k, {value: v, n: 1})
  }
  const builtinKey = key(builtin)
  const cost = (k: string | undefined) => values.length - (counts.get(k)?.n ?? 0) + (k === builtinKey ? 0 : 1)
  let best = builtin
  let least = cost(builtinKey)
  for (const [k, {value}] of counts) {
    if (cost(k) < least) [best, least] = [value, cost(k)]
  }
  return best
}

const FLOW_LISTS = new Set(['status', 'notify', 'depends_on', 'entities', 'to', 'tools', 'expect'])

/** The alert settings to write once under `defaults.alert`: per key the value that makes the file smallest, as commonCheck does. */
export function commonAlert(settings: ReadonlyArray<AlertSettings | undefined>): AlertSettings {
  const all = settings.map((s) => s ?? BUILTIN_ALERT)
  const pick = <K extends keyof AlertSettings>(key: K): AlertSettings[K] => cheapest(all.map((s) => s[key]), BUILTIN_ALERT[key])
  return {notify: pick('notify'), on: pick('on'), after: pick('after'), recover_after: pick('recover_after'), remind_every: pick('remind_every')}
}

/** The `from: file` fields of an object that differ from their defaults, in field-table order. */
function fileFields(table: Table, object: object): Record<string, unknown> {
  const source = object as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const field of FIELDS[table]) if (field.from === 'file' && !isDefault(field, source[field.name])) out[field.name] = source[field.name]
  return out
}

function entitySpec(entity: Entity, base: CheckSettings, alertBase: AlertSettings): EntitySpec {
  const spec = {id: entity.id, ...fileFields('entities', entity)} as EntitySpec
  if (entity.endpoints.length > 0) spec.endpoints = entity.endpoints.map((e) => endpointSpec(e, base, alertBase))
  if (entity.registry.length > 0) spec.registry = entity.registry.map((r) => registrySpec(r, alertBase))
  return spec
}

function endpointSpec(endpoint: Endpoint, base: CheckSettings, alertBase: AlertSettings): EndpointSpec {
  const id = endpoint.id !== defaultEndpointId(endpoint.entity_id, endpoint.kind) ? {id: endpoint.id} : {}
  // A kind that is none (a hand-edited row) is written as it is, for the loader to name.
  const kind: KindSpec = kindSpec(endpoint.kind) ?? {reads: 'none', needsBody: false}
  const spec = {...id, ...fileFields('endpoints', endpoint)} as EndpointSpec
  // The loader fills in a protocol kind's POST.
  if (kind.protocol && spec.method === 'POST') delete spec.method
  // The loader fills in the kind's own interval, whatever defaults.check says; any other interval is written.
  // A protocol kind's status and json are never written: the loader refuses them (the protocol judges its answer).
  const own = {...base, interval: kind.intervalMs ?? base.interval, ...(kind.protocol ? {status: endpoint.check.status, json: endpoint.check.json} : {})}
  const check = {...checkSpec(endpoint.check, own), ...kindCheckSpec(endpoint.check)}
  if (Object.keys(check).length > 0) spec.check = check
  return withAlert(spec, endpoint.alert, alertBase)
}

/** A target's merged alert settings as its own `alert`, leaving out what equals `defaults.alert`. */
function withAlert<T extends {alert?: unknown}>(spec: T, alert: AlertSettings | undefined, base: AlertSettings): T {
  const own = alertSpec(alert ?? BUILTIN_ALERT, base)
  return Object.keys(own).length > 0 ? {...spec, alert: own} : spec
}

/** What `check` must say over `base` (the defaults, or the built-in settings for the defaults themselves). */
function checkSpec(check: CheckSettings, base: CheckSettings): CheckSpec {
  const spec: CheckSpec = {}
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  if (!same(check.status, base.status)) spec.status = check.status === null ? null : ([...check.status] as [number, ...number[]])
  if (check.degraded_after !== base.degraded_after) spec.degraded_after = formatDuration(check.degraded_after)
  if (check.timeout !== base.timeout) spec.timeout = formatDuration(check.timeout)
  if (check.retries !== base.retries) spec.retries = check.retries
  if (check.interval !== base.interval) spec.interval = formatDuration(check.interval)
  // A header inherited as it is needs no line; one of another value or spelling overrides the default's.
  const headers = Object.fromEntries(Object.entries(check.headers).filter(([name, value]) => base.headers[name] !== value))
  if (Object.keys(headers).length > 0) spec.headers = headers
  if (!same(check.json, base.json)) spec.json = check.json.map(assertionSpec)
  return spec
}

/** The kind-specific settings as the file writes them: the model keeps only what differs from their defaults, and so does the file. */
function kindCheckSpec(check: CheckSettings): CheckSpec {
  const spec: CheckSpec = {}
  if (check.body !== undefined) spec.body = check.body as CheckSpec['body']
  // In the schema's order: a row read back from the database has its keys sorted.
  if (check.mcp) spec.mcp = {...(check.mcp.tools ? {tools: check.mcp.tools} : {}), ...(check.mcp.pin_tools ? {pin_tools: true} : {})}
  if (check.models) spec.models = {...(check.models.expect ? {expect: check.models.expect} : {}), ...(check.models.changed ? {changed: check.models.changed} : {})}
  if (check.completion) {
    const {model, prompt, max_tokens} = check.completion
    spec.completion = {model, ...(prompt !== COMPLETION_DEFAULTS.prompt ? {prompt} : {}), ...(max_tokens !== COMPLETION_DEFAULTS.max_tokens ? {max_tokens} : {})}
  }
  return spec
}

function assertionSpec(assertion: JsonAssertion): JsonAssertionSpec {
  // The model's `in` is a plain array; the schema guarantees it is never empty.
  const {severity, ...rest} = assertion as JsonAssertionSpec & JsonAssertion
  return severity === 'error' ? {...rest} : {...rest, severity}
}

function registrySpec(entry: RegistryEntry, alertBase: AlertSettings): RegistrySpec {
  const id = entry.id !== defaultRegistryId(entry.entity_id) ? {id: entry.id} : {}
  const spec = {...id, ...fileFields('registry_index', entry)} as RegistrySpec
  if (entry.serves) spec.serves = {items: entry.serves.items, model: entry.serves.model, entities: entry.serves.entities as NonNullable<RegistrySpec['serves']>['entities']}
  return withAlert(spec, entry.alert, alertBase)
}
