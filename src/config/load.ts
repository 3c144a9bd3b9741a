/**
 * The loader: monitors.yaml text -> diagnostics and, when valid, the model.
 * Every problem is reported in one run, each at FILE:LINE:COLUMN with its
 * path in the document, sorted by position.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'

import {MonError} from '../errors.js'
import type {Finding, Where} from './finding.js'
import type {MonitorsModel} from './model.js'
import type {MonitorsFile} from './monitors.types.js'
import {normalise} from './normalise.js'
import {ruleFindings} from './rules.js'
import {schemaFindings} from './schema-check.js'
import {decodeUtf8, notUtf8Message, textFindings} from './text-rules.js'
import {formatPath, parseYaml, pathAtOffset, positionAt, positionOf} from './yaml-source.js'
import type {ParsedYaml} from './yaml-source.js'
import {plural} from '../plural.js'
import type {SourceMap} from './sources.js'
import type {ConfigFiles} from './config-files.js'
import {FS_FILES} from './fs-files.js'
import {crossFileFindings, includedFileFindings, includePatterns, mergeDocuments, rebaseRegistryPaths, treeSources, type Merged} from './includes.js'
import {readIncludes} from './read-includes.js'
import {DEFAULT_READ_LIMITS, STDIN_CONFIG, type ReadLimits} from './read-limits.js'
import {isRelativeRegistryPath} from './registry-path.js'

export interface Diagnostic {
  file: string
  line: number
  column: number
  /** Where in the document, e.g. `entities[1].endpoints[0].url`; empty for the document itself. */
  path: string
  message: string
}

export interface ConfigCounts {
  entities: number
  endpoints: number
  registry_index: number
}

export interface LoadResult {
  /** The normalised model; null when there is any error. */
  model: MonitorsModel | null
  errors: Diagnostic[]
  warnings: Diagnostic[]
  counts: ConfigCounts
  /** The main file's text as read. */
  text: string
  /** Every file read, main first, then the included ones in load order (apply hashes them all). */
  files: ConfigText[]
  /** The file that declares each row (empty when there is any error). */
  sources: SourceMap
}

export interface ConfigText {
  file: string
  text: string
}

/** A file of the tree as the loader judges it: parsed, or not UTF-8 (its one error said). */
interface TreeFile {
  file: string
  text: string
  parsed: ParsedYaml | null
  notUtf8?: Diagnostic
}

/** Extra checks on the merged document that need the outside world (the file system), kept out of the pure parse. */
type ExtraRule = (data: unknown, merged: Merged, names: readonly string[]) => Finding[]

type Placed = Diagnostic & {severity: 'error' | 'warning'}

const NEEDS_PATH = 'include needs the main file\'s path (the included files are found beside it), not a text on its own such as standard input'

/** Pure: text in, diagnostics and model out. `file` is only used to label diagnostics. One file: an include list is an error. */
export function parseConfig(text: string, file: string): LoadResult {
  const parsed = parseYaml(text)
  const refused: Finding[] = includePatterns(parsed.data).length > 0 ? [{path: ['include'], atKey: true, severity: 'error', message: NEEDS_PATH}] : []
  return analyse([{file, text, parsed}], refused, [])
}

/**
 * Reads and checks a file and the files it includes, through `files`; a relative
 * registry path that does not exist beside the file that declares it is a warning.
 */
export async function loadConfigFile(configPath: string, limits: ReadLimits = DEFAULT_READ_LIMITS, files: ConfigFiles = FS_FILES): Promise<LoadResult> {
  const bytes = await files.read(configPath, limits)
  if (bytes === null) throw new MonError(`cannot read config ${configPath}: no such file (set --config or MON_CONFIG, or run mon init)`)
  const main = treeFile(configPath, bytes)
  const includedDir = (merged: Merged, names: readonly string[]) => (e: number) => {
    const file = merged.fileOf('entities', e)
    return file === 0 ? null : path.dirname(names[file]!)
  }
  const extra: ExtraRule[] = [(data, merged, names) => registryPathFindings(data, includedDir(merged, names), path.dirname(configPath)), crossFileFindings]
  const patterns = main.parsed && !main.parsed.problems.some((p) => p.fatal) ? includePatterns(main.parsed.data) : []
  if (patterns.length === 0) return analyse([main], [], extra)
  if (configPath === STDIN_CONFIG) return analyse([main], [{path: ['include'], atKey: true, severity: 'error', message: NEEDS_PATH}], extra)
  const {included, findings} = await readIncludes(configPath, patterns, files, limits, bytes.length)
  return analyse([main, ...included.map(({file, bytes}) => treeFile(file, bytes))], findings, extra)
}

/** For commands that need a valid file: the model, or a MonError listing every error. */
export async function loadValidConfig(configPath: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<{model: MonitorsModel; warnings: Diagnostic[]; text: string; sources: SourceMap; files: ConfigText[]}> {
  const result = await loadConfigFile(configPath, limits)
  if (!result.model) {
    const count = plural(result.errors.length, 'error')
    throw new MonError(`${configPath} is invalid (${count}; see mon validate):\n${result.errors.map(formatDiagnostic).join('\n')}`, {
      details: {errors: result.errors, warnings: result.warnings},
    })
  }
  return {model: result.model, warnings: result.warnings, text: result.text, sources: result.sources, files: result.files}
}

/** `monitors.yaml:14:9 entities[1].endpoints[0].url: must be an absolute http(s) URL` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}${d.path === '' ? '' : ` ${d.path}`}: ${d.message}`
}

export {DEFAULT_READ_LIMITS, STDIN_CONFIG, type ReadLimits} from './read-limits.js'

function treeFile(file: string, bytes: Buffer): TreeFile {
  const decoded = decodeUtf8(bytes)
  if ('bad' in decoded) {
    const {line, column, byte} = decoded.bad
    const message = notUtf8Message(byte)
    return {file, text: '', parsed: null, notUtf8: {file, line, column, path: '', message}}
  }
  return {file, text: decoded.text, parsed: parseYaml(decoded.text)}
}

/**
 * The tree's files (main first) judged: each file's YAML problems and an
 * included file's shape at its own lines; then the merged document through
 * the schema, the rules and normalise, each finding placed back in its file.
 * `mainFindings` are the include patterns' problems, at the main file's paths.
 */
function analyse(tree: TreeFile[], mainFindings: Finding[], extraRules: ExtraRule[]): LoadResult {
  const names = tree.map((t) => t.file)
  const files = tree.map(({file, text}) => ({file, text}))
  const diagnostics: Placed[] = []
  // Per file, the paths the YAML layer already rejected (an unknown tag): a value is not judged again.
  const rejected = tree.map(() => [] as string[])
  const usable = tree.map((t, i) => {
    if (t.notUtf8) diagnostics.push({...t.notUtf8, severity: 'error'})
    const parsed = t.parsed
    if (!parsed) return undefined
    for (const problem of parsed.problems) {
      const at = formatPath(pathAtOffset(parsed, problem.offset))
      diagnostics.push({file: t.file, ...positionAt(parsed, problem.offset), path: at, message: problem.message, severity: problem.severity})
      if (problem.severity === 'error') rejected[i]!.push(at)
    }
    // Report the YAML errors alone: what was recovered around them would only add noise.
    return parsed.problems.some((problem) => problem.fatal) ? undefined : parsed.data
  })
  const place = (file: number, finding: Finding): void => {
    const at = formatPath(finding.path)
    if (rejected[file]!.some((bad) => bad !== '' && (at === bad || at.startsWith(`${bad}.`) || at.startsWith(`${bad}[`)))) return
    const {line, column} = positionOf(tree[file]!.parsed!, finding.path, {key: finding.atKey})
    diagnostics.push({file: names[file]!, line, column, path: at, message: finding.message, severity: finding.severity})
  }
  const data = usable[0]
  const main = tree[0]!
  let merged: Merged | undefined
  if (main.parsed === null || main.parsed.problems.some((problem) => problem.fatal)) {
    // The main file's own errors are all there is to say.
  } else if (data === null || data === undefined) {
    if (!main.parsed.problems.some((problem) => problem.severity === 'error')) place(0, {path: [], severity: 'error', message: 'the file is empty: expected a mapping with version: 1 and entities'})
  } else if (typeof data !== 'object' || Array.isArray(data)) {
    place(0, {path: [], severity: 'error', message: `the file must be a mapping with version: 1 and entities (got ${Array.isArray(data) ? 'a list' : 'a single value'})`})
  } else {
    for (const finding of mainFindings) place(0, finding)
    const included = usable.slice(1).map((doc, i) => {
      if (!tree[i + 1]!.parsed || tree[i + 1]!.parsed!.problems.some((problem) => problem.fatal)) return undefined
      const shape = includedFileFindings(doc)
      for (const finding of shape) place(i + 1, finding)
      return shape.some((f) => f.severity === 'error') ? undefined : doc
    })
    merged = mergeDocuments(data as Record<string, unknown>, included)
    const whole = merged.data
    const locate = merged.locate
    const where: Where = (at, options) => {
      const {file, path: local} = locate(at)
      const {line, column} = positionOf(tree[file]!.parsed!, local, options)
      return `${names[file]}:${line}:${column} (${formatPath(local)})`
    }
    // Text that cannot be stored is the cause of whatever else is said at its path (an unknown
    // key would even echo the control character): one message per mistake, that one.
    const text = textFindings(whole)
    const flagged = new Set(text.map((f) => formatPath(f.path)))
    const findings = [...text, ...[...schemaFindings(whole), ...ruleFindings(whole, where)].filter((f) => !flagged.has(formatPath(f.path)))]
    for (const rule of extraRules) findings.push(...rule(whole, merged, names))
    for (const finding of findings) {
      const {file, path: local} = locate(finding.path)
      place(file, {...finding, path: local})
    }
  }
  const rank = new Map(names.map((name, i) => [name, i]))
  diagnostics.sort((a, b) => rank.get(a.file)! - rank.get(b.file)! || a.line - b.line || a.column - b.column)
  const strip = ({severity: _severity, ...d}: Placed): Diagnostic => d
  const errors = dedupe(diagnostics.filter((d) => d.severity === 'error').map(strip))
  const warnings = dedupe(diagnostics.filter((d) => d.severity === 'warning').map(strip))
  const model = errors.length === 0 && merged ? normalise(merged.data as unknown as MonitorsFile) : null
  const sources = model && merged ? treeSources(model, merged.fileOf, names) : new Map<string, string>()
  if (model) rebaseRegistryPaths(model, sources, names[0]!)
  return {model, errors, warnings, counts: countsOf(merged?.data ?? data), text: main.text, files, sources}
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diagnostics.filter((d) => {
    const key = formatDiagnostic(d)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Counted from whatever parsed, so an invalid file still reports its size. */
function countsOf(data: unknown): ConfigCounts {
  const counts = {entities: 0, endpoints: 0, registry_index: 0}
  const entities = (data as {entities?: unknown} | null)?.entities
  if (!Array.isArray(entities)) return counts
  counts.entities = entities.length
  for (const entity of entities) {
    const {endpoints, registry} = (entity ?? {}) as {endpoints?: unknown; registry?: unknown}
    if (Array.isArray(endpoints)) counts.endpoints += endpoints.length
    if (Array.isArray(registry)) counts.registry_index += registry.length
  }
  return counts
}

/**
 * A relative registry path is resolved against the directory of the file that declares it (or --base-dir); warn when it is not there.
 * `includedDir` is the directory of the included file that declares an entity, null for the main file's.
 */
function registryPathFindings(data: unknown, includedDir: (entity: number) => string | null, mainDir: string): Finding[] {
  const findings: Finding[] = []
  const entities = (data as {entities?: unknown} | null)?.entities
  if (!Array.isArray(entities)) return findings
  const exists = new Map<string, boolean>()
  for (const [e, entity] of entities.entries()) {
    const registry = (entity as {registry?: unknown} | null)?.registry
    if (!Array.isArray(registry)) continue
    for (const [r, entry] of registry.entries()) {
      const entryPath = (entry as {path?: unknown} | null)?.path
      if (typeof entryPath !== 'string' || !isRelativeRegistryPath(entryPath)) continue
      const dir = includedDir(e)
      const resolved = path.resolve(dir ?? mainDir, entryPath)
      if (!exists.has(resolved)) exists.set(resolved, existsSync(resolved))
      if (!exists.get(resolved)) {
        const why = dir === null ? 'mon check resolves it against the directory of monitors.yaml, or --base-dir' : "in an included file a path is relative to it; it is stored relative to the main file's directory"
        findings.push({path: ['entities', e, 'registry', r, 'path'], severity: 'warning', message: `${entryPath} does not exist beside this file (${why})`})
      }
    }
  }
  return findings
}
