/**
 * Schedules in the history views, pure: how many checks a target was due in
 * a window (from its interval and from when it was applied), the share of
 * them that were made (coverage), and when a target counts as stale.
 */
import type {InventoryTarget} from '../rows.js'
import {graceMs, STALE_INTERVALS} from '../schedule.js'

/** A window of time, ISO 8601 UTC. */
export interface TimeSpan {
  since: string
  until: string
}

/*
 * A target checked on time can still have one check fewer in a sliding
 * window than the window's length over its interval (a run a few seconds late
 * at the start edge), so the grace `check --due` uses is taken off the window
 * before counting: an on-time target covers 100%.
 */

/**
 * The checks a target was due in the window: whole intervals from the later
 * of the window's start and the target's activation (an unmanaged row, with
 * none, from the window's start) to its end, less the grace.
 * `excludedMs` is time in the window when no check was expected (nothing
 * passes it: maintenance is counted in checks, expectedOutsideMaintenance).
 */
export function expectedChecks(target: Pick<InventoryTarget, 'interval_ms' | 'activated_at'>, window: TimeSpan, excludedMs = 0): number {
  const start = Math.max(Date.parse(window.since), target.activated_at === null ? -Infinity : Date.parse(target.activated_at))
  const elapsed = Date.parse(window.until) - start - excludedMs - graceMs(target.interval_ms)
  return elapsed <= 0 || target.interval_ms <= 0 ? 0 : Math.floor(elapsed / target.interval_ms)
}

/**
 * The checks due in the window less those taken in maintenance (SPEC 7):
 * a check in a maintenance window is neither made nor missed, so coverage is
 * made / (expected - in maintenance), and an SLO's expected checks the same.
 */
export function expectedOutsideMaintenance(target: Pick<InventoryTarget, 'interval_ms' | 'activated_at'>, window: TimeSpan, inMaintenance = 0): number {
  return Math.max(0, expectedChecks(target, window) - inMaintenance)
}

/** Checks made over checks expected, at most 1; null when none was expected yet. */
export function coverageOf(checks: number, expected: number): number | null {
  return expected === 0 ? null : Math.min(1, checks / expected)
}

/** How long a target may go unobserved before it is stale: --stale-after when given, else 3 of its intervals. */
export function staleAfterMs(target: Pick<InventoryTarget, 'interval_ms'>, override: number | null): number {
  return override ?? STALE_INTERVALS * target.interval_ms
}
