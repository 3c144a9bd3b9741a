import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compactPhases, parsePhases} from '../src/phases.js'
import {compactPayload, expandPayload, referenceTo, SAME_AS_BASE} from '../src/stored-payload.js'

const AT = '2026-12-01T14:14:23.456Z'
const PHASES = {resolve: 0, connect: 0.21, tls: 0, processing: 11.5, transfer: 0.04}
const judged = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    latency_ms: 11.75,
    attempts: 1,
    phases_ms: PHASES,
    http_status: 200,
    headers: {'content-type': 'application/json', date: 'Tue, 01 Dec 2026 14:14:23 GMT'},
    body: {status: 'ok'},
    ...over,
  })
const columns = {latency_ms: 11.75, phases_ms_json: compactPhases(JSON.stringify(PHASES)), observed_at: AT}

describe('stored payload forms', () => {
  it('keeps a body without the timings and with the Date header as seconds before observed_at, and expands it to the same text', () => {
    const text = judged()
    const body = compactPayload(text, columns)!
    expect(body.startsWith('~{')).toBe(true)
    expect(body).not.toContain('latency_ms')
    expect(body).not.toContain('phases_ms')
    expect(JSON.parse(body.slice(1)).headers.date).toBe(0)
    expect(expandPayload(body, columns)).toBe(text)
  })

  it('gives the same body for checks that differ only in their timings and the second they ran', () => {
    const later = {latency_ms: 30.5, phases_ms_json: compactPhases(JSON.stringify({...PHASES, processing: 30})), observed_at: '2026-12-01T14:15:23.999Z'}
    const a = compactPayload(judged(), columns)
    const b = compactPayload(judged({latency_ms: 30.5, phases_ms: {...PHASES, processing: 30}, headers: {'content-type': 'application/json', date: 'Tue, 01 Dec 2026 14:15:23 GMT'}}), later)
    expect(b).toBe(a)
    // `=` read through that base gives each row its own timings back.
    expect(JSON.parse(expandPayload(SAME_AS_BASE, later, a)!)).toMatchObject({latency_ms: 30.5, headers: {date: 'Tue, 01 Dec 2026 14:15:23 GMT'}})
  })

  it('stores whole what does not round-trip: timings out of the judge order, a latency unlike the column, a Date that is not an HTTP date', () => {
    for (const [text, cols] of [
      [JSON.stringify({error: 'check failed while judging', latency_ms: null}), {latency_ms: null, phases_ms_json: null, observed_at: AT}],
      [judged(), {...columns, latency_ms: 12}],
      [judged({headers: {date: 'Tuesday, 01-Dec-26 14:14:23 GMT'}}), columns],
      [judged({headers: {date: 'yesterday'}}), columns],
    ] as const) {
      const stored = compactPayload(text, cols)
      expect(expandPayload(stored, cols)).toBe(text)
      if (text.includes('yesterday')) expect(stored!.startsWith('~')).toBe(true)
      else expect(stored).toBe(text)
    }
  })

  it('leaves text that is not a JSON object, and NULL, as they are; a `=` without its base reads as none', () => {
    expect(compactPayload('not json', columns)).toBe('not json')
    expect(compactPayload('{"broken"', columns)).toBe('{"broken"')
    expect(compactPayload(null, columns)).toBeNull()
    expect(expandPayload('{"old":1}', columns)).toBe('{"old":1}')
    expect(expandPayload(SAME_AS_BASE, columns, null)).toBeNull()
  })

  it('phases: the array form is a quarter of the text, and parsePhases reads both', () => {
    const object = JSON.stringify(PHASES)
    const array = compactPhases(object)!
    expect(array).toBe('[0,0.21,0,11.5,0.04]')
    expect(parsePhases(array)).toEqual(PHASES)
    expect(parsePhases(object)).toEqual(PHASES)
    expect(parsePhases('[0,1]')).toBeNull()
    expect(compactPhases('{"resolve":0}')).toBe('{"resolve":0}')
  })

  it('a body that differs from its base only by the Date offset is a reference carrying its offset, and reads back as judged (property)', () => {
    const second = Date.parse(AT) - 456
    const json = fc.jsonValue({maxDepth: 2})
    fc.assert(
      fc.property(json, fc.array(fc.integer({min: -30, max: 30}), {minLength: 1, maxLength: 6}), fc.integer({min: -30, max: 30}), (body, offsets, baseOffset) => {
        const at = (offset: number) => judged({body, headers: {'content-type': 'application/json', date: new Date(second - offset * 1000).toUTCString()}})
        const base = compactPayload(at(baseOffset), columns)!
        expect(base.startsWith('~')).toBe(true)
        for (const offset of offsets) {
          const text = at(offset)
          const reference = referenceTo(compactPayload(text, columns)!, base)
          expect(reference).toBe(offset === baseOffset ? SAME_AS_BASE : `=${offset}`)
          expect(expandPayload(reference, columns, base)).toBe(text)
        }
      }),
      {numRuns: 300},
    )
  })

  it('a body that differs from its base in more than its Date is no reference; a `=N` of a base without an offset reads as none', () => {
    const base = compactPayload(judged(), columns)!
    expect(referenceTo(compactPayload(judged({body: {status: 'degraded'}}), columns)!, base)).toBeNull()
    const noDate = compactPayload(judged({headers: {'content-type': 'application/json'}}), columns)!
    expect(referenceTo(base, noDate)).toBeNull()
    expect(expandPayload('=1', columns, noDate)).toBeNull()
    expect(expandPayload('=x', columns, base)).toBeNull()
  })
})
