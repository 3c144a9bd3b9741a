/** The file as parsed, before the schema has said it is well-formed: what every rule reads it through. */
export type Raw = Record<string, unknown>

export function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A list, or none where something else stands (the schema reports that). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
