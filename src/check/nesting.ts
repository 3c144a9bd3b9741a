/**
 * yaml parses nesting by recursion: a few KB of `[[[[` or of ever deeper
 * indentation overflow the stack, and when the overflow lands while V8
 * compiles a regular expression the whole process dies ("RegExpCompiler
 * Allocation failed"), a fatal error no catch can turn into a check result.
 * So the depth is bounded before yaml sees the text.
 */

/** Far deeper than any registry; far shallower than where yaml overflows (about 400 levels). */
export const MAX_YAML_DEPTH = 128

/**
 * An upper bound of a YAML text's nesting depth, by counting, not parsing:
 * the deepest run of open flow brackets (`[`, `{`, quoted or not), and for
 * each line its indentation plus the compact `- `, `? ` and `: ` that open
 * a level on the same line. It may overcount, never undercount.
 */
export function yamlDepthBound(text: string): number {
  let flow = 0
  let deepest = 0
  let lineStart = true
  let lead = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a) {
      lineStart = true
      lead = 0
      continue
    }
    if (lineStart) {
      const next = text.charCodeAt(i + 1)
      if (c === 0x20) lead++
      else if ((c === 0x2d || c === 0x3f || c === 0x3a) && (next === 0x20 || next === 0x0a || Number.isNaN(next))) lead++
      else lineStart = false
      if (lead > deepest) deepest = lead
    }
    if (c === 0x5b || c === 0x7b) {
      flow++
      if (flow > deepest) deepest = flow
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
      flow--
    }
  }
  return deepest
}
