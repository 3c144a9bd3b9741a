import {describe, expect, it} from 'vitest'

import {isoNow, uuidv7} from '../../src/time.js'

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying its millisecond time', () => {
    const ms = Date.UTC(2026, 10, 26, 10, 41, 2, 220)
    const id = uuidv7(ms)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(ms)
  })

  it('sorts by time and does not repeat, across many pool refills', () => {
    const ids = Array.from({length: 5000}, (_, i) => uuidv7(1_700_000_000_000 + i))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    const sameMs = Array.from({length: 2000}, () => uuidv7(1_700_000_000_000))
    expect(new Set(sameMs).size).toBe(sameMs.length)
  })
})

describe('isoNow', () => {
  it('writes ISO 8601 UTC with milliseconds', () => {
    expect(isoNow(new Date(Date.UTC(2026, 10, 26, 10, 41, 2, 220)))).toBe('2026-11-26T10:41:02.220Z')
    expect(isoNow()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })
})

describe('durationFlag', () => {
  it('caps a flag at 36500d, so that now minus it is still a date', async () => {
    const {durationFlag} = await import('../../src/duration.js')
    expect(durationFlag('since', '36500d')).toBe(36_500 * 86_400_000)
    expect(() => durationFlag('since', '1000000d')).toThrow(/^--since: at most 36500d$/)
    expect(durationFlag('lock-timeout', '0s', {allowZero: true})).toBe(0)
    expect(() => durationFlag('lock-timeout', '0s')).toThrow(/must be longer than 0/)
  })
})
