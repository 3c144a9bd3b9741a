/**
 * `mon import gatus`: a Gatus config (github.com/TwiN/gatus) as a
 * monitors.yaml. Pure: text in; the YAML, and one note per thing that did
 * not convert, or converted with another meaning, out. Read with the
 * loader's safe YAML rules (aliases, tags and depth guarded, lines known).
 * A group is an entity (the ungrouped endpoints, which Gatus's UI shows
 * apart, are the entity `gatus`), an endpoint an `api` endpoint of it.
 * Docs: docs/import.md.
 */
import {Document} from 'yaml'

import {MonError} from '../errors.js'
import {parseConfig} from '../config/load.js'
import type {EntitySpec, MaintenanceSpec, MonitorsFile} from '../config/monitors.types.js'
import {modelToYaml} from '../config/serialize.js'
import {didYouMean} from '../config/suggest.js'
import {textFindings} from '../config/text-rules.js'
import {formatPath, parseYaml, positionAt, positionOf, type ParsedYaml} from '../config/yaml-source.js'
import {mapAlerting, mapAlerts} from './gatus-alerting.js'
import {ImportContext, applyMergeKeys, idPart, isRecord, uniqueId, type ImportNote} from './gatus-context.js'
import {mapEndpoint} from './gatus-endpoint.js'
import {mapMaintenance} from './gatus-maintenance.js'

export type {ImportNote} from './gatus-context.js'

export interface GatusImport {
  /** The monitors.yaml; null when nothing could be converted. */
  yaml: string | null
  notes: ImportNote[]
  /** The `${VAR}` placeholders that stand for the secrets taken out, each to be set where mon check runs. */
  variables: string[]
  counts: {entities: number; endpoints: number; notifiers: number; endpoints_in_gatus: number}
}

/** Gatus's top-level keys (config/config.go, Config). */
const TOP_LEVEL = ['debug', 'metrics', 'skip-invalid-config-update', 'disable-monitoring-lock', 'concurrency', 'security', 'alerting', 'endpoints', 'external-endpoints', 'suites', 'storage', 'web', 'ui', 'maintenance', 'remote', 'connectivity', 'tunneling', 'announcements']
const MAPPED = new Set(['alerting', 'endpoints', 'maintenance'])
const UNMAPPED_WHY: Record<string, string> = {
  metrics: 'mon status --format prometheus gives the metrics',
  storage: 'mon keeps history in its own database (--db)',
  'external-endpoints': 'pushed results: mon probes every target itself',
  suites: 'mon checks each endpoint on its own',
  security: "mon's status page has no login of its own",
  ui: "Gatus's UI settings have no counterpart",
  web: "Gatus's web server settings have no counterpart",
}
/** The id of the entity that holds the endpoints with no group. */
export const UNGROUPED = 'gatus'

/** `schema`: where the output's modeline points (as mon export writes it); without it, none. */
export function importGatus(text: string, file: string, options: {schema?: string | null} = {}): GatusImport {
  const parsed = parseYaml(text)
  const data = applyMergeKeys(parsed.data)
  refuseKubernetes(data, file)
  const problem = parsed.problems.find((p) => p.severity === 'error')
  if (problem) {
    const {line, column} = positionAt(parsed, problem.offset)
    throw new MonError(`${file}:${line}:${column}: ${problem.message}`)
  }
  if (data === null || data === undefined) throw new MonError(`${file} is empty: expected a Gatus config, a mapping with endpoints`)
  if (!isRecord(data)) throw new MonError(`${file} is not a Gatus config: expected a mapping with endpoints (got ${Array.isArray(data) ? 'a list' : 'a single value'})`)
  refuseUnknownKeys(data, parsed, file)
  // Text mon cannot store (a control character, a lone surrogate) is refused as the loader refuses it.
  const bad = textFindings(data)[0]
  if (bad) {
    const {line, column} = positionOf(parsed, bad.path, {key: bad.atKey})
    throw new MonError(`${file}:${line}:${column} ${formatPath(bad.path)}: ${bad.message}`)
  }
  if (!Array.isArray(data.endpoints) || data.endpoints.length === 0) {
    throw new MonError(`${file} has no endpoints: nothing to convert${data.suites !== undefined ? ' (suites are not converted)' : ''}`)
  }

  const ctx = new ImportContext(parsed)
  for (const key of Object.keys(data)) {
    if (!MAPPED.has(key)) ctx.note([key], key, `${UNMAPPED_WHY[key] ?? 'no counterpart in mon'}; not converted`)
  }
  const {notifiers, providers} = mapAlerting(data.alerting, ctx)
  const configured = new Set(isRecord(data.alerting) ? Object.keys(data.alerting) : [])
  const entities = new Map<string, EntitySpec>()
  const entityIds = new Set<string>()
  const endpointIds = new Set<string>()
  for (const [i, raw] of data.endpoints.entries()) {
    const at = ['endpoints', i]
    // Gatus reads a name or group YAML types as a number (`name: 8080`) as its text.
    const name = isRecord(raw) ? scalarText(raw.name) : ''
    if (!isRecord(raw) || name === '') {
      ctx.note(at, `endpoints[${i}]`, 'has no name; not converted')
      continue
    }
    const what = `endpoint "${name}"`
    const endpoint = mapEndpoint(raw, at, what, ctx)
    if (!endpoint) continue
    const group = scalarText(raw.group) || null
    const key = group ?? '\0'
    let entity = entities.get(key)
    if (!entity) {
      const id = uniqueId(group === null ? UNGROUPED : idPart(group, 100) || 'group', entityIds, 100)
      // Gatus has no owner or type: the group is the nearest thing to an owner; both are for the user to review.
      entity = {id, type: 'service', label: group ?? 'Gatus endpoints without a group', owner: id, endpoints: []}
      entities.set(key, entity)
    }
    const id = uniqueId(`${entity.id}:${idPart(name, 99) || 'endpoint'}`, endpointIds)
    const alert = mapAlerts(raw.alerts, [...at, 'alerts'], providers, configured, ctx)
    entity.endpoints!.push({id, ...endpoint, ...(alert ? {alert} : {})})
  }
  const counts = {entities: entities.size, endpoints: endpointIds.size, notifiers: notifiers.length, endpoints_in_gatus: data.endpoints.length}
  if (entities.size === 0) return {yaml: null, notes: ctx.notes, variables: ctx.variables(), counts}
  const maintenance: MaintenanceSpec[] = []
  if (data.maintenance !== undefined) {
    const window = mapMaintenance(data.maintenance, [...entities.values()].map((e) => e.id), ctx)
    if (window) maintenance.push(window)
  }
  const spec: MonitorsFile = {
    version: 1,
    ...(notifiers.length > 0 ? {notifiers} : {}),
    entities: [...entities.values()],
    ...(maintenance.length > 0 ? {maintenance} : {}),
  }
  const modeline = options.schema ? `# yaml-language-server: $schema=${options.schema}\n` : ''
  return {yaml: `${modeline}${header(file)}${compact(spec, file)}`, notes: ctx.notes, variables: ctx.variables(), counts}
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : ''
}

function header(file: string): string {
  return `# Converted from ${file} by mon import gatus (docs/import.md). Gatus has no owner or type:\n# review each entity's; what did not convert as it was is listed on stderr.\n`
}

/** The file as mon export would write it (what endpoints share once under defaults); as drafted if it does not load, for the caller to report. */
function compact(spec: MonitorsFile, file: string): string {
  const draft = new Document(spec).toString({lineWidth: 0})
  const loaded = parseConfig(draft, file)
  return loaded.model ? modelToYaml(loaded.model) : draft
}

function refuseKubernetes(data: unknown, file: string): void {
  if (!isRecord(data) || data.apiVersion === undefined || data.kind === undefined) return
  const kind = String(data.kind)
  if (kind !== 'ConfigMap') throw new MonError(`${file} is a Kubernetes ${kind} manifest, not a Gatus config: give mon import gatus the config itself`)
  const name = isRecord(data.metadata) && typeof data.metadata.name === 'string' ? data.metadata.name : 'NAME'
  const key = isRecord(data.data) ? (Object.keys(data.data).find((k) => /\.ya?ml$/.test(k)) ?? 'config.yaml') : 'config.yaml'
  const jsonPath = key.replace(/\./g, '\\.')
  throw new MonError(`${file} is a Kubernetes ConfigMap, not a Gatus config: extract data["${key}"] (kubectl get configmap ${name} -o jsonpath='{.data.${jsonPath}}' > gatus.yaml)`)
}

/** Gatus ignores a key it does not know; mon refuses, since a misspelt `endpoint:` would drop everything under it. */
function refuseUnknownKeys(data: Record<string, unknown>, parsed: ParsedYaml, file: string): void {
  const unknown = Object.keys(data).filter((key) => !TOP_LEVEL.includes(key))
  if (unknown.length === 0) return
  const lines = unknown.map((key) => {
    const {line, column} = positionOf(parsed, [key], {key: true})
    return `${file}:${line}:${column}: unknown top-level key "${key}": not a Gatus key (Gatus ignores it, mon refuses to guess what it holds)${didYouMean([key], TOP_LEVEL)}`
  })
  throw new MonError(lines.join('\n'), {details: {unknown}})
}
