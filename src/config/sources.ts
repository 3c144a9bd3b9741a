/**
 * Where each declared row comes from (SPEC section 9): with `include:`, the
 * file that declares it. Provenance only, never a managed field: moving an
 * entity from one file to another changes no fingerprint and makes no plan.
 * Files are named as diagnostics name them (the main file as given, an
 * included file relative to the same directory as the main file's name).
 */
import type {Table} from './fields.js'

/** `table\0id` -> file. */
export type SourceMap = ReadonlyMap<string, string>

export function sourceKey(table: Table, id: string): string {
  return `${table}\0${id}`
}

/** The file that declares a row, or undefined (a row the file does not declare: a retire). */
export function sourceOf(sources: SourceMap, table: Table, id: string): string | undefined {
  return sources.get(sourceKey(table, id))
}
