/**
 * How a snapshot's payload is stored (migration 0012). Most checks of a
 * target answer the same thing every time but for their timings, and the
 * timings have columns of their own (latency_ms, phases_ms_json). So a
 * payload is stored as one of:
 *
 * - `~{...}` a body: the payload without latency_ms and phases_ms, which are
 *   put back from the row's columns on read, and with a Date header as the
 *   whole seconds it is before observed_at (a number: a header is text), so
 *   that a server's clock does not make every answer differ. It is a *base*.
 * - `=` the same body as the nearest base before it (by observed_at, id) of
 *   the same target: written only when a row is the target's newest and its
 *   body equals the newest base. Prune carries a body forward into the oldest
 *   kept row before it deletes that row's base.
 * - `=N` (N a JSON number, e.g. `=1`, `=-3`) the same, but for the Date
 *   header, which is N seconds before observed_at's second: a server's Date
 *   flips against observed_at whenever latency crosses a second, and that
 *   should not cost a whole body. Written only where the base's Date is a
 *   number too and replacing it by N gives the row's body exactly.
 *   `=` and `=N` are *references*.
 * - `{...}` the whole payload as judged (rows before 0012, and any payload
 *   whose timings do not round-trip through the columns, or a row written out
 *   of order): self-contained, never a base.
 * - NULL: none stored.
 *
 * Every form reads back exactly the text the check judged: a body is written
 * only when expanding it gives that text back, character for character.
 */
import {parsePhases} from './phases.js'

export const SAME_AS_BASE = '='
export const BODY_PREFIX = '~'

/** A reference to the nearest base before the row: `=` or `=N`. */
export function isReference(stored: string | null): stored is string {
  return stored !== null && stored.startsWith(SAME_AS_BASE)
}
/** The SQL that tells a reference row. */
export function isReferenceSql(column = 'payload_json'): string {
  return `substr(${column}, 1, 1) = '${SAME_AS_BASE}'`
}
/** The SQL that tells a base row: the same expression in migration 0012's partial index and in the queries that use it. */
export function isBaseSql(column = 'payload_json'): string {
  return `substr(${column}, 1, 1) = '${BODY_PREFIX}'`
}

export function isBase(stored: string | null): stored is string {
  return stored !== null && stored.startsWith(BODY_PREFIX)
}

interface Timings {
  latency_ms: number | null
  phases_ms_json: string | null
  observed_at: string
}

type Headers = Record<string, unknown>

/** The Date header's value as stored in a body: seconds before observed_at's second, or the text where it is not an HTTP date. */
function dateOffset(date: unknown, observedAt: string): unknown {
  if (typeof date !== 'string') return date
  const ms = Date.parse(date)
  if (!Number.isFinite(ms)) return date
  return Math.floor(Date.parse(observedAt) / 1000) - ms / 1000
}

function withHeaders(fields: Record<string, unknown>, date: (value: unknown) => unknown): Record<string, unknown> {
  const headers = fields.headers
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers) || !('date' in headers)) return fields
  return {...fields, headers: {...(headers as Headers), date: date((headers as Headers).date)}}
}

/** A body's fields, or null where its text is not JSON (a hand edit). */
function bodyFields(body: string): Record<string, unknown> | null {
  try {
    return JSON.parse(body.slice(BODY_PREFIX.length)) as Record<string, unknown>
  } catch {
    return null
  }
}

/** The payload text a body stands for, given the row's columns: latency_ms first, phases_ms after attempts, as the judge orders them. */
function expandBody(body: string, row: Timings): string | null {
  const fields = bodyFields(body)
  return fields === null ? null : expandFields(fields, row)
}

function expandFields(fields: Record<string, unknown>, row: Timings): string | null {
  const phases = row.phases_ms_json === null ? undefined : parsePhases(row.phases_ms_json)
  if (phases === null) return null
  const out: Record<string, unknown> = {latency_ms: row.latency_ms}
  if (phases && !('attempts' in fields)) out.phases_ms = phases
  const second = Math.floor(Date.parse(row.observed_at) / 1000)
  const dated = withHeaders(fields, (date) => (typeof date === 'number' ? new Date((second - date) * 1000).toUTCString() : date))
  for (const [key, value] of Object.entries(dated)) {
    out[key] = value
    if (key === 'attempts' && phases) out.phases_ms = phases
  }
  return JSON.stringify(out)
}

/** A body's Date offset replaced by `offset`; null where its Date is not an offset (a number). */
function withDateOffset(body: string, offset: number): string | null {
  const fields = bodyFields(body)
  if (fields === null || dateOffsetIn(fields) === null) return null
  return BODY_PREFIX + JSON.stringify(withHeaders(fields, () => offset))
}

/** The Date offset in a body's fields, where it has one. */
function dateOffsetIn(fields: Record<string, unknown> | null): number | null {
  const headers = fields?.headers
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return null
  const date = (headers as Headers).date
  return typeof date === 'number' ? date : null
}

/** The body a reference stands for, given its base's stored body; null where it cannot be read (no base, a hand edit). */
export function referredBody(reference: string, base: string | null | undefined): string | null {
  if (!base || !isBase(base)) return null
  if (reference === SAME_AS_BASE) return base
  let offset: unknown
  try {
    offset = JSON.parse(reference.slice(SAME_AS_BASE.length))
  } catch {
    return null
  }
  return typeof offset === 'number' ? withDateOffset(base, offset) : null
}

/** A body as a reference to `base`: `=` when equal, `=N` when only the Date offset differs; null when it must be stored whole. */
export function referenceTo(body: string, base: string | null): string | null {
  if (base === null) return null
  if (body === base) return SAME_AS_BASE
  const offset = dateOffsetIn(bodyFields(body))
  if (offset === null) return null
  const reference = SAME_AS_BASE + JSON.stringify(offset)
  // Kept only where reading it back gives the body character for character.
  return referredBody(reference, base) === body ? reference : null
}

/** The stored form of a row's payload as judged: a body where it round-trips exactly, else the payload unchanged. */
export function compactPayload(payloadJson: string | null, row: Timings): string | null {
  if (payloadJson === null || !payloadJson.startsWith('{')) return payloadJson
  let payload: Record<string, unknown>
  try {
    payload = JSON.parse(payloadJson) as Record<string, unknown>
  } catch {
    return payloadJson
  }
  const {latency_ms: _latency, phases_ms: _phases, ...rest} = payload
  const fields = withHeaders(rest, (date) => dateOffset(date, row.observed_at))
  // Expanded from the object, not from its text: the same result (a JSON round trip of parsed JSON is exact), one parse fewer.
  return expandFields(fields, row) === payloadJson ? BODY_PREFIX + JSON.stringify(fields) : payloadJson
}

/**
 * The payload text as judged, from a stored form; `base` is the stored text
 * of the nearest base before the row (needed for a reference only). A reference whose base
 * is missing reads as null: prune never leaves one, a hand edit could.
 */
export function expandPayload(stored: string | null, row: Timings, base?: string | null): string | null {
  if (isReference(stored)) {
    const body = referredBody(stored, base)
    return body === null ? null : expandPayload(body, row)
  }
  if (!isBase(stored)) return stored
  return expandBody(stored, row) ?? stored
}
