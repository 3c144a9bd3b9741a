/**
 * What the status page and `mon status` show of alerting, pure: the open
 * alerts with their holds, the maintenance windows active now, and each
 * entity's recent incidents with how long each lasted.
 */
import {windowSpanAt} from '../alert/holds.js'
import type {AlertRecord, IncidentRecord} from '../alert/records.js'
import type {MaintenanceWindow} from '../config/model.js'

export type OpenAlertView = Pick<AlertRecord, 'id' | 'target_id' | 'entity_id' | 'status' | 'detail' | 'opened_at' | 'held'>

export interface ActiveMaintenance {
  id: string
  source: MaintenanceWindow['source']
  entities: string[]
  /** The span active now (a recurring window's current occurrence). */
  start: string
  end: string
  reason: string | null
}

export interface IncidentView extends Pick<IncidentRecord, 'id' | 'target_id' | 'status' | 'opened_at' | 'resolved_at'> {
  /** Until it resolved, or until now while open. */
  duration_ms: number
}

export interface AlertingView {
  open: OpenAlertView[]
  maintenance: ActiveMaintenance[]
  /** Per entity id, newest first. */
  incidents: ReadonlyMap<string, IncidentView[]>
}

export const NO_ALERTING: AlertingView = {open: [], maintenance: [], incidents: new Map()}

export interface AlertingInput {
  /** Open alerts (readAlerts without `all`); resolved ones are left out. */
  alerts: readonly AlertRecord[]
  /** The file's windows and the ad-hoc ones; those not active at `now` are left out. */
  windows: readonly MaintenanceWindow[]
  incidents: ReadonlyMap<string, readonly IncidentRecord[]>
  now: Date
  /** Only these entities' (the page's, after --type, --owner, --only); all when left out. */
  entities?: ReadonlySet<string>
}

export function buildAlerting(input: AlertingInput): AlertingView {
  const shown = (id: string) => input.entities === undefined || input.entities.has(id)
  const open = input.alerts
    .filter((a) => a.resolved_at === null && shown(a.entity_id))
    .map(({id, target_id, entity_id, status, detail, opened_at, held}) => ({id, target_id, entity_id, status, detail, opened_at, held}))
  const maintenance = input.windows.flatMap((w) => {
    const span = windowSpanAt(w, input.now)
    const entities = w.entities.filter(shown)
    return span === null || entities.length === 0 ? [] : [{id: w.id, source: w.source, entities, start: span.start, end: span.end, reason: w.reason}]
  })
  maintenance.sort((a, b) => a.end.localeCompare(b.end) || a.id.localeCompare(b.id))
  const nowMs = input.now.getTime()
  const incidents = new Map(
    [...input.incidents].filter(([entity]) => shown(entity)).map(([entity, list]) => [
      entity,
      list.map(({id, target_id, status, opened_at, resolved_at}) => ({
        id,
        target_id,
        status,
        opened_at,
        resolved_at,
        duration_ms: Math.max(0, (resolved_at === null ? nowMs : Date.parse(resolved_at)) - Date.parse(opened_at)),
      })),
    ]),
  )
  return {open, maintenance, incidents}
}
