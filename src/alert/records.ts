/**
 * Alerts as they are read back (`mon alerts`, the status page): a row of
 * `alerts` with its notifications, and an incident of an entity's history.
 * Here, in the core, so the store that reads them and the views that render
 * them share one shape.
 */
import type {Status} from '../status.js'
import type {AlertTargetTable, Hold, NotificationEvent, NotificationState} from './types.js'

export type {AlertTargetTable} from './types.js'

export interface NotificationRecord {
  id: string
  notifier_id: string
  event: NotificationEvent
  state: NotificationState
  attempts: number
  created_at: string
  next_attempt_at: string
  sent_at: string | null
  /** One line, redacted when it was stored. */
  last_error: string | null
}

export interface AlertRecord {
  id: string
  target_table: AlertTargetTable
  target_id: string
  entity_id: string
  /** The target as an endpoint or a registry entry (the other is null), as the webhook body names it. */
  endpoint_id: string | null
  registry_id: string | null
  status: Exclude<Status, 'ok'>
  detail: string
  opened_at: string
  resolved_at: string | null
  /** Why its notifications wait; null once it resolved. */
  held: Hold | null
  /** Oldest first. */
  notifications: NotificationRecord[]
}

/** An alert as `mon alerts --json` lists it (and mon mcp's alerts tool): each notification without its ids and times of no use to a reader. */
export type ListedAlert = Omit<AlertRecord, 'notifications'> & {
  notifications: Array<Pick<NotificationRecord, 'notifier_id' | 'event' | 'state' | 'attempts' | 'next_attempt_at' | 'last_error'>>
}

export function listedAlert(a: AlertRecord): ListedAlert {
  return {...a, notifications: a.notifications.map(({notifier_id, event, state, attempts, next_attempt_at, last_error}) => ({notifier_id, event, state, attempts, next_attempt_at, last_error}))}
}

/** One alert of an entity's incident history: when it opened and resolved (null: still open). */
export interface IncidentRecord {
  id: string
  target_table: AlertTargetTable
  target_id: string
  entity_id: string
  status: Exclude<Status, 'ok'>
  opened_at: string
  resolved_at: string | null
}
