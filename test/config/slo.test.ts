/** SLO targets as text and as fractions, without binary floating point on the way. */
import {describe, expect, it} from 'vitest'

import {decodeSlo, normaliseSlo, sloSettings, targetFraction, targetProblem, targetText} from '../../src/config/slo.js'

describe('SLO targets', () => {
  it('keeps a percentage in its shortest text, whether written as one or as a fraction', () => {
    expect(targetText('99.5%')).toBe('99.5%')
    expect(targetText('099.50%')).toBe('99.5%')
    expect(targetText(0.995)).toBe('99.5%')
    expect(targetText(0.999)).toBe('99.9%')
    expect(targetText(0.9995)).toBe('99.95%')
    expect(targetText(1)).toBe('100%')
    expect(targetText(0.5)).toBe('50%')
    expect(targetText(0.001)).toBe('0.1%')
    expect(targetText(1e-7)).toBe('0.00001%')
  })

  it('reads the fraction from the text exactly as a literal would', () => {
    expect(targetFraction('99.9%')).toBe(0.999)
    expect(targetFraction('99.5%')).toBe(0.995)
    expect(targetFraction('99.95%')).toBe(0.9995)
    expect(targetFraction('100%')).toBe(1)
    expect(targetFraction('0.1%')).toBe(0.001)
    expect(targetFraction('7%')).toBe(0.07)
  })

  it('refuses a bare number above 1 with the percentage it probably means, and a target of 0 or above 100%', () => {
    expect(targetProblem(99.9)).toBe('99.9 is above 1, and a bare number is a fraction (0.995 means 99.5%): write "99.9%"')
    expect(targetProblem('101%')).toBe('must be at most 100% (got 101%)')
    expect(targetProblem('0%')).toBe('must be more than 0%')
    expect(targetProblem(0)).toBe('must be more than 0')
    expect(targetProblem(1)).toBeUndefined()
    expect(targetProblem('100%')).toBeUndefined()
  })
})

describe('SLO model', () => {
  it('normalises durations, keeps the file key order from stored JSON, and gives the numbers', () => {
    const slo = normaliseSlo({target: 0.995, window: '720h', latency_p95: '800ms'})
    expect(slo).toEqual({target: '99.5%', window: '30d', latency_p95: '800ms'})
    expect(Object.keys(decodeSlo('{"latency_p95":"800ms","target":"99.5%","window":"30d"}')!)).toEqual(['target', 'window', 'latency_p95'])
    expect(decodeSlo('{nope')).toBeNull()
    expect(decodeSlo(null)).toBeNull()
    expect(sloSettings('{"target":"99.5%","window":"30d"}')).toEqual({target: 0.995, window: '30d', window_ms: 2_592_000_000, latency_p95_ms: null})
    expect(sloSettings('{"target":"high","window":"30d"}')).toBeNull()
  })
})
