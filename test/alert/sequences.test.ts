// stepAlert over whole sequences of checks, as successive `mon check` runs feed it.
import {describe, expect, it} from 'vitest'

import {stepAlert} from '../../src/alert/state.js'
import type {AlertChange} from '../../src/alert/types.js'
import {at, ids, obs, settings, stepper} from './step.js'

const FLAP = 'EEOEEEOO'

/** Each check in its own run (now = its minute); every change of every run, in order. */
function runByRun(letters: string, s: ReturnType<typeof settings>): AlertChange[] {
  const target = stepper(s)
  return obs(letters).flatMap((o, i) => target.step([o], i + 1).changes)
}

describe('the flapping sequence fail, fail, ok, fail, fail, fail, ok, ok', () => {
  it('after 2, recover_after 1: two alerts, each opened and resolved exactly once', () => {
    const expected = (notified: (minute: number) => string) => [
      {type: 'opened', alert: {id: 'a1', status: 'error', detail: 'error at 2', opened_at: at(2), held: null, open_held: false, last_notified_at: notified(2)}},
      {type: 'notify', alert_id: 'a1', event: 'open'},
      {type: 'resolved', alert_id: 'a1', resolved_at: at(3), dropped: false},
      {type: 'notify', alert_id: 'a1', event: 'resolve'},
      {type: 'opened', alert: {id: 'a2', status: 'error', detail: 'error at 5', opened_at: at(5), held: null, open_held: false, last_notified_at: notified(5)}},
      {type: 'notify', alert_id: 'a2', event: 'open'},
      {type: 'resolved', alert_id: 'a2', resolved_at: at(7), dropped: false},
      {type: 'notify', alert_id: 'a2', event: 'resolve'},
    ]
    expect(runByRun(FLAP, settings({after: 2, recover_after: 1}))).toEqual(expected(at))
    // All in one run (a batch), the same events; the open was released at that run's now.
    const batch = stepper(settings({after: 2, recover_after: 1}))
    expect(batch.step(obs(FLAP), 9).changes).toEqual(expected(() => at(9)))
    expect(batch.state).toEqual({failing: 0, passing: 0, observed_at: at(8), open: null})
  })

  it('after 2, recover_after 2: one alert, open from the second check to the last', () => {
    expect(runByRun(FLAP, settings({after: 2, recover_after: 2}))).toEqual([
      {type: 'opened', alert: {id: 'a1', status: 'error', detail: 'error at 2', opened_at: at(2), held: null, open_held: false, last_notified_at: at(2)}},
      {type: 'notify', alert_id: 'a1', event: 'open'},
      {type: 'resolved', alert_id: 'a1', resolved_at: at(8), dropped: false},
      {type: 'notify', alert_id: 'a1', event: 'resolve'},
    ])
  })

  it('after 3: only the run of three failures opens', () => {
    const changes = runByRun(FLAP, settings({after: 3, recover_after: 1}))
    expect(changes.filter((c) => c.type === 'opened').map((c) => c.type === 'opened' && c.alert.opened_at)).toEqual([at(6)])
    expect(changes.filter((c) => c.type === 'resolved').map((c) => c.type === 'resolved' && c.resolved_at)).toEqual([at(7)])
  })
})

describe('on: warn against on: error', () => {
  const letters = 'WWWEOWW'
  it('on: error ignores warnings: only the error counts, and a warning passes', () => {
    const changes = runByRun(letters, settings({on: 'error', after: 1, recover_after: 1}))
    expect(changes.map((c) => [c.type, 'event' in c ? c.event : '', 'alert' in c ? c.alert.opened_at : ''])).toEqual([
      ['opened', '', at(4)],
      ['notify', 'open', ''],
      ['resolved', '', ''],
      ['notify', 'resolve', ''],
    ])
    expect(changes[2]).toMatchObject({resolved_at: at(5)})
  })

  it('on: warn opens on the warnings (as warn), rises to error, resolves on the ok, opens again', () => {
    const target = stepper(settings({on: 'warn', after: 2, recover_after: 1}))
    const first = target.step(obs('WW'), 2).changes
    expect(first[0]).toMatchObject({type: 'opened', alert: {status: 'warn', opened_at: at(2)}})
    target.step(obs('WE', 3), 4)
    expect(target.state.open).toMatchObject({status: 'error', detail: 'error at 4'})
    const rest = target.step(obs('OWW', 5), 7).changes
    expect(rest.map((c) => c.type)).toEqual(['resolved', 'notify', 'opened', 'notify'])
    expect(rest[2]).toMatchObject({alert: {id: 'a2', status: 'warn', opened_at: at(7)}})
  })
})

describe('overlapping runs', () => {
  it('an older run’s snapshots, arriving after a newer run, are not counted again', () => {
    const target = stepper(settings({after: 2, recover_after: 1}))
    // The newer run saw minutes 3 and 4 fail; the overlapping one brings 1..4 (ok, ok, error, error) late.
    expect(target.step(obs('EE', 3), 4).changes.map((c) => c.type)).toEqual(['opened', 'notify'])
    expect(target.step(obs('OOEE', 1), 4).changes).toEqual([])
    expect(target.state).toMatchObject({observed_at: at(4), open: {id: 'a1'}})
    // A batch whose rows repeat a time counts it once.
    const twice = stepper(settings({after: 2}))
    expect(twice.step([...obs('E', 1), ...obs('E', 1)], 2).changes).toEqual([])
    expect(twice.state.failing).toBe(1)
  })
})

describe('reminders', () => {
  const every10 = settings({after: 1, remind_every: 10 * 60_000})

  it('count from the open, then from the last reminder; a held one waits and goes out when released', () => {
    const target = stepper(every10)
    target.step(obs('E', 2), 2)
    const reminded = (nowMinute: number, hold: 'dependency' | null = null) =>
      target.step([], nowMinute, hold).changes.filter((c) => c.type === 'notify' && c.event === 'remind').length
    expect(reminded(11)).toBe(0)
    expect(reminded(12)).toBe(1)
    expect(reminded(21)).toBe(0)
    expect(reminded(22)).toBe(1)
    expect(reminded(33, 'dependency')).toBe(0)
    expect(reminded(39, 'dependency')).toBe(0)
    // Released: the reminder that was held goes out now (the open was delivered before the hold).
    expect(reminded(40)).toBe(1)
    expect(target.state.open?.last_notified_at).toBe(at(40))
  })

  it('of an alert opened held start at its release, which sends no reminder itself', () => {
    const target = stepper(every10)
    target.step(obs('E', 2), 2, 'maintenance')
    expect(target.step([], 30, 'maintenance').changes).toEqual([])
    expect(target.step([], 40).changes).toEqual([])
    expect(target.state.open).toMatchObject({held: null, open_held: false, last_notified_at: at(40)})
    expect(target.step([], 49).changes).toEqual([])
    expect(target.step([], 50).changes).toEqual([{type: 'notify', alert_id: 'a1', event: 'remind'}])
  })

  it('go out from a step whose checks keep failing too, and never with remind_every unset', () => {
    const target = stepper(every10)
    target.step(obs('E', 2), 2)
    expect(target.step(obs('E', 12), 12).changes).toEqual([{type: 'notify', alert_id: 'a1', event: 'remind'}])
    const never = stepper(settings({after: 1}))
    never.step(obs('E', 2), 2)
    expect(never.step([], 100_000).changes).toEqual([])
  })

  it('are not sent for an alert that resolves in the same step', () => {
    const target = stepper(every10)
    target.step(obs('E', 2), 2)
    expect(target.step(obs('O', 30), 30).changes.map((c) => c.type === 'notify' && c.event)).toEqual([false, 'resolve'])
  })
})

describe('holds over a sequence', () => {
  it('a held open resolving before the hold ends is dropped; one released first is not', () => {
    const held = stepper(settings({after: 1}))
    held.step(obs('E', 1), 1, 'maintenance')
    expect(held.step(obs('O', 2), 2, 'maintenance').changes[0]).toMatchObject({type: 'resolved', dropped: true})

    const released = stepper(settings({after: 1}))
    released.step(obs('E', 1), 1, 'maintenance')
    released.step([], 2, null)
    // Held again (by a dependency): the open went out, so the resolve is delivered.
    expect(released.step(obs('O', 3), 3, 'dependency').changes[0]).toMatchObject({type: 'resolved', dropped: false})
  })

  it('an open alert released with nothing checked (a step with no observations)', () => {
    const s = settings({after: 1})
    const opened = stepAlert({settings: s, state: {failing: 0, passing: 0, observed_at: null, open: null}, observations: obs('E'), now: new Date(at(1)), hold: 'dependency', newId: ids()})
    const released = stepAlert({settings: s, state: opened.state, observations: [], now: new Date(at(5)), hold: null, newId: ids()})
    expect(released.changes).toEqual([])
    expect(released.state).toEqual({...opened.state, open: {...opened.state.open!, held: null, open_held: false, last_notified_at: at(5)}})
  })
})
