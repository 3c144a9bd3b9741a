/**
 * The status page's alerting, pure HTML pieces (report-html.ts places them):
 * the open alerts with their holds and the maintenance active now, at the
 * top; on each entity's card its maintenance and its recent incidents
 * (opened, resolved, how long). Every text from the database is escaped.
 */
import {spanText} from '../alert/render.js'
import type {ActiveMaintenance, AlertingView, IncidentView} from './alerting.js'
import {escapeHtml, timeTag} from './html-text.js'
import {STATE_TEXT} from './report.js'

/** How many incidents each card lists at most, and over what (the 7-day bar's window). */
export const INCIDENTS_PER_ENTITY = 10

const HOLD_TEXT = {maintenance: 'held: in maintenance', dependency: 'held: a dependency is down'} as const

/** The open alerts and the active maintenance, each a section; nothing when there are neither. */
export function renderAlertingTop(view: AlertingView, now: string): string {
  const today = now.slice(0, 10)
  const parts: string[] = []
  if (view.open.length > 0) {
    const items = view.open.map((a) => {
      const held = a.held === null ? '' : ` · <i>${HOLD_TEXT[a.held]}</i>`
      const since = `since ${timeTag(a.opened_at, today)} (${spanText(Date.parse(now) - Date.parse(a.opened_at))})`
      return `<li><b class=s-${a.status}>${STATE_TEXT[a.status]}</b> <code>${escapeHtml(a.target_id)}</code> ${since}${held} <span class=detail>${escapeHtml(a.detail)}</span></li>`
    })
    parts.push(`<section class=alerts aria-labelledby=open-alerts><h2 id=open-alerts>Open alerts (${view.open.length})</h2><ul>${items.join('')}</ul></section>`)
  }
  if (view.maintenance.length > 0) {
    const items = view.maintenance.map((w) => `<li>${maintenanceText(w, today)} <span class=muted>${escapeHtml(w.entities.join(', '))}</span></li>`)
    parts.push(`<section class=maintenance aria-labelledby=maintenance-now><h2 id=maintenance-now>In maintenance</h2><ul>${items.join('')}</ul></section>`)
  }
  return parts.length === 0 ? '' : `${parts.join('\n')}\n`
}

function maintenanceText(w: ActiveMaintenance, today: string): string {
  const reason = w.reason === null ? '' : `: ${escapeHtml(w.reason)}`
  return `<b class=s-maintenance>Maintenance</b> <code>${escapeHtml(w.id)}</code> until ${timeTag(w.end, today)}${reason}`
}

/** An entity card's lines: the window it is in now, and its incidents, newest first. */
export function renderEntityAlerting(view: AlertingView, entityId: string, today: string): string {
  const window = view.maintenance.find((w) => w.entities.includes(entityId))
  const inWindow = window ? `\n<p class=in-maintenance>${maintenanceText(window, today)}</p>` : ''
  const incidents = view.incidents.get(entityId) ?? []
  if (incidents.length === 0) return inWindow
  const items = incidents.map((i) => `<li>${incidentText(i, today)}</li>`)
  return `${inWindow}\n<p class=incidents-h>Incidents, last 7 days${incidents.length >= INCIDENTS_PER_ENTITY ? ` (latest ${INCIDENTS_PER_ENTITY})` : ''}</p>\n<ul class=incidents>${items.join('')}</ul>`
}

function incidentText(i: IncidentView, today: string): string {
  const end = i.resolved_at === null ? `<b class=s-${i.status}>open</b> for ${spanText(i.duration_ms)}` : `resolved ${timeTag(i.resolved_at, today)} after ${spanText(i.duration_ms)}`
  return `<code>${escapeHtml(i.target_id)}</code> ${STATE_TEXT[i.status].toLowerCase()} from ${timeTag(i.opened_at, today)}, ${end}`
}

export const ALERTING_CSS = `
.alerts,.maintenance{margin:.6rem 0}.alerts h2,.maintenance h2{font-size:1.05rem;margin:.6rem 0 .2rem;border:0}
.alerts li,.maintenance li,.incidents li{padding:.15rem 0;overflow-wrap:anywhere}
b.s-maintenance{background:var(--stale)}b.s-maintenance::before{content:"⏸ "/""}
.incidents-h{font-size:.9rem;margin-top:.4rem;color:var(--muted)}.incidents{font-size:.9rem;font-variant-numeric:tabular-nums}
`.trim()
