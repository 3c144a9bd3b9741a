/**
 * The types of one check, from start to end: the target it probes, what the
 * probe brought back, the judgement, and the result line `check` prints.
 */
import type {Endpoint, RegistryEntry} from '../config/model.js'
import type {Status} from '../status.js'
import type {CompletionAnswer} from './completion.js'
import type {McpAnswer} from './mcp.js'
import type {Phases} from './phases.js'
import type {Declared} from './serves.js'

/**
 * What one check probes, as read from the applied state: the model's own
 * types, tagged with the table the row lives in (as in plan's JSON output).
 * A registry `path` is stored as written; a relative one resolves against the base directory (see base-dir.ts).
 * An SLO is judged from history, never by a check, so targets carry none.
 */
export type EndpointTarget = Omit<Endpoint, 'slo' | 'alert'> & {
  table: 'endpoints'
  /** The stored row cannot be checked as it is (e.g. unreadable check_json): the check reports this as an error. */
  settings_error?: string
}
export type RegistryTarget = Omit<RegistryEntry, 'alert'> & {table: 'registry_index'}

export type CheckTarget = EndpointTarget | RegistryTarget

/** Why a probe got no usable answer. */
export interface ProbeFailure {
  reason: 'timeout' | 'network' | 'tls' | 'redirects' | 'config'
  message: string
}

export interface HttpResponse {
  status: number
  status_text: string
  /** Lower-cased names; every header the server sent (the judge picks what is stored). */
  headers: Record<string, string>
  /**
   * The body's bytes as read: at most the target's read limit (see readLimit).
   * Bytes, not text, so that only what a rule reads is ever decoded.
   */
  body: Buffer
  /** The body was longer than the read limit and was not read to its end. */
  truncated: boolean
}

export interface HttpProbe {
  /** The answer of a plain check (the last hop's, after redirects). */
  response?: HttpResponse
  /** What a `kind: mcp` check learned (check/mcp.ts); with a failure, what it learned before. */
  mcp?: McpAnswer
  /** What a `kind: completion` check learned (check/completion.ts). */
  completion?: CompletionAnswer
  failure?: ProbeFailure
  /** Milliseconds of the last attempt, as curl's time_total: connection set-up, headers and body; null when no request was sent. */
  latency_ms: number | null
  /** Where the last attempt's time went; they add up to latency_ms. Absent when no request was sent. */
  phases_ms?: Phases
  attempts: number
  /** The server certificate's notAfter (ISO), where the connection used TLS. */
  tls_valid_to?: string
  /** When the probe finished, ISO. */
  observed_at: string
}

export interface RegistrySummary {
  entries: number
  bytes: number
  sha256: string
}

/** What a registry entry's `serves:` read from its document (check/serves.ts): sorted, unique, bounded. */
export interface RegistryDeclared {
  pairs: Declared[]
  /** More pairs than DECLARED_MAX: the first in sort order were kept. */
  cut: boolean
}

export interface RegistryProbe {
  summary?: RegistrySummary
  /** Set when the entry has `serves` and its document was read. */
  declared?: RegistryDeclared
  failure?: {message: string}
  /** The file read, for a registry stored as a path. */
  resolved_path?: string
  latency_ms: number
  observed_at: string
}

export interface Judgement {
  status: Status
  /** One line, at most 200 characters. */
  detail: string
  payload: Record<string, unknown>
}

/** One line of `check` output; the JSON shape of `check --json` (docs/check.md). */
export interface CheckResult {
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: Status
  detail: string
  latency_ms: number | null
  snapshot_id: string
}
