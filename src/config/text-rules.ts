/**
 * What text mon accepts from monitors.yaml: valid UTF-8, and strings that
 * every engine stores and returns unchanged. A NUL ends a C string
 * (PostgreSQL refuses it, SQLite keeps it), other control characters
 * rewrite a terminal or a log line, and a lone surrogate (`"\uD800"`) is no
 * Unicode text at all, so it reads back as something else and the plan shows
 * a change after every apply. Each is refused where it is written.
 */
// Shaped like finding.ts's Finding, without importing it: yaml-source.ts imports this module.
type DocPath = ReadonlyArray<string | number>
interface TextFinding {
  path: DocPath
  atKey?: boolean
  severity: 'error'
  message: string
}

/** C0 controls and DEL, but tab and newline (and, in the raw text, carriage return: YAML reads CRLF files). */
const CONTROL_IN_VALUE = /[\u0000-\u0008\u000B-\u001F\u007F]/
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g
/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** How many raw control characters one run names; the rest would repeat the same fix. */
const MAX_RAW_REPORTED = 10

/** `U+0000 (NUL)`: the character named, never printed, since printing it is the problem. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!
  const names: Record<number, string> = {0: 'NUL', 7: 'BEL', 8: 'BS', 0x1b: 'ESC', 0x7f: 'DEL'}
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  return names[code] ? `${hex} (${names[code]})` : hex
}

export interface BadUtf8 {
  line: number
  column: number
  byte: number
}

/** What mon says of a file that is not UTF-8, naming its first bad byte. */
export function notUtf8Message(byte: number): string {
  return `the file is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}); save it as UTF-8`
}

/** The bytes as text, or where the first byte that is not UTF-8 sits (line and column 1-based). */
export function decodeUtf8(bytes: Uint8Array): {text: string} | {bad: BadUtf8} {
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes)}
  } catch {
    const at = firstInvalidUtf8(bytes)
    const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1
    let line = 1
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++
    const column = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1
    return {bad: {line, column, byte: bytes[at] ?? 0}}
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need < 0) return i
    if (i + need >= bytes.length && need > 0) return i
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i
    // Overlong forms, surrogates and code points above U+10FFFF.
    const next = bytes[i + 1] ?? 0
    if ((b === 0xe0 && next < 0xa0) || (b === 0xed && next > 0x9f) || (b === 0xf0 && next < 0x90) || (b === 0xf4 && next > 0x8f)) return i
    i += need + 1
  }
  return bytes.length
}

/** Control characters written into the file itself (not as escapes): offsets and messages, at most ten. */
export function rawControlCharacters(text: string): Array<{offset: number; message: string}> {
  const found: Array<{offset: number; message: string}> = []
  for (const match of text.matchAll(CONTROL_IN_TEXT)) {
    found.push({offset: match.index, message: `the control character ${describeCharacter(match[0])} is not allowed in a YAML file; remove it`})
    if (found.length === MAX_RAW_REPORTED) break
  }
  return found
}

/** Why a string cannot be stored as it is, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  const control = CONTROL_IN_VALUE.exec(value)
  if (control) return `contains the control character ${describeCharacter(control[0])}; only tab and newline are allowed in text`
  const lone = LONE_SURROGATE.exec(value)
  if (lone) {
    return `contains a lone surrogate (\\u${lone[0].charCodeAt(0).toString(16).toUpperCase()}), which is not Unicode text: it would not read back the same from the database`
  }
  return undefined
}

/** Every key and string value of the document whose text cannot be stored as written. */
export function textFindings(data: unknown): TextFinding[] {
  const findings: TextFinding[] = []
  const walk = (value: unknown, path: DocPath): void => {
    if (typeof value === 'string') {
      const problem = textProblem(value)
      if (problem) findings.push({path, severity: 'error', message: problem})
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]))
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key)
        if (problem) findings.push({path: [...path, key], atKey: true, severity: 'error', message: `key ${problem}`})
        walk(item, [...path, key])
      }
    }
  }
  walk(data, [])
  return findings
}
