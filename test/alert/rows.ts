// Alert and notification rows written straight into a migrated database, as mon check would leave them.
import type {NotificationEvent, NotificationState} from '../../src/alert/types.js'
import type {Driver} from '../../src/store/driver.js'

export interface AlertRowInput {
  id: string
  target_id: string
  entity_id: string
  target_table?: 'endpoints' | 'registry_index'
  status?: 'warn' | 'error'
  detail?: string
  opened_at: string
  resolved_at?: string | null
  held?: 'maintenance' | 'dependency' | null
}

export async function insertAlert(driver: Driver, a: AlertRowInput): Promise<void> {
  await driver.run(
    'INSERT INTO alerts (id, target_table, target_id, entity_id, status, detail, opened_at, resolved_at, held, open_held, last_notified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [a.id, a.target_table ?? 'endpoints', a.target_id, a.entity_id, a.status ?? 'error', a.detail ?? `${a.target_id} down`, a.opened_at, a.resolved_at ?? null, a.held ?? null, a.held ? 1 : 0, a.held ? null : a.opened_at],
  )
}

export interface NotificationInput {
  id: string
  alert_id: string | null
  notifier_id: string
  event: NotificationEvent
  state: NotificationState
  attempts?: number
  created_at: string
  next_attempt_at?: string
  sent_at?: string | null
  last_error?: string | null
}

export async function insertNotification(driver: Driver, n: NotificationInput): Promise<void> {
  await driver.run(
    'INSERT INTO notifications (id, alert_id, notifier_id, event, state, attempts, message_json, created_at, next_attempt_at, claimed_until, sent_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [n.id, n.alert_id, n.notifier_id, n.event, n.state, n.attempts ?? 0, '{}', n.created_at, n.next_attempt_at ?? n.created_at, null, n.sent_at ?? null, n.last_error ?? null],
  )
}

/** The fixture's first open alert as read back, but its notifications. */
export const FIXTURE_A1 = {
  id: 'a1',
  target_table: 'endpoints',
  target_id: 'web:health',
  entity_id: 'web',
  endpoint_id: 'web:health',
  registry_id: null,
  status: 'error',
  detail: 'HTTP 500 in 12 ms',
  opened_at: '2026-12-01T10:00:00.000Z',
  resolved_at: null,
  held: null,
} as const

/** 12:00 on the day of the alert fixture, as MON_NOW. */
export const FIXTURE_NOW = '2026-12-01T12:00:00.000Z'

/**
 * Two open alerts (one held by maintenance), three resolved ones (one with
 * `held` left set), and notifications in every state:
 *   a1 web:health   open since 10:00, error        hook open sent · slack open failed (5) · hook remind in_flight
 *   a2 registry:db  open since 10:30, warn, held   hook open pending
 *   a3 web:api      08:00-08:20 (held dependency)  hook open dropped · hook resolve dropped
 *   a4 db:health    07:00-07:05                    none
 *   a5 web:health   yesterday 23:00-23:45          hook open sent · hook resolve sent
 */
export async function insertAlertFixture(driver: Driver): Promise<void> {
  const t = (hhmm: string, day = '2026-12-01') => `${day}T${hhmm}:00.000Z`
  await insertAlert(driver, {id: 'a1', target_id: 'web:health', entity_id: 'web', detail: 'HTTP 500 in 12 ms', opened_at: t('10:00')})
  await insertAlert(driver, {id: 'a2', target_id: 'registry:db', target_table: 'registry_index', entity_id: 'db', status: 'warn', detail: 'stale registry', opened_at: t('10:30'), held: 'maintenance'})
  await insertAlert(driver, {id: 'a3', target_id: 'web:api', entity_id: 'web', opened_at: t('08:00'), resolved_at: t('08:20'), held: 'dependency'})
  await insertAlert(driver, {id: 'a4', target_id: 'db:health', entity_id: 'db', opened_at: t('07:00'), resolved_at: t('07:05')})
  await insertAlert(driver, {id: 'a5', target_id: 'web:health', entity_id: 'web', opened_at: t('23:00', '2026-11-30'), resolved_at: t('23:45', '2026-11-30')})
  const n = (id: string, alert_id: string | null, notifier_id: string, event: NotificationEvent, state: NotificationState, created: string, extra: Partial<NotificationInput> = {}) =>
    insertNotification(driver, {id, alert_id, notifier_id, event, state, created_at: created, ...extra})
  await n('n1', 'a1', 'hook', 'open', 'sent', t('10:00'), {attempts: 1, sent_at: t('10:00')})
  await n('n2', 'a1', 'slack', 'open', 'failed', t('10:00'), {attempts: 5, last_error: 'HTTP 500', next_attempt_at: t('11:30')})
  await n('n3', 'a1', 'hook', 'remind', 'in_flight', t('11:00'))
  await n('n4', 'a2', 'hook', 'open', 'pending', t('10:30'))
  await n('n5', 'a3', 'hook', 'open', 'dropped', t('08:00'))
  await n('n6', 'a3', 'hook', 'resolve', 'dropped', t('08:20'))
  await n('n7', 'a5', 'hook', 'open', 'sent', t('23:00', '2026-11-30'), {attempts: 2, sent_at: t('23:01', '2026-11-30')})
  await n('n8', 'a5', 'hook', 'resolve', 'sent', t('23:45', '2026-11-30'), {attempts: 1, sent_at: t('23:45', '2026-11-30')})
  // A test message has no alert: never listed.
  await n('n9', null, 'hook', 'test', 'sent', t('09:00'), {attempts: 1})
}
