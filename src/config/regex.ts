/**
 * `matches` runs in RE2 syntax with re2js, in time linear in the text, so that
 * an endpoint's answer cannot hold the event loop with a catastrophic pattern
 * (`^(a+)+$` against `aaaa…!`): a backtracking engine would block the check
 * timeout and SIGTERM with it. Lookarounds and backreferences, which need
 * backtracking, are refused at validate time by name.
 */
import {RE2JS} from 're2js'

/** A compiled `matches` pattern: unanchored search, as JavaScript's `test`. */
export function compileMatches(pattern: string): RE2JS {
  return RE2JS.compile(pattern)
}

/** Why a pattern cannot be a `matches`, or undefined when it can. */
export function matchesProblem(pattern: string): string | undefined {
  const construct = backtrackingConstruct(pattern)
  if (construct) return `uses ${construct}, which RE2 syntax does not have: matches runs in linear time, without lookarounds or backreferences`
  try {
    compileMatches(pattern)
    return undefined
  } catch (error) {
    return `is not a valid RE2 regular expression: ${(error as Error).message.replace(/^error parsing regexp: /, '')}`
  }
}

const GROUPS: Array<[string, string]> = [
  ['(?<=', 'a lookbehind (?<=...)'],
  ['(?<!', 'a negative lookbehind (?<!...)'],
  ['(?=', 'a lookahead (?=...)'],
  ['(?!', 'a negative lookahead (?!...)'],
]

/** The first construct only a backtracking engine runs, outside escapes and character classes. */
function backtrackingConstruct(pattern: string): string | undefined {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '\\') {
      const next = pattern[i + 1] ?? ''
      if (!inClass && /[1-9]/.test(next)) return `a backreference \\${next}`
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return 'a named backreference \\k<...>'
      i++
    } else if (inClass) {
      if (char === ']') inClass = false
    } else if (char === '[') {
      inClass = true
      // `[]a]` and `[^]a]`: a ] first in the class is a literal.
      if (pattern[i + 1] === '^') i++
      if (pattern[i + 1] === ']') i++
    } else if (char === '(') {
      for (const [open, name] of GROUPS) if (pattern.startsWith(open, i)) return name
    }
  }
  return undefined
}
