/** The results of one mon check run, in a stable order, with their counts and exit code. */
import {CHECK_EXIT} from '../errors.js'
import type {NextDue} from './due.js'
import type {CheckResult} from './types.js'

export interface CheckSummary {
  ok: number
  warn: number
  error: number
}

export interface CheckReport {
  results: CheckResult[]
  summary: CheckSummary
  /** With --due: the soonest of the selected targets that were not due, or null. */
  next_due?: NextDue | null
}

export function summarise(results: readonly CheckResult[]): CheckSummary {
  const summary = {ok: 0, warn: 0, error: 0}
  for (const r of results) summary[r.status]++
  return summary
}

/** Results in a stable order (by entity, then check id), whatever order they finished in. */
export function report(results: readonly CheckResult[]): CheckReport {
  const sorted = [...results].sort((a, b) => compare(a.entity_id, b.entity_id) || compare(idOf(a), idOf(b)))
  return {results: sorted, summary: summarise(sorted)}
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function idOf(result: CheckResult): string {
  return result.endpoint_id ?? result.registry_id ?? result.entity_id
}

/** The Nagios plugin convention: the worst result decides. */
export function exitCodeOf(summary: CheckSummary): number {
  return summary.error > 0 ? CHECK_EXIT.error : summary.warn > 0 ? CHECK_EXIT.warn : CHECK_EXIT.ok
}
