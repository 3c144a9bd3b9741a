/**
 * Reading alerts back (migration 0015's tables), for `mon alerts` and the
 * status page. Read-only: mon check writes these tables, nothing here does.
 */
import type {AlertRecord, AlertTargetTable, IncidentRecord, NotificationRecord} from '../alert/records.js'
import {targetColumns, type Hold} from '../alert/types.js'
import type {Driver} from './driver.js'
import {batches, placeholders} from './sql.js'

export interface AlertReadOptions {
  /** With the resolved alerts too (newest first), after the open ones. */
  all: boolean
  /** With `all`: resolved alerts at most (the open ones are always all there); 100 when left out. */
  limit?: number
}

interface AlertRow {
  id: string
  target_table: AlertTargetTable
  target_id: string
  entity_id: string
  status: AlertRecord['status']
  detail: string
  opened_at: string
  resolved_at: string | null
  held: Hold | null
}

const ALERT_COLUMNS = 'id, target_table, target_id, entity_id, status, detail, opened_at, resolved_at, held'

/** Open alerts, oldest first; with `all`, then the latest `limit` resolved ones, newest first; each with its notifications. */
export async function readAlerts(driver: Driver, options: AlertReadOptions): Promise<AlertRecord[]> {
  const open = `SELECT ${ALERT_COLUMNS} FROM alerts WHERE resolved_at IS NULL`
  const resolved = `SELECT * FROM (SELECT ${ALERT_COLUMNS} FROM alerts WHERE resolved_at IS NOT NULL ORDER BY resolved_at DESC, id DESC LIMIT ?) r`
  const rows = await driver.all<AlertRow>(options.all ? `${open} UNION ALL ${resolved}` : open, options.all ? [options.limit ?? 100] : [])
  rows.sort(byListOrder)
  const notifications = await readNotifications(driver, rows.map((r) => r.id))
  return rows.map((r) => ({
    id: r.id,
    target_table: r.target_table,
    target_id: r.target_id,
    entity_id: r.entity_id,
    ...targetColumns(r.target_table, r.target_id),
    status: r.status,
    detail: r.detail,
    opened_at: r.opened_at,
    resolved_at: r.resolved_at,
    held: r.resolved_at === null ? r.held : null,
    notifications: notifications.get(r.id) ?? [],
  }))
}

function byListOrder(a: AlertRow, b: AlertRow): number {
  if ((a.resolved_at === null) !== (b.resolved_at === null)) return a.resolved_at === null ? -1 : 1
  if (a.resolved_at === null) return a.opened_at.localeCompare(b.opened_at) || a.id.localeCompare(b.id)
  return b.resolved_at!.localeCompare(a.resolved_at!) || b.id.localeCompare(a.id)
}

async function readNotifications(driver: Driver, alertIds: readonly string[]): Promise<Map<string, NotificationRecord[]>> {
  const byAlert = new Map<string, NotificationRecord[]>()
  for (const batch of batches(alertIds)) {
    const rows = await driver.all<NotificationRecord & {alert_id: string}>(
      `SELECT id, alert_id, notifier_id, event, state, attempts, created_at, next_attempt_at, sent_at, last_error
         FROM notifications WHERE alert_id IN (${placeholders(batch.length)}) ORDER BY created_at, id`,
      batch,
    )
    for (const {alert_id, ...n} of rows) {
      const list = byAlert.get(alert_id) ?? []
      list.push({...n, attempts: Number(n.attempts)})
      byAlert.set(alert_id, list)
    }
  }
  return byAlert
}

export interface IncidentReadOptions {
  /** The window's start: alerts still open, or resolved at or after it. */
  since: string
  /** The latest this many per entity. */
  perEntity: number
}

/** Each entity's latest incidents in the window, newest first. */
export async function readIncidents(driver: Driver, options: IncidentReadOptions): Promise<Map<string, IncidentRecord[]>> {
  const rows = await driver.all<IncidentRecord>(
    `SELECT id, target_table, target_id, entity_id, status, opened_at, resolved_at FROM (
       SELECT id, target_table, target_id, entity_id, status, opened_at, resolved_at,
              ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY opened_at DESC, id DESC) AS n
         FROM alerts WHERE resolved_at IS NULL OR resolved_at >= ?
     ) r WHERE n <= ? ORDER BY entity_id, opened_at DESC, id DESC`,
    [options.since, options.perEntity],
  )
  const byEntity = new Map<string, IncidentRecord[]>()
  for (const row of rows) {
    const list = byEntity.get(row.entity_id) ?? []
    list.push(row)
    byEntity.set(row.entity_id, list)
  }
  return byEntity
}
