/**
 * Where a JSON text stops being JSON, and why, in words of our own: V8's
 * message quotes the text (`Unexpected token 'r', "root:x:0:0"... is not
 * valid JSON`), and a registry path may point at a file whose bytes must
 * never reach a snapshot. Called only after JSON.parse has failed; iterative,
 * so deep nesting cannot overflow the stack.
 */
export interface JsonSyntaxError {
  line: number
  column: number
  reason: string
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
const HEX4 = /[0-9a-fA-F]{4}/y

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const offset = firstError(text)
  return offset && {...lineColumn(text, offset.at), reason: offset.reason}
}

function firstError(text: string): {at: number; reason: string} | undefined {
  let i = 0
  const stack: Array<'[' | '{'> = []
  const fail = (reason: string) => ({at: i, reason: i >= text.length ? 'unexpected end of the text' : reason})
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  }
  /** A string starting at i; undefined when it is well formed. */
  const string = (): {at: number; reason: string} | undefined => {
    i++
    for (;;) {
      if (i >= text.length) return fail('unterminated string')
      const c = text[i]!
      if (c === '"') {
        i++
        return undefined
      }
      if (c < ' ') return fail('control character in a string')
      if (c === '\\') {
        const next = text[i + 1]
        if (next === 'u') {
          HEX4.lastIndex = i + 2
          if (!HEX4.test(text)) return fail('bad \\u escape')
          i += 6
          continue
        }
        if (next === undefined || !ESCAPES.has(next)) return fail('bad escape in a string')
        i += 2
        continue
      }
      i++
    }
  }
  // Either a value is expected next, or what follows a value (a comma, a closing bracket, the end).
  let expectValue = true
  for (;;) {
    skipSpace()
    const c = text[i]
    if (expectValue) {
      if (c === '{' || c === '[') {
        stack.push(c)
        i++
        skipSpace()
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop()
          i++
          expectValue = false
          continue
        }
        if (c === '{') {
          const key = objectKey()
          if (key) return key
        }
        continue
      }
      if (c === '"') {
        const bad = string()
        if (bad) return bad
      } else if (c === 't' || c === 'f' || c === 'n') {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null'
        if (!text.startsWith(word, i)) return fail('unexpected character')
        i += word.length
      } else {
        NUMBER.lastIndex = i
        if (!NUMBER.test(text)) return fail('unexpected character')
        i = NUMBER.lastIndex
      }
      expectValue = false
      continue
    }
    const open = stack.at(-1)
    if (open === undefined) return i >= text.length ? undefined : fail('unexpected text after the value')
    if (c === ',') {
      i++
      skipSpace()
      if (open === '{') {
        const key = objectKey()
        if (key) return key
      }
      expectValue = true
      continue
    }
    if (c === (open === '{' ? '}' : ']')) {
      stack.pop()
      i++
      continue
    }
    return fail(open === '{' ? "expected ',' or '}'" : "expected ',' or ']'")
  }

  /** `"key":` with i at its quote; leaves i after the colon. */
  function objectKey(): {at: number; reason: string} | undefined {
    if (text[i] !== '"') return fail('expected a property name in double quotes')
    const bad = string()
    if (bad) return bad
    skipSpace()
    if (text[i] !== ':') return fail("expected ':' after a property name")
    i++
    return undefined
  }
}

export function lineColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let start = 0
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    start = at + 1
  }
  return {line, column: offset - start + 1}
}
