/**
 * The schedule's two constants, shared by `check --due` (when a target is
 * due), coverage (how many checks a window expected) and staleness (SPEC
 * section 6): one grace and one stale multiple, so the three never disagree.
 */

/** A target is due a grace early (10% of its interval, at most 30 s), so a cron minute that fires a little early does not skip it. */
export const GRACE_SHARE = 0.1
export const MAX_GRACE_MS = 30_000

export function graceMs(intervalMs: number): number {
  return Math.min(intervalMs * GRACE_SHARE, MAX_GRACE_MS)
}

/** A target is stale once nothing was observed for this many of its intervals (unless --stale-after says otherwise). */
export const STALE_INTERVALS = 3
