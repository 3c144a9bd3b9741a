import {describe, expect, it} from 'vitest'

import {DETAIL_KEY, detailParts, fillDetail, splitDetail, withDetail} from '../src/stored-detail.js'

describe('a detail kept as parts around its rounded latency', () => {
  it('splits at the rounded latency and joins back with another', () => {
    const parts = detailParts('200 OK in 20 ms, health status "ok"', 20.4)
    expect(parts).toEqual(['200 OK in ', ' ms, health status "ok"'])
    expect(fillDetail(parts!, 7.6)).toBe('200 OK in 8 ms, health status "ok"')
    expect(detailParts('2 entries, 239 bytes in 30 ms', 29.5)).toEqual(['2 entries, 239 bytes in ', ' ms'])
  })

  it('keeps a detail without a latency whole, and refuses one whose latency is not the rounded latency_ms', () => {
    expect(detailParts('connection refused', null)).toEqual(['connection refused'])
    expect(fillDetail(['connection refused'], 12)).toBe('connection refused')
    expect(detailParts('200 OK in 21 ms', 20.4)).toBeNull()
    expect(detailParts('timeout after 5000 ms', 5000)).toBeNull()
    expect(detailParts(null, 3)).toBeNull()
  })

  it('splits at the first " in N ms", so the same number later in the text stays', () => {
    const parts = detailParts('200 OK in 5 ms, slower than 5 ms in 5 ms', 5)
    expect(parts).toEqual(['200 OK in ', ' ms, slower than 5 ms in 5 ms'])
    expect(fillDetail(parts!, 9)).toBe('200 OK in 9 ms, slower than 5 ms in 5 ms')
  })

  it('adds the parts at the end of a body and takes them off again, text for text', () => {
    for (const body of ['~{}', '~{"attempts":1,"body":{"a":[1,2]}}']) {
      for (const parts of [['x in ', ' ms "quoted" \\ '], ['whole']]) {
        const stored = withDetail(body, parts)!
        expect(stored.endsWith(`"${DETAIL_KEY}":${JSON.stringify(parts)}}`)).toBe(true)
        expect(splitDetail(stored)).toEqual({body, parts})
      }
    }
    expect(splitDetail('~{"attempts":1}')).toEqual({body: '~{"attempts":1}', parts: null})
  })

  it('adds nothing to a body that already names the key, and reads a nested one as no parts', () => {
    const nested = `~{"body":{"${DETAIL_KEY}":["a"]}}`
    expect(withDetail(nested, ['x'])).toBeNull()
    expect(splitDetail(nested)).toEqual({body: nested, parts: null})
  })
})
