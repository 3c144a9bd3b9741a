/**
 * Open alerts as a notifier sees them (AlertView), with what delivery needs
 * beside: whether held, and the target's check interval (Alertmanager's
 * endsAt lies four intervals ahead).
 */
import {targetColumns, type AlertView, type Hold} from '../alert/types.js'
import {parseCheckJson} from '../config/fields.js'
import {BUILTIN_CHECK, registryIntervalMs} from '../config/model.js'
import type {Driver} from './driver.js'

export interface OpenAlertView extends AlertView {
  target_table: 'endpoints' | 'registry_index'
  held: Hold | null
  interval_ms: number
}

interface Row {
  id: string
  target_table: 'endpoints' | 'registry_index'
  target_id: string
  entity_id: string
  status: AlertView['status']
  detail: string
  opened_at: string
  held: Hold | null
  check_json: string | null
  registry_interval: string | null
}

export async function readOpenAlertViews(driver: Driver): Promise<OpenAlertView[]> {
  const rows = await driver.all<Row>(
    `SELECT a.id, a.target_table, a.target_id, a.entity_id, a.status, a.detail, a.opened_at, a.held, p.check_json, r.interval AS registry_interval
       FROM alerts a
       LEFT JOIN endpoints p ON a.target_table = 'endpoints' AND p.id = a.target_id
       LEFT JOIN registry_index r ON a.target_table = 'registry_index' AND r.id = a.target_id
      WHERE a.resolved_at IS NULL
      ORDER BY a.opened_at, a.id`,
  )
  return rows.map((row) => ({
    id: row.id,
    target_id: row.target_id,
    entity_id: row.entity_id,
    ...targetColumns(row.target_table, row.target_id),
    status: row.status,
    detail: row.detail,
    opened_at: row.opened_at,
    resolved_at: null,
    target_table: row.target_table,
    held: row.held,
    interval_ms: row.target_table === 'endpoints' ? (parseCheckJson(row.check_json)?.interval ?? BUILTIN_CHECK.interval) : registryIntervalMs(row.registry_interval),
  }))
}

