/**
 * The status page's data block and the few lines of script that read it,
 * pure: the bars' titles and gradients and the latency sparklines are drawn in
 * the browser from one JSON element, so that the page stays small (a bar's
 * title was 40 times the code it is drawn from). Without script the page still
 * shows every state, the attention list, every figure, and each bar in the
 * colour of its worst segment. Only figures and codes made here go into the
 * block, never text from a check.
 */
import {STATE_TEXT, formatMs, formatPercent, reportWindows, DAY_BUCKETS, WEEK_BUCKETS, type BarSegment, type SegmentState, type ReportEndpoint, type ReportModel, type UptimeBar} from './report.js'

/** A state's letter in a bar's code. */
const LETTER = {ok: 'o', warn: 'w', error: 'e', stale: 's', none: 'n'} as const

/**
 * A bar in a few characters: its checks (and `+` its warn share when some
 * warned), then one run of alike segments each: the state's letter and the
 * number of segments, and for a run that is neither OK nor without data, the
 * checks in each segment and (if not all were up) its uptime.
 * "1228+14.65% o11 w4:60 e1:60:50.00% o5 n3". OK segments are one run, whatever
 * their checks: the title does not name them.
 */
export function barCode(bar: UptimeBar): string {
  const runs: Array<{key: string; first: BarSegment; n: number}> = []
  for (const s of bar.segments) {
    const key = s.state === 'ok' ? 'ok' : `${s.state} ${s.checks} ${s.uptime}`
    const last = runs.at(-1)
    if (last?.key === key) last.n++
    else runs.push({key, first: s, n: 1})
  }
  const head = `${bar.checks}${bar.warn > 0 ? `+${formatPercent(bar.warn / bar.checks)}` : ''}`
  const codes = runs.map(({first, n}) => {
    const told = first.state === 'ok' || first.state === 'none' ? '' : `:${first.checks}${first.uptime === 1 ? '' : `:${formatPercent(first.uptime)}`}`
    return `${LETTER[first.state]}${n}${told}`
  })
  return [head, ...codes].join(' ')
}

// The sparkline's drawing box: one unit per hour, whole units up.
export const SPARK_H = 20

/**
 * The sparkline: one letter per hour, its height from the top (`a` the top,
 * then one unit per letter; `.` an hour without data), and its figures: the
 * hourly means' minimum, maximum and latest. Null without data.
 */
export type SparkCode = [levels: string, min: string, max: string, latest: string]

export function sparkCode(sparkline: ReportEndpoint['sparkline']): SparkCode | null {
  const values = sparkline.filter((v): v is number => v !== null)
  if (values.length === 0) return null
  const [min, max] = [Math.min(...values), Math.max(...values)]
  const y = (v: number) => (max === min ? SPARK_H / 2 : Math.round(SPARK_H - 1 - ((v - min) / (max - min)) * (SPARK_H - 2)))
  const levels = sparkline.map((v) => (v === null ? '.' : String.fromCharCode(97 + y(v)))).join('')
  return [levels, formatMs(min), formatMs(max), formatMs(values.at(-1)!)]
}

/** What the script reads: the two bars' windows, then per endpoint (in page order) its day and week codes and its sparkline. */
export interface PageData {
  bars: Array<{label: string; start: string; hours: number; dated: boolean}>
  endpoints: Array<[day: string, week: string, spark: SparkCode | null]>
}

export function pageData(model: ReportModel): PageData {
  const windows = reportWindows(new Date(model.generated_at))
  const endpoints = model.groups.flatMap((g) => g.entities.flatMap((e) => e.endpoints))
  return {
    bars: [
      {label: DAY_BUCKETS.label, start: windows.day[0]!.start, hours: DAY_BUCKETS.hours, dated: false},
      {label: WEEK_BUCKETS.label, start: windows.week[0]!.start, hours: WEEK_BUCKETS.hours, dated: true},
    ],
    endpoints: endpoints.map((e) => [barCode(e.day), barCode(e.week), sparkCode(e.sparkline)]),
  }
}

/**
 * JSON to put inside a `<script>` element: `<` (and `>`, `&`) as \u escapes,
 * so no `</script>` or `<!--` in it can end the element or change how it is
 * parsed; JSON.parse gives back the same value.
 */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * The script's pure part, plain JavaScript that runs as it is in any browser
 * of the last years (tested in Node, test/history/report.test.ts):
 * - barTitle: "24 hours: 99.86% up of 1440 checks; Error 10:00–11:00, 60 checks,
 *   50.00% up; the rest OK"; the week's runs with dates (MM-DD);
 * - barStops: the gradient's stops, one per run of one colour; null for a bar
 *   of one colour (its class colours it);
 * - sparkPath: one unit right per hour; an hour without data breaks the line,
 *   an hour alone between gaps is a dot (a round cap on a zero-length line);
 *   relative steps (l1-3 1 2): one hour right, so many units up or down;
 * - sparkSvg: the sparkline, its title and text left empty; with one hour of
 *   data a dot where it falls and its value beside it (a line needs two),
 *   drawn unstretched.
 */
export const SCRIPT_FUNCTIONS = String.raw`
const STATE = ${JSON.stringify(Object.fromEntries(Object.entries(LETTER).map(([state, letter]) => [letter, state])))}
const STATE_TEXT = ${JSON.stringify(Object.fromEntries(Object.entries(LETTER).map(([state, letter]) => [letter, STATE_TEXT[state as SegmentState]])))}
const HOUR_MS = 36e5
function runsOf(code) {
  const [head, ...runs] = code.split(' ')
  const [checks, warn] = head.split('+')
  let at = 0
  return {checks, warn, runs: runs.map((r) => {
    const [sn, each, uptime] = r.split(':')
    const run = {state: sn[0], from: at, n: +sn.slice(1), each, uptime}
    at += run.n
    return run
  }), segments: at}
}
function hhmm(ms, dated) {
  const iso = new Date(ms).toISOString()
  return (dated ? iso.slice(5, 10) + ' ' : '') + iso.slice(11, 16)
}
function barTitle(bar, code, uptime) {
  const {checks, warn, runs} = runsOf(code)
  const told = runs.filter((r) => r.state !== 'o').map((r) => {
    const start = Date.parse(bar.start) + r.from * bar.hours * HOUR_MS
    const end = start + r.n * bar.hours * HOUR_MS
    const day = (ms) => new Date(ms).toISOString().slice(0, 10)
    const span = hhmm(start, bar.dated) + '–' + hhmm(end, bar.dated && day(end) !== day(start))
    if (r.state === 'n') return 'no data ' + span
    return STATE_TEXT[r.state] + ' ' + span + ', ' + r.each + ' checks' + (r.n > 1 ? ' each' : '') + (r.uptime ? ', ' + r.uptime + ' up' : '')
  })
  if (told.length < runs.length) told.push(told.length ? 'the rest OK' : 'all OK')
  return bar.label + ': ' + uptime + ' up' + (warn ? ' (' + warn + ' warn)' : '') + ' of ' + checks + ' checks; ' + told.join('; ')
}
function barStops(code) {
  const {runs, segments} = runsOf(code)
  const colours = []
  for (const r of runs) {
    const last = colours[colours.length - 1]
    if (last && last.state === r.state) last.to += r.n
    else colours.push({state: r.state, to: r.from + r.n})
  }
  if (colours.length < 2) return null
  return colours.map((c, i) => 'var(--' + STATE[c.state] + ') 0' + (i === colours.length - 1 ? '' : ' ' + +((c.to / segments) * 100).toFixed(1) + '%')).join(',')
}
function sparkPath(levels) {
  const y = (i) => levels.charCodeAt(i) - 97
  const has = (i) => i >= 0 && i < levels.length && levels[i] !== '.'
  let d = ''
  for (let i = 0; i < levels.length; i++) {
    if (!has(i)) continue
    if (has(i - 1)) {
      const dy = y(i) - y(i - 1)
      d += (has(i - 2) ? ' ' : 'l') + '1' + (dy < 0 ? dy : ' ' + dy)
    } else d += 'M' + i + ' ' + y(i) + (has(i + 1) ? '' : 'h0')
  }
  return d
}
function sparkSvg(levels) {
  const width = levels.length - 1
  const at = levels.search(/[^.]/)
  if (levels.slice(at + 1).search(/[^.]/) !== -1) return '<svg role=img viewBox="0 0 ' + width + ' ${SPARK_H}" preserveAspectRatio=none><title></title><path d="' + sparkPath(levels) + '"/></svg>'
  const x = at * 10
  const right = x > width * 5
  return '<svg class=point role=img viewBox="0 0 ' + width * 10 + ' 40"><title></title><circle cx="' + x + '" cy="20" r="3"/><text x="' + (right ? x - 7 : x + 7) + '" y="25"' + (right ? ' text-anchor="end"' : '') + '></text></svg>'
}
`

/** The script's part that reads the data block and draws into the page: titles and text by textContent. */
const SCRIPT_DRAW = String.raw`
const data = JSON.parse(document.getElementById('report-data').textContent)
document.querySelectorAll('.endpoint').forEach((li, i) => {
  const [day, week, spark] = data.endpoints[i] || []
  if (!week) return
  li.querySelectorAll('.bars span').forEach((el, k) => {
    const code = k ? week : day
    el.setAttribute('role', 'img')
    el.title = barTitle(data.bars[k], code, el.textContent)
    const stops = barStops(code)
    if (stops) el.setAttribute('style', '--c:' + stops)
  })
  if (!spark) return
  const [levels, min, max, latest] = spark
  const p = li.querySelector('.latency')
  p.insertAdjacentHTML('afterbegin', sparkSvg(levels) + ' ')
  p.querySelector('title').textContent = 'Hourly mean latency: ' + min + ' to ' + max + ', latest ' + latest
  const text = p.querySelector('svg text')
  if (text) text.textContent = latest
})
`

/** The data block and the script (in a function of its own, so that it makes no globals), for the end of the page's body. */
export function renderScript(model: ReportModel): string {
  return `<script type="application/json" id="report-data">${jsonInScript(pageData(model))}</script>\n<script>(() => {${SCRIPT_FUNCTIONS}${SCRIPT_DRAW}})()</script>`
}
