/**
 * Rollups, pure: what the snapshots of one target add up to in one UTC hour,
 * day or ISO week (Monday 00:00 UTC to Monday; counts per status, the
 * latencies' count, sum and histogram), how snapshot rows group into them,
 * and how a window splits into the whole weeks, days and hours rollups
 * answer and the edges raw rows answer. The store
 * (store/rollups.ts) reads and writes them; nothing here does I/O.
 */
import {LatencyHistogram} from './latency.js'
import type {Status} from './status.js'

export type RollupPeriod = 'hour' | 'day' | 'week'
/** Target ids are unique per table only, so a rollup names its table. */
export type RollupTable = 'endpoints' | 'registry_index'

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS
export const WEEK_MS = 7 * DAY_MS
export const PERIOD_MS: Record<RollupPeriod, number> = {hour: HOUR_MS, day: DAY_MS, week: WEEK_MS}
/** Every period, shortest first: what mon check keeps up and rebuild makes. */
export const PERIODS: readonly RollupPeriod[] = ['hour', 'day', 'week']

export interface RollupKey {
  period: RollupPeriod
  target_table: RollupTable
  target_id: string
  /** ISO start of the UTC hour, day or week (a Monday): `2026-11-30T14:00:00.000Z`. */
  start_at: string
}

export interface Rollup extends RollupKey {
  entity_id: string
  ok: number
  warn: number
  error: number
  latency_count: number
  latency_sum: number
  histogram: LatencyHistogram
  /** Snapshots taken in a maintenance window (migration 0015): counted here only, not in ok/warn/error or the latencies. */
  maintenance: number
}

/** The columns of a snapshot a rollup is made of. */
export interface RollupSource {
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: Status
  latency_ms: number | null
  observed_at: string
  /** The maintenance window the snapshot was taken in; absent or null: none. */
  maintenance?: string | null
}

/** The start of the UTC hour an ISO time falls in; ISO text keeps the same first 13 characters. */
export function hourStart(iso: string): string {
  return `${iso.slice(0, 13)}:00:00.000Z`
}

export function dayStart(iso: string): string {
  return `${iso.slice(0, 10)}T00:00:00.000Z`
}

/** The start of the ISO week (Monday 00:00 UTC) an ISO time falls in. */
export function weekStart(iso: string): string {
  const day = Date.parse(dayStart(iso))
  // getUTCDay: 0 is Sunday; days back to the Monday.
  return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS).toISOString()
}

export function periodStart(iso: string, period: RollupPeriod): string {
  return period === 'hour' ? hourStart(iso) : period === 'day' ? dayStart(iso) : weekStart(iso)
}

/** The start of the period at or after an ISO time. */
export function periodCeil(iso: string, period: RollupPeriod): string {
  const floor = periodStart(iso, period)
  return floor === iso ? iso : new Date(Date.parse(floor) + PERIOD_MS[period]).toISOString()
}

export function rollupKeyText(key: RollupKey): string {
  return `${key.period}|${key.target_table}|${key.target_id}|${key.start_at}`
}

export function emptyRollup(key: RollupKey, entity_id: string): Rollup {
  // Written out rather than spread: a spread of the key measured ~50x slower here, on mon check's path.
  const {period, target_table, target_id, start_at} = key
  return {period, target_table, target_id, start_at, entity_id, ok: 0, warn: 0, error: 0, latency_count: 0, latency_sum: 0, histogram: new LatencyHistogram(), maintenance: 0}
}

/** Adds b into a (a is changed and returned). */
export function mergeRollup(a: Rollup, b: Rollup): Rollup {
  a.ok += b.ok
  a.warn += b.warn
  a.error += b.error
  a.latency_count += b.latency_count
  a.latency_sum += b.latency_sum
  a.histogram.merge(b.histogram)
  a.maintenance += b.maintenance
  return a
}

/** Adds one snapshot's status and latency into a rollup; one taken in maintenance only to its count. */
export function addSnapshot(r: Rollup, status: Status, latency_ms: number | null, maintenance: string | null = null): void {
  if (maintenance !== null) {
    r.maintenance++
    return
  }
  if (status === 'ok' || status === 'warn' || status === 'error') r[status]++
  if (latency_ms !== null) {
    r.latency_count++
    r.latency_sum += latency_ms
    r.histogram.add(latency_ms)
  }
}

/** The target a snapshot belongs to; null for one of neither an endpoint nor a registry entry. */
export function targetOf(row: Pick<RollupSource, 'endpoint_id' | 'registry_id'>): {target_table: RollupTable; target_id: string} | null {
  // '' is no endpoint: how SQLite's clustered snapshots (migration 0013) store a NULL endpoint_id.
  if (row.endpoint_id !== null && row.endpoint_id !== '') return {target_table: 'endpoints', target_id: row.endpoint_id}
  if (row.registry_id !== null) return {target_table: 'registry_index', target_id: row.registry_id}
  return null
}

/**
 * What snapshot rows add to the rollups, keyed by rollupKeyText: each row
 * into its target's hour, day and week, or the periods `periods` names.
 */
export function rollupsOf(rows: Iterable<RollupSource>, periods: readonly RollupPeriod[] = PERIODS): Map<string, Rollup> {
  const out = new Map<string, Rollup>()
  // A batch's rows fall in a day or two: each day's week computed once (mon check's path).
  const weeks = new Map<string, string>()
  const startOf = (iso: string, period: RollupPeriod) => {
    if (period !== 'week') return period === 'hour' ? hourStart(iso) : dayStart(iso)
    const day = iso.slice(0, 10)
    let week = weeks.get(day)
    if (week === undefined) weeks.set(day, (week = weekStart(iso)))
    return week
  }
  for (const row of rows) {
    const target = targetOf(row)
    if (!target) continue
    for (const period of periods) {
      const key: RollupKey = {period, target_table: target.target_table, target_id: target.target_id, start_at: startOf(row.observed_at, period)}
      const text = rollupKeyText(key)
      let r = out.get(text)
      if (!r) out.set(text, (r = emptyRollup(key, row.entity_id)))
      addSnapshot(r, row.status, row.latency_ms === null ? null : Number(row.latency_ms), row.maintenance ?? null)
    }
  }
  return out
}

/** Whether two rollups hold the same counts (maintenance too) and sum (to rounding), whatever their buckets. */
export function sameCounts(a: Omit<Rollup, 'histogram'>, b: Omit<Rollup, 'histogram'>): boolean {
  const sumsAgree = Math.abs(a.latency_sum - b.latency_sum) <= 1e-9 * Math.max(1, Math.abs(a.latency_sum))
  return a.ok === b.ok && a.warn === b.warn && a.error === b.error && a.maintenance === b.maintenance && a.latency_count === b.latency_count && sumsAgree
}

/** Whether two rollups hold the same counts, sum (to rounding) and buckets. */
export function sameRollup(a: Rollup, b: Rollup): boolean {
  return sameCounts(a, b) && a.histogram.equals(b.histogram)
}

/** A half-open range of ISO times [from, to); `to` null is open-ended. */
export interface TimeRange {
  from: string
  to: string | null
}

/** How a window [since, ...) is read: raw rows for the edges, rollups for the whole hours, days and weeks between. */
export interface WindowPlan {
  raw: TimeRange[]
  hours: TimeRange[]
  days: TimeRange[]
  weeks: TimeRange[]
}

/** [from, to) split into the whole `period`s in it and what is left on either side (possibly empty). */
function wholeOf(from: string, to: string, period: RollupPeriod): {whole: {from: string; to: string} | null; edges: TimeRange[]} {
  const first = periodCeil(from, period)
  const last = periodStart(to, period)
  if (first >= last) return {whole: null, edges: [{from, to}]}
  return {whole: {from: first, to: last}, edges: [{from, to: first}, {from: last, to}].filter((r) => r.from < r.to)}
}

/**
 * Splits the window since `since` into whole weeks, then whole days and
 * hours outside them, before the hour `until` falls in, and the raw edges:
 * from `since` to the first whole hour, and from the hour of `until` on
 * (open-ended, so that a snapshot stamped after `until` counts as it does in
 * a raw read). A 30-day window is 3-4 weeks and up to 12 days.
 */
export function planWindow(since: string, until: string): WindowPlan {
  const plan: WindowPlan = {raw: [], hours: [], days: [], weeks: []}
  const inHours = wholeOf(since, hourStart(until), 'hour')
  if (!inHours.whole) return {...plan, raw: [{from: since, to: null}]}
  plan.raw = [...inHours.edges, {from: inHours.whole.to, to: null}]
  const inDays = wholeOf(inHours.whole.from, inHours.whole.to, 'day')
  if (!inDays.whole) return {...plan, hours: [inHours.whole]}
  plan.hours = inDays.edges
  const inWeeks = wholeOf(inDays.whole.from, inDays.whole.to, 'week')
  if (!inWeeks.whole) return {...plan, days: [inDays.whole]}
  return {...plan, days: inWeeks.edges, weeks: [inWeeks.whole]}
}
