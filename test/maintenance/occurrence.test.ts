/** occurrenceAt (alert/holds.ts): where a fixed or cron window stands at a time, cron read in its zone, across DST and midnight. */
import {describe, expect, it} from 'vitest'

import type {MaintenanceWindow} from '../../src/config/model.js'
import {occurrenceAt} from '../../src/alert/holds.js'

const HOUR = 3_600_000
const cron = (expr: string, duration: number, timezone: string): MaintenanceWindow => ({id: 'w', entities: ['e'], cron: expr, duration, timezone, start: null, end: null, reason: null, source: 'file'})
const at = (iso: string) => new Date(iso)

describe('occurrenceAt', () => {
  it('a fixed window covers [start, end): next before it, active in it, none after', () => {
    const w: MaintenanceWindow = {...cron('', 0, 'UTC'), cron: null, duration: null, start: '2026-12-05T22:00:00.000Z', end: '2026-12-05T23:30:00.000Z'}
    expect(occurrenceAt(w, at('2026-12-05T21:59:59.999Z'))).toEqual({active: false, start: w.start, end: w.end})
    expect(occurrenceAt(w, at('2026-12-05T22:00:00.000Z'))).toEqual({active: true, start: w.start, end: w.end})
    expect(occurrenceAt(w, at('2026-12-05T23:30:00.000Z'))).toBeNull()
  })

  it('a cron window is on from the very millisecond of its time, and off at its end', () => {
    const w = cron('0 3 * * *', HOUR / 2, 'UTC')
    expect(occurrenceAt(w, at('2026-12-05T03:00:00.000Z'))).toEqual({active: true, start: '2026-12-05T03:00:00.000Z', end: '2026-12-05T03:30:00.000Z'})
    expect(occurrenceAt(w, at('2026-12-05T03:30:00.000Z'))).toEqual({active: false, start: '2026-12-06T03:00:00.000Z', end: '2026-12-06T03:30:00.000Z'})
  })

  it('reads the cron in its zone: 01:00 in Berlin is 00:00 UTC in winter and 23:00 UTC the day before in summer, across the change', () => {
    const w = cron('0 1 * * *', 3 * HOUR, 'Europe/Berlin')
    // 2027-03-28: clocks go from 02:00 CET to 03:00 CEST.
    expect(occurrenceAt(w, at('2027-03-28T02:30:00.000Z'))).toEqual({active: true, start: '2027-03-28T00:00:00.000Z', end: '2027-03-28T03:00:00.000Z'})
    expect(occurrenceAt(w, at('2027-03-28T22:00:00.000Z'))).toEqual({active: false, start: '2027-03-28T23:00:00.000Z', end: '2027-03-29T02:00:00.000Z'})
    // 01:30 in Berlin on the 29th is 23:30 UTC on the 28th: in the window that began at 01:00 there, a UTC day earlier.
    expect(occurrenceAt(w, at('2027-03-28T23:30:00.000Z'))).toEqual({active: true, start: '2027-03-28T23:00:00.000Z', end: '2027-03-29T02:00:00.000Z'})
  })

  it('a window across midnight in its zone is on after midnight there', () => {
    const w = cron('0 23 * * *', 2 * HOUR, 'America/New_York')
    // 23:00 in New York (EST) is 04:00 UTC the next day; 00:30 there is 05:30 UTC.
    expect(occurrenceAt(w, at('2026-12-06T05:30:00.000Z'))).toEqual({active: true, start: '2026-12-06T04:00:00.000Z', end: '2026-12-06T06:00:00.000Z'})
  })
})
