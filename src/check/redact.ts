/**
 * Hides the `${VAR}` values a check sent (its secrets) from everything it
 * stores and prints: a server may echo a request header back, raw or encoded.
 */

export const REDACTED = '[redacted]'
/** Shorter values are not redacted: hiding every 2-letter match would wreck payloads. The check warns instead. */
export const MIN_SECRET_LENGTH = 4
/** A prefix or suffix of a secret this long, left at a cut, is redacted too. */
export const MIN_PIECE_LENGTH = 6
/** What our cuts leave where they cut text short (clip, show, detail lines). */
const CUT_MARKERS = ['...', '…']
const QUOTES = ['"', "'"]

export interface Redactor {
  /** Every form of every secret replaced by [redacted]. */
  text(text: string): string
  /**
   * text(), then a piece of 6+ characters of a secret left at a cut: at the
   * end (`end`: the text was cut short there), and next to a cut marker.
   */
  cut(text: string, options?: {end?: boolean}): string
  /** Warnings for the check: its own values too short to redact safely. */
  warnings: string[]
  /** False when there is nothing to redact: the judge then skips decoding a body it would not otherwise read. */
  active: boolean
}

/** The redactor of a check that sent no secret. */
export const NO_SECRETS: Redactor = {text: (t) => t, cut: (t) => t, warnings: [], active: false}

/**
 * The forms a secret can take in what a server sends back: itself, escaped in
 * a JSON string (also with `\/`, or with `\uXXXX` escapes: unicodeEscapedSource),
 * URL-encoded (either hex case, `+` for a space), and base64 (standard and
 * URL-safe, padded or not); and each of those escaped once more, as a text
 * body holding it is stored in JSON.
 */
function wholeForms(secret: string): string[] {
  const forms = encodedForms(secret)
  return [...forms, ...forms.map((f) => JSON.stringify(f).slice(1, -1))]
}

function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const url = encodeURIComponent(secret)
  const bytes = Buffer.from(secret, 'utf8')
  const b64 = bytes.toString('base64')
  const b64url = bytes.toString('base64url')
  // As Python's ensure_ascii and Go write it: whole forms, so that a piece of one left at a cut is found too.
  const ascii = json.replace(/[^\x00-\x7f]/g, unicodeEscape)
  return [
    secret,
    json,
    json.replaceAll('/', '\\/'),
    ascii,
    ascii.replace(/[<>&]/g, unicodeEscape),
    url,
    url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    url.replaceAll('%20', '+'),
    b64,
    b64.replace(/=+$/, ''),
    b64url,
    b64url + '='.repeat((4 - (b64url.length % 4)) % 4),
  ]
}

/**
 * Base64 of a longer value that holds the secret (`Basic base64(user:secret)`)
 * encodes it at one of three bit alignments. For each, the characters that
 * depend on the secret's bytes alone: prefixing 0, 1 or 2 bytes and dropping
 * the characters those bytes (or the unknown bytes after) share.
 */
function embeddedBase64(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const cores: string[] = []
  for (let lead = 0; lead < 3; lead++) {
    const padded = Buffer.concat([Buffer.alloc(lead), bytes])
    const first = Math.ceil((8 * lead) / 6)
    const end = Math.floor((8 * padded.length) / 6)
    for (const alphabet of ['base64', 'base64url'] as const) {
      const core = padded.toString(alphabet).slice(first, end)
      if (core.length >= MIN_SECRET_LENGTH) cores.push(core)
    }
  }
  return cores
}

/**
 * A secret as a JSON encoder that escapes more than it must writes it:
 * Python's ensure_ascii writes every non-ASCII character as `\u00e4`, Go's
 * encoding/json writes `<`, `>` and `&` as `\u003c`, and either may mix
 * those with plain characters. As a pattern, each character that is not a
 * letter or digit matches itself, its JSON escape, or its `\uXXXX` (either
 * hex case), each also escaped once more (a text body stored in JSON).
 * Undefined for a secret of letters and digits only: no encoder escapes those.
 */
function unicodeEscapedSource(secret: string): string | undefined {
  if (/^[A-Za-z0-9]*$/.test(secret)) return undefined
  let source = ''
  for (const ch of secret) {
    if (/[A-Za-z0-9]/.test(ch)) {
      source += ch
      continue
    }
    const json = JSON.stringify(ch).slice(1, -1)
    const forms = new Set([ch, json, JSON.stringify(json).slice(1, -1)].map(escapeRegExp))
    let units = ''
    for (let i = 0; i < ch.length; i++) units += `\\\\{1,2}u${hexAnyCase(ch.charCodeAt(i))}`
    source += `(?:${[...forms, units].join('|')})`
  }
  return source
}

function unicodeEscape(ch: string): string {
  let out = ''
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`
  return out
}

function hexAnyCase(unit: number): string {
  return [...unit.toString(16).padStart(4, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const cache = new Map<string, Redactor>()

/**
 * A redactor for one check: it hides every secret of the run (`secrets`, a
 * value may turn up in any answer or file), and warns about the check's own
 * values (`own`, what its `${VAR}` headers resolved to) that are too short.
 */
export function redactor(secrets: readonly string[], own: readonly string[] = secrets): Redactor {
  const warnings = tooShort(own)
  const hiding = hider(secrets)
  return warnings.length === 0 ? hiding : {...hiding, warnings}
}

function tooShort(secrets: readonly string[]): string[] {
  const short = [...new Set(secrets)].filter((s) => s.length > 0 && s.length < MIN_SECRET_LENGTH)
  if (short.length === 0) return []
  return [`a \${VAR} value of ${short.map((s) => s.length).join(', ')} characters is too short to redact safely (at least ${MIN_SECRET_LENGTH})`]
}

function hider(secrets: readonly string[]): Redactor {
  if (secrets.length === 0) return NO_SECRETS
  const key = secrets.join('\u0000')
  let found = cache.get(key)
  if (!found) {
    found = build(secrets)
    // A run resolves the same few values for many checks; bounded all the same.
    if (cache.size > 100) cache.clear()
    cache.set(key, found)
  }
  return found
}

function build(secrets: readonly string[]): Redactor {
  const long = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH)
  if (long.length === 0) return NO_SECRETS
  const whole = [...new Set(long.flatMap(wholeForms))]
  // Longest first, so a padded form wins over its unpadded prefix.
  const all = [...new Set([...whole, ...long.flatMap(embeddedBase64)])].sort((a, b) => b.length - a.length)
  // The escaped-character patterns first: each also matches the secret as it is, and more.
  const escaped = long.flatMap((s) => unicodeEscapedSource(s) ?? [])
  const pattern = new RegExp([...escaped, ...all.map(escapeRegExp)].join('|'), 'g')
  const pieces = whole.filter((f) => f.length > MIN_PIECE_LENGTH)
  const text = (t: string) => (t === '' ? t : t.replace(pattern, REDACTED))
  return {
    text,
    cut: (t, options = {}) => edges(text(t), pieces, options.end === true),
    warnings: [],
    active: true,
  }
}

/** Replaces a 6+ character prefix of a form that ends at a cut, and a suffix that starts at one. */
function edges(text: string, forms: readonly string[], end: boolean): string {
  const cuts: number[] = []
  for (const marker of CUT_MARKERS) {
    for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
      const after = at + marker.length
      // A quoted excerpt cut short: `"GGqGG\GGLG"...` (V8's JSON.parse errors), `..."12, GGq`.
      const before = QUOTES.includes(text[at - 1] ?? '') ? at - 1 : at
      cuts.push(before, -(QUOTES.includes(text[after] ?? '') ? after + 1 : after))
    }
  }
  if (end) cuts.push(text.length)
  if (cuts.length === 0) return text
  // Right to left, so that earlier positions stay valid as text is replaced.
  cuts.sort((a, b) => Math.abs(b) - Math.abs(a))
  let out = text
  for (const cut of cuts) out = cut >= 0 ? prefixAt(out, cut, forms) : suffixAt(out, -cut, forms)
  return out
}

function prefixAt(text: string, at: number, forms: readonly string[]): string {
  for (const form of forms) {
    for (let k = Math.min(form.length - 1, at); k >= MIN_PIECE_LENGTH; k--) {
      if (text.startsWith(form.slice(0, k), at - k)) return text.slice(0, at - k) + REDACTED + text.slice(at)
    }
  }
  return text
}

function suffixAt(text: string, at: number, forms: readonly string[]): string {
  for (const form of forms) {
    for (let k = Math.min(form.length - 1, text.length - at); k >= MIN_PIECE_LENGTH; k--) {
      if (text.startsWith(form.slice(form.length - k), at)) return text.slice(0, at) + REDACTED + text.slice(at + k)
    }
  }
  return text
}
