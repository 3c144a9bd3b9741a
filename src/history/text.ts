/** Human output of `mon status` and `mon history`: aligned columns, colour only when asked for. */
import {plural} from '../plural.js'
import type {HistorySnapshot} from '../rows.js'
import {STATUS_COLOUR, type Paint} from '../terminal.js'
import {visible} from '../text.js'
import {latencyText} from '../duration.js'
import {formatPercent} from './report.js'
import {STATUS_ORDER} from '../status.js'
import {statusSummary, type StatusReport, type TargetStatus} from './status.js'
import {ago} from './window.js'
import type {AlertingView} from './alerting.js'
import {renderAlertingText} from './alerting-text.js'
import {table} from './table.js'
import {DRIFT_HEADINGS, driftCells, driftModels, type ServesSeen} from './drift-view.js'

export interface TextOptions {
  paint: Paint
  now: Date
}

function uptimeText(t: TargetStatus): string {
  if (t.checks === 0) return 'no checks in window'
  const warn = t.counts.warn > 0 ? ` (${formatPercent(t.counts.warn / t.checks)} warn)` : ''
  return `${formatPercent(t.uptime)} up${warn} of ${t.checks}`
}

/** Coverage, and a window with gaps says so; nothing when no check was expected yet. */
export function coverageText(coverage: number | null): string {
  if (coverage === null) return ''
  return `coverage ${formatPercent(coverage)}${coverage < 1 ? ' (gaps)' : ''}`
}

export function renderStatusText(
  report: StatusReport,
  options: TextOptions & {window: string; staleAfter: string; alerting?: AlertingView; serves?: ReadonlyMap<string, ServesSeen>},
): string {
  const s = statusSummary(report)
  const head = `${plural(report.entities.length, 'entity', 'entities')}: ${STATUS_ORDER.map((k) => `${s[k]} ${k}`).join(', ')} (uptime and latency over ${options.window} since ${report.since}; stale after ${options.staleAfter})`
  // One table for all entities, so that columns line up down the whole output.
  const rows: string[][] = []
  const owners: number[] = []
  report.entities.forEach((entity, i) => {
    for (const e of entity.endpoints) {
      rows.push([
        '  ' + e.status,
        e.id,
        e.kind,
        uptimeText(e),
        coverageText(e.coverage),
        e.p50_ms === null ? '' : `p50 ${latencyText(e.p50_ms)}`,
        e.p95_ms === null ? '' : `p95 ${latencyText(e.p95_ms)}`,
        e.observed_at ? ago(e.observed_at, options.now) : 'never',
        visible(e.detail ?? 'never checked'),
      ])
      owners.push(i)
    }
    for (const r of entity.registry) {
      rows.push(['  ' + r.status, r.id, 'registry', uptimeText(r), coverageText(r.coverage), '', '', r.observed_at ? ago(r.observed_at, options.now) : 'never', visible(r.detail ?? 'never checked')])
      owners.push(i)
    }
  })
  const formatted = table(rows, options.paint, 0)
  const lines = [head, ...(options.alerting ? renderAlertingText(options.alerting, options) : [])]
  report.entities.forEach((entity, i) => {
    lines.push('', `${options.paint(STATUS_COLOUR[entity.status], entity.status.toUpperCase())}  ${entity.id}  ${entity.label} (${entity.type}, owner ${entity.owner})`)
    formatted.forEach((line, j) => owners[j] === i && lines.push(line))
    for (const r of entity.registry) lines.push(...driftText(r.id, options.serves?.get(r.id), options.paint))
  })
  return `${lines.join('\n')}\n`
}

/** Under a registry entry whose latest check found drift: a table of the models that drift. */
function driftText(id: string, seen: ServesSeen | undefined, paint: Paint): string[] {
  if (!seen?.drift?.length) return []
  const {models, more} = driftModels(seen)
  const rows = table([[...DRIFT_HEADINGS], ...models.map(driftCells)], paint).map((line) => `      ${visible(line)}`)
  return [`    drift of ${id}:`, ...rows, ...(more > 0 ? [`      and ${plural(more, 'more model')} (mon status --json lists them all)`] : [])]
}

export function renderHistoryText(id: string, snapshots: readonly HistorySnapshot[], options: TextOptions & {since: string}): string {
  const head = `${id}: ${plural(snapshots.length, 'snapshot')} since ${options.since}, newest first`
  if (snapshots.length === 0) return `${head}\n`
  const rows = [['OBSERVED_AT', 'STATUS', 'LATENCY', 'CHECKED', 'DETAIL']]
  for (const s of snapshots) {
    rows.push([s.observed_at, s.status, s.latency_ms === null ? '–' : latencyText(s.latency_ms), s.endpoint_id ?? s.registry_id ?? s.entity_id, visible(s.detail ?? '')])
  }
  return `${[head, ...table(rows, options.paint, 1)].join('\n')}\n`
}

