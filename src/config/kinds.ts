/**
 * The endpoint kinds: one entry per kind says how much of a body its rule
 * reads and what the validator allows. How each kind is judged is its entry
 * in check/kinds.ts (KIND_RULES), keyed the same way, so that the compiler
 * refuses a kind without a rule. Adding a kind: an entry here, its rule
 * there, the schema's enum (a test keeps them in step), and docs.
 */
export interface KindSpec {
  /**
   * How much of a body the kind's rule reads, up to --max-body: `all` of it,
   * a JSON body only, or `none` (its json assertions may still read a JSON
   * body). What no rule reads is read only as far as --max-payload keeps.
   */
  readonly reads: 'all' | 'json' | 'none'
  /** Whether the rule needs a body to pass, so that `method: HEAD` (no body) is a validation error. */
  readonly needsBody: boolean
  /**
   * A kind that speaks a protocol over POST (`mcp`, `completion`): its
   * method is POST whatever the file leaves out, and another is a validation
   * error. Its probe is its own (check/mcp-probe.ts, completion-probe.ts),
   * not one request read as a body.
   */
  readonly protocol?: true
  /**
   * The kind's interval where the endpoint's own `check` sets none, over
   * `defaults.check` and the built-in one: a completion costs tokens.
   */
  readonly intervalMs?: number
}

export const KINDS = {
  api: {reads: 'none', needsBody: false},
  health: {reads: 'json', needsBody: false},
  models: {reads: 'json', needsBody: true},
  metrics: {reads: 'all', needsBody: true},
  mcp: {reads: 'json', needsBody: true, protocol: true},
  completion: {reads: 'none', needsBody: true, protocol: true, intervalMs: 15 * 60_000},
} as const satisfies Record<string, KindSpec>

export type EndpointKind = keyof typeof KINDS

/** A kind's facts, or undefined for a name that is no kind (a hand-edited row, a file not yet validated). */
export function kindSpec(kind: unknown): KindSpec | undefined {
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind) ? KINDS[kind as EndpointKind] : undefined
}

/** In the schema's order. */
export const ENDPOINT_KINDS = Object.keys(KINDS) as EndpointKind[]
