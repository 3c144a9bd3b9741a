import {describe, expect, it} from 'vitest'

import {dependenciesOf, dependencyGraph, heldByDependency} from '../../src/alert/dependencies.js'
import {holdFor, maintenanceAt, nextWindowStart, windowSpanAt} from '../../src/alert/holds.js'
import type {MaintenanceWindow} from '../../src/config/model.js'

const HOUR = 3_600_000

function fixed(id: string, entities: string[], start: string, end: string): MaintenanceWindow {
  return {id, entities, cron: null, duration: null, timezone: 'UTC', start, end, reason: null, source: 'file'}
}

function recurring(id: string, entities: string[], cron: string, duration: number, timezone = 'UTC'): MaintenanceWindow {
  return {id, entities, cron, duration, timezone, start: null, end: null, reason: null, source: 'file'}
}

const d = (iso: string) => new Date(iso)

describe('maintenance windows', () => {
  const move = fixed('db-move', ['litellm'], '2026-12-05T22:00:00.000Z', '2026-12-05T23:30:00.000Z')

  it('a fixed window covers [start, end): start inclusive, end exclusive', () => {
    expect(maintenanceAt([move], 'litellm', d('2026-12-05T21:59:59.999Z'))).toBeNull()
    expect(maintenanceAt([move], 'litellm', d('2026-12-05T22:00:00.000Z'))).toBe(move)
    expect(maintenanceAt([move], 'litellm', d('2026-12-05T23:29:59.999Z'))).toBe(move)
    expect(maintenanceAt([move], 'litellm', d('2026-12-05T23:30:00.000Z'))).toBeNull()
  })

  it('only holds the entities it names, and an ad-hoc window is a fixed one', () => {
    const adhoc: MaintenanceWindow = {...fixed('adhoc-0a1b2c3d', ['ov:9000'], '2026-12-05T22:10:00.000Z', '2026-12-05T22:40:00.000Z'), source: 'adhoc'}
    expect(maintenanceAt([move, adhoc], 'ov:9000', d('2026-12-05T22:15:00.000Z'))).toBe(adhoc)
    expect(maintenanceAt([move, adhoc], 'mlx:8100', d('2026-12-05T22:15:00.000Z'))).toBeNull()
    expect(maintenanceAt([], 'litellm', d('2026-12-05T22:15:00.000Z'))).toBeNull()
  })

  it('a cron window across midnight in Europe/Berlin (winter, UTC+1): 23:30 local for 1h', () => {
    const w = recurring('late', ['a'], '30 23 * * *', HOUR, 'Europe/Berlin')
    expect(maintenanceAt([w], 'a', d('2026-12-01T21:00:00.000Z'))).toBeNull()
    expect(maintenanceAt([w], 'a', d('2026-12-01T22:29:59.999Z'))).toBeNull()
    expect(maintenanceAt([w], 'a', d('2026-12-01T22:30:00.000Z'))).toBe(w)
    expect(maintenanceAt([w], 'a', d('2026-12-01T22:45:00.000Z'))).toBe(w)
    // 00:15 local, the next day: still the window that started at 23:30.
    expect(windowSpanAt(w, d('2026-12-01T23:15:00.000Z'))).toEqual({start: '2026-12-01T22:30:00.000Z', end: '2026-12-01T23:30:00.000Z'})
    expect(maintenanceAt([w], 'a', d('2026-12-01T23:30:00.000Z'))).toBeNull()
    // In summer (UTC+2) the same local time is an hour earlier in UTC.
    expect(maintenanceAt([w], 'a', d('2026-07-01T21:45:00.000Z'))).toBe(w)
    expect(maintenanceAt([w], 'a', d('2026-07-01T22:45:00.000Z'))).toBeNull()
  })

  it('a UTC cron window is the default reading of the cron', () => {
    const w = recurring('nightly-backup', ['ov:9000'], '0 3 * * *', 30 * 60_000)
    expect(maintenanceAt([w], 'ov:9000', d('2026-12-02T03:10:00.000Z'))).toBe(w)
    expect(maintenanceAt([w], 'ov:9000', d('2026-12-02T03:30:00.000Z'))).toBeNull()
    expect(maintenanceAt([w], 'ov:9000', d('2026-12-02T02:59:00.000Z'))).toBeNull()
  })

  it('on DST change days in Europe/Berlin: 02:30 that does not exist starts at 03:00 CEST, one that occurs twice starts once', () => {
    const w = recurring('dst', ['a'], '30 2 * * *', HOUR, 'Europe/Berlin')
    // 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST (01:00Z); the window runs 01:00Z-02:00Z.
    expect(windowSpanAt(w, d('2026-03-29T01:30:00.000Z'))).toEqual({start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T02:00:00.000Z'})
    expect(windowSpanAt(w, d('2026-03-29T00:59:00.000Z'))).toBeNull()
    // The day before and after, 02:30 local is 01:30Z (CET) and 00:30Z (CEST).
    expect(windowSpanAt(w, d('2026-03-28T01:30:00.000Z'))?.start).toBe('2026-03-28T01:30:00.000Z')
    expect(windowSpanAt(w, d('2026-03-30T00:30:00.000Z'))?.start).toBe('2026-03-30T00:30:00.000Z')
    // 2026-10-25: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET); the window starts at the first.
    expect(windowSpanAt(w, d('2026-10-25T00:45:00.000Z'))).toEqual({start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T01:30:00.000Z'})
    expect(windowSpanAt(w, d('2026-10-25T01:45:00.000Z'))).toBeNull()
  })

  it('answers the same for a time asked twice and for times asked out of order (its memo is only a shortcut)', () => {
    const w = recurring('q', ['a'], '*/15 * * * *', 5 * 60_000)
    const times = ['2026-12-01T10:04:59.999Z', '2026-12-01T10:20:00.000Z', '2026-12-01T10:00:00.000Z', '2026-12-01T10:05:00.000Z', '2026-12-01T10:04:00.000Z', '2026-12-01T09:46:00.000Z']
    expect(times.map((t) => windowSpanAt(w, d(t))?.start ?? null)).toEqual([
      '2026-12-01T10:00:00.000Z',
      null,
      '2026-12-01T10:00:00.000Z',
      null,
      '2026-12-01T10:00:00.000Z',
      '2026-12-01T09:45:00.000Z',
    ])
  })

  it('nextWindowStart: a cron window’s next occurrence after now, a fixed one’s start while ahead', () => {
    const w = recurring('late', ['a'], '30 23 * * *', HOUR, 'Europe/Berlin')
    expect(nextWindowStart(w, d('2026-12-01T21:00:00.000Z'))).toBe('2026-12-01T22:30:00.000Z')
    expect(nextWindowStart(w, d('2026-12-01T22:30:00.000Z'))).toBe('2026-12-02T22:30:00.000Z')
    const move = fixed('m', ['a'], '2026-12-05T22:00:00.000Z', '2026-12-05T23:30:00.000Z')
    expect(nextWindowStart(move, d('2026-12-05T21:00:00.000Z'))).toBe('2026-12-05T22:00:00.000Z')
    expect(nextWindowStart(move, d('2026-12-05T22:00:00.000Z'))).toBeNull()
  })
})

describe('dependency holds', () => {
  const graph = () =>
    dependencyGraph([
      {id: 'a', depends_on: ['b']},
      {id: 'b', depends_on: ['c']},
      {id: 'c', depends_on: []},
      {id: 'd', depends_on: ['b', 'c']},
    ])

  it('are transitive: an open alert on c holds a whatever b’s state', () => {
    const g = graph()
    expect(heldByDependency(g, 'a', new Set(['c']))).toBe(true)
    expect(heldByDependency(g, 'a', new Set(['b']))).toBe(true)
    expect(heldByDependency(g, 'b', new Set(['c']))).toBe(true)
    expect(heldByDependency(g, 'c', new Set(['a', 'b']))).toBe(false)
    expect(heldByDependency(g, 'a', new Set())).toBe(false)
    expect([...dependenciesOf(g, 'd')].sort()).toEqual(['b', 'c'])
  })

  it('never hold an entity by its own open alert, and an unknown entity depends on nothing', () => {
    expect(heldByDependency(graph(), 'c', new Set(['c']))).toBe(false)
    expect(heldByDependency(graph(), 'zz', new Set(['c']))).toBe(false)
  })

  it('terminate on a cycle (a validation error, but the function must still end)', () => {
    const g = dependencyGraph([
      {id: 'x', depends_on: ['y']},
      {id: 'y', depends_on: ['z']},
      {id: 'z', depends_on: ['x', 'y']},
    ])
    expect([...dependenciesOf(g, 'x')].sort()).toEqual(['y', 'z'])
    expect(heldByDependency(g, 'x', new Set(['x']))).toBe(false)
    expect(heldByDependency(g, 'x', new Set(['z']))).toBe(true)
    expect(heldByDependency(g, 'y', new Set(['x']))).toBe(true)
  })
})

describe('holdFor', () => {
  const context = {
    windows: [fixed('m', ['a'], '2026-12-05T22:00:00.000Z', '2026-12-05T23:00:00.000Z')],
    graph: dependencyGraph([{id: 'a', depends_on: ['b']}, {id: 'b', depends_on: []}]),
    openEntityIds: new Set(['b']),
  }

  it('is maintenance first, then dependency, else null', () => {
    expect(holdFor(context, 'a', d('2026-12-05T22:30:00.000Z'))).toBe('maintenance')
    expect(holdFor(context, 'a', d('2026-12-05T23:30:00.000Z'))).toBe('dependency')
    expect(holdFor(context, 'b', d('2026-12-05T22:30:00.000Z'))).toBeNull()
    expect(holdFor({...context, openEntityIds: new Set()}, 'a', d('2026-12-05T23:30:00.000Z'))).toBeNull()
  })
})
