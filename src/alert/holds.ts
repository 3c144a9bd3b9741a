/**
 * Why an alert waits (SPEC section 7, "Held, not sent"): its entity is in a
 * maintenance window (from the file, fixed or cron-recurring in a time zone,
 * or ad-hoc from `mon maintenance start`), or an entity it depends on,
 * directly or not, has an open alert. Pure: every time is a parameter.
 */
import {Cron} from 'croner'

import type {MaintenanceWindow} from '../config/model.js'
import {type DependencyGraph, heldByDependency} from './dependencies.js'
import type {Hold} from './types.js'

export interface WindowSpan {
  /** ISO times: the span covers [start, end). */
  start: string
  end: string
}

interface CronMemo {
  cron: Cron
  /** The last answer: every time in [from, until) has `latest` as its latest occurrence. */
  from: number
  until: number
  latest: number | null
}

// One parsed cron per (pattern, zone), with its last answer: a check run asks about many snapshots of the same minutes.
const crons = new Map<string, CronMemo>()

function cronOf(window: MaintenanceWindow): CronMemo {
  const key = `${window.cron}\u0000${window.timezone}`
  let memo = crons.get(key)
  if (!memo) {
    memo = {cron: new Cron(window.cron!, {timezone: window.timezone, mode: '5-part', paused: true}), from: 0, until: 0, latest: null}
    crons.set(key, memo)
  }
  return memo
}

/** The latest occurrence at or before `ms` (croner's previousRuns leaves out a run exactly at its reference, hence + 1). */
function latestOccurrence(window: MaintenanceWindow, ms: number): number | null {
  const memo = cronOf(window)
  if (ms >= memo.from && ms < memo.until) return memo.latest
  const latest = memo.cron.previousRuns(1, new Date(ms + 1))[0]?.getTime() ?? null
  const next = memo.cron.nextRun(new Date(ms))?.getTime() ?? Number.POSITIVE_INFINITY
  Object.assign(memo, {from: latest ?? Number.NEGATIVE_INFINITY, until: next, latest})
  return latest
}

/** The span of `window` covering `at`, or null: a fixed window's [start, end), a recurring one's [t, t + duration) for its latest occurrence t <= at. */
export function windowSpanAt(window: MaintenanceWindow, at: Date): WindowSpan | null {
  const ms = at.getTime()
  if (window.cron === null) {
    if (window.start === null || window.end === null) return null
    return Date.parse(window.start) <= ms && ms < Date.parse(window.end) ? {start: window.start, end: window.end} : null
  }
  const t = latestOccurrence(window, ms)
  if (t === null || ms >= t + (window.duration ?? 0)) return null
  return {start: new Date(t).toISOString(), end: new Date(t + window.duration!).toISOString()}
}

/** The window `entityId` is in at `at` (the first in the list that covers it), or null. */
export function maintenanceAt(windows: readonly MaintenanceWindow[], entityId: string, at: Date): MaintenanceWindow | null {
  for (const w of windows) if (w.entities.includes(entityId) && windowSpanAt(w, at) !== null) return w
  return null
}

/** When `window` next starts after `at` (ISO), or null: a cron window's next occurrence, a fixed window's start while it is ahead. */
export function nextWindowStart(window: MaintenanceWindow, at: Date): string | null {
  if (window.cron === null) return window.start !== null && Date.parse(window.start) > at.getTime() ? window.start : null
  return cronOf(window).cron.nextRun(at)?.toISOString() ?? null
}

/** A window's current occurrence (active now) or its next one. */
export interface Occurrence {
  active: boolean
  start: string
  end: string
}

/**
 * Where a window stands at `now`, as mon check reads it: the span covering
 * now, else the next one (a cron window's next occurrence, a fixed window
 * while it is ahead); null when it has none (a fixed window over, a cron that
 * never runs again).
 */
export function occurrenceAt(window: MaintenanceWindow, now: Date): Occurrence | null {
  const current = windowSpanAt(window, now)
  if (current) return {active: true, ...current}
  const next = nextWindowStart(window, now)
  if (next === null) return null
  const end = window.cron === null ? window.end : window.duration === null ? null : new Date(Date.parse(next) + window.duration).toISOString()
  return end === null ? null : {active: false, start: next, end}
}

export interface HoldContext {
  windows: readonly MaintenanceWindow[]
  graph: DependencyGraph
  /** Entities with an open alert. */
  openEntityIds: ReadonlySet<string>
}

/** A target's hold at `at`: maintenance first, then dependency, else null. */
export function holdFor(context: HoldContext, entityId: string, at: Date): Hold | null {
  if (maintenanceAt(context.windows, entityId, at) !== null) return 'maintenance'
  if (heldByDependency(context.graph, entityId, context.openEntityIds)) return 'dependency'
  return null
}
