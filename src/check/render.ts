/** What mon check prints: a line per check, or one Nagios plugin line; and its output for the base command. */
import {andMore} from '../plural.js'
import type {Output} from '../output.js'
import {STATUS_COLOUR, type Paint} from '../terminal.js'
import {exitCodeOf, idOf, type CheckReport} from './report.js'
import type {Status} from '../status.js'
import type {CheckTarget} from './types.js'
import {visible} from '../text.js'
import {nothingDueText} from './due.js'

/** One line per check, then a summary line. */
export function renderText(report: CheckReport, options: {paint: Paint; seconds: number}): string {
  const width = Math.min(60, Math.max(0, ...report.results.map((r) => idOf(r).length)))
  const lines = report.results.map((r) => `${options.paint(STATUS_COLOUR[r.status], r.status.padEnd(5))} ${idOf(r).padEnd(width)}  ${visible(r.detail)}`)
  const {ok, warn, error} = report.summary
  const total = report.results.length
  lines.push(`Checked ${total}: ${ok} ok, ${warn} warn, ${error} error in ${options.seconds.toFixed(2)} s.`)
  return `${lines.join('\n')}\n`
}

const NAGIOS_STATE: Record<Status, string> = {ok: 'OK', warn: 'WARNING', error: 'CRITICAL'}
/** Nagios 4 keeps 8 KiB of plugin output; per-check figures past that are left off. */
const NAGIOS_MAX = 8192

/**
 * One plugin line: state, counts, the first problems, then performance data
 * (counts, run time, and each check's latency with its warn and critical
 * thresholds: degraded_after and timeout).
 */
export function renderNagios(report: CheckReport, options: {seconds: number; targets: ReadonlyMap<string, CheckTarget>}): string {
  const {ok, warn, error} = report.summary
  const state = error > 0 ? 'error' : warn > 0 ? 'warn' : 'ok'
  const problems = report.results.filter((r) => r.status !== 'ok').sort((a, b) => (a.status === b.status ? 0 : a.status === 'error' ? -1 : 1))
  // --due with nothing due: OK, as Nagios expects of a run that had nothing to do yet.
  const idle = report.results.length === 0 && report.next_due !== undefined
  let text = idle ? `MON OK - ${nothingDueText(report.next_due ?? null)}` : `MON ${NAGIOS_STATE[state]} - ${ok} ok, ${warn} warn, ${error} error`
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map((r) => `${idOf(r)}: ${visible(r.detail)}`)
    text += `: ${andMore(shown, problems.length, '; ')}`
  }
  text = text.replaceAll('|', '/')
  let perf = `ok=${ok};;;0 warn=${warn};;;0 error=${error};;;0 checks=${report.results.length};;;0 time=${options.seconds.toFixed(3)}s;;;0`
  for (const r of report.results) {
    if (r.latency_ms === null) continue
    const target = options.targets.get(idOf(r))
    const thresholds = target?.table === 'endpoints' ? `${target.check.degraded_after};${target.check.timeout}` : ';'
    const item = ` '${idOf(r).replaceAll("'", '')}'=${r.latency_ms}ms;${thresholds};0`
    if (text.length + perf.length + item.length + 3 > NAGIOS_MAX) break
    perf += item
  }
  return `${text} | ${perf}\n`
}

export function nagiosUnknown(message: string): string {
  return `MON UNKNOWN - ${visible(message).replaceAll('|', '/')}\n`
}

/** The report as --json prints it, its text and Nagios views, and the Nagios exit code of its worst result. */
export function checkOutput(report: CheckReport, targets: readonly CheckTarget[], seconds: number): Output<CheckReport, 'text' | 'nagios'> {
  return {
    data: report,
    views: {
      text: (paint) => renderText(report, {paint, seconds}),
      nagios: () => renderNagios(report, {seconds, targets: new Map(targets.map((t) => [t.id, t]))}),
    },
    exitCode: exitCodeOf(report.summary),
  }
}
