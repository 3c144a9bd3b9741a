/**
 * `mon maintenance` as text, pure: a started or ended ad-hoc window in one
 * line, and the list of windows (the file's and the ad-hoc ones) as a table.
 */
import {visible} from '../text.js'

/** A window as `mon maintenance start` and `end` print it (SPEC 7: `{id, entities, start, end, reason}`). */
export interface WindowSummary {
  id: string
  entities: string[]
  start: string
  end: string
  reason: string | null
}

/**
 * A window as `mon maintenance list` prints it: start and end are a cron
 * window's current or next occurrence (null when none is to come).
 */
export interface ListedWindow extends Omit<WindowSummary, 'start' | 'end'> {
  source: 'file' | 'adhoc'
  active: boolean
  start: string | null
  end: string | null
  /** A recurring window's cron and time zone; null for a fixed one. */
  cron: string | null
  timezone: string | null
}

export function renderStarted(w: WindowSummary): string {
  return `maintenance ${w.id} for ${w.entities.join(', ')}: ${w.start} to ${w.end}${reasonText(w.reason)}\n`
}

export function renderEnded(w: WindowSummary): string {
  return `maintenance ${w.id} for ${w.entities.join(', ')} ended at ${w.end}\n`
}

function reasonText(reason: string | null): string {
  return reason === null ? '' : ` (${visible(reason)})`
}

/** When a listed window is on, at `now`: active until its end, next at its start, or ended. */
function whenText(w: ListedWindow, now: string): string {
  if (w.start === null || w.end === null) return 'no occurrence to come'
  if (w.active) return `active until ${w.end}`
  return w.end <= now ? `ended ${w.end}` : `next ${w.start} to ${w.end}`
}

export function renderWindows(windows: readonly ListedWindow[], now: string): string {
  if (windows.length === 0) return 'no maintenance windows (monitors.yaml `maintenance:` or mon maintenance start)\n'
  const rows = windows.map((w) => [
    visible(w.id),
    w.source,
    visible(w.entities.join(',')),
    whenText(w, now),
    w.cron === null ? '' : `cron "${visible(w.cron)}" ${visible(w.timezone ?? 'UTC')}`,
    w.reason === null ? '' : visible(w.reason),
  ])
  const header = ['ID', 'SOURCE', 'ENTITIES', 'WHEN', 'SCHEDULE', 'REASON']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return `${[line(header), ...rows.map(line)].join('\n')}\n`
}
