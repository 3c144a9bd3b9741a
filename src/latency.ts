/**
 * Latency distributions, pure: the exact one (every latency, sorted) that
 * raw rows give, and the histogram that rollups store. Both answer a
 * nearest-rank percentile, so status, report and slo read either the same way.
 *
 * The histogram has fixed log-spaced buckets, as DDSketch does: bucket i holds
 * the latencies in (γ^(i-1), γ^i] with γ = (1 + α) / (1 − α), and answers
 * with 2γ^i / (γ + 1), which is within α of every latency in it. The
 * nearest-rank value lies in the bucket the rank falls in, so a percentile
 * read from the histogram is within α (0.5%) of the exact one, whatever the
 * spread: the issue asks for 1%, and rounding at a bucket's edge cannot
 * use up the other half.
 */
import {scanPairs} from './histogram-text.js'

/** Relative accuracy of a bucket's answer. */
export const RELATIVE_ACCURACY = 0.005
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY)
const LOG_GAMMA = Math.log(GAMMA)

/** Latencies at or under a microsecond (and a clock that went backwards) share one bucket that answers 0. */
const SMALLEST_MS = 0.001
const ZERO_BUCKET = Math.ceil(Math.log(SMALLEST_MS) / LOG_GAMMA) - 1
/** Latencies over a day (no check lasts that long) share the top bucket, so a histogram spans a few thousand buckets at most, whatever a stored row says. */
const LARGEST_MS = 86_400_000
const TOP_BUCKET = Math.ceil(Math.log(LARGEST_MS) / LOG_GAMMA)

/** Anything that answers a nearest-rank percentile over some latencies. */
export interface LatencyDistribution {
  /** How many latencies it holds. */
  readonly count: number
  /** Nearest rank: the value at rank ceil(p/100 × n) of the ascending values; null when empty. */
  percentile(p: number): number | null
}

/** The rank nearest-rank selection takes: ceil(p/100 × n), at least 1. */
export function nearestRank(p: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)))
}

/** Nearest rank over values sorted ascending; null when there are none. */
export function percentile(sortedAsc: ArrayLike<number>, p: number): number | null {
  const n = sortedAsc.length
  return n === 0 ? null : sortedAsc[nearestRank(p, n) - 1]!
}

/** Every latency, as raw rows give them: exact percentiles. */
export class ExactLatencies implements LatencyDistribution {
  private readonly sorted: Float64Array
  constructor(latencies: ArrayLike<number>) {
    this.sorted = Float64Array.from(latencies).sort()
  }

  get count(): number {
    return this.sorted.length
  }

  percentile(p: number): number | null {
    return percentile(this.sorted, p)
  }

  /** The latencies, ascending. */
  values(): Float64Array {
    return this.sorted
  }
}

/**
 * Several distributions as one (an SLO pools its targets): exact when every
 * part is exact, else one histogram of them all, within its accuracy.
 */
export function poolLatencies(parts: readonly LatencyDistribution[]): LatencyDistribution {
  if (parts.length === 1) return parts[0]!
  if (parts.every((d) => d instanceof ExactLatencies)) return new ExactLatencies(concat(parts.map((d) => (d as ExactLatencies).values())))
  const pooled = new LatencyHistogram()
  for (const d of parts) {
    if (d instanceof LatencyHistogram) pooled.merge(d)
    else if (d instanceof ExactLatencies) for (const ms of d.values()) pooled.add(ms)
    else throw new Error('poolLatencies: a distribution that is neither exact nor a histogram')
  }
  return pooled
}

function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0))
  let at = 0
  for (const a of arrays) (out.set(a, at), (at += a.length))
  return out
}

/** The bucket a latency (ms) falls in. */
export function bucketOf(ms: number): number {
  if (!(ms > SMALLEST_MS)) return ZERO_BUCKET
  if (ms >= LARGEST_MS) return TOP_BUCKET
  return Math.ceil(Math.log(ms) / LOG_GAMMA)
}

/** What a bucket answers: within RELATIVE_ACCURACY of every latency in it. */
export function bucketValue(bucket: number): number {
  if (bucket <= ZERO_BUCKET) return 0
  return (2 * GAMMA ** bucket) / (GAMMA + 1)
}

/**
 * Counts per bucket. Its text (`encode`) is a JSON array of pairs, ascending
 * by bucket, each bucket written as its distance from the one before (the
 * first from 0): `[-120,3,2,1]` is 3 in bucket -120 and 1 in bucket -118.
 * Portable (one TEXT column on both engines), compact (a few bytes a
 * bucket), and still JSON a person can read with any tool. In memory the
 * counts are dense from the lowest bucket seen to the highest (a few
 * thousand at most between a microsecond and an hour), so that merging and
 * percentiles are array walks, never a sort: a 30-day status merges
 * thousands of them. Text in encode()'s own form is read by a scan straight
 * into the counts (no array per histogram: a 30-day status of 1,000 targets
 * reads 29,000 daily ones); any other JSON falls back to JSON.parse.
 */
export class LatencyHistogram implements LatencyDistribution {
  /** counts[i] is bucket low + i, for i < span; a typed array, so that adding into it never changes its kind. */
  private counts = NO_COUNTS
  private low = 0
  private span = 0
  private total = 0

  get count(): number {
    return this.total
  }

  add(ms: number, times = 1): this {
    this.addToBucket(bucketOf(ms), times)
    return this
  }

  merge(other: LatencyHistogram): this {
    const {counts, low} = other
    let first = 0
    let last = other.span - 1
    while (first <= last && counts[first] === 0) first++
    while (last >= first && counts[last] === 0) last--
    if (first > last) return this
    this.cover(low + first, low + last)
    const into = this.counts
    const at = low - this.low
    for (let i = first; i <= last; i++) into[at + i] = into[at + i]! + counts[i]!
    this.total += other.total
    return this
  }

  /** Adds the buckets of an encoded histogram; throws on text that is not one. */
  addEncoded(text: string): this {
    const pairs = scanPairs(text, ZERO_BUCKET, TOP_BUCKET, PAIRS)
    if (pairs < 0) return this.addParsed(text)
    // Buckets ascend, so the first and last pairs that count bound the range.
    let first = 0
    let last = pairs - 1
    while (first <= last && PAIRS[2 * first + 1] === 0) first++
    while (last >= first && PAIRS[2 * last + 1] === 0) last--
    if (first > last) return this
    this.cover(PAIRS[2 * first]!, PAIRS[2 * last]!)
    const {counts, low} = this
    let total = 0
    for (let k = 2 * first; k <= 2 * last; k += 2) {
      const n = PAIRS[k + 1]!
      const i = PAIRS[k]! - low
      counts[i] = counts[i]! + n
      total += n
    }
    this.total += total
    return this
  }

  /** addEncoded for any JSON text (spaces, `1e2`): parsed, then checked pair by pair. */
  private addParsed(text: string): this {
    const values = JSON.parse(text) as unknown
    if (!Array.isArray(values) || values.length % 2 !== 0) throw new Error('not a latency histogram')
    let bucket = 0
    for (let i = 0; i < values.length; i += 2) {
      const step = values[i]
      const n = values[i + 1]
      if (!Number.isInteger(step) || !Number.isInteger(n) || (n as number) < 0 || (i > 0 && (step as number) <= 0)) {
        throw new Error('not a latency histogram')
      }
      bucket += step as number
      if (bucket < ZERO_BUCKET || bucket > TOP_BUCKET) throw new Error('not a latency histogram')
      this.addToBucket(bucket, n as number)
    }
    return this
  }

  static decode(text: string): LatencyHistogram {
    return new LatencyHistogram().addEncoded(text)
  }

  encode(): string {
    const out: number[] = []
    let previous = 0
    for (let i = 0; i < this.span; i++) {
      const n = this.counts[i]!
      if (n === 0) continue
      out.push(this.low + i - previous, n)
      previous = this.low + i
    }
    return JSON.stringify(out)
  }

  percentile(p: number): number | null {
    if (this.total === 0) return null
    const rank = nearestRank(p, this.total)
    let seen = 0
    for (let i = 0; i < this.span; i++) {
      seen += this.counts[i]!
      if (seen >= rank) return bucketValue(this.low + i)
    }
    return null
  }

  /** Whether both hold the same count in every bucket. */
  equals(other: LatencyHistogram): boolean {
    if (this.total !== other.total) return false
    const from = Math.min(this.low, other.low)
    const to = Math.max(this.low + this.span, other.low + other.span)
    for (let b = from; b < to; b++) if (this.countAt(b) !== other.countAt(b)) return false
    return true
  }

  private countAt(bucket: number): number {
    const i = bucket - this.low
    return i >= 0 && i < this.span ? this.counts[i]! : 0
  }

  /**
   * Makes the counts span buckets lo..hi as well as what they held (zeros
   * where nothing was), with room on both sides for more, so that adding one
   * latency at a time, or histograms in any order (a window's days), copies
   * the array a few times, not once a new bucket.
   */
  private cover(lo: number, hi: number): void {
    if (this.span > 0 && lo >= this.low && hi < this.low + this.counts.length) {
      if (hi >= this.low + this.span) this.span = hi - this.low + 1
      return
    }
    const from = this.span === 0 ? lo : Math.min(lo, this.low)
    const to = this.span === 0 ? hi : Math.max(hi, this.low + this.span - 1)
    const room = 16 + ((to - from) >> 1)
    const low = Math.max(ZERO_BUCKET, from - room)
    const next = new Float64Array(Math.min(TOP_BUCKET, to + room) - low + 1)
    if (this.span > 0) next.set(this.counts.subarray(0, this.span), this.low - low)
    this.counts = next
    this.low = low
    this.span = to - low + 1
  }

  private addToBucket(bucket: number, n: number): void {
    if (n === 0) return
    if (this.span === 0 || bucket < this.low || bucket >= this.low + this.span) this.cover(bucket, bucket)
    const i = bucket - this.low
    this.counts[i] = this.counts[i]! + n
    this.total += n
  }
}

/** The counts of every empty histogram: nothing is ever added into a zero-length array. */
const NO_COUNTS = new Float64Array(0)

/** scanPairs' answer, reused: bucket (absolute) and count of pair k at 2k and 2k+1; its buckets ascend strictly between the zero and the top bucket, so no more pairs than buckets. */
const PAIRS = new Float64Array(2 * (TOP_BUCKET - ZERO_BUCKET + 1))
