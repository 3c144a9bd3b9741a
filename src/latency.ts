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

/** Relative accuracy of a bucket's answer. */
export const RELATIVE_ACCURACY = 0.005
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY)
const LOG_GAMMA = Math.log(GAMMA)

/** Latencies at or under a microsecond (and a clock that went backwards) share one bucket that answers 0. */
const SMALLEST_MS = 0.001
const ZERO_BUCKET = Math.ceil(Math.log(SMALLEST_MS) / LOG_GAMMA) - 1

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
  return Math.ceil(Math.log(ms) / LOG_GAMMA)
}

/** What a bucket answers: within RELATIVE_ACCURACY of every latency in it. */
export function bucketValue(bucket: number): number {
  if (bucket <= ZERO_BUCKET) return 0
  return (2 * GAMMA ** bucket) / (GAMMA + 1)
}

/**
 * Counts per bucket, sparse. Its text (`encode`) is a JSON array of pairs,
 * ascending by bucket, each bucket written as its distance from the one
 * before (the first from 0): `[-120,3,2,1]` is 3 in bucket -120 and 1 in
 * bucket -118. Portable (one TEXT column on both engines), compact (a few
 * bytes a bucket), and still JSON a person can read with any tool.
 */
export class LatencyHistogram implements LatencyDistribution {
  private readonly counts = new Map<number, number>()
  private total = 0

  get count(): number {
    return this.total
  }

  add(ms: number, times = 1): this {
    this.addToBucket(bucketOf(ms), times)
    return this
  }

  merge(other: LatencyHistogram): this {
    for (const [bucket, n] of other.counts) this.addToBucket(bucket, n)
    return this
  }

  /** Adds the buckets of an encoded histogram; throws on text that is not one. */
  addEncoded(text: string): this {
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
    for (const bucket of this.buckets()) {
      out.push(bucket - previous, this.counts.get(bucket)!)
      previous = bucket
    }
    return JSON.stringify(out)
  }

  percentile(p: number): number | null {
    if (this.total === 0) return null
    const rank = nearestRank(p, this.total)
    let seen = 0
    for (const bucket of this.buckets()) {
      seen += this.counts.get(bucket)!
      if (seen >= rank) return bucketValue(bucket)
    }
    return null
  }

  /** Whether both hold the same count in every bucket. */
  equals(other: LatencyHistogram): boolean {
    if (this.total !== other.total || this.counts.size !== other.counts.size) return false
    for (const [bucket, n] of this.counts) if (other.counts.get(bucket) !== n) return false
    return true
  }

  private buckets(): number[] {
    return [...this.counts.keys()].sort((a, b) => a - b)
  }

  private addToBucket(bucket: number, n: number): void {
    if (n === 0) return
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n)
    this.total += n
  }
}
