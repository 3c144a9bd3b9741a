/** "did you mean" for misspelt keys and enum values. */

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
