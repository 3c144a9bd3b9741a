import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {hopPhases, sumPhases} from '../../src/check/phases.js'
import {parsePhases, PHASES} from '../../src/phases.js'

const sum = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0)

describe('hopPhases', () => {
  it('splits a whole https hop into five phases that add up to it', () => {
    const p = hopPhases({start: 100, resolved: 101, connected: 103, secured: 110, headers: 150, end: 152}, {resolves: true, tls: true})
    expect(p).toEqual({resolve: 1, connect: 2, tls: 7, processing: 40, transfer: 2})
  })

  it('has no resolve for an IP address and no tls for plain HTTP', () => {
    expect(hopPhases({start: 0, connected: 1, headers: 5, end: 6}, {resolves: false, tls: false})).toEqual({resolve: 0, connect: 1, tls: 0, processing: 4, transfer: 1})
  })

  it('stops in the phase a failed hop was in: a connect that timed out is a long connect', () => {
    expect(hopPhases({start: 0, resolved: 2, end: 5000}, {resolves: true, tls: true})).toEqual({resolve: 2, connect: 4998, tls: 0, processing: 0, transfer: 0})
    expect(hopPhases({start: 0, connected: 1, secured: 9, end: 3000}, {resolves: false, tls: true})).toEqual({resolve: 0, connect: 1, tls: 8, processing: 2991, transfer: 0})
  })

  it('counts a mark the socket never gave (no lookup event) as no time, when a later one came', () => {
    expect(hopPhases({start: 0, connected: 3, headers: 5, end: 6}, {resolves: true, tls: false})).toEqual({resolve: 0, connect: 3, tls: 0, processing: 2, transfer: 1})
  })

  it('adds up to the hop for any order of real marks, every phase at least 0', () => {
    fc.assert(
      fc.property(fc.array(fc.double({min: 0, max: 10_000, noNaN: true}), {minLength: 5, maxLength: 5}), fc.boolean(), fc.boolean(), (gaps, resolves, tls) => {
        const [a, b, c, d, e] = gaps.map((g) => Math.round(g * 100) / 100) as [number, number, number, number, number]
        const marks = {start: 0, resolved: a, connected: a + b, secured: a + b + c, headers: a + b + c + d, end: a + b + c + d + e}
        const phases = hopPhases(marks, {resolves, tls})
        for (const phase of PHASES) expect(phases[phase]).toBeGreaterThanOrEqual(0)
        // Without DNS or TLS those gaps fall into the next phase: the total is the hop either way.
        expect(sum(phases)).toBeCloseTo(marks.end, 6)
      }),
    )
  })
})

describe('sumPhases', () => {
  it('adds a redirect chain phase by phase', () => {
    const hop = {resolve: 0.5, connect: 1, tls: 2, processing: 3, transfer: 0.25}
    expect(sumPhases([hop, hop])).toEqual({resolve: 1, connect: 2, tls: 4, processing: 6, transfer: 0.5})
  })
})

describe('parsePhases', () => {
  it('reads what mon stores, and nothing else', () => {
    expect(parsePhases('{"resolve":0,"connect":1.5,"tls":0,"processing":2,"transfer":0.1}')).toEqual({resolve: 0, connect: 1.5, tls: 0, processing: 2, transfer: 0.1})
    for (const bad of [null, '', 'not json', '[]', '{"resolve":0}', '{"resolve":-1,"connect":1,"tls":0,"processing":2,"transfer":0}', '{"resolve":"0","connect":1,"tls":0,"processing":2,"transfer":0}']) {
      expect(parsePhases(bad)).toBeNull()
    }
  })
})
