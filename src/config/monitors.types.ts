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
   * The monitored things. Required (may be empty). Removing an entity from this list retires it at the next apply; its history is kept.
   */
  entities: EntitySpec[]
}
/**
 * Settings that every endpoint inherits unless it sets its own. Default: none (the built-in check defaults apply).
 */
export interface Defaults {
  check?: CheckSpec
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
   * Required. How the response is judged. health: a `status` field in a JSON body (ok/up/healthy..., warn/degraded..., fail/down...); models: an OpenAI-style model list (an empty list warns); metrics: Prometheus text exposition; api: status code, latency and assertions only.
   */
  kind: 'api' | 'health' | 'models' | 'metrics'
  /**
   * Required. An absolute http: or https: URL, without credentials (put them in a header with ${VAR}).
   */
  url: string
  /**
   * The HTTP method.
   */
  method?: 'GET' | 'HEAD' | 'POST'
  check?: CheckSpec
  slo?: SloSpec
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
}
