import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {bucketOf, bucketValue, ExactLatencies, LatencyHistogram, nearestRank, percentile, RELATIVE_ACCURACY} from '../src/latency.js'

describe('nearest rank', () => {
  it('takes the value at rank ceil(p/100 × n)', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    expect([percentile(ten, 50), percentile(ten, 95), percentile(ten, 0), percentile(ten, 100)]).toEqual([50, 100, 10, 100])
    expect(percentile([], 50)).toBeNull()
    expect(nearestRank(95, 20)).toBe(19)
  })
})

describe('LatencyHistogram', () => {
  it('answers each bucket within the relative accuracy of every latency in it', () => {
    fc.assert(
      fc.property(fc.double({min: 0.0011, max: 3_600_000, noNaN: true}), (ms) => {
        expect(Math.abs(bucketValue(bucketOf(ms)) - ms) / ms).toBeLessThanOrEqual(RELATIVE_ACCURACY * 1.000001)
      }),
      {numRuns: 5000},
    )
  })

  it('puts latencies over a day in one top bucket, so no histogram spans more than a few thousand buckets', () => {
    const h = new LatencyHistogram().add(1e300).add(86_400_000 * 2)
    expect([h.count, h.percentile(100)! > 86_000_000, h.percentile(100)! < 87_000_000]).toEqual([2, true, true])
    expect(JSON.parse(h.encode())).toHaveLength(2)
  })

  it('puts zero, negatives and sub-microsecond latencies in one bucket that answers 0', () => {
    const h = new LatencyHistogram().add(0).add(-3).add(0.0004)
    expect([h.count, h.percentile(100)]).toEqual([3, 0])
  })

  it('gives every percentile within 1% of the exact nearest-rank value over a wide spread (property)', () => {
    const latency = fc.oneof(fc.double({min: 0.01, max: 5, noNaN: true}), fc.double({min: 5, max: 2000, noNaN: true}), fc.double({min: 2000, max: 120_000, noNaN: true}))
    fc.assert(
      fc.property(fc.array(latency, {minLength: 1, maxLength: 400}), fc.integer({min: 0, max: 100}), (values, p) => {
        const exact = new ExactLatencies(values).percentile(p)!
        const h = new LatencyHistogram()
        for (const v of values) h.add(v)
        expect(Math.abs(h.percentile(p)! - exact) / exact).toBeLessThanOrEqual(0.01)
      }),
      {numRuns: 2000},
    )
  })

  it('encodes to compact JSON and decodes to the same buckets; merging adds counts', () => {
    const a = new LatencyHistogram().add(1).add(1).add(250).add(0)
    const text = a.encode()
    expect(JSON.parse(text)).toHaveLength(6)
    const b = LatencyHistogram.decode(text)
    expect(b.equals(a)).toBe(true)
    expect(b.encode()).toBe(text)
    const merged = new LatencyHistogram().merge(a).addEncoded(text)
    expect([merged.count, merged.percentile(50)]).toEqual([8, bucketValue(bucketOf(1))])
    expect(new LatencyHistogram().encode()).toBe('[]')
  })

  it('reads what JSON allows around the numbers (spaces), as a hand edit may write it', () => {
    expect(LatencyHistogram.decode(' [ -120 , 3 ,\n 2, 1 ] ').equals(LatencyHistogram.decode('[-120,3,2,1]'))).toBe(true)
    expect(LatencyHistogram.decode('[ ]').count).toBe(0)
  })

  it('refuses text that is not a histogram', () => {
    for (const bad of ['{}', '[1]', '[1,2,0,3]', '[1,-2]', '[1.5,2]', 'nope', '[1000000000,1]', '[-1000000,1]', '[1,2]x', '[1,,2]', '[1,2,]', '[ 1 , 2', '[-,2]', '']) expect(() => LatencyHistogram.decode(bad), bad).toThrow()
  })

  // What addEncoded did before its scan (JSON.parse, then each pair checked): the scan must read every text to the same buckets, and refuse the same ones.
  const parsedPairs = (text: string): Array<[number, number]> => {
    const values = JSON.parse(text) as unknown
    if (!Array.isArray(values) || values.length % 2 !== 0) throw new Error('not a latency histogram')
    const pairs: Array<[number, number]> = []
    let bucket = 0
    for (let i = 0; i < values.length; i += 2) {
      const [step, n] = [values[i], values[i + 1]]
      if (!Number.isInteger(step) || !Number.isInteger(n) || n < 0 || (i > 0 && step <= 0)) throw new Error('not a latency histogram')
      bucket += step
      if (bucket < bucketOf(0) || bucket > bucketOf(Infinity)) throw new Error('not a latency histogram')
      pairs.push([bucket, n])
    }
    return pairs
  }
  const reference = (text: string): LatencyHistogram | 'refused' => {
    let pairs
    try {
      pairs = parsedPairs(text)
    } catch {
      return 'refused'
    }
    const h = new LatencyHistogram()
    for (const [bucket, n] of pairs) if (n > 0) h.add(bucketValue(bucket) || 0, n)
    return h
  }
  const decoded = (text: string, into = new LatencyHistogram()): LatencyHistogram | 'refused' => {
    try {
      return into.addEncoded(text)
    } catch {
      return 'refused'
    }
  }
  const sameAs = (a: LatencyHistogram | 'refused', b: LatencyHistogram | 'refused') => (a === 'refused' || b === 'refused' ? a === b : a.equals(b) && a.count === b.count)

  it('reads encoded text to the buckets JSON.parse reads, over the whole bucket range (property)', () => {
    const pairs = fc.uniqueArray(fc.integer({min: bucketOf(0), max: bucketOf(Infinity)}), {maxLength: 300}).chain((buckets) =>
      fc.tuple(fc.constant(buckets.sort((a, b) => a - b)), fc.array(fc.oneof(fc.integer({min: 0, max: 20}), fc.integer({min: 0, max: 2 ** 40})), {minLength: buckets.length, maxLength: buckets.length})),
    )
    fc.assert(
      fc.property(pairs, ([buckets, counts]) => {
        let previous = 0
        const text = JSON.stringify(buckets.flatMap((b, i) => [b - previous, counts[i]!, (previous = b)].slice(0, 2)))
        const ours = decoded(text)
        expect(sameAs(ours, reference(text))).toBe(true)
        expect(ours === 'refused' ? ours : ours.count).toBe(counts.reduce((a, n) => a + n, 0))
      }),
      {numRuns: 1000},
    )
  })

  it('accepts and refuses what JSON.parse and the pair checks do, on edited text, into an empty or a filled histogram (property)', () => {
    const base = new LatencyHistogram().add(0.002).add(3, 4).add(250).add(90_000, 2)
    const edit = fc.tuple(fc.nat(), fc.nat({max: 2}), fc.constantFrom('[', ']', ',', '-', '0', '1', '7', ' ', '.', 'e', '+', '"', 'x'))
    fc.assert(
      fc.property(fc.array(edit, {maxLength: 4}), fc.boolean(), (edits, filled) => {
        let text = base.encode()
        for (const [at, how, c] of edits) {
          const i = at % (text.length + 1)
          text = how === 0 ? text.slice(0, i) + c + text.slice(i) : how === 1 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + c + text.slice(i + 1)
        }
        const start = () => (filled ? new LatencyHistogram().add(42).add(0.5) : new LatencyHistogram())
        const expected = reference(text)
        expect(sameAs(decoded(text, start()), expected === 'refused' ? expected : start().merge(expected)), text).toBe(true)
      }),
      {numRuns: 5000},
    )
  })

  it('merges into a histogram that spans fewer buckets, on either side, as adding each latency would', () => {
    const a = new LatencyHistogram().add(10).add(12)
    const b = new LatencyHistogram().add(0.01).add(5000).add(11, 3)
    const each = new LatencyHistogram().add(10).add(12).add(0.01).add(5000).add(11, 3)
    expect([a.merge(b).equals(each), a.count]).toEqual([true, 7])
    expect(new LatencyHistogram().merge(new LatencyHistogram()).count).toBe(0)
  })
})
