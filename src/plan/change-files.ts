/**
 * Which file each change of a plan comes from (SPEC section 9, `include:`).
 * Attached after planning, so that the planner stays unaware of files and a
 * row that moves from one file to another changes no fingerprint and no
 * `base`: the file is provenance, never part of the change.
 */
import {sourceOf, type SourceMap} from '../config/sources.js'
import type {Change, Plan} from './types.js'

/** The main file as the user gave it and the file that declares each row (LoadResult.sources). */
export interface DeclaringFiles {
  main: string
  sources: SourceMap
}

/** The heading the views give the retires when they group by file: no file declares a retired row. */
export const NO_FILE_HEADING = 'no longer in any file'

/** The plan with each change's declaring file; a retire has none. */
export function withFiles(plan: Plan, files: DeclaringFiles): Plan {
  const changes = plan.changes.map((change): Change => {
    const {file: _old, ...rest} = change
    const file = change.action === 'retire' ? undefined : sourceOf(files.sources, change.table, change.id)
    return file === undefined ? rest : {...rest, file}
  })
  const included = new Set(files.sources.values()).size > 1
  return {...plan, changes, config: files.main, ...(included ? {included} : {})}
}

/**
 * The files a plan's changes come from, in the order the views list them:
 * the main file first, then the others by path. Null when the changes come
 * from one file or none and the main file includes none, where the views look
 * as they did before `include:`.
 */
export function fileOrder(changes: ReadonlyArray<{file?: string}>, main: string | undefined, included = false): string[] | null {
  const files = [...new Set(changes.flatMap((c) => (c.file === undefined ? [] : [c.file])))]
  if (files.length < (included ? 1 : 2)) return null
  // By code unit, not locale: the order must not depend on the machine.
  return files.sort((a, b) => (a === main ? -1 : b === main ? 1 : a < b ? -1 : a > b ? 1 : 0))
}

export interface FileGroup<T> {
  /** A file name, NO_FILE_HEADING for the retires, or null: not grouped (one section as before). */
  heading: string | null
  rows: T[]
}

/** Rows under one heading per file in `order`, the rows no file declares last; with no order, one group without a heading. */
export function groupByFile<T extends {file: string | null}>(rows: readonly T[], order: readonly string[] | null): FileGroup<T>[] {
  if (order === null) return [{heading: null, rows: [...rows]}]
  // One pass: a plan may hold 10,000 rows from 1,000 files.
  const byFile = new Map<string, T[]>(order.map((file) => [file, []]))
  const undeclared: T[] = []
  for (const row of rows) {
    const group = row.file === null ? undefined : byFile.get(row.file)
    if (group) group.push(row)
    else undeclared.push(row)
  }
  const groups: FileGroup<T>[] = order.map((file) => ({heading: file, rows: byFile.get(file)!}))
  groups.push({heading: NO_FILE_HEADING, rows: undeclared})
  return groups.filter((g) => g.rows.length > 0)
}
