/** Human output of `mon alerts`: one aligned row per alert, then a line per notification that did not go out. */
import {table} from '../history/table.js'
import {ago} from '../history/window.js'
import {plural} from '../plural.js'
import type {Paint} from '../terminal.js'
import {visible} from '../text.js'
import type {AlertRecord, NotificationRecord} from './records.js'
import type {NotificationState} from './types.js'

export interface AlertsTextOptions {
  paint: Paint
  now: Date
  /** --all: resolved alerts were asked for (the heading counts them). */
  all: boolean
}

/** How long, for people: `45s`, `20m`, `1h 20m`, `2d 3h`. */
export function spanText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`
  const d = Math.floor(h / 24)
  return h % 24 === 0 ? `${d}d` : `${d}d ${h % 24}h`
}

// Always these three (the SPEC's summary); the others only when some are.
const ALWAYS: readonly NotificationState[] = ['sent', 'pending', 'failed']
const SOMETIMES: readonly NotificationState[] = ['in_flight', 'dropped']

/** `sent 2 · pending 1 · failed 0`, with `in_flight` and `dropped` when there are any; `no notifiers` when none was written. */
export function notificationSummary(notifications: readonly NotificationRecord[]): string {
  if (notifications.length === 0) return 'no notifiers'
  const count = (state: NotificationState) => notifications.filter((n) => n.state === state).length
  return [...ALWAYS, ...SOMETIMES.filter((s) => count(s) > 0)].map((s) => `${s.replace('_', ' ')} ${count(s)}`).join(' · ')
}

function whenText(a: AlertRecord, now: Date): string {
  if (a.resolved_at === null) return `since ${ago(a.opened_at, now)}`
  return `resolved ${ago(a.resolved_at, now)} after ${spanText(Date.parse(a.resolved_at) - Date.parse(a.opened_at))}`
}

/** A notification that has not gone out, or went out only after retries: what happened to it. */
function troubleLine(n: NotificationRecord, now: Date): string | null {
  const what = `${n.notifier_id} ${n.event}`
  const tried = plural(n.attempts, 'attempt')
  const error = n.last_error === null ? '' : `: ${visible(n.last_error)}`
  if (n.state === 'failed') return `${what}: failed after ${tried}${error}`
  if (n.state === 'pending' && n.attempts > 0) {
    const next = Date.parse(n.next_attempt_at) > now.getTime() ? `; next in ${spanText(Date.parse(n.next_attempt_at) - now.getTime())}` : ''
    return `${what}: pending after ${tried}${error}${next}`
  }
  return null
}

export function renderAlertsText(alerts: readonly AlertRecord[], options: AlertsTextOptions): string {
  const open = alerts.filter((a) => a.resolved_at === null).length
  const head = options.all ? `${plural(open, 'open alert')}, ${alerts.length - open} resolved (newest first)` : open === 0 ? 'No open alerts.' : plural(open, 'open alert')
  const rows = alerts.map((a) => [
    '  ' + a.status,
    a.target_id,
    whenText(a, options.now),
    notificationSummary(a.notifications),
    a.held === null ? '' : `held: ${a.held}`,
    visible(a.detail),
  ])
  const formatted = table(rows, options.paint, 0)
  const lines = [head]
  alerts.forEach((a, i) => {
    lines.push(formatted[i]!)
    for (const n of a.notifications) {
      const trouble = troubleLine(n, options.now)
      if (trouble !== null) lines.push(`      ${trouble}`)
    }
  })
  return `${lines.join('\n')}\n`
}
