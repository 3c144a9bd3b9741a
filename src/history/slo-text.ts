/** `mon slo` for people: one line per SLO that an operator reads at a glance, the broken ones first. */
import {plural} from '../plural.js'
import {NO_PAINT, type Paint} from '../terminal.js'
import {latencyText} from '../duration.js'
import {formatPercent} from './report.js'
import {sloState, type SloReport, type SloResult} from './slo.js'
import {table} from './table.js'

const ORDER = ['broken', 'unknown', 'ok'] as const
const COLOUR = {ok: 'green', broken: 'red', unknown: 'magenta'} as const

function burn(rate: number | null): string {
  return rate === null ? '–' : rate.toFixed(2)
}

function p95Text(s: SloResult, limitMs: number | null): string {
  if (s.latency_p95_ms === null) return limitMs === null ? '–' : `– (limit ${latencyText(limitMs)})`
  if (limitMs === null) return latencyText(s.latency_p95_ms)
  return `${latencyText(s.latency_p95_ms)} ${s.latency_p95_ms <= limitMs ? '≤' : '>'} ${latencyText(limitMs)}`
}

export function renderSloText(report: SloReport, options: {paint: Paint; limits: ReadonlyMap<string, number | null>}): string {
  if (report.slos.length === 0) return 'No SLOs defined: add `slo:` (target, window, optional latency_p95) to an entity or an endpoint in monitors.yaml, then mon apply.\n'
  const counts = {ok: 0, broken: 0, unknown: 0}
  for (const s of report.slos) counts[sloState(s)]++
  const head = `${plural(report.slos.length, 'SLO')}: ${counts.ok} ok, ${counts.broken} broken, ${counts.unknown} unknown (compliance counts missed checks as bad; burn rate 1.00 spends the budget exactly over the window)`
  const sorted = [...report.slos].sort((a, b) => ORDER.indexOf(sloState(a)) - ORDER.indexOf(sloState(b)))
  const rows = [['STATE', 'SLO', 'TARGET', 'WINDOW', 'COMPLIANCE', 'BUDGET LEFT', 'BURN 1H', 'BURN 6H', 'P95']]
  for (const s of sorted) {
    rows.push([
      sloState(s),
      s.id,
      formatPercent(s.target),
      s.window,
      s.compliance === null ? 'no checks due yet' : formatPercent(s.compliance),
      s.budget_remaining === null ? '–' : formatPercent(s.budget_remaining),
      burn(s.burn_rate_1h),
      burn(s.burn_rate_6h),
      p95Text(s, options.limits.get(s.id) ?? null),
    ])
  }
  const lines = table(rows, NO_PAINT).map((line, i) => {
    if (i === 0) return line
    const state = sloState(sorted[i - 1]!)
    return options.paint(COLOUR[state], state) + line.slice(state.length)
  })
  return `${[head, '', ...lines].join('\n')}\n`
}
