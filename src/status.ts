/**
 * The statuses, one vocabulary for every layer: what one check finds and a
 * snapshot stores (`ok`, `warn`, `error`), and what status shows for a
 * target, which may also be `stale` (nothing observed recently enough).
 */
export type Status = 'ok' | 'warn' | 'error'
export type HealthStatus = Status | 'stale'

/**
 * Best to worst: the one ranking. `stale` ranks above `warn` and below
 * `error`: not knowing is worse than a known degradation, but a failure we
 * saw is worse than a check that did not run.
 */
export const STATUS_ORDER: readonly HealthStatus[] = ['ok', 'warn', 'stale', 'error']

/** The worst of some statuses; null when there are none. */
export function worstStatus<S extends HealthStatus>(statuses: Iterable<S>): S | null {
  let worst: S | null = null
  for (const s of statuses) if (worst === null || STATUS_ORDER.indexOf(s) > STATUS_ORDER.indexOf(worst)) worst = s
  return worst
}
