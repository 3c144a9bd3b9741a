/**
 * `include:` (SPEC section 9), the pure half: which patterns are refused,
 * what an included file may hold, and the merge of every file's top-level
 * lists into one document, with the source map that takes a path in the
 * merged document (`entities[57].url`) back to its file and its own path
 * there (`monitors.d/b.yaml`, `entities[3].url`), so that each diagnostic
 * names its own file, line and column.
 */
import path from 'node:path'

import type {Finding} from './finding.js'
import type {MonitorsModel} from './model.js'
import {sourceKey, type SourceMap} from './sources.js'
import {closest} from './suggest.js'
import type {DocPath} from './yaml-source.js'
import {toPosix} from '../relative-path.js'
import {isRecord} from './raw.js'
import {andMore} from '../plural.js'
import {isRelativeRegistryPath} from './registry-path.js'

/** At most this many included files (the schema caps the patterns at 100). */
export const MAX_INCLUDED_FILES = 1000
/** The included files together (the main file too) may hold this many times --max-config-size. */
export const TOTAL_SIZE_FACTOR = 4

/** The top-level lists an included file may hold; the merge concatenates them in load order. */
export const INCLUDED_LISTS = ['entities', 'notifiers', 'maintenance', 'moved'] as const
type ListKey = (typeof INCLUDED_LISTS)[number]
const MAIN_ONLY = ['version', 'defaults', 'include']

/** Why a pattern is refused before anything is globbed, or undefined. An empty one is the schema's to report. */
export function patternProblem(pattern: string): string | undefined {
  // `..` as a segment, in a brace list too (`{a,..}/x.yaml`): an include stays below the main file. Said
  // first: `\\..\\x` is also absolute to Windows, but going up is what it means.
  if (/(^|[/\\{,])\.\.($|[/\\},])/.test(pattern)) return `${JSON.stringify(pattern)} goes up with "..": include only files in or below the main file's directory`
  if (path.posix.isAbsolute(pattern) || path.win32.isAbsolute(pattern)) return `${JSON.stringify(pattern)} is an absolute path: include patterns are relative to the main file's directory`
  return undefined
}

/** The include patterns of a main document that are strings, with their index in the list. */
export function includePatterns(data: unknown): Array<{index: number; pattern: string}> {
  const include = isRecord(data) ? data.include : undefined
  // More than the schema allows is the schema's error; nothing is globbed for it.
  if (!Array.isArray(include) || include.length > 100) return []
  return include.flatMap((pattern, index) => (typeof pattern === 'string' && pattern !== '' ? [{index, pattern}] : []))
}

/** The top-level shape of an included file, at its own paths: only the lists, and at least one of them. */
export function includedFileFindings(data: unknown): Finding[] {
  const holdsNothing: Finding = {path: [], severity: 'warning', message: `holds nothing: an included file holds ${INCLUDED_LISTS.join(', ')}`}
  if (data === null || data === undefined) return [holdsNothing]
  if (!isRecord(data)) {
    return [{path: [], severity: 'error', message: `an included file must be a mapping with ${INCLUDED_LISTS.join(', ')} (got ${Array.isArray(data) ? 'a list' : 'a single value'})`}]
  }
  const findings: Finding[] = []
  for (const [key, value] of Object.entries(data)) {
    if (MAIN_ONLY.includes(key)) findings.push({path: [key], atKey: true, severity: 'error', message: `only the main file may set ${key}`})
    else if (!(INCLUDED_LISTS as readonly string[]).includes(key)) findings.push({path: [key], atKey: true, severity: 'error', message: unknownKeyMessage(key)})
    else if (!Array.isArray(value)) findings.push({path: [key], severity: 'error', message: `must be a list (got ${value === null ? 'nothing' : isRecord(value) ? 'a mapping' : 'a single value'})`})
  }
  // A file of only mistaken keys is told about them, not also that it holds nothing.
  if (findings.length === 0 && !INCLUDED_LISTS.some((key) => Object.hasOwn(data, key))) findings.push(holdsNothing)
  return findings
}

function unknownKeyMessage(key: string): string {
  const hint = closest(key, [...INCLUDED_LISTS, ...MAIN_ONLY])
  if (hint && !MAIN_ONLY.includes(hint)) return `unknown key "${key}"; did you mean "${hint}"?`
  return `unknown key "${key}" (an included file holds ${INCLUDED_LISTS.join(', ')})`
}

/** One file's run of items in a merged list. */
interface Segment {
  start: number
  count: number
  file: number
}

/** A path in one of the files: `file` is its index in load order (0, the main file). */
export interface FilePath {
  file: number
  path: DocPath
}

export interface Merged {
  /** The main document with every included file's lists appended to its own. */
  data: Record<string, unknown>
  /** A merged path back to its file and its path there. */
  locate: (at: DocPath) => FilePath
  /** The file (its index) that declares item `index` of a top-level list. */
  fileOf: (list: ListKey, index: number) => number
}

/**
 * Concatenates the top-level lists: the main file's first, then each included
 * file's in load order. `included[i]` is file i + 1's data, or undefined when
 * it could not be read (its errors are said already): it adds nothing.
 */
export function mergeDocuments(main: Record<string, unknown>, included: ReadonlyArray<unknown>): Merged {
  const data: Record<string, unknown> = {...main}
  const segments = new Map<ListKey, Segment[]>()
  for (const key of INCLUDED_LISTS) {
    const own = main[key]
    // The main file's own wrong value is the schema's to report: the included lists are not merged into it.
    if (own !== undefined && !Array.isArray(own)) continue
    const items: unknown[] = [...((own as unknown[] | undefined) ?? [])]
    const runs: Segment[] = [{start: 0, count: items.length, file: 0}]
    included.forEach((doc, i) => {
      const list = isRecord(doc) ? doc[key] : undefined
      if (!Array.isArray(list) || list.length === 0) return
      runs.push({start: items.length, count: list.length, file: i + 1})
      for (const item of list) items.push(item)
    })
    segments.set(key, runs)
    if (own !== undefined || runs.length > 1) data[key] = items
  }
  const segmentOf = (key: ListKey, index: number): Segment => {
    const runs = segments.get(key)!
    let low = 0
    let high = runs.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (runs[mid]!.start <= index) low = mid
      else high = mid - 1
    }
    return runs[low]!
  }
  const locate = (at: DocPath): FilePath => {
    const [key, index, ...rest] = at
    if (!segments.has(key as ListKey) || typeof index !== 'number') return {file: 0, path: at}
    const run = segmentOf(key as ListKey, index)
    return {file: run.file, path: [key!, index - run.start, ...rest]}
  }
  const fileOf = (key: ListKey, index: number): number => (segments.has(key) ? segmentOf(key, index).file : 0)
  return {data, locate, fileOf}
}

/**
 * What one team's file says about another team's entities, where CODEOWNERS
 * asks only the first team: a maintenance window that silences them, a move
 * that renames them. Warnings at the entry (on the pull request's diff), never
 * errors: one platform file holding every window is a fair way to work. The
 * main file is everyone's (export --split writes the windows there): not warned.
 */
export function crossFileFindings(data: unknown, merged: Merged, names: readonly string[]): Finding[] {
  if (names.length < 2 || !isRecord(data)) return []
  const declaredIn = new Map<string, number>()
  const entities = Array.isArray(data.entities) ? data.entities : []
  entities.forEach((entity, e) => {
    if (isRecord(entity) && typeof entity.id === 'string') declaredIn.set(entity.id, merged.fileOf('entities', e))
  })
  const others = (file: number, ids: unknown[]): Map<number, string[]> => {
    const byFile = new Map<number, string[]>()
    for (const id of ids) {
      const at = typeof id === 'string' ? declaredIn.get(id) : undefined
      if (file === 0 || at === undefined || at === file) continue
      byFile.set(at, [...(byFile.get(at) ?? []), id as string])
    }
    return byFile
  }
  const said = (byFile: Map<number, string[]>) => [...byFile].sort(([a], [b]) => a - b).map(([file, ids]) => `${andMore(ids.slice(0, 3), ids.length)} (${names[file]})`).join('; ')
  const findings: Finding[] = []
  const windows = Array.isArray(data.maintenance) ? data.maintenance : []
  windows.forEach((window, w) => {
    if (!isRecord(window) || !Array.isArray(window.entities)) return
    const byFile = others(merged.fileOf('maintenance', w), window.entities)
    if (byFile.size > 0) findings.push({path: ['maintenance', w, 'entities'], severity: 'warning', message: `holds the alerts of entities another file declares: ${said(byFile)}; their owners are not asked to review this file`})
  })
  const moves = Array.isArray(data.moved) ? data.moved : []
  moves.forEach((move, m) => {
    if (!isRecord(move) || typeof move.to !== 'string') return
    const byFile = others(merged.fileOf('moved', m), [move.to])
    if (byFile.size > 0) findings.push({path: ['moved', m, 'to'], severity: 'warning', message: `renames an entity another file declares: ${said(byFile)}; its owners are not asked to review this file`})
  })
  return findings
}

/** Each row of the model with the file that declares it (the model keeps the merged document's order). */
export function treeSources(model: MonitorsModel, fileOf: Merged['fileOf'], names: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>()
  model.entities.forEach((entity, e) => {
    const file = names[fileOf('entities', e)]!
    sources.set(sourceKey('entities', entity.id), file)
    for (const endpoint of entity.endpoints) sources.set(sourceKey('endpoints', endpoint.id), file)
    for (const entry of entity.registry) sources.set(sourceKey('registry_index', entry.id), file)
  })
  model.notifiers.forEach((notifier, n) => sources.set(sourceKey('notifiers', notifier.id), names[fileOf('notifiers', n)]!))
  model.maintenance.forEach((window, w) => sources.set(sourceKey('maintenance_windows', window.id), names[fileOf('maintenance', w)]!))
  return sources
}

/**
 * A relative registry path in an included file is declared relative to that
 * file; mon check resolves it against the main file's directory (or
 * --base-dir): stored rewritten, so rows do not depend on which file declared them.
 * A path inside the main file's directory is written `./x` (as `mon init` and the
 * examples write it), so moving an entry between files, or `export --split` and
 * back, stores the same text and plans no change.
 */
export function rebaseRegistryPaths(model: MonitorsModel, sources: SourceMap, mainFile: string): void {
  const mainDir = path.dirname(mainFile)
  for (const entity of model.entities) {
    const file = sources.get(sourceKey('entities', entity.id))
    if (file === undefined || file === mainFile) continue
    const relativeDir = toPosix(path.relative(mainDir, path.dirname(file)))
    if (relativeDir === '') continue
    for (const entry of entity.registry) {
      if (!isRelativeRegistryPath(entry.path)) continue
      const rebased = path.posix.normalize(path.posix.join(relativeDir, entry.path))
      entry.path = rebased.startsWith('../') ? rebased : `./${rebased}`
    }
  }
}

