/** `mon status`'s alerting lines, after its summary: open alerts with their holds, and the maintenance active now. */
import type {Paint} from '../terminal.js'
import {visible} from '../text.js'
import type {AlertingView} from './alerting.js'
import {formatUtc} from './report.js'
import {table} from './table.js'
import {ago} from './window.js'

/** Nothing when there is neither. */
export function renderAlertingText(view: AlertingView, options: {paint: Paint; now: Date}): string[] {
  const lines: string[] = []
  if (view.open.length > 0) {
    lines.push('', `Open alerts (${view.open.length}):`)
    const rows = view.open.map((a) => ['  ' + a.status, a.target_id, `since ${ago(a.opened_at, options.now)}`, a.held === null ? '' : `held: ${a.held}`, visible(a.detail)])
    lines.push(...table(rows, options.paint, 0))
  }
  if (view.maintenance.length > 0) {
    lines.push('', 'In maintenance:')
    const rows = view.maintenance.map((w) => ['  ' + w.id, w.entities.join(', '), `until ${formatUtc(w.end)}`, w.reason === null ? '' : visible(w.reason)])
    lines.push(...table(rows, options.paint))
  }
  return lines
}
