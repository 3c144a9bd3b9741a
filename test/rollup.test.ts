/** The pure part of rollups: grouping snapshots into hours and days, and splitting a window. */
import {describe, expect, it} from 'vitest'

import {LatencyHistogram} from '../src/latency.js'
import {type RollupSource, type TimeRange, WEEK_MS, dayStart, hourStart, mergeRollup, periodCeil, planWindow, rollupsOf, sameRollup, weekStart} from '../src/rollup.js'

const row = (observed_at: string, status: RollupSource['status'], latency_ms: number | null, target: Partial<RollupSource> = {endpoint_id: 'a:api'}): RollupSource => ({
  entity_id: 'a',
  endpoint_id: null,
  registry_id: null,
  ...target,
  status,
  latency_ms,
  observed_at,
})

describe('rollup keys and periods', () => {
  it('round ISO times to the UTC hour and day, down and up', () => {
    expect(hourStart('2026-11-30T14:59:59.999Z')).toBe('2026-11-30T14:00:00.000Z')
    expect(dayStart('2026-11-30T14:59:59.999Z')).toBe('2026-11-30T00:00:00.000Z')
    expect(periodCeil('2026-11-30T14:00:00.000Z', 'hour')).toBe('2026-11-30T14:00:00.000Z')
    expect(periodCeil('2026-11-30T14:00:00.001Z', 'hour')).toBe('2026-11-30T15:00:00.000Z')
    expect(periodCeil('2026-12-31T23:00:00.001Z', 'day')).toBe('2027-01-01T00:00:00.000Z')
  })

  it('group snapshots per target, table, hour, day and week, with counts per status and the latencies', () => {
    const rollups = rollupsOf([
      row('2026-11-30T14:01:00.000Z', 'ok', 10),
      row('2026-11-30T14:59:00.000Z', 'warn', 30),
      row('2026-11-30T15:00:00.000Z', 'error', null),
      // The same id in the other table is another target.
      row('2026-11-30T14:10:00.000Z', 'ok', null, {registry_id: 'a:api'}),
      row('2026-11-30T14:10:00.000Z', 'ok', 5, {}), // neither an endpoint nor a registry entry: no rollup
    ])
    const get = (key: string) => rollups.get(key)!
    expect([...rollups.keys()].sort()).toEqual([
      'day|endpoints|a:api|2026-11-30T00:00:00.000Z',
      'day|registry_index|a:api|2026-11-30T00:00:00.000Z',
      'hour|endpoints|a:api|2026-11-30T14:00:00.000Z',
      'hour|endpoints|a:api|2026-11-30T15:00:00.000Z',
      'hour|registry_index|a:api|2026-11-30T14:00:00.000Z',
      'week|endpoints|a:api|2026-11-30T00:00:00.000Z',
      'week|registry_index|a:api|2026-11-30T00:00:00.000Z',
    ])
    // A week holds what its days do (Monday 2026-11-30 starts one).
    expect(sameRollup({...get('week|endpoints|a:api|2026-11-30T00:00:00.000Z'), period: 'day'}, get('day|endpoints|a:api|2026-11-30T00:00:00.000Z'))).toBe(true)
    expect(get('hour|endpoints|a:api|2026-11-30T14:00:00.000Z')).toMatchObject({ok: 1, warn: 1, error: 0, latency_count: 2, latency_sum: 40, entity_id: 'a'})
    const day = get('day|endpoints|a:api|2026-11-30T00:00:00.000Z')
    expect([day.ok, day.warn, day.error, day.latency_count, day.histogram.count]).toEqual([1, 1, 1, 2, 2])
    // A day is its hours merged.
    const hours = mergeRollup(rollupsOf([row('2026-11-30T14:01:00.000Z', 'ok', 10), row('2026-11-30T14:59:00.000Z', 'warn', 30)], ['day']).values().next().value!, get('hour|endpoints|a:api|2026-11-30T15:00:00.000Z'))
    expect(sameRollup({...hours, period: 'day'}, day)).toBe(true)
    expect(sameRollup(day, {...day, ok: 2})).toBe(false)
    expect(sameRollup(day, {...day, histogram: new LatencyHistogram().add(10).add(31)})).toBe(false)
  })
})

describe('planWindow', () => {
  it('reads the edges raw, whole hours and days from rollups', () => {
    expect(planWindow('2026-11-27T13:20:00.000Z', '2026-11-30T14:37:00.000Z')).toEqual({
      raw: [{from: '2026-11-27T13:20:00.000Z', to: '2026-11-27T14:00:00.000Z'}, {from: '2026-11-30T14:00:00.000Z', to: null}],
      hours: [{from: '2026-11-27T14:00:00.000Z', to: '2026-11-28T00:00:00.000Z'}, {from: '2026-11-30T00:00:00.000Z', to: '2026-11-30T14:00:00.000Z'}],
      days: [{from: '2026-11-28T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z'}],
      weeks: [],
    })
    // Within one hour, and a window shorter than the hours it spans: raw rows only.
    expect(planWindow('2026-11-30T14:10:00.000Z', '2026-11-30T14:37:00.000Z')).toEqual({raw: [{from: '2026-11-30T14:10:00.000Z', to: null}], hours: [], days: [], weeks: []})
    expect(planWindow('2026-11-30T13:10:00.000Z', '2026-11-30T14:37:00.000Z').hours).toEqual([])
    // On the hour: no raw edge before the first whole hour.
    expect(planWindow('2026-11-30T12:00:00.000Z', '2026-11-30T14:37:00.000Z')).toEqual({
      raw: [{from: '2026-11-30T14:00:00.000Z', to: null}],
      hours: [{from: '2026-11-30T12:00:00.000Z', to: '2026-11-30T14:00:00.000Z'}],
      days: [],
      weeks: [],
    })
  })

  it('reads whole ISO weeks (Monday to Monday) from week rollups, the days outside them from day rollups', () => {
    // 30 days to Tuesday 2026-12-01 14:37: Sunday 11-01 14:37 on; the weeks from Monday 11-02 to Monday 11-30.
    expect(planWindow('2026-11-01T14:37:00.000Z', '2026-12-01T14:37:00.000Z')).toEqual({
      raw: [{from: '2026-11-01T14:37:00.000Z', to: '2026-11-01T15:00:00.000Z'}, {from: '2026-12-01T14:00:00.000Z', to: null}],
      hours: [{from: '2026-11-01T15:00:00.000Z', to: '2026-11-02T00:00:00.000Z'}, {from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T14:00:00.000Z'}],
      days: [{from: '2026-11-30T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z'}],
      weeks: [{from: '2026-11-02T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z'}],
    })
    // Six whole days, Tuesday to Monday, hold no whole week.
    expect(planWindow('2026-11-24T00:00:00.000Z', '2026-11-30T00:00:00.000Z').weeks).toEqual([])
  })

  it('weekStart is the Monday 00:00 UTC at or before a time', () => {
    expect(weekStart('2026-11-30T00:00:00.000Z')).toBe('2026-11-30T00:00:00.000Z') // a Monday
    expect(weekStart('2026-11-29T23:59:59.999Z')).toBe('2026-11-23T00:00:00.000Z') // a Sunday
    expect(weekStart('2026-12-03T10:00:00.000Z')).toBe('2026-11-30T00:00:00.000Z')
    expect(periodCeil('2026-12-03T10:00:00.000Z', 'week')).toBe('2026-12-07T00:00:00.000Z')
    expect(new Date(weekStart('2027-01-01T05:00:00.000Z')).getUTCDay()).toBe(1)
  })

  it('covers every time since `since` exactly once, for any since and until', () => {
    const inRange = (t: string, r: TimeRange) => t >= r.from && (r.to === null || t < r.to)
    let seed = 42
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
    for (let i = 0; i < 300; i++) {
      const until = Date.parse('2026-11-30T00:00:00.000Z') + Math.floor(next() * 5 * 86_400_000)
      const since = until - Math.floor(next() * 100 * 86_400_000)
      const plan = planWindow(new Date(since).toISOString(), new Date(until).toISOString())
      const ranges = [...plan.raw, ...plan.hours, ...plan.days, ...plan.weeks]
      for (const r of [...plan.hours, ...plan.days, ...plan.weeks]) expect(r.from < r.to!).toBe(true)
      for (const r of plan.weeks) expect([r.from, r.to]).toEqual([weekStart(r.from), weekStart(r.to!)])
      // Weeks where whole: the days outside them are fewer than a week on each side.
      const dayCount = plan.days.reduce((n, r) => n + (Date.parse(r.to!) - Date.parse(r.from)) / 86_400_000, 0)
      expect(dayCount).toBeLessThanOrEqual(12)
      if (since + 2 * WEEK_MS < until) expect(plan.weeks.length).toBe(1)
      for (const r of plan.hours) expect([r.from, r.to]).toEqual([hourStart(r.from), hourStart(r.to!)])
      for (const r of plan.days) expect([r.from, r.to]).toEqual([dayStart(r.from), dayStart(r.to!)])
      for (let k = 0; k < 50; k++) {
        const t = new Date(since + Math.floor(next() * (until - since + 7_200_000))).toISOString()
        expect(ranges.filter((r) => inRange(t, r)).length, `${t} in ${JSON.stringify(plan)}`).toBe(1)
      }
      expect(ranges.some((r) => inRange(new Date(since - 1).toISOString(), r))).toBe(false)
    }
  })
})
