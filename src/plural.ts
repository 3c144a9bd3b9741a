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
