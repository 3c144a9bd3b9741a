/**
 * The rules on schedules and SLOs (SPEC section 6) that the schema cannot
 * express: ranges of durations and targets, and an SLO with nothing to judge.
 */
import {formatDuration, parseDuration} from '../duration.js'
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

/** An `interval` (of check settings or a registry entry) under the least one. */
export function intervalFindings(value: unknown, path: DocPath): Finding[] {
  const ms = durationMs(value)
  if (ms === undefined || ms >= MIN_INTERVAL_MS) return []
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
  }
  if (targets === 0) findings.push({path, atKey: true, severity: 'error', message: 'an SLO on an entity with no endpoints and no registry entries has nothing to judge'})
  return findings
}
