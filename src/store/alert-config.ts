/**
 * What the applied file says about alerts, read back from migration 0016's
 * rows in their stored forms (docs: alerts-design "Stored forms"): the
 * notifiers, entities' depends_on, the file's maintenance windows and each
 * target's merged alert settings. mon check, notify and maintenance read it;
 * none of them needs the file.
 */
import {parseDuration} from '../duration.js'
import {type AlertSettings, BUILTIN_ALERT, type MaintenanceWindow, NOTIFIER_TYPES, type Notifier, type NotifierType} from '../config/model.js'
import type {Driver} from './driver.js'

export interface AlertConfig {
  /** Every notifier row, active and retired (a retired one's pending notifications are dropped). */
  notifiers: ReadonlyMap<string, Notifier & {retired: boolean}>
  /** Active entities' depends_on (entity id -> ids). */
  dependsOn: ReadonlyMap<string, readonly string[]>
  /** The file's active maintenance windows (source 'file'), parsed (duration in ms). */
  windows: readonly MaintenanceWindow[]
  /** Each active target's merged settings; a NULL or unreadable alert_json reads as BUILTIN_ALERT. */
  settings: {endpoints: ReadonlyMap<string, AlertSettings>; registry_index: ReadonlyMap<string, AlertSettings>}
}

export const EMPTY_ALERT_CONFIG: AlertConfig = {
  notifiers: new Map(),
  dependsOn: new Map(),
  windows: [],
  settings: {endpoints: new Map(), registry_index: new Map()},
}

interface NotifierRow {
  id: string
  type: string
  settings_json: string
  retired_at: string | null
}

interface WindowRow {
  id: string
  entities_json: string
  cron: string | null
  duration: string | null
  timezone: string | null
  start_at: string | null
  end_at: string | null
  reason: string | null
}

/** A database from before migration 0016 has none of it: empty maps, so every target reads as BUILTIN_ALERT. */
export async function readAlertConfig(driver: Driver): Promise<AlertConfig> {
  if (!(await driver.hasTable('notifiers'))) return EMPTY_ALERT_CONFIG
  // One after another: a PostgreSQL driver is one connection, which runs one query at a time.
  const notifierRows = await driver.all<NotifierRow>('SELECT id, type, settings_json, retired_at FROM notifiers ORDER BY id')
  const entityRows = await driver.all<{id: string; depends_on_json: string}>(
    'SELECT id, depends_on_json FROM entities WHERE retired_at IS NULL AND depends_on_json IS NOT NULL ORDER BY id',
  )
  const windowRows = await driver.all<WindowRow>(
    'SELECT id, entities_json, cron, duration, timezone, start_at, end_at, reason FROM maintenance_windows WHERE retired_at IS NULL ORDER BY id',
  )
  const endpointRows = await driver.all<{id: string; alert_json: string | null}>('SELECT id, alert_json FROM endpoints WHERE retired_at IS NULL ORDER BY id')
  const registryRows = await driver.all<{id: string; alert_json: string | null}>('SELECT id, alert_json FROM registry_index WHERE retired_at IS NULL ORDER BY id')
  const notifiers = new Map<string, Notifier & {retired: boolean}>()
  for (const row of notifierRows) {
    notifiers.set(row.id, {id: row.id, type: row.type as NotifierType, settings: parseObject(row.settings_json), retired: row.retired_at !== null})
  }
  const dependsOn = new Map<string, readonly string[]>()
  for (const row of entityRows) {
    const ids = parseStrings(row.depends_on_json)
    if (ids.length > 0) dependsOn.set(row.id, ids)
  }
  return {
    notifiers,
    dependsOn,
    windows: windowRows.map(windowOf),
    settings: {
      endpoints: new Map(endpointRows.map((row) => [row.id, alertSettingsOf(row.alert_json)])),
      registry_index: new Map(registryRows.map((row) => [row.id, alertSettingsOf(row.alert_json)])),
    },
  }
}

/** Whether a stored type is one this mon can deliver (a row written by a newer mon may not be). */
export function knownNotifierType(type: string): type is NotifierType {
  return (NOTIFIER_TYPES as readonly string[]).includes(type)
}

/** A stored alert_json as settings: NULL (before 0016, unmanaged) or anything unreadable is the built-in, a missing key its built-in value. */
export function alertSettingsOf(json: string | null): AlertSettings {
  if (json === null) return BUILTIN_ALERT
  const value = parseObject(json)
  const notify = Array.isArray(value.notify) ? value.notify.filter((id): id is string => typeof id === 'string') : BUILTIN_ALERT.notify
  return {
    notify,
    on: value.on === 'warn' || value.on === 'error' ? value.on : BUILTIN_ALERT.on,
    after: positiveInteger(value.after) ?? BUILTIN_ALERT.after,
    recover_after: positiveInteger(value.recover_after) ?? BUILTIN_ALERT.recover_after,
    remind_every: positiveInteger(value.remind_every) ?? (value.remind_every === null ? null : BUILTIN_ALERT.remind_every),
  }
}

function windowOf(row: WindowRow): MaintenanceWindow {
  return {
    id: row.id,
    entities: parseStrings(row.entities_json),
    cron: row.cron,
    duration: row.duration === null ? null : durationOrNull(row.duration),
    timezone: row.timezone ?? 'UTC',
    start: row.start_at,
    end: row.end_at,
    reason: row.reason,
    source: 'file',
  }
}

function durationOrNull(text: string): number | null {
  try {
    return parseDuration(text)
  } catch {
    return null
  }
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown
  } catch {
    return null
  }
}

function parseObject(json: string): Record<string, unknown> {
  const value = parseJson(json)
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function parseStrings(json: string): string[] {
  const value = parseJson(json)
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
}
