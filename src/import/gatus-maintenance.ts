/**
 * Gatus's top-level `maintenance:` (every day, or on some weekdays, from
 * `start` (hh:mm) for `duration`, in `timezone`) as one recurring mon window
 * over every entity: the same hours, alerts held meanwhile.
 */
import {formatDuration} from '../duration.js'
import type {MaintenanceSpec} from '../config/monitors.types.js'
import {goDurationMs, isRecord, list, type ImportContext} from './gatus-context.js'

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

export const MAINTENANCE_ID = 'gatus-maintenance'

export function mapMaintenance(raw: unknown, entities: string[], ctx: ImportContext): MaintenanceSpec | undefined {
  const at = ['maintenance']
  const skip = (why: string): undefined => {
    ctx.note(at, 'maintenance', `${why}; not converted`)
    return undefined
  }
  if (!isRecord(raw)) return skip('not a mapping')
  if (raw.enabled === false) return skip('disabled in Gatus')
  const start = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(String(raw.start ?? ''))
  if (!start) return skip('start is not hh:mm')
  const duration = goDurationMs(raw.duration)
  if (!duration) return skip('duration is not a Go duration above 0')
  const days: number[] = []
  for (const day of list(raw.every)) {
    const index = DAYS.indexOf(String(day).toLowerCase())
    if (index < 0) return skip(`every: ${String(day)} is not a day of the week`)
    days.push(index)
  }
  const weekdays = days.length === 0 ? '*' : [...new Set(days)].sort((a, b) => a - b).join(',')
  return {
    id: MAINTENANCE_ID,
    entities: entities as [string, ...string[]],
    cron: `${Number(start[2])} ${Number(start[1])} * * ${weekdays}`,
    duration: formatDuration(duration),
    ...(typeof raw.timezone === 'string' && raw.timezone !== '' ? {timezone: raw.timezone} : {}),
    reason: 'Gatus maintenance',
  }
}
