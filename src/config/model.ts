/**
 * The normalised model that the loader returns and that plan, apply, export
 * and check share. Field names are the YAML names (and the column names);
 * defaults are applied, derived IDs are filled in, and durations are
 * milliseconds. The shape of the file as written is in monitors.types.ts,
 * generated from schemas/monitors.schema.json.
 */
import {parseDuration} from '../duration.js'
import type {EndpointKind} from './kinds.js'

export {ENDPOINT_KINDS, type EndpointKind} from './kinds.js'
export const ENTITY_TYPES = ['service', 'backend', 'tool', 'gateway', 'registry'] as const
export const HTTP_METHODS = ['GET', 'HEAD', 'POST'] as const
export const REGISTRY_FORMATS = ['json', 'yaml'] as const

export type EntityType = (typeof ENTITY_TYPES)[number]
export type HttpMethod = (typeof HTTP_METHODS)[number]
export type RegistryFormat = (typeof REGISTRY_FORMATS)[number]
export type Severity = 'error' | 'warn'

export interface JsonAssertion {
  /** Dotted path into the JSON body: `status`, `data.0.id`. */
  path: string
  equals?: unknown
  in?: unknown[]
  matches?: string
  exists?: boolean
  min_items?: number
  severity: Severity
}

/** The effective check settings of one endpoint: the file's defaults merged with its own `check`. */
export interface CheckSettings {
  /** Expected status codes; null means any 2xx. */
  status: number[] | null
  /** Milliseconds. */
  degraded_after: number
  /** Milliseconds. A hard deadline for connect, headers and body together. */
  timeout: number
  retries: number
  /** Milliseconds: how often the endpoint should be checked (`mon check --due`, staleness). */
  interval: number
  /** Values keep their `${VAR}` form; they are resolved only at check time. */
  headers: Record<string, string>
  json: JsonAssertion[]
  /**
   * The kind-specific settings (SPEC section 8) are set on an endpoint only,
   * never under `defaults.check`, and stored only where the file sets them:
   * a key left out means its defaults, so endpoints applied by an earlier
   * release read the same as before and plan clean.
   */
  /** Sent with `method: POST`: a string as it is, an object as JSON. `${VAR}` inside is resolved at check time and never stored. */
  body?: string | Record<string, unknown>
  /** `kind: mcp` only. */
  mcp?: McpSettings
  /** `kind: models` only. */
  models?: ModelsSettings
  /** `kind: completion` only, and required there. */
  completion?: CompletionSettings
}

export interface McpSettings {
  /** Tool names that must be listed (missing: error). Sorted, unique; stored only when not empty. */
  tools?: string[]
  /** Warn when the tool list (names and input schemas) changed since the latest snapshot that read one. Stored only when true. */
  pin_tools?: boolean
}

export interface ModelsSettings {
  /** Model ids that must be listed (missing: error, naming them). Sorted, unique; stored only when not empty. */
  expect?: string[]
  /** What a list that changed since the latest one read gives: `warn` (the default, then left out) or `ignore`. */
  changed?: 'warn' | 'ignore'
}

export interface CompletionSettings {
  /** The model asked for. */
  model: string
  /** The user message sent; `ping` by default. */
  prompt: string
  /** `max_tokens` of the request; 1 by default. */
  max_tokens: number
}

export const COMPLETION_DEFAULTS = {prompt: 'ping', max_tokens: 1} as const

export interface Endpoint {
  id: string
  entity_id: string
  kind: EndpointKind
  url: string
  method: HttpMethod
  check: CheckSettings
  slo: Slo | null
  /** Merged: built-in, `defaults.alert`, the entity's `alert`, its own. */
  alert: AlertSettings
}

export interface RegistryEntry {
  id: string
  entity_id: string
  /** Stored as written; at check time a relative path resolves against the directory of monitors.yaml, or --base-dir. */
  path: string
  authority: string
  format: RegistryFormat
  /** How often it should be checked, as the shortest duration text (`5m`): a column of its own, unlike an endpoint's. */
  interval: string
  /** Merged: built-in, `defaults.alert`, the entity's `alert`, its own. */
  alert: AlertSettings
  /** What the registry says each entity serves (SPEC section 8); null when it says nothing. */
  serves: Serves | null
}

/**
 * `serves:` on a registry entry: dotted paths into its document. `items`
 * leads to a list; each item's `model` is a model id, and each path in
 * `entities` leads to the id of an entity that should list that model
 * (`served_by` a backend, `via` a gateway). A path that leads nowhere in an
 * item names no entity for it.
 */
export interface Serves {
  items: string
  model: string
  entities: string[]
}

export interface Entity {
  id: string
  type: EntityType
  label: string
  owner: string
  docs_ref: string | null
  notes: string | null
  slo: Slo | null
  /** Entity ids whose open alerts hold this entity's (transitively); sorted. */
  depends_on: string[]
  endpoints: Endpoint[]
  registry: RegistryEntry[]
}

/**
 * An SLO as the file means it (`slo:` on an entity or an endpoint): the
 * target as a percentage text (`99.5%`, whether written so or as 0.995),
 * durations in their shortest spelling, so that plan and export round-trip.
 */
export interface Slo {
  target: string
  window: string
  latency_p95?: string
}

export interface MonitorsModel {
  version: 1
  notifiers: Notifier[]
  entities: Entity[]
  /** The file's windows (`source: 'file'`). */
  maintenance: MaintenanceWindow[]
  /** Renames that keep history (SPEC section 9), in file order. */
  moved: Move[]
}

/** `moved: [{from, to}]`: the id the database holds now and the id the file declares now. */
export interface Move {
  from: string
  to: string
}

/** Built-in check defaults, used where neither `defaults.check` nor the endpoint says otherwise. */
export const BUILTIN_CHECK: CheckSettings = {
  status: null,
  degraded_after: 1000,
  timeout: 5000,
  retries: 0,
  interval: 60_000,
  headers: {},
  json: [],
}

/** The shortest interval a target may have: more often than this is load, not monitoring. */
export const MIN_INTERVAL_MS = 10_000
/** What a target's interval is when nothing sets one, as text: a registry entry's default. */
export const DEFAULT_INTERVAL = '1m'

/** A registry entry's stored interval (text) in ms: the default where it is NULL (an unmanaged row) or does not read. */
export function registryIntervalMs(stored: string | null | undefined): number {
  try {
    return parseDuration(stored ?? DEFAULT_INTERVAL)
  } catch {
    return BUILTIN_CHECK.interval
  }
}

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:/@-]*$'
export const ID_MAX_LENGTH = 200

export function defaultEndpointId(entityId: string, kind: EndpointKind): string {
  return `${entityId}:${kind}`
}

export function defaultRegistryId(entityId: string): string {
  return `registry:${entityId}`
}

// ---- alerts (SPEC section 7) -------------------------------------------------

export const NOTIFIER_TYPES = ['webhook', 'slack', 'ntfy', 'pagerduty', 'email', 'alertmanager'] as const
export type NotifierType = (typeof NOTIFIER_TYPES)[number]

/**
 * A notifier as the file declares it: its settings as written (every value may
 * be `${VAR}`, kept so: it is resolved only when a notification is delivered).
 * `settings` holds every key but `id` and `type` (`url`, `headers`,
 * `signing_secret`, `topic`, `token`, `routing_key`, `host`, `port`, ...).
 */
export interface Notifier {
  id: string
  type: NotifierType
  settings: Record<string, unknown>
}

/** A target's alert settings: built-in defaults, `defaults.alert`, the entity's `alert`, then its own, merged key by key. */
export interface AlertSettings {
  /** Notifier ids; empty: alerts are recorded but nobody is told. */
  notify: string[]
  /** The least status that counts as failing. */
  on: 'error' | 'warn'
  /** Consecutive failing checks that open an alert (at least 1). */
  after: number
  /** Consecutive passing checks that resolve it (at least 1). */
  recover_after: number
  /** Milliseconds between reminders while open (at least 10 s); null: never. */
  remind_every: number | null
}

export const BUILTIN_ALERT: AlertSettings = {notify: [], on: 'error', after: 2, recover_after: 1, remind_every: null}

/**
 * A maintenance window: fixed (`start`..`end`), or recurring (`cron` with a
 * `duration`, in `timezone`). From the file (`source: 'file'`) or from
 * `mon maintenance start` (`source: 'adhoc'`, kept in maintenance_adhoc).
 */
export interface MaintenanceWindow {
  id: string
  entities: string[]
  /** Five-field cron (croner), with `duration` and `timezone`; null for a fixed window. */
  cron: string | null
  /** Milliseconds a recurring window lasts; null for a fixed window. */
  duration: number | null
  /** IANA time zone the cron is read in; `UTC` by default. */
  timezone: string
  /** ISO times of a fixed window; null for a recurring one. */
  start: string | null
  end: string | null
  reason: string | null
  source: 'file' | 'adhoc'
}
