// Plain-data helpers for stepping alerts in tests: a clock in minutes, ids a1, a2, ..., observations from status letters.
import {BUILTIN_ALERT, type AlertSettings} from '../../src/config/model.js'
import {stepAlert, type AlertStepResult} from '../../src/alert/state.js'
import {NO_ALERT_STATE, type AlertObservation, type AlertState, type Hold} from '../../src/alert/types.js'
import type {Status} from '../../src/status.js'

export const T0 = Date.UTC(2026, 11, 1, 12, 0, 0)
/** The ISO time `minute` minutes after T0. */
export const at = (minute: number): string => new Date(T0 + minute * 60_000).toISOString()

export function settings(overrides: Partial<AlertSettings> = {}): AlertSettings {
  return {...BUILTIN_ALERT, notify: ['hook'], ...overrides}
}

/** One observation per minute from `from`, e.g. `obs('EEOk', 1)`: E error, W warn, O ok (any other letter is skipped). */
export function obs(letters: string, from = 1): AlertObservation[] {
  const status: Record<string, Status> = {E: 'error', W: 'warn', O: 'ok'}
  return [...letters]
    .filter((c) => c in status)
    .map((c, i) => ({status: status[c]!, detail: `${status[c]} at ${from + i}`, observed_at: at(from + i)}))
}

export function ids(): () => string {
  let n = 0
  return () => `a${++n}`
}

export interface Stepper {
  step(observations: AlertObservation[], nowMinute: number, hold?: Hold | null): AlertStepResult
  readonly state: AlertState
}

/** A target stepped run after run, as successive `mon check` runs do. */
export function stepper(s: AlertSettings, state: AlertState = NO_ALERT_STATE): Stepper {
  const newId = ids()
  let current = state
  return {
    step(observations, nowMinute, hold = null) {
      const result = stepAlert({settings: s, state: current, observations, now: new Date(at(nowMinute)), hold, newId})
      current = result.state
      return result
    },
    get state() {
      return current
    },
  }
}
