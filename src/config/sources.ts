/**
 * Where each declared row comes from (SPEC section 9): with `include:`, the
 * file that declares it. Provenance only, never a managed field: moving an
 * entity from one file to another changes no fingerprint and makes no plan.
 * Files are named as diagnostics name them (the main file as given, an
 * included file relative to the same directory as the main file's name).
 */
import type {Table} from './fields.js'
import type {MonitorsModel} from './model.js'

/** `table\0id` -> file. */
export type SourceMap = ReadonlyMap<string, string>

export function sourceKey(table: Table, id: string): string {
  return `${table}\0${id}`
}

/** The file that declares a row, or undefined (a row the file does not declare: a retire). */
export function sourceOf(sources: SourceMap, table: Table, id: string): string | undefined {
  return sources.get(sourceKey(table, id))
}

/** Every row of a model declared by one file. */
export function singleFileSources(model: MonitorsModel, file: string): Map<string, string> {
  const sources = new Map<string, string>()
  for (const entity of model.entities) {
    sources.set(sourceKey('entities', entity.id), file)
    for (const endpoint of entity.endpoints) sources.set(sourceKey('endpoints', endpoint.id), file)
    for (const entry of entity.registry) sources.set(sourceKey('registry_index', entry.id), file)
  }
  for (const notifier of model.notifiers) sources.set(sourceKey('notifiers', notifier.id), file)
  for (const window of model.maintenance) sources.set(sourceKey('maintenance_windows', window.id), file)
  return sources
}
