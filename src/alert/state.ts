/**
 * The alert state machine of one target (SPEC section 7), a pure function:
 * fold the target's new snapshots into its state, then apply a change of hold
 * and a due reminder. The store writes what it returns; nothing here reads a
 * clock or a database.
 */
import type {AlertSettings} from '../config/model.js'
import type {Status} from '../status.js'
import type {AlertChange, AlertObservation, AlertState, Hold, OpenAlert} from './types.js'

export interface AlertStep {
  settings: AlertSettings
  state: AlertState
  /** The target's new snapshots, oldest first. */
  observations: readonly AlertObservation[]
  now: Date
  /** The target's hold now (maintenance first, then dependency), or null. */
  hold: Hold | null
  /** A new alert id (UUIDv7 in the store; anything unique in tests). */
  newId: () => string
}

export interface AlertStepResult {
  state: AlertState
  changes: AlertChange[]
}

const RANK: Record<Status, number> = {ok: 0, warn: 1, error: 2}

/** Whether a check's status counts as failing under `on` (`warn` counts warn and error). */
export function isFailing(status: Status, on: AlertSettings['on']): boolean {
  return RANK[status] >= RANK[on]
}

export function stepAlert(step: AlertStep): AlertStepResult {
  const {settings, observations, now, hold} = step
  const changes: AlertChange[] = []
  const nowIso = now.toISOString()
  let {failing, passing, observed_at: observedAt, open} = step.state
  if (open) open = {...open}

  for (const obs of observations) {
    // An overlapping run's older snapshot (or one already folded) is not counted again.
    if (observedAt !== null && Date.parse(obs.observed_at) <= Date.parse(observedAt)) continue
    observedAt = obs.observed_at
    const fails = isFailing(obs.status, settings.on)
    if (open === null) {
      failing = fails ? failing + 1 : 0
      if (failing >= settings.after && obs.status !== 'ok') {
        open = {
          id: step.newId(),
          status: obs.status,
          detail: obs.detail,
          opened_at: obs.observed_at,
          held: hold,
          open_held: hold !== null,
          last_notified_at: hold ? null : nowIso,
        }
        failing = 0
        passing = 0
        changes.push({type: 'opened', alert: {...open}}, {type: 'notify', alert_id: open.id, event: 'open'})
      }
      continue
    }
    open.detail = obs.detail
    if (fails) {
      passing = 0
      if (obs.status === 'error') open.status = 'error'
      continue
    }
    passing += 1
    if (passing >= settings.recover_after) {
      changes.push(
        {type: 'resolved', alert_id: open.id, resolved_at: obs.observed_at, dropped: open.open_held},
        {type: 'notify', alert_id: open.id, event: 'resolve'},
      )
      open = null
      failing = 0
      passing = 0
    }
  }

  if (open !== null) {
    if (open.held !== hold) releaseOrHold(open, hold, nowIso)
    if (reminderDue(open, settings, now)) {
      open.last_notified_at = nowIso
      changes.push({type: 'notify', alert_id: open.id, event: 'remind'})
    }
  }

  return {state: {failing, passing, observed_at: observedAt, open}, changes}
}

/** A hold that ends releases the alert (its waiting open notifications become deliverable); a new one holds it. */
function releaseOrHold(open: OpenAlert, hold: Hold | null, nowIso: string): void {
  open.held = hold
  if (hold === null && open.open_held) {
    open.open_held = false
    open.last_notified_at = nowIso
  }
}

/** `remind_every` counts from the last released open or reminder; a held alert is never reminded. */
function reminderDue(open: OpenAlert, settings: AlertSettings, now: Date): boolean {
  if (open.held !== null || settings.remind_every === null) return false
  const since = Date.parse(open.last_notified_at ?? open.opened_at)
  return now.getTime() - since >= settings.remind_every
}
