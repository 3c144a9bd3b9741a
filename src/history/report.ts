/**
 * `mon report`: the static HTML status page, pure. One self-contained file
 * (inline CSS and SVG, no script, no external asset), readable on a phone,
 * with text beside every colour and semantic HTML.
 */
import {ENTITY_TYPES} from '../config/model.js'
import type {HourFigures} from '../rows.js'
import {STATUS_ORDER, worstStatus, type HealthStatus} from '../status.js'
import {statusSummary, type EntityStatus, type StatusReport} from './status.js'
import {hourBuckets, type HourBucket} from './window.js'

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
  day: UptimeBar
  week: UptimeBar
  /** Mean latency per hour over the last 24 hours, oldest first; null for an hour without data. */
  sparkline: Array<number | null>
}

export interface ReportModel {
  title: string
  generated_at: string
  summary: Record<HealthStatus, number>
  groups: Array<{type: string; entities: Array<Omit<EntityStatus, 'endpoints'> & {endpoints: ReportEndpoint[]}>}>
}

/** The 24-hour bar has one segment per hour; the 7-day bar one per 6 hours. */
export const DAY_BUCKETS = {count: 24, hours: 1} as const
export const WEEK_BUCKETS = {count: 28, hours: 6} as const

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
): ReportModel {
  const windows = reportWindows(now)
  const byType = new Map<string, ReportModel['groups'][number]['entities']>()
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
        day: uptimeBar('24 hours', windows.day, hours),
        week: uptimeBar('7 days', windows.week, hours),
        sparkline: windows.day.map((b) => {
          const h = hours.get(b.hours[0]!)
          return h && h.latency_count > 0 ? h.latency_sum / h.latency_count : null
        }),
      }
    })
    const list = byType.get(entity.type) ?? []
    list.push({...entity, endpoints})
    byType.set(entity.type, list)
  }
  const rank = (t: string) => {
    const i = (ENTITY_TYPES as readonly string[]).indexOf(t)
    return i === -1 ? ENTITY_TYPES.length : i
  }
  const groups = [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, entities]) => ({type, entities}))
  return {title, generated_at: now.toISOString(), summary: statusSummary(status), groups}
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

// ---- HTML --------------------------------------------------------------------

const STATE_TEXT: Record<SegmentState, string> = {ok: 'OK', warn: 'Warning', error: 'Error', stale: 'Stale', none: 'No data'}
const STATE_MARK: Record<SegmentState, string> = {ok: '✓', warn: '!', error: '✕', stale: '?', none: '·'}
const TYPE_HEADING: Record<string, string> = {service: 'Services', backend: 'Backends', tool: 'Tools', gateway: 'Gateways', registry: 'Registries'}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}

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

function timeTag(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatUtc(iso))}</time>`
}

function badge(state: SegmentState): string {
  return `<span class="badge s-${state}"><span aria-hidden="true">${STATE_MARK[state]}</span> ${STATE_TEXT[state]}</span>`
}

export function renderReportHtml(model: ReportModel): string {
  const s = model.summary
  const total = s.ok + s.warn + s.stale + s.error
  const overall = worstStatus(STATUS_ORDER.filter((k) => s[k] > 0))
  const headline =
    total === 0 ? 'Nothing is monitored yet.' : overall === 'ok' ? 'All systems operational.' : `${total - s.ok} of ${total} entities need attention.`
  const counts = STATUS_ORDER.map((k) => `${s[k]} ${STATE_TEXT[k].toLowerCase()}`).join(', ')
  const body = model.groups.map(renderGroup).join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mon">
<title>${escapeHtml(model.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<p class="headline">${overall ? badge(overall) : ''} ${escapeHtml(headline)}</p>
<p class="meta">${total} entities: ${escapeHtml(counts)}. Generated ${timeTag(model.generated_at)}.</p>
</header>
<main>
${body || '<p>No active entities.</p>'}
</main>
<footer>
<ul class="legend" aria-label="Legend">${(['ok', 'warn', 'error', 'stale', 'none'] as const)
    .map((k) => `<li><span class="swatch s-${k}" aria-hidden="true"></span>${STATE_TEXT[k]}</li>`)
    .join('')}</ul>
<p>Bars: one segment per hour (24 hours) and per 6 hours (7 days), coloured by the worst check in it; hover or tap a segment for its figures. Latency: hourly mean over the last 24 hours. Generated by mon at ${timeTag(model.generated_at)}.</p>
</footer>
</body>
</html>
`
}

function renderGroup(group: ReportModel['groups'][number]): string {
  const id = `type-${slug(group.type)}`
  const heading = TYPE_HEADING[group.type] ?? group.type
  return `<section class="group" aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(heading)}</h2>
${group.entities.map(renderEntity).join('\n')}
</section>`
}

function renderEntity(entity: ReportModel['groups'][number]['entities'][number]): string {
  const id = `entity-${slug(entity.id)}`
  const endpoints = entity.endpoints.length
    ? `<ul class="endpoints" aria-label="Endpoints of ${escapeHtml(entity.label)}">\n${entity.endpoints.map(renderEndpoint).join('\n')}\n</ul>`
    : ''
  const registry = entity.registry.length
    ? `<ul class="registry" aria-label="Registry entries of ${escapeHtml(entity.label)}">\n${entity.registry
        .map(
          (r) =>
            `<li>${badge(r.status)} <span class="name">registry <code>${escapeHtml(r.id)}</code></span> <span class="detail">${escapeHtml(
              r.detail ?? 'never checked',
            )}</span>${r.observed_at ? ` <span class="when">checked ${timeTag(r.observed_at)}</span>` : ''}</li>`,
        )
        .join('\n')}\n</ul>`
    : ''
  return `<article class="entity s-${entity.status}-edge" aria-labelledby="${id}">
<h3 id="${id}">${badge(entity.status)} <span class="label">${escapeHtml(entity.label)}</span></h3>
<p class="entity-meta"><code>${escapeHtml(entity.id)}</code> · owner ${escapeHtml(entity.owner)}</p>
${endpoints}
${registry}
</article>`
}

function renderEndpoint(e: ReportEndpoint): string {
  return `<li class="endpoint">
<p class="endpoint-head">${badge(e.status)} <code>${escapeHtml(e.id)}</code> <span class="kind">${escapeHtml(e.kind)}</span></p>
<p class="detail">${escapeHtml(e.detail ?? 'never checked')}${e.observed_at ? ` <span class="when">· checked ${timeTag(e.observed_at)}</span>` : ''}</p>
${renderBar(e.day)}
${renderBar(e.week)}
<div class="latency">
${renderSparkline(e)}
<p class="figures">p50 <strong>${formatMs(e.p50_ms)}</strong> · p95 <strong>${formatMs(e.p95_ms)}</strong>${
    e.day.warn > 0 ? ` · warn <strong>${formatPercent(e.day.warn / e.day.checks)}</strong>` : ''
  } <span class="muted">(24 hours)</span></p>
</div>
</li>`
}

function renderBar(bar: UptimeBar): string {
  const bad = bar.segments.filter((x) => x.state === 'error').length
  const warned = bar.segments.filter((x) => x.state === 'warn').length
  const warnShare = bar.warn > 0 ? ` (${formatPercent(bar.warn / bar.checks)} warn)` : ''
  const aria = `Uptime over ${bar.label}: ${formatPercent(bar.uptime)}${warnShare} of ${bar.checks} checks; ${bad} segments with errors, ${warned} with warnings`
  const segs = bar.segments
    .map(
      (x) =>
        `<span class="seg s-${x.state}" title="${escapeHtml(
          `${formatUtc(x.start)} to ${x.end.slice(11, 16)}: ${STATE_TEXT[x.state]}, ${x.checks} checks, ${formatPercent(x.uptime)} up`,
        )}"></span>`,
    )
    .join('')
  return `<div class="uptime">
<span class="uptime-label">${escapeHtml(bar.label)}</span>
<div class="uptime-bar" role="img" aria-label="${escapeHtml(aria)}">${segs}</div>
<span class="uptime-value">${formatPercent(bar.uptime)}</span>
</div>`
}

const SPARK_W = 240
const SPARK_H = 40

function renderSparkline(e: ReportEndpoint): string {
  const values = e.sparkline.filter((v): v is number => v !== null)
  if (values.length === 0) return `<p class="sparkline-empty muted">No latency data in the last 24 hours.</p>`
  const max = Math.max(...values)
  const min = Math.min(...values)
  const latest = [...e.sparkline].reverse().find((v) => v !== null) ?? null
  const n = e.sparkline.length
  const x = (i: number) => (n === 1 ? SPARK_W / 2 : (i / (n - 1)) * SPARK_W)
  const y = (v: number) => (max === min ? SPARK_H / 2 : SPARK_H - 2 - ((v - min) / (max - min)) * (SPARK_H - 4))
  // An hour without data breaks the line instead of drawing across it.
  const runs: string[][] = []
  let run: string[] = []
  e.sparkline.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run)
      run = []
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`)
  })
  if (run.length) runs.push(run)
  const shapes = runs
    .map((r) => (r.length === 1 ? `<circle cx="${r[0]!.split(',')[0]}" cy="${r[0]!.split(',')[1]}" r="2"/>` : `<polyline points="${r.join(' ')}"/>`))
    .join('')
  const label = `Latency over the last 24 hours, hourly mean: min ${formatMs(min)}, max ${formatMs(max)}, latest ${formatMs(latest)}`
  return `<svg class="sparkline" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" width="${SPARK_W}" height="${SPARK_H}"><title>${escapeHtml(
    label,
  )}</title>${shapes}</svg>`
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-')
}

const CSS = `
:root{--ok:#1a7f37;--warn:#9a6700;--error:#cf222e;--stale:#6e40c9;--none:#d0d7de;--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d0d7de;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--ok:#3fb950;--warn:#d29922;--error:#f85149;--stale:#a371f7;--none:#3d444d;--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#161b22;--line:#30363d}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:0 0 .2rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.muted,.meta,.entity-meta,.when,footer{color:var(--muted)}
.meta,.entity-meta{margin:.2rem 0 .6rem;font-size:.9rem}
.headline{font-size:1.1rem;margin:.4rem 0}
.entity{background:var(--card);border:1px solid var(--line);border-left:.35rem solid var(--none);border-radius:.4rem;padding:.8rem 1rem;margin:.8rem 0}
.s-ok-edge{border-left-color:var(--ok)}.s-warn-edge{border-left-color:var(--warn)}.s-error-edge{border-left-color:var(--error)}.s-stale-edge{border-left-color:var(--stale)}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85rem;font-weight:600;color:#fff;white-space:nowrap}
.badge.s-ok{background:var(--ok)}.badge.s-warn{background:var(--warn)}.badge.s-error{background:var(--error)}.badge.s-stale{background:var(--stale)}.badge.s-none{background:var(--none);color:var(--fg)}
@media (prefers-color-scheme:dark){.badge{color:#0d1117}}
ul{list-style:none;margin:0;padding:0}
.endpoint{border-top:1px solid var(--line);padding:.6rem 0}
.endpoint-head,.detail{margin:.1rem 0;overflow-wrap:anywhere}
.kind{font-size:.85rem;color:var(--muted)}
.registry li{border-top:1px solid var(--line);padding:.4rem 0;overflow-wrap:anywhere}
.uptime{display:grid;grid-template-columns:4.5rem 1fr 4.5rem;align-items:center;gap:.5rem;margin:.3rem 0;font-size:.85rem}
.uptime-value{text-align:right;font-variant-numeric:tabular-nums}
.uptime-bar{display:flex;gap:1px;height:1.4rem;min-width:0}
.seg{flex:1 1 0;min-width:0;border-radius:1px;background:var(--none)}
.seg.s-ok,.swatch.s-ok{background:var(--ok)}.seg.s-warn,.swatch.s-warn{background:var(--warn)}.seg.s-error,.swatch.s-error{background:var(--error)}.seg.s-stale,.swatch.s-stale{background:var(--stale)}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.6rem 0}.legend li{display:flex;align-items:center;gap:.35rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;background:var(--none)}
.latency{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem 1rem}
.sparkline{max-width:100%;height:2.5rem;fill:none;stroke:var(--fg);stroke-width:1.5;vector-effect:non-scaling-stroke}
.sparkline polyline{vector-effect:non-scaling-stroke}.sparkline circle{fill:var(--fg);stroke:none}
.figures{margin:0;font-size:.9rem;font-variant-numeric:tabular-nums}
footer{margin-top:2rem;font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:30rem){body{padding:.6rem}.uptime{grid-template-columns:3.8rem 1fr 3.8rem}.entity{padding:.6rem}}
`.trim()
