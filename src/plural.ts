/**
 * The one plural rule for everything mon prints: English nouns, with the
 * plural given where it is not the singular plus "s".
 */

/** The noun alone, for `1 row was` / `2 rows were` style sentences where the count sits elsewhere. */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many
}

/** `1 entity`, `3 entities`, `0 snapshots`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${pluralWord(n, one, many)}`
}

/**
 * What a one-line message lists, then how many it left out: `a, b and 3 more`
 * with the default separator, `a; b; and 3 more` with another.
 */
export function andMore(shown: readonly string[], total: number, separator = ', '): string {
  const rest = total - shown.length
  if (rest <= 0) return shown.join(separator)
  return `${shown.join(separator)}${separator === ', ' ? ' ' : separator}and ${rest} more`
}
