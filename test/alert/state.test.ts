import {describe, expect, it} from 'vitest'

import {isFailing, stepAlert} from '../../src/alert/state.js'
import {NO_ALERT_STATE, type AlertState} from '../../src/alert/types.js'
import {at, ids, obs, settings, stepper} from './step.js'

const openState = (over: Partial<NonNullable<AlertState['open']>> = {}): AlertState => ({
  failing: 0,
  passing: 0,
  observed_at: at(2),
  open: {id: 'x1', status: 'error', detail: 'down', opened_at: at(2), held: null, open_held: false, last_notified_at: at(2), ...over},
})

describe('isFailing', () => {
  it.each([
    ['ok', 'error', false],
    ['warn', 'error', false],
    ['error', 'error', true],
    ['ok', 'warn', false],
    ['warn', 'warn', true],
    ['error', 'warn', true],
  ] as const)('%s under on: %s is %s', (status, on, expected) => {
    expect(isFailing(status, on)).toBe(expected)
  })
})

describe('stepAlert, rule by rule', () => {
  it('counts failing checks while closed and opens at `after`, with the opening check as opened_at', () => {
    const s = stepper(settings({after: 3}))
    expect(s.step(obs('EE'), 3).changes).toEqual([])
    expect(s.state).toEqual({failing: 2, passing: 0, observed_at: at(2), open: null})
    const {changes, state} = s.step(obs('E', 3), 4)
    const alert = {id: 'a1', status: 'error', detail: 'error at 3', opened_at: at(3), held: null, open_held: false, last_notified_at: at(4)}
    expect(changes).toEqual([
      {type: 'opened', alert},
      {type: 'notify', alert_id: 'a1', event: 'open'},
    ])
    expect(state).toEqual({failing: 0, passing: 0, observed_at: at(3), open: alert})
  })

  it('resets the failing count on a passing check', () => {
    const s = stepper(settings({after: 2}))
    expect(s.step(obs('EOEOE'), 6).changes).toEqual([])
    expect(s.state.failing).toBe(1)
  })

  it('opens held: open_held, no last_notified_at', () => {
    const {changes} = stepper(settings({after: 1})).step(obs('E'), 1, 'maintenance')
    expect(changes[0]).toEqual({
      type: 'opened',
      alert: {id: 'a1', status: 'error', detail: 'error at 1', opened_at: at(1), held: 'maintenance', open_held: true, last_notified_at: null},
    })
  })

  it('while open: the detail follows the latest check, the status rises to error, a failure resets the passing count', () => {
    const s = stepper(settings({on: 'warn', after: 1, recover_after: 2}))
    s.step(obs('W'), 1)
    expect(s.state.open).toMatchObject({status: 'warn', detail: 'warn at 1'})
    expect(s.step(obs('OEO', 2), 4).changes).toEqual([])
    expect(s.state).toMatchObject({passing: 1, open: {status: 'error', detail: 'ok at 4'}})
    // It never falls back to warn.
    s.step(obs('W', 5), 5)
    expect(s.state).toMatchObject({passing: 0, open: {status: 'error', detail: 'warn at 5'}})
  })

  it('resolves at `recover_after` passing checks, at that check, then is closed with counters 0', () => {
    const s = stepper(settings({after: 1, recover_after: 2}), openState())
    expect(s.step(obs('O', 3), 3).changes).toEqual([])
    const {changes, state} = s.step(obs('OO', 4), 6)
    expect(changes).toEqual([
      {type: 'resolved', alert_id: 'x1', resolved_at: at(4), dropped: false},
      {type: 'notify', alert_id: 'x1', event: 'resolve'},
    ])
    // The check after the resolve counts toward nothing (it passes); observed_at is the newest folded.
    expect(state).toEqual({failing: 0, passing: 0, observed_at: at(5), open: null})
  })

  it('skips observations at or before observed_at (an overlapping run), and folds the rest', () => {
    const s = stepper(settings({after: 2}), {...NO_ALERT_STATE, failing: 1, observed_at: at(3)})
    expect(s.step(obs('OOO', 1), 5).changes).toEqual([])
    expect(s.state).toEqual({failing: 1, passing: 0, observed_at: at(3), open: null})
    expect(s.step(obs('EE', 3), 5).changes.map((c) => c.type)).toEqual(['opened', 'notify'])
    expect(s.state.open?.opened_at).toBe(at(4))
  })

  it('releases a held open when the hold ends: held null, open_held false, last_notified_at now, no new notification', () => {
    const s = stepper(settings(), openState({held: 'maintenance', open_held: true, last_notified_at: null}))
    expect(s.step([], 30, 'maintenance').changes).toEqual([])
    expect(s.state.open).toMatchObject({held: 'maintenance', open_held: true, last_notified_at: null})
    expect(s.step([], 40, null).changes).toEqual([])
    expect(s.state.open).toMatchObject({held: null, open_held: false, last_notified_at: at(40)})
  })

  it('holds an unheld open alert (without open_held) and changes the reason', () => {
    const s = stepper(settings(), openState())
    s.step([], 3, 'dependency')
    expect(s.state.open).toMatchObject({held: 'dependency', open_held: false, last_notified_at: at(2)})
    s.step([], 4, 'maintenance')
    expect(s.state.open).toMatchObject({held: 'maintenance', open_held: false})
  })

  it('a resolve while the open is still held is dropped', () => {
    const s = stepper(settings(), openState({held: 'dependency', open_held: true, last_notified_at: null}))
    expect(s.step(obs('O', 3), 3, 'dependency').changes[0]).toEqual({type: 'resolved', alert_id: 'x1', resolved_at: at(3), dropped: true})
  })

  it('reminds once remind_every has passed since the last notification, at most once per step', () => {
    const s = stepper(settings({remind_every: 10 * 60_000}), openState())
    expect(s.step([], 11).changes).toEqual([])
    expect(s.step([], 12).changes).toEqual([{type: 'notify', alert_id: 'x1', event: 'remind'}])
    expect(s.state.open?.last_notified_at).toBe(at(12))
    // Far past several periods: still one reminder.
    expect(s.step([], 100).changes).toEqual([{type: 'notify', alert_id: 'x1', event: 'remind'}])
  })

  it('counts from opened_at when nothing was released yet, and never reminds a held alert', () => {
    const none = openState({last_notified_at: null})
    const step = (hold: 'maintenance' | null) =>
      stepAlert({settings: settings({remind_every: 60_000}), state: none, observations: [], now: new Date(at(3)), hold, newId: ids()})
    expect(step(null).changes).toEqual([{type: 'notify', alert_id: 'x1', event: 'remind'}])
    expect(step('maintenance').changes).toEqual([])
  })

  it('does not change the state it is given', () => {
    const state = openState()
    const copy = structuredClone(state)
    stepAlert({settings: settings(), state, observations: obs('OOO', 3), now: new Date(at(9)), hold: 'maintenance', newId: ids()})
    expect(state).toEqual(copy)
  })
})
