/**
 * `mon report`: the status page's model, pure: per endpoint its uptime bars
 * and latency sparkline. report-html.ts draws it.
 */
import {ENTITY_TYPES} from '../config/model.js'
import type {HourFigures} from '../rows.js'
import {worstStatus, type HealthStatus} from '../status.js'
import {NO_ALERTING, type AlertingView} from './alerting.js'
import {statusSummary, type EntityStatus, type StatusReport} from './status.js'
import type {SloResult} from './slo.js'
import {hourBuckets, type HourBucket} from './window.js'
import {type DriftModel, driftModels, type ServesSeen} from './drift-view.js'

/** Snapshots of one endpoint in one UTC hour. */
export type SegmentState = HealthStatus | 'none'

export interface BarSegment {
  start: string
  end: string
  /** The worst status seen in the segment; `none` without checks. */
  state: SegmentState
  checks: number
  uptime: number | null
}

export interface UptimeBar {
  label: string
  segments: BarSegment[]
  checks: number
  /** Checks that warned: up, but shown apart. */
  warn: number
  uptime: number | null
}

export interface ReportEndpoint {
  id: string
  kind: string
  status: HealthStatus
  detail: string | null
  observed_at: string | null
  p50_ms: number | null
  p95_ms: number | null
  /** Checks made over checks due in the 24 hours (status coverage); null when none was due yet. */
  coverage: number | null
  day: UptimeBar
  week: UptimeBar
  /** Mean latency per hour over the last 24 hours, oldest first; null for an hour without data. */
  sparkline: Array<number | null>
}

export interface ReportModel {
  title: string
  generated_at: string
  summary: Record<HealthStatus, number>
  /** Each entity with its SLOs: its own, then its endpoints' (mon slo's figures). */
  groups: Array<{type: string; entities: Array<Omit<EntityStatus, 'endpoints'> & {endpoints: ReportEndpoint[]; slos: SloResult[]}>}>
  /** Open alerts, active maintenance and each entity's recent incidents (alerting.ts). */
  alerting: AlertingView
  /** Per registry entry whose latest check found drift, the models that drift (drift-view.ts). */
  drift?: ReadonlyMap<string, {models: DriftModel[]; more: number}>
}

/** The 24-hour bar has one segment per hour; the 7-day bar one per 6 hours. */
export const DAY_BUCKETS = {count: 24, hours: 1, label: '24 hours'} as const
export const WEEK_BUCKETS = {count: 28, hours: 6, label: '7 days'} as const

/** Where the report's windows start: whole UTC hours, so the bars and the figures cover the same time. */
export function reportWindows(now: Date): {day: HourBucket[]; week: HourBucket[]} {
  return {
    day: hourBuckets(now, DAY_BUCKETS.count, DAY_BUCKETS.hours),
    week: hourBuckets(now, WEEK_BUCKETS.count, WEEK_BUCKETS.hours),
  }
}

/**
 * status: the status computed over the day window (reportWindows().day[0].start);
 * hourly: per endpoint id, its figures per hour key over the week window.
 */
export function buildReport(
  status: StatusReport,
  hourly: ReadonlyMap<string, ReadonlyMap<string, HourFigures>>,
  now: Date,
  title = 'Service status',
  slos: readonly SloResult[] = [],
  alerting: AlertingView = NO_ALERTING,
  serves: ReadonlyMap<string, ServesSeen> = new Map(),
): ReportModel {
  const windows = reportWindows(now)
  const byType = new Map<string, ReportModel['groups'][number]['entities']>()
  const sloOf = new Map(slos.map((s) => [s.id, s]))
  for (const entity of status.entities) {
    const endpoints = entity.endpoints.map((e): ReportEndpoint => {
      const hours = hourly.get(e.id) ?? new Map<string, HourFigures>()
      return {
        id: e.id,
        kind: e.kind,
        status: e.status,
        detail: e.detail,
        observed_at: e.observed_at,
        p50_ms: e.p50_ms,
        p95_ms: e.p95_ms,
        coverage: e.coverage,
        day: uptimeBar(DAY_BUCKETS.label, windows.day, hours),
        week: uptimeBar(WEEK_BUCKETS.label, windows.week, hours),
        sparkline: windows.day.map((b) => {
          const h = hours.get(b.hours[0]!)
          return h && h.latency_count > 0 ? h.latency_sum / h.latency_count : null
        }),
      }
    })
    const list = byType.get(entity.type) ?? []
    const own = [entity.id, ...entity.endpoints.map((e) => e.id)].flatMap((id) => sloOf.get(id) ?? [])
    list.push({...entity, endpoints, slos: own})
    byType.set(entity.type, list)
  }
  const rank = (t: string) => {
    const i = (ENTITY_TYPES as readonly string[]).indexOf(t)
    return i === -1 ? ENTITY_TYPES.length : i
  }
  const groups = [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, entities]) => ({type, entities}))
  const drift = new Map<string, ReturnType<typeof driftModels>>()
  for (const [id, seen] of serves) if (seen.drift?.length) drift.set(id, driftModels(seen))
  return {title, generated_at: now.toISOString(), summary: statusSummary(status), groups, alerting, drift}
}

function uptimeBar(label: string, buckets: HourBucket[], hours: ReadonlyMap<string, HourFigures>): UptimeBar {
  let up = 0
  let checks = 0
  let warn = 0
  const segments = buckets.map((b): BarSegment => {
    const sum = {ok: 0, warn: 0, error: 0}
    for (const key of b.hours) {
      const h = hours.get(key)
      if (h) (sum.ok += h.ok), (sum.warn += h.warn), (sum.error += h.error)
    }
    const n = sum.ok + sum.warn + sum.error
    up += sum.ok + sum.warn
    warn += sum.warn
    checks += n
    const seen: HealthStatus[] = (['ok', 'warn', 'error'] as const).filter((s) => sum[s] > 0)
    return {start: b.start, end: b.end, state: worstStatus(seen) ?? 'none', checks: n, uptime: n === 0 ? null : (sum.ok + sum.warn) / n}
  })
  return {label, segments, checks, warn, uptime: checks === 0 ? null : up / checks}
}

// ---- formatting, shared with the text views ----------------------------------------

/** A state in words, on the page. */
export const STATE_TEXT: Record<SegmentState, string> = {ok: 'OK', warn: 'Warning', error: 'Error', stale: 'Stale', none: 'No data'}

export function formatPercent(ratio: number | null): string {
  if (ratio === null) return 'no data'
  // Never round a failure up to 100%.
  const pct = Math.floor(ratio * 10_000 + 1e-9) / 100
  return `${pct.toFixed(2)}%`
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '–'
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`
}

/** "2026-11-26 10:41 UTC" */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}
