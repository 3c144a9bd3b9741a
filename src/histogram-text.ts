/**
 * The fast reading of a LatencyHistogram's text (src/latency.ts): a scan of
 * encode()'s own form, `[step,count,...]` with no spaces, no fractions, no
 * exponents, no leading zeros and no sign on a count, straight into an
 * array of pairs, with no JSON array made per histogram (a 30-day status of
 * 1,000 targets reads about 50,000 of them). Any other text is left to
 * JSON.parse, so that both readings accept and answer the same.
 */

/** Digits a number of encode()'s may have and still read exactly (a count is far below 10^15). */
const MAX_DIGITS = 15

/**
 * Reads `text` into `pairs` (bucket, absolute, and count of pair k at 2k and
 * 2k+1), checked as the JSON reading checks it: pairs of values, each step
 * after the first above 0, each bucket within zeroBucket..topBucket. Returns
 * the number of pairs, or -1 for any text not in encode()'s form. Written
 * for V8's optimiser: one loop, no unary minus, no allocation.
 */
export function scanPairs(text: string, zeroBucket: number, topBucket: number, pairs: Float64Array): number {
  const end = text.length - 1
  if (end < 1 || text.charCodeAt(0) !== 91 /* [ */ || text.charCodeAt(end) !== 93 /* ] */) return -1
  if (end === 1) return 0
  let i = 1
  let k = 0
  let bucket = 0
  for (;;) {
    // The step: signed on the first pair only, never 0 after it.
    let c = text.charCodeAt(i)
    const negative = c === 45 /* - */
    if (negative) c = text.charCodeAt(++i)
    if (c < 48 || c > 57) return -1
    let start = i
    let v = c - 48
    c = text.charCodeAt(++i)
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48)
      c = text.charCodeAt(++i)
    }
    if (i - start > 1 && (text.charCodeAt(start) === 48 || i - start > MAX_DIGITS)) return -1
    if (negative) {
      if (k > 0) return -1
      bucket -= v
    } else {
      if (k > 0 && v === 0) return -1
      bucket += v
    }
    if (bucket < zeroBucket || bucket > topBucket || c !== 44 /* , */ || k >= pairs.length) return -1
    // The count: unsigned.
    c = text.charCodeAt(++i)
    if (c < 48 || c > 57) return -1
    start = i
    v = c - 48
    c = text.charCodeAt(++i)
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48)
      c = text.charCodeAt(++i)
    }
    if (i - start > 1 && (text.charCodeAt(start) === 48 || i - start > MAX_DIGITS)) return -1
    pairs[k++] = bucket
    pairs[k++] = v
    if (c !== 44 /* , */) return i === end ? k / 2 : -1
    i++
  }
}
