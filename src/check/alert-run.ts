/**
 * Alerts in a mon check run: what the run reads once (the applied alert
 * settings, notifiers, dependencies and maintenance windows), the marks and
 * steps it makes while it writes snapshots, and what it does after the
 * checks: step the open alerts it did not check (holds that ended, reminders)
 * and deliver what is pending.
 */
import {dependenciesOf, dependencyGraph, heldByDependency} from '../alert/dependencies.js'
import {BUILTIN_ALERT} from '../config/model.js'
import type {SnapshotRow} from '../rows.js'
import {readAlertConfig} from '../store/alert-config.js'
import {readMaintenanceWindows} from '../store/maintenance.js'
import {stepOpenAlerts, stepSnapshotAlerts, type AlertStepContext, type AlertStepCounts} from '../store/alert-steps.js'
import type {Driver} from '../store/driver.js'

export interface AlertRun {
  /** The row as written: the id of the maintenance window its entity was in when it was taken, if any. */
  mark(row: SnapshotRow): SnapshotRow
  /** Steps the alerts of rows just inserted, inside their transaction. */
  afterInsert(driver: Driver, rows: readonly SnapshotRow[]): Promise<AlertStepCounts>
  /** After the checks: every open alert stepped at `now` (releases, reminders). */
  stepOpen(driver: Driver, lockTimeoutMs: number): Promise<AlertStepCounts>
}

/** Reads what alerting needs for one run; `now` is the run's clock (MON_NOW in tests). */
export async function startAlertRun(driver: Driver, now: Date): Promise<AlertRun> {
  const config = await readAlertConfig(driver)
  // The file's and the ad-hoc windows a run's snapshots may fall in: those not over a day before it started.
  const windows = await readMaintenanceWindows(driver, {config, endedAfter: new Date(now.getTime() - 86_400_000).toISOString()})
  // croner (through holds.ts) only where a window is to be read: most runs have none.
  const maintenanceAt = windows.length === 0 ? () => null : (await import('../alert/holds.js')).maintenanceAt
  const graph = dependencyGraph([...config.dependsOn].map(([id, depends_on]) => ({id, depends_on})))
  const context: AlertStepContext = {
    now,
    settings: (table, id) => config.settings[table].get(id) ?? BUILTIN_ALERT,
    hold: (entityId, openEntities) => (maintenanceAt(windows, entityId, now) !== null ? 'maintenance' : heldByDependency(graph, entityId, openEntities) ? 'dependency' : null),
    // An entity depends on more than any of its dependencies does (a cycle is refused by validation).
    rank: (entityId) => dependenciesOf(graph, entityId).size,
    active: (table, id) => config.settings[table].has(id),
  }
  return {
    mark: (row) => {
      const window = maintenanceAt(windows, row.entity_id, new Date(row.observed_at))
      return window === null ? row : {...row, maintenance: window.id}
    },
    afterInsert: (tx, rows) => stepSnapshotAlerts(tx, rows, context),
    stepOpen: (tx, lockTimeoutMs) => stepOpenAlerts(tx, context, lockTimeoutMs),
  }
}

/** A stderr line for what a run's alert steps did, or null when nothing happened. */
export function alertStepsNote(counts: AlertStepCounts): string | null {
  if (counts.opened === 0 && counts.resolved === 0 && counts.notifications === 0) return null
  return `alerts: ${counts.opened} opened, ${counts.resolved} resolved, ${counts.notifications} notifications queued`
}

/** A stderr line for what delivery did, or null when there was nothing to deliver. Failures have a line each already. */
export function deliveryNote(counts: {sent: number; failed: number; retrying: number; dropped: number}): string | null {
  if (counts.sent + counts.failed + counts.retrying + counts.dropped === 0) return null
  const parts = [`${counts.sent} sent`]
  if (counts.retrying > 0) parts.push(`${counts.retrying} to retry`)
  if (counts.failed > 0) parts.push(`${counts.failed} failed for good`)
  if (counts.dropped > 0) parts.push(`${counts.dropped} dropped`)
  return `notify: ${parts.join(', ')}`
}

export function addCounts(into: AlertStepCounts, from: AlertStepCounts): void {
  into.opened += from.opened
  into.resolved += from.resolved
  into.notifications += from.notifications
}
