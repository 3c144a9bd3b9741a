/**
 * Parsed JSON from a server can nest thousands of levels deep in a few KB
 * (`[[[[…]]]]`), and JSON.stringify recurses: at about 7,000 levels it
 * overflows the stack. What is stored or quoted is cut at a fixed depth.
 */

/** Deeper than any real answer; shallow enough that walking it cannot overflow. */
export const MAX_STORED_DEPTH = 64

export function depthMarker(depth: number): string {
  return `[cut: nested deeper than ${depth} levels]`
}

/**
 * The value with everything below `maxDepth` levels replaced by a marker
 * string. Returns the value itself (no copy) when nothing is that deep, so
 * an ordinary body costs one walk and no allocation.
 */
export function cutDepth(value: unknown, maxDepth = MAX_STORED_DEPTH): unknown {
  return cutAt(value, 1, maxDepth)
}

function cutAt(value: unknown, depth: number, maxDepth: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth > maxDepth) return depthMarker(maxDepth)
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      const cut = cutAt(item, depth + 1, maxDepth)
      if (cut !== item) (copy ??= value.slice())[i] = cut
    }
    return copy ?? value
  }
  let copy: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const cut = cutAt(item, depth + 1, maxDepth)
    // defineProperty, not assignment: a "__proto__" key from JSON.parse is a plain property.
    if (cut !== item) Object.defineProperty((copy ??= {...value}), key, {value: cut, enumerable: true, writable: true, configurable: true})
  }
  return copy ?? value
}

/** JSON text of a value that cannot overflow the stack: for quoting a value in a message. */
export function quoteJson(value: unknown, maxDepth = 8): string {
  return JSON.stringify(cutDepth(value, maxDepth)) ?? String(value)
}
