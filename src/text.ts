/**
 * Text that came from outside (a response, a registry file, an older row) on
 * its way to a terminal or a database: what neither may receive raw.
 */

/** A lone high surrogate, or a lone low one: no UTF-8 can encode either. */
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]'
/** C0 controls, DEL and C1 controls: a terminal acts on them (OSC titles, OSC 52 clipboard writes, cursor moves). */
const CONTROL = '[\\u0000-\\u001f\\u007f-\\u009f]'

const INVISIBLE = new RegExp(`${CONTROL}|${LONE_SURROGATE}`, 'g')
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE}`, 'g')
const HAS_CONTROL = new RegExp(CONTROL)

/** String.prototype.isWellFormed (ES2024, in Node 20): native, so the common case costs no regex scan. */
function wellFormed(text: string): boolean {
  return (text as unknown as {isWellFormed(): boolean}).isWellFormed()
}

/** `\u001b` for ESC: the escape a reader sees, six characters long. */
function escapeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * Every control character (C0, DEL, C1) and lone surrogate as a visible
 * `\uXXXX` escape, so remote text shown on a terminal cannot drive it.
 * Idempotent: what it writes holds no control character.
 */
export function visible(text: string): string {
  if (!HAS_CONTROL.test(text) && wellFormed(text)) return text
  return text.replace(INVISIBLE, escapeUnit)
}

/**
 * What either engine can store as TEXT: PostgreSQL refuses NUL (0x00) in
 * UTF-8 text, and a lone surrogate has no UTF-8 form (the drivers would each
 * store something different). Both become visible escapes.
 */
export function storable(text: string): string {
  if (!text.includes('\u0000') && wellFormed(text)) return text
  return text.replace(UNSTORABLE, escapeUnit)
}
