/**
 * Every answer of `mon mcp` is bounded: an assistant reads it into its
 * context, so a list says how long it was and whether it was cut, rather
 * than growing with the inventory.
 */
export interface Bounded<T> {
  items: T[]
  /** How many there were before the cut. */
  total: number
  truncated: boolean
}

export function bounded<T>(items: readonly T[], limit: number): Bounded<T> {
  return {items: items.slice(0, limit), total: items.length, truncated: items.length > limit}
}
