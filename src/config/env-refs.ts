/**
 * `${NAME}` references in header values: what check resolves from the
 * environment, and which names it never may. mon's own variables hold the
 * database URL and its password; a header naming one would send them to an
 * endpoint that is not ours.
 */

/** A well-formed `${NAME}`, as check resolves it. */
export const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/** The variable names a value refers to, in order, each once. */
export function envReferences(value: string): string[] {
  return [...new Set([...value.matchAll(ENV_REF)].map((m) => m[1]!))]
}

/** `MON_*`, `PG*` (libpq's PGPASSWORD, PGHOST...) and `DATABASE_URL`, in any case. */
export function isReservedVariable(name: string): boolean {
  return /^(MON_|PG)/i.test(name) || name.toUpperCase() === 'DATABASE_URL'
}
