/**
 * How a snapshot's detail is stored (migration 0013). A check's detail
 * differs from the last one mostly by its rounded latency (`200 OK in 20
 * ms, ...`), which latency_ms holds. So the store may keep a detail in the
 * payload body instead (src/stored-payload.ts): as its parts around the
 * latency, under DETAIL_KEY at the end of the body, with the row's detail
 * column NULL. Every row that reads that body (its own, or a `=` of it)
 * and has a NULL detail reads the parts joined by its own rounded latency.
 * A detail is kept so only when that gives its text back exactly; a NULL
 * detail column without a template in the body is a NULL detail.
 */

/** The body's key for the parts: never a top-level key of a judged payload, whose keys are mon's own. */
export const DETAIL_KEY = '~detail'
const MARKER = `"${DETAIL_KEY}":`

/** A detail as parts around its rounded latency (` in N ms`), or null where latency_ms cannot give it back. */
export function detailParts(detail: string | null, latencyMs: number | null): string[] | null {
  if (detail === null) return null
  if (latencyMs === null) return [detail]
  const needle = ` in ${Math.round(latencyMs)} ms`
  const at = detail.indexOf(needle)
  if (at < 0) return null
  const parts = [detail.slice(0, at + 4), detail.slice(at + needle.length - 3)]
  return fillDetail(parts, latencyMs) === detail ? parts : null
}

/** The detail that parts and a row's latency stand for. */
export function fillDetail(parts: readonly string[], latencyMs: number | null): string {
  return parts.length === 2 && latencyMs !== null ? `${parts[0]}${Math.round(latencyMs)}${parts[1]}` : parts.join('')
}

/** A body (`~{...}`) with the parts added at its end; null where the body already holds the key. */
export function withDetail(body: string, parts: readonly string[]): string | null {
  if (body.includes(MARKER) || !body.endsWith('}')) return null
  const out = `${body.slice(0, -1)}${body.endsWith('{}') ? '' : ','}${MARKER}${JSON.stringify(parts)}}`
  const back = splitDetail(out)
  return back.body === body && JSON.stringify(back.parts) === JSON.stringify(parts) ? out : null
}

/** A stored body without its detail parts, and the parts (null when it holds none). */
export function splitDetail(body: string): {body: string; parts: string[] | null} {
  const at = body.lastIndexOf(MARKER)
  if (at < 0) return {body, parts: null}
  let parts: unknown
  try {
    parts = JSON.parse(body.slice(at + MARKER.length, -1))
  } catch {
    return {body, parts: null}
  }
  if (!Array.isArray(parts) || parts.length < 1 || parts.length > 2 || !parts.every((p) => typeof p === 'string')) return {body, parts: null}
  const before = body.slice(0, at)
  return {body: `${before.endsWith(',') ? before.slice(0, -1) : before}}`, parts: parts as string[]}
}
