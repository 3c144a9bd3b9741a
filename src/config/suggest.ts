/** "did you mean" for misspelt keys, enum values and IDs, and for durations written without a unit. */
import {formatDuration, parseDuration} from '../duration.js'

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`kidn` -> `kind` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo:
 * case differences are free, and up to a third of the letters may be wrong.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(word.length, 3) / 3))
  return bestDistance <= allowed ? best : undefined
}

/**
 * The hint an error about unknown IDs ends with: `; did you mean "x"?`, or
 * with several unknown IDs, which suggestion is for which; '' when none is close.
 */
export function didYouMean(words: readonly string[], candidates: readonly string[]): string {
  const hints = words.flatMap((word) => {
    const hint = closest(word, candidates)
    return hint === undefined || hint === word ? [] : [{word, hint}]
  })
  if (hints.length === 0) return ''
  if (words.length === 1) return `; did you mean "${hints[0]!.hint}"?`
  return `; did you mean ${hints.map(({word, hint}) => `"${hint}" (for "${word}")`).join(', ')}?`
}

/** Unit words people write, by the unit a duration spells them with. */
const UNIT_WORDS: Record<string, string> = {
  ms: 'ms', msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
}

/** A bare number this large is meant as milliseconds (`degraded_after: 1000`), a smaller one as seconds (`timeout: 5`). */
const BARE_MS_FROM = 100

/**
 * The duration a value that is not one most likely means: `5` and `"5"` ->
 * `5s`, `"5 seconds"` -> `5s`, `"1.5s"` -> `1500ms`, `1000` -> `1s`; undefined
 * when it is not a number with an optional unit.
 */
export function closestDuration(value: unknown): string | undefined {
  const match = typeof value === 'number' ? [String(value), String(value), ''] : typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null
  if (!match || !Number.isFinite(Number(match[1]))) return undefined
  const amount = Number(match[1])
  const word = match[2]!.toLowerCase()
  const unit = word === '' ? (amount >= BARE_MS_FROM ? 'ms' : 's') : UNIT_WORDS[word]
  if (unit === undefined) return undefined
  return formatDuration(Math.round(amount * parseDuration(`1${unit}`)))
}
