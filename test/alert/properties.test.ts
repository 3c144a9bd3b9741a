// Property tests of stepAlert: whatever the statuses, holds, settings and times, the alert's life is open, (remind), resolve.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {stepAlert} from '../../src/alert/state.js'
import {NO_ALERT_STATE, type AlertObservation, type AlertState, type Hold} from '../../src/alert/types.js'
import type {AlertSettings} from '../../src/config/model.js'
import {T0, ids} from './step.js'

const settingsArb: fc.Arbitrary<AlertSettings> = fc.record({
  notify: fc.constant(['hook']),
  on: fc.constantFrom('error' as const, 'warn' as const),
  after: fc.integer({min: 1, max: 4}),
  recover_after: fc.integer({min: 1, max: 4}),
  remind_every: fc.option(fc.integer({min: 10_000, max: 20 * 60_000}), {nil: null}),
})

// One run: a few checks (at minute offsets that may reach back before earlier runs', as an overlapping run's do), a hold, and how far now moves.
const runArb = fc.record({
  checks: fc.array(fc.tuple(fc.constantFrom('ok' as const, 'warn' as const, 'error' as const), fc.integer({min: -3, max: 3})), {maxLength: 5}),
  hold: fc.constantFrom<Hold | null>(null, null, 'maintenance', 'dependency'),
  advance: fc.integer({min: 0, max: 15 * 60_000}),
})

describe('stepAlert properties', () => {
  it('never opens twice without a resolve between; resolves only the open alert; never reminds a held one', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(runArb, {minLength: 1, maxLength: 30}), (settings, runs) => {
        const newId = ids()
        let state: AlertState = NO_ALERT_STATE
        let now = T0
        let openId: string | null = null
        let everReleased = false
        for (const run of runs) {
          now += run.advance
          const observations: AlertObservation[] = run.checks.map(([status, minutes], i) => ({
            status,
            detail: status,
            observed_at: new Date(now + minutes * 60_000 + i).toISOString(),
          }))
          observations.sort((a, b) => a.observed_at.localeCompare(b.observed_at))
          const result = stepAlert({settings, state, observations, now: new Date(now), hold: run.hold, newId})
          let reminders = 0
          for (const change of result.changes) {
            if (change.type === 'opened') {
              expect(openId).toBeNull()
              openId = change.alert.id
              everReleased = change.alert.held === null
            } else if (change.type === 'resolved') {
              expect(change.alert_id).toBe(openId)
              // Dropped exactly when its open never went out.
              expect(change.dropped).toBe(!everReleased)
              openId = null
            } else if (change.event === 'remind') {
              reminders += 1
              expect(run.hold).toBeNull()
              expect(change.alert_id).toBe(openId)
            } else if (change.event === 'open') {
              expect(change.alert_id).toBe(openId)
            }
          }
          expect(reminders).toBeLessThanOrEqual(1)
          if (settings.remind_every === null) expect(reminders).toBe(0)
          state = result.state
          expect(state.open?.id ?? null).toBe(openId)
          if (state.open) {
            expect(state.open.held).toBe(run.hold)
            if (run.hold === null) everReleased = true
            expect(state.open.open_held).toBe(!everReleased)
            expect(state.passing).toBeLessThan(settings.recover_after)
            expect(state.failing).toBe(0)
          } else {
            expect(state.failing).toBeLessThan(settings.after)
            expect(state.passing).toBe(0)
          }
        }
      }),
      {numRuns: 1000},
    )
  })

  it('folds each observation once: a batch given twice, or split anywhere, ends in the same state', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(fc.constantFrom('ok' as const, 'warn' as const, 'error' as const), {maxLength: 12}), fc.nat(12), (settings, statuses, cut) => {
        const observations = statuses.map((status, i) => ({status, detail: `${status} ${i}`, observed_at: new Date(T0 + i * 60_000).toISOString()}))
        const now = new Date(T0 + 60 * 60_000)
        const step = (state: AlertState, o: AlertObservation[]) => stepAlert({settings: {...settings, remind_every: null}, state, observations: o, now, hold: null, newId: ids()})
        const whole = step(NO_ALERT_STATE, observations)
        const again = step(whole.state, observations)
        expect(again.state).toEqual(whole.state)
        expect(again.changes).toEqual([])
        const split = step(step(NO_ALERT_STATE, observations.slice(0, cut)).state, observations)
        expect({...split.state, open: split.state.open && {...split.state.open, id: ''}}).toEqual({...whole.state, open: whole.state.open && {...whole.state.open, id: ''}})
      }),
      {numRuns: 1000},
    )
  })
})
