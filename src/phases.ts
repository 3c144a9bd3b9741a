/**
 * The phases of one HTTP check, as blackbox_exporter names them: resolve
 * (DNS), connect (TCP), tls (handshake), processing (request sent to the first
 * byte of the answer), transfer (the rest of the body). check/phases.ts
 * measures them; snapshots store them (payload_json's phases_ms, and the
 * phases_ms_json column); status, history and Prometheus read them back.
 */

export const PHASES = ['resolve', 'connect', 'tls', 'processing', 'transfer'] as const
export type Phase = (typeof PHASES)[number]
/** Milliseconds per phase; 0 where a phase did not happen (an IP address needs no DNS, plain HTTP no TLS). */
export type Phases = Record<Phase, number>

/**
 * The stored JSON of a check's phases, or null where it is absent or not what
 * mon writes: an array in PHASES order (what the store writes since migration
 * 0012, a quarter of the characters) or an object by name (before it).
 */
export function parsePhases(json: string | null): Phases | null {
  if (json === null) return null
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const array = Array.isArray(value)
  if (array && (value as unknown[]).length !== PHASES.length) return null
  const phases = {} as Phases
  for (const [i, phase] of PHASES.entries()) {
    const ms = array ? record[i] : record[phase]
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null
    phases[phase] = ms
  }
  return phases
}

/** The stored form of a check's phases JSON: the array in PHASES order; text that is not phases is left as it is. */
export function compactPhases(json: string | null): string | null {
  const phases = parsePhases(json)
  return phases === null ? json : JSON.stringify(PHASES.map((phase) => phases[phase]))
}
