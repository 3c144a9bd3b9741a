import {graceMs} from '../../src/schedule.js'
import {describe, expect, it} from 'vitest'

import {coverageOf, expectedChecks, staleAfterMs} from '../../src/history/coverage.js'

const day = {since: '2026-11-29T14:00:00.000Z', until: '2026-11-30T14:00:00.000Z'}
const target = (interval_ms: number, activated_at: string | null = null) => ({interval_ms, activated_at})

describe('expectedChecks', () => {
  it('counts whole intervals in the window less the grace: an on-time target that is one check short at the edge is still covered', () => {
    // 86,400 s less 6 s of grace, over 60 s: 1439.
    expect(expectedChecks(target(60_000), day)).toBe(1439)
    expect(coverageOf(1439, expectedChecks(target(60_000), day))).toBe(1)
    expect(coverageOf(1440, expectedChecks(target(60_000), day))).toBe(1)
    // An hourly target: 24 h less 30 s (the grace is at most 30 s) is 23 whole hours.
    expect(expectedChecks(target(3_600_000), day)).toBe(23)
  })

  it('starts at the activation when it falls in the window, and expects nothing before it', () => {
    expect(expectedChecks(target(60_000, '2026-11-30T13:00:00.000Z'), day)).toBe(59)
    expect(expectedChecks(target(60_000, '2026-11-20T00:00:00.000Z'), day)).toBe(1439)
    // Applied 50 s ago with a 1 m interval: no check due yet; applied after the window: none either.
    expect(expectedChecks(target(60_000, '2026-11-30T13:59:10.000Z'), day)).toBe(0)
    expect(expectedChecks(target(60_000, '2026-11-30T15:00:00.000Z'), day)).toBe(0)
  })

  it('leaves excluded time (maintenance windows, later) out of what was expected', () => {
    expect(expectedChecks(target(60_000), day, 3_600_000)).toBe(1379)
    expect(expectedChecks(target(60_000), day, 86_400_000)).toBe(0)
  })

  it('takes a grace of 10% of the interval, at most 30 s', () => {
    expect(graceMs(10_000)).toBe(1000)
    expect(graceMs(60_000)).toBe(6000)
    expect(graceMs(3_600_000)).toBe(30_000)
  })
})

describe('coverageOf', () => {
  it('is checks made over checks expected, at most 1, and null when nothing was expected', () => {
    expect(coverageOf(31, 50)).toBe(0.62)
    expect(coverageOf(0, 50)).toBe(0)
    expect(coverageOf(70, 50)).toBe(1)
    expect(coverageOf(3, 0)).toBeNull()
  })
})

describe('staleAfterMs', () => {
  it('is 3 of the target\'s intervals, or --stale-after for every target', () => {
    expect(staleAfterMs(target(30_000), null)).toBe(90_000)
    expect(staleAfterMs(target(300_000), null)).toBe(900_000)
    expect(staleAfterMs(target(300_000), 3_600_000)).toBe(3_600_000)
  })
})
