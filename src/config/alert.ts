/**
 * Alert settings, notifiers and maintenance windows between the file, the
 * model and their stored forms (alerts-design "Stored forms"): merged key by
 * key like check settings, `remind_every` in ms, a NULL or unreadable stored
 * value read as the built-in. Pure, shared by the field table, the loader,
 * export and store/alert-config.ts.
 */
import {formatDuration, parseDuration} from '../duration.js'
import {type AlertSettings, BUILTIN_ALERT, type MaintenanceWindow, type Notifier} from './model.js'
import type {AlertSpec, MaintenanceSpec, NotifierSpec} from './monitors.types.js'

/** One layer of alert settings over another: each key the spec sets wins (a `notify` list replaces the inherited one). */
export function effectiveAlert(base: AlertSettings, spec: AlertSpec = {}): AlertSettings {
  const remind = spec.remind_every
  return {
    notify: [...(spec.notify ?? base.notify)],
    on: spec.on ?? base.on,
    after: spec.after ?? base.after,
    recover_after: spec.recover_after ?? base.recover_after,
    remind_every: remind === undefined ? base.remind_every : remind === null ? null : parseDuration(remind),
  }
}

/** What `alert` must say over `base` to mean `settings`: only the keys that differ. */
export function alertSpec(settings: AlertSettings, base: AlertSettings): AlertSpec {
  const spec: AlertSpec = {}
  if (settings.notify.join('\0') !== base.notify.join('\0')) spec.notify = [...settings.notify]
  if (settings.on !== base.on) spec.on = settings.on
  if (settings.after !== base.after) spec.after = settings.after
  if (settings.recover_after !== base.recover_after) spec.recover_after = settings.recover_after
  if (settings.remind_every !== base.remind_every) spec.remind_every = settings.remind_every === null ? null : formatDuration(settings.remind_every)
  return spec
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null
}

/** Stored settings (the parsed alert_json) as the model has them: what is missing or wrong reads as its built-in value. */
export function decodeAlert(value: unknown): AlertSettings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return BUILTIN_ALERT
  const v = value as Record<string, unknown>
  return {
    notify: Array.isArray(v.notify) ? v.notify.filter((id): id is string => typeof id === 'string') : BUILTIN_ALERT.notify,
    on: v.on === 'warn' || v.on === 'error' ? v.on : BUILTIN_ALERT.on,
    after: positiveInteger(v.after) ?? BUILTIN_ALERT.after,
    recover_after: positiveInteger(v.recover_after) ?? BUILTIN_ALERT.recover_after,
    remind_every: positiveInteger(v.remind_every) ?? (v.remind_every === null ? null : BUILTIN_ALERT.remind_every),
  }
}

/** A plan shows alert settings one at a time (`alert.after`), so that it names exactly the one that changes. */
export function alertView(value: unknown): Record<string, unknown> {
  const alert = value === null || value === undefined ? null : decodeAlert(value)
  return {
    'alert.notify': alert?.notify ?? null,
    'alert.on': alert?.on ?? null,
    'alert.after': alert?.after ?? null,
    'alert.recover_after': alert?.recover_after ?? null,
    'alert.remind_every': alert?.remind_every ?? null,
  }
}

/** A notifier's settings, one key at a time (`url`, `headers.Authorization`). */
export function settingsView(value: unknown): Record<string, unknown> {
  const settings = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const view: Record<string, unknown> = {}
  for (const key of Object.keys(settings).sort()) {
    const inner = settings[key]
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const name of Object.keys(inner).sort()) view[`${key}.${name}`] = (inner as Record<string, unknown>)[name]
    } else view[key] = inner
  }
  return view
}

/** A notifier as the model has it: every key but id and type, as written. */
export function normaliseNotifier(spec: NotifierSpec): Notifier {
  const {id, type, ...settings} = spec
  return {id, type, settings: settings as Record<string, unknown>}
}

/** The file's notifier back: id and type first, then the settings as stored. */
export function notifierSpec(notifier: Notifier): NotifierSpec {
  return {id: notifier.id, type: notifier.type, ...notifier.settings} as NotifierSpec
}

/** A sorted copy of a list of ids: depends_on and a window's entities are sets. */
export function sortedIds(ids: readonly string[] | undefined): string[] {
  return [...(ids ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A file window as the model has it: entities sorted, duration in ms, times as toISOString(). */
export function normaliseWindow(spec: MaintenanceSpec): MaintenanceWindow {
  return {
    id: spec.id,
    entities: sortedIds(spec.entities),
    cron: spec.cron ?? null,
    duration: spec.duration === undefined ? null : parseDuration(spec.duration),
    timezone: spec.timezone ?? 'UTC',
    start: spec.start === undefined ? null : new Date(spec.start).toISOString(),
    end: spec.end === undefined ? null : new Date(spec.end).toISOString(),
    reason: spec.reason ?? null,
    source: 'file',
  }
}

/** The file's window back, leaving out what is its default. */
export function windowSpec(window: MaintenanceWindow): MaintenanceSpec {
  const spec: MaintenanceSpec = {id: window.id, entities: [...window.entities] as [string, ...string[]]}
  if (window.cron !== null) spec.cron = window.cron
  if (window.duration !== null) spec.duration = formatDuration(window.duration)
  if (window.timezone !== 'UTC') spec.timezone = window.timezone
  if (window.start !== null) spec.start = window.start
  if (window.end !== null) spec.end = window.end
  if (window.reason !== null) spec.reason = window.reason
  return spec
}
