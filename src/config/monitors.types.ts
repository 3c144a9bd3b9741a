/**
 * The shape of monitors.yaml as written, before defaults are applied.
 * GENERATED from schemas/monitors.schema.json by scripts/generate-types.js:
 * do not edit; change the schema and run `node scripts/generate-types.js`.
 */

/**
 * A mon inventory (monitors.yaml): the entities to monitor, their HTTP endpoints and registry entries. `mon apply` makes the database match this file; `mon validate` checks it.
 */
export interface MonitorsFile {
  /**
   * Format version of this file. Required; always 1.
   */
  version: 1
  defaults?: Defaults
  /**
   * Other files to read, as globs relative to this file (`monitors.d/*.yaml`): each holds `entities`, and may hold `notifiers`, `maintenance` and `moved`. Only the main file has `version`, `defaults` and `include`. IDs are unique across all files. A literal path that does not exist is an error; a glob that matches nothing, a warning; a file outside the repository, an error.
   *
   * @maxItems 100
   */
  include?: string[]
  /**
   * Who is told about alerts: each notifier is one destination (a Slack channel, a webhook, an ntfy topic, a PagerDuty service, an email list, an Alertmanager). Targets name them in `alert.notify`. Removing one retires it at the next apply; its delivery history is kept.
   */
  notifiers?: NotifierSpec[]
  /**
   * The monitored things. Required (may be empty). Removing an entity from this list retires it at the next apply; its history is kept.
   */
  entities: EntitySpec[]
  /**
   * Maintenance windows: while an entity is in one, its alerts are held (not sent) and its snapshots are marked and left out of uptime, coverage and SLOs. Fixed (`start`, `end`) or recurring (`cron`, `duration`, `timezone`).
   */
  maintenance?: MaintenanceSpec[]
  /**
   * Renames that keep history: apply renames the entity, endpoint or registry entry `from` to `to` in one transaction, and its snapshots, rollups and alerts follow (and an entity's endpoints and registry entries whose ids derive from its id). `from` must no longer be declared and `to` must be. Once applied, an entry is a no-op: remove it when every database has applied it.
   *
   * @maxItems 1000
   */
  moved?: Move[]
}
/**
 * Settings that every endpoint (check) and every target (alert) inherits unless it sets its own. Default: none (the built-in defaults apply).
 */
export interface Defaults {
  check?: CheckSpec
  alert?: AlertSpec
}
/**
 * How an endpoint is checked. Under `defaults`, it applies to every endpoint; under an endpoint, each field it sets overrides `defaults.check` (headers merge by name; a `json` list replaces the default one). Unset fields take the built-in defaults.
 */
export interface CheckSpec {
  /**
   * The status codes that count as success. null (the default) means any 2xx.
   *
   * @minItems 1
   */
  status?: [number, ...number[]] | null
  /**
   * A response slower than this is `warn`.
   */
  degraded_after?: string
  /**
   * A hard deadline for connecting, headers and body together; past it the check is `error`. At most 1h.
   */
  timeout?: string
  /**
   * How many times to retry after a network error or a timeout (never after an HTTP status).
   */
  retries?: number
  /**
   * How often the endpoint should be checked: `mon check --due` checks it once its latest snapshot is this old (less a grace of 10%, at most 30s), and it is stale after 3 intervals without one. At least 10s.
   */
  interval?: string
  /**
   * Request headers. Write secrets as ${VAR}: they are resolved from the environment at check time and never stored. A literal credential is a warning.
   */
  headers?: {
    [k: string]: string
  }
  /**
   * Assertions on a JSON response body; all must hold.
   */
  json?: JsonAssertionSpec[]
  /**
   * The request body, sent with `method: POST`: a string as it is, an object as JSON (`Content-Type: application/json` unless a header says otherwise). `${VAR}` inside is resolved at check time and never stored. Set on an endpoint, not under `defaults`.
   */
  body?: string | {}
  mcp?: McpCheckSpec
  models?: ModelsCheckSpec
  completion?: CompletionCheckSpec
}
/**
 * One assertion on the JSON body. Every operator given must hold; with none, the path must exist.
 */
export interface JsonAssertionSpec {
  /**
   * Required. Where in the body: dotted keys and indexes, e.g. `status`, `data.0.id` (also `data[0].id`; `$` is the whole body).
   */
  path: string
  /**
   * The value must equal this (any JSON value, compared deeply).
   */
  equals?: string | number | boolean | null | unknown[] | {}
  /**
   * The value must equal one of these.
   *
   * @minItems 1
   */
  in?: [unknown, ...unknown[]]
  /**
   * The value must be a string matching this regular expression in RE2 syntax (run in linear time; no lookarounds or backreferences).
   */
  matches?: string
  /**
   * true: the path must exist; false: it must not.
   */
  exists?: boolean
  /**
   * The value must be a list with at least this many items.
   */
  min_items?: number
  /**
   * What a failed assertion makes the check: `error`, or `warn`.
   */
  severity?: 'error' | 'warn'
}
/**
 * `kind: mcp` only: what the MCP server must offer.
 */
export interface McpCheckSpec {
  /**
   * Tool names that must be listed by `tools/list`; a missing one is `error`.
   *
   * @maxItems 200
   */
  tools?: string[]
  /**
   * Warn once when the tool list (names and input schemas, compared by meaning) changed since the latest snapshot that read one; the detail names what was added, removed or changed.
   */
  pin_tools?: boolean
}
/**
 * `kind: models` only: what the model list must hold.
 */
export interface ModelsCheckSpec {
  /**
   * Model ids that must be listed; a missing one is `error`, naming it.
   *
   * @maxItems 1000
   */
  expect?: string[]
  /**
   * A list that changed since the latest snapshot that read one: `warn` once, naming what was added and removed, or `ignore`.
   */
  changed?: 'warn' | 'ignore'
}
/**
 * `kind: completion` only, and required there: the streamed chat completion mon asks for.
 */
export interface CompletionCheckSpec {
  /**
   * Required. The model asked for; an answer from another model warns.
   */
  model: string
  /**
   * The user message sent.
   */
  prompt?: string
  /**
   * `max_tokens` of the request: each check costs this many tokens at most.
   */
  max_tokens?: number
}
/**
 * When a target's alert opens, reminds and resolves, and who is told. Merged key by key: built-in defaults, then `defaults.alert`, then the entity's `alert`, then the endpoint's or registry entry's.
 */
export interface AlertSpec {
  /**
   * Notifier ids (from `notifiers`) told of each open, reminder and resolve. Default: none (alerts are recorded, nobody is told).
   */
  notify?: string[]
  /**
   * The least status that counts as failing: `error`, or `warn` (warn and error).
   */
  on?: 'error' | 'warn'
  /**
   * Consecutive failing checks that open an alert. At least 1, at most 1000 (more would be no alert at all).
   */
  after?: number
  /**
   * Consecutive passing checks that resolve an open alert. At least 1, at most 1000.
   */
  recover_after?: number
  /**
   * While an alert is open and not held, remind this often (counted from the last open or reminder delivered). At least 10s. Default: never.
   */
  remind_every?: string | null
}
/**
 * One destination for alert notifications. Each type takes its own settings (others are an error); every value may be `${VAR}`, resolved from the environment only when a notification is delivered, and stored as written. A literal secret (a password, token, signing secret, a Slack or Discord webhook URL, a PagerDuty routing key) is an error.
 */
export interface NotifierSpec {
  /**
   * Required. The notifier's id, named by `alert.notify`.
   */
  id: string
  /**
   * Required. How notifications are delivered.
   */
  type: 'webhook' | 'slack' | 'ntfy' | 'pagerduty' | 'email' | 'alertmanager'
  /**
   * webhook: the URL posted to; slack: the incoming webhook URL; ntfy: the server (default `https://ntfy.sh`); pagerduty: the events endpoint (default `https://events.pagerduty.com/v2/enqueue`); alertmanager: its base URL (mon posts to `/api/v2/alerts`). http or https.
   */
  url?: string
  /**
   * webhook: request headers. Write credentials as ${VAR}.
   */
  headers?: {
    [k: string]: string
  }
  /**
   * webhook: a secret (as ${VAR}) to sign each body with: `X-Mon-Signature: sha256=<HMAC-SHA256 of timestamp.body>` and `X-Mon-Timestamp`.
   */
  signing_secret?: string
  /**
   * ntfy: the topic posted to. Required for ntfy.
   */
  topic?: string
  /**
   * ntfy: an access token (as ${VAR}), sent as `Authorization: Bearer`.
   */
  token?: string
  /**
   * pagerduty: the integration's routing key (as ${VAR}). Required for pagerduty.
   */
  routing_key?: string
  /**
   * email: the SMTP server. Required for email.
   */
  host?: string
  /**
   * email: the SMTP port.
   */
  port?: number
  /**
   * email: the SMTP user; with `password`, mon authenticates.
   */
  username?: string
  /**
   * email: the SMTP password (as ${VAR}).
   */
  password?: string
  /**
   * email: the sender address. Required for email.
   */
  from?: string
  /**
   * email: the recipients. Required for email.
   *
   * @minItems 1
   */
  to?: [string, ...string[]]
  /**
   * email: `starttls` (upgrade, required), `tls` (TLS from the start, port 465) or `none`.
   */
  tls?: 'starttls' | 'tls' | 'none'
}
/**
 * One monitored thing: a service, backend, tool, gateway or registry.
 */
export interface EntitySpec {
  /**
   * Required. The entity's ID, e.g. `mlx:8100`; endpoint and registry IDs are derived from it.
   */
  id: string
  /**
   * Required. What kind of thing this is.
   */
  type: 'service' | 'backend' | 'tool' | 'gateway' | 'registry'
  /**
   * Required. A human-readable name, shown by status and report.
   */
  label: string
  /**
   * Required. Who answers for it: a team, a person or a system. `mon check --owner` selects by it.
   */
  owner: string
  /**
   * Where its documentation is: a path or URL. Stored as written.
   */
  docs_ref?: string | null
  /**
   * Free text for people.
   */
  notes?: string | null
  slo?: SloSpec
  /**
   * Entity ids this entity depends on: while one of them (directly or not) has an open alert, this entity's alerts are held.
   */
  depends_on?: string[]
  alert?: AlertSpec
  /**
   * HTTP endpoints that `mon check` probes.
   */
  endpoints?: EndpointSpec[]
  /**
   * Registry index entries: files or URLs that `mon check` reads and parses.
   */
  registry?: RegistrySpec[]
}
/**
 * A service level objective: the share of expected checks (from the interval, since the target was applied) that must be ok or warn over a rolling window, and optionally a p95 latency. On an entity it pools all its endpoints and registry entries; on an endpoint, that endpoint alone. Default: none.
 */
export interface SloSpec {
  /**
   * Required. The share of expected checks that must be ok or warn: a percentage (`99.5%`) or a fraction (`0.995`); a bare number above 1 is an error.
   */
  target: string | number
  /**
   * Required. The rolling window the target is judged over, e.g. `30d`.
   */
  window: string
  /**
   * The p95 latency over the window must stay under this, e.g. `800ms`. Default: no latency objective.
   */
  latency_p95?: string
}
/**
 * One HTTP endpoint of an entity.
 */
export interface EndpointSpec {
  /**
   * The endpoint's ID. Default: `<entity id>:<kind>`, e.g. `mlx:8100:health`. Set it when an entity has two endpoints of the same kind.
   */
  id?: string
  /**
   * Required. How the response is judged. health: a `status` field in a JSON body (ok/up/healthy..., warn/degraded..., fail/down...); models: an OpenAI-style model list (an empty list warns; see `check.models`); metrics: Prometheus text exposition; api: status code, latency and assertions only; mcp: a Model Context Protocol server over Streamable HTTP (initialize, tools/list, see `check.mcp`); completion: a streamed OpenAI-compatible chat completion, `url` being the full `.../v1/chat/completions` URL, latency the time to the first token (see `check.completion`; its interval is 15m unless its own `check.interval` says otherwise).
   */
  kind: 'api' | 'health' | 'models' | 'metrics' | 'mcp' | 'completion'
  /**
   * Required. An absolute http: or https: URL, without credentials (put them in a header with ${VAR}).
   */
  url: string
  /**
   * The HTTP method. `mcp` and `completion` speak their protocol over POST: leave it out (or write POST).
   */
  method?: 'GET' | 'HEAD' | 'POST'
  check?: CheckSpec
  slo?: SloSpec
  alert?: AlertSpec
}
/**
 * A registry index entry: a file or URL that `mon check` reads and parses in its format.
 */
export interface RegistrySpec {
  /**
   * The entry's ID. Default: `registry:<entity id>`. Set it when an entity has more than one entry.
   */
  id?: string
  /**
   * Required. A file path or an http(s) URL. Stored as written; a relative path is resolved at check time against the directory of monitors.yaml (mon check -c), or --base-dir, and must stay inside it.
   */
  path: string
  /**
   * Required. Who is authoritative for the registry's content.
   */
  authority: string
  /**
   * How the registry is parsed.
   */
  format?: 'json' | 'yaml'
  /**
   * How often the entry should be checked, as for an endpoint's `check.interval`. At least 10s.
   */
  interval?: string
  serves?: ServesSpec
  alert?: AlertSpec
}
/**
 * What the registry says each entity serves, as dotted paths into its document: `items` leads to a list; in each item, `model` to a model id and each of `entities` to the id of an entity that should list that model in its `kind: models` check (a backend's `served_by`, a gateway's `via`). The check reports a declared model an entity does not list (error) and a model an entity lists that no registry entry declares for it (warn).
 */
export interface ServesSpec {
  /**
   * Required. Dotted path to the list of items: `models`, `data.models`.
   */
  items: string
  /**
   * Required. Dotted path, in each item, to its model id: `id`.
   */
  model: string
  /**
   * Required. Dotted paths, in each item, to the ids of the entities that should list its model: `[served_by, via]`.
   *
   * @minItems 1
   * @maxItems 10
   */
  entities:
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
}
/**
 * A window in which the named entities' alerts are held and their snapshots marked: recurring (`cron` and `duration`, in `timezone`) or fixed (`start` and `end`).
 */
export interface MaintenanceSpec {
  /**
   * Required. The window's id.
   */
  id: string
  /**
   * Required. The entity ids it covers.
   *
   * @minItems 1
   */
  entities: [string, ...string[]]
  /**
   * A five-field cron expression (minute hour day month weekday) for when a recurring window starts, read in `timezone`. With `duration`.
   */
  cron?: string
  /**
   * How long each occurrence of a recurring window lasts, e.g. `30m`.
   */
  duration?: string
  /**
   * The IANA time zone the cron is read in, e.g. `Europe/Berlin`.
   */
  timezone?: string
  /**
   * A fixed window's start: an ISO 8601 time with a zone, e.g. `2026-12-05T22:00:00Z`.
   */
  start?: string
  /**
   * A fixed window's end (not included).
   */
  end?: string
  /**
   * Why, for people (shown by `mon maintenance list`). At most 500 characters.
   */
  reason?: string | null
}
/**
 * One rename: the old id and the new one (an entity, endpoint or registry entry id).
 */
export interface Move {
  /**
   * Required. The id as the database holds it now.
   */
  from: string
  /**
   * Required. The id the file declares now.
   */
  to: string
}
