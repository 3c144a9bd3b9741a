/** Which targets `mon check --due` checks, and which is next: plain data, every rule of SPEC section 6. */
import {describe, expect, it} from 'vitest'

import {BUILTIN_CHECK} from '../../src/config/model.js'
import {intervalOf, nothingDueText, splitDue} from '../../src/check/due.js'
import {graceMs} from '../../src/schedule.js'
import type {CheckTarget, EndpointTarget, RegistryTarget} from '../../src/check/types.js'

const NOW = Date.parse('2026-12-01T12:00:00.000Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()
const S = 1000
const M = 60 * S

const endpoint = (id: string, interval: number): EndpointTarget => ({
  table: 'endpoints',
  id,
  entity_id: 'e',
  kind: 'api',
  url: 'http://127.0.0.1:9/',
  method: 'GET',
  check: {...BUILTIN_CHECK, interval},
})
const registry = (id: string, interval: string): RegistryTarget => ({table: 'registry_index', id, entity_id: 'e', path: 'r.json', authority: 'a', format: 'json', interval, serves: null})
const ids = (targets: readonly CheckTarget[]) => targets.map((t) => t.id)
/** The same latest times for both tables (these tests give every target its own id). */
const both = (latest: ReadonlyMap<string, string>) => ({endpoints: latest, registry_index: latest})

describe('graceMs', () => {
  it('is 10% of the interval, at most 30 s', () => {
    expect(graceMs(10 * S)).toBe(1 * S)
    expect(graceMs(30 * S)).toBe(3 * S)
    expect(graceMs(1 * M)).toBe(6 * S)
    expect(graceMs(5 * M)).toBe(30 * S)
    expect(graceMs(60 * M)).toBe(30 * S)
  })
})

describe('intervalOf', () => {
  it('reads an endpoint check setting and a registry entry interval; an unreadable one is the default', () => {
    expect(intervalOf(endpoint('a', 30 * S))).toBe(30 * S)
    expect(intervalOf(registry('r', '5m'))).toBe(5 * M)
    expect(intervalOf(registry('r', 'often'))).toBe(1 * M)
  })
})

describe('splitDue', () => {
  it('reads an endpoint\'s and a registry entry\'s latest time from their own table, though they share an id', () => {
    const split = splitDue([endpoint('x', 1 * M), registry('x', '1m')], {endpoints: new Map([['x', ago(5 * S)]]), registry_index: new Map()}, NOW)
    expect(split.due.map((t) => t.table)).toEqual(['registry_index'])
  })

  it('a never-checked target is due, and so is one with an unreadable time', () => {
    const split = splitDue([endpoint('new', 1 * M), endpoint('odd', 1 * M)], both(new Map([['odd', 'not a time']])), NOW)
    expect(ids(split.due)).toEqual(['new', 'odd'])
    expect(split.next_due).toBeNull()
  })

  it('is due from its interval less the grace on, not a millisecond before', () => {
    // 1m: grace 6 s, so due from 54 s old.
    expect(ids(splitDue([endpoint('a', 1 * M)], both(new Map([['a', ago(54 * S)]])), NOW).due)).toEqual(['a'])
    const early = splitDue([endpoint('a', 1 * M)], both(new Map([['a', ago(54 * S - 1)]])), NOW)
    expect(early.due).toEqual([])
    expect(early.next_due).toEqual({id: 'a', in_seconds: 1})
    // 1h: the grace stops at 30 s.
    expect(ids(splitDue([endpoint('h', 60 * M)], both(new Map([['h', ago(59 * M + 30 * S)]])), NOW).due)).toEqual(['h'])
    expect(ids(splitDue([endpoint('h', 60 * M)], both(new Map([['h', ago(59 * M + 29 * S)]])), NOW).due)).toEqual([])
  })

  it('serves 30s, 1m, 5m and 1h targets from one cron line that runs every minute', () => {
    const targets = [endpoint('s30', 30 * S), endpoint('m1', 1 * M), endpoint('m5', 5 * M), registry('h1', '1h')]
    // Each was last checked by the previous cron run, a minute ago (a little under, as cron is not exact).
    const latest = new Map(targets.map((t) => [t.id, ago(1 * M - 2 * S)]))
    const split = splitDue(targets, both(latest), NOW)
    expect(ids(split.due)).toEqual(['s30', 'm1'])
    expect(split.next_due).toEqual({id: 'm5', in_seconds: 3 * 60 + 32})
  })

  it('names the soonest of the targets not due, rounding up to whole seconds; a tie goes to the smaller id', () => {
    const targets = [endpoint('b', 5 * M), endpoint('a', 5 * M), endpoint('c', 1 * M)]
    const latest = new Map([
      ['a', ago(1 * M)],
      ['b', ago(1 * M)],
      ['c', ago(10 * S + 500)],
    ])
    const split = splitDue(targets, both(latest), NOW)
    expect(split.due).toEqual([])
    // c: due at 54 s old, it is 10.5 s old: 43.5 s -> 44.
    expect(split.next_due).toEqual({id: 'c', in_seconds: 44})
    expect(splitDue(targets.slice(0, 2), both(latest), NOW).next_due).toEqual({id: 'a', in_seconds: 4 * 60 - 30})
  })

  it('a snapshot from the future (a clock that was ahead) is not due, and waits for its interval', () => {
    const split = splitDue([endpoint('a', 1 * M)], both(new Map([['a', new Date(NOW + 10 * S).toISOString()]])), NOW)
    expect(split.due).toEqual([])
    expect(split.next_due).toEqual({id: 'a', in_seconds: 64})
  })

  it('keeps the order it was given, and nothing selected is nothing due and nothing next', () => {
    const targets = [endpoint('z', 1 * M), registry('a', '1m'), endpoint('m', 1 * M)]
    expect(ids(splitDue(targets, both(new Map()), NOW).due)).toEqual(['z', 'a', 'm'])
    expect(splitDue([], both(new Map()), NOW)).toEqual({due: [], next_due: null})
  })
})

describe('nothingDueText', () => {
  it('names the next target and when', () => {
    expect(nothingDueText({id: 'ov:9000:health', in_seconds: 40})).toBe('nothing due (next: ov:9000:health in 40 s)')
    expect(nothingDueText(null)).toBe('nothing due')
  })
})
