/**
 * `mon check --due`: which selected targets are due, and when the next of
 * the others is. Pure: the shell reads each target's latest observed_at and
 * passes "now" in (SPEC section 6).
 */
import {BUILTIN_CHECK, registryIntervalMs} from '../config/model.js'
import type {CheckTarget} from './types.js'

import {graceMs} from '../schedule.js'

/** How often a target should be checked, in ms: its check setting, or its registry entry's column. */
export function intervalOf(target: CheckTarget): number {
  return target.table === 'endpoints' ? (target.check.interval ?? BUILTIN_CHECK.interval) : registryIntervalMs(target.interval)
}

export interface NextDue {
  id: string
  /** Whole seconds from now, rounded up: `mon check --due` run this much later finds it due. */
  in_seconds: number
}

export interface DueSplit<T> {
  due: T[]
  /** The soonest of the targets that are not due; null when every target is due (or there are none). */
  next_due: NextDue | null
}

/** Per table (ids are unique per table only), a target id to its newest observed_at (ISO). */
export type LatestObserved = Readonly<Record<CheckTarget['table'], ReadonlyMap<string, string>>>

/** Due: never observed, or observed at least its interval less the grace ago. */
export function splitDue<T extends CheckTarget>(targets: readonly T[], latest: LatestObserved, now: number): DueSplit<T> {
  const due: T[] = []
  let next: {id: string; ms: number} | null = null
  for (const target of targets) {
    const at = latest[target.table].get(target.id)
    const observed = at === undefined ? Number.NaN : Date.parse(at)
    if (Number.isNaN(observed)) {
      due.push(target)
      continue
    }
    const interval = intervalOf(target)
    const wait = observed + interval - graceMs(interval) - now
    if (wait <= 0) due.push(target)
    else if (next === null || wait < next.ms || (wait === next.ms && target.id < next.id)) next = {id: target.id, ms: wait}
  }
  return {due, next_due: next === null ? null : {id: next.id, in_seconds: Math.ceil(next.ms / 1000)}}
}

/** The line `mon check --due` writes on stderr when nothing is due. */
export function nothingDueText(next: NextDue | null): string {
  return next === null ? 'nothing due' : `nothing due (next: ${next.id} in ${next.in_seconds} s)`
}
