/**
 * The rules on schedules and SLOs (SPEC section 6) that the schema cannot
 * express: ranges of durations and targets, and an SLO with nothing to judge.
 */
import {MAX_DURATION_MS, formatDuration, parseDuration} from '../duration.js'
import type {Finding} from './finding.js'
import {MIN_INTERVAL_MS} from './model.js'
import {targetProblem} from './slo.js'
import type {DocPath} from './yaml-source.js'

type Raw = Record<string, unknown>

/** A duration as written, in ms; undefined when it is not one (the schema reports that). */
export function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  try {
    return parseDuration(value)
  } catch {
    return undefined
  }
}

/** A duration past MAX_DURATION_MS: its milliseconds are no longer exact (exported as `8.64e+27ms`), and now minus it is no date. */
function tooLong(value: unknown, path: DocPath): Finding[] {
  const ms = durationMs(value)
  return ms !== undefined && ms > MAX_DURATION_MS ? [{path, severity: 'error', message: `must be at most ${formatDuration(MAX_DURATION_MS)} (got ${String(value)})`}] : []
}

/** An `interval` (of check settings or a registry entry) under the least one, or too long. */
export function intervalFindings(value: unknown, path: DocPath): Finding[] {
  const ms = durationMs(value)
  if (ms === undefined || ms >= MIN_INTERVAL_MS) return tooLong(value, path)
  return [{path, severity: 'error', message: `must be at least ${formatDuration(MIN_INTERVAL_MS)} (got ${String(value)})`}]
}

/** An SLO's target, window and latency_p95; `targets` is how many endpoints and registry entries it judges. */
export function sloFindings(slo: unknown, path: DocPath, targets: number): Finding[] {
  if (slo === null || typeof slo !== 'object' || Array.isArray(slo)) return []
  const raw = slo as Raw
  const findings: Finding[] = []
  const target = targetProblem(raw.target)
  if (target) findings.push({path: [...path, 'target'], severity: 'error', message: target})
  for (const key of ['window', 'latency_p95'] as const) {
    if (durationMs(raw[key]) === 0) findings.push({path: [...path, key], severity: 'error', message: `must be longer than 0 (got ${String(raw[key])})`})
    findings.push(...tooLong(raw[key], [...path, key]))
  }
  if (targets === 0) findings.push({path, atKey: true, severity: 'error', message: 'an SLO on an entity with no endpoints and no registry entries has nothing to judge'})
  return findings
}
