/**
 * The batching every multi-row statement shares: how many rows go into one
 * INSERT, UPDATE or IN (...) list, and the `?` lists they need.
 */

/** Rows per statement, at most. */
export const ROWS_PER_STATEMENT = 500
/** Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000

/** Rows per statement for rows of `columns` parameters each. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)))
}

export function batches<T>(items: readonly T[], size: number = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return Array.from({length: n}, () => '?').join(', ')
}
