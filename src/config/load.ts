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
import {decodeUtf8, textFindings} from './text-rules.js'
import {formatPath, parseYaml, pathAtOffset, positionAt, positionOf} from './yaml-source.js'
import type {ParsedYaml} from './yaml-source.js'
import {plural} from '../plural.js'
import {singleFileSources, type SourceMap} from './sources.js'
import type {ConfigFiles} from './config-files.js'
import {FS_FILES} from './fs-files.js'
import {DEFAULT_READ_LIMITS, type ReadLimits} from './read-limits.js'

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
  /** The file's text as read (apply hashes it). */
  text: string
  /** The file that declares each row (empty when there is any error). */
  sources: SourceMap
}

/** Extra checks that need the outside world (the file system), kept out of the pure parse. */
type ExtraRule = (data: unknown) => Finding[]

/** Pure: text in, diagnostics and model out. `file` is only used to label diagnostics. */
export function parseConfig(text: string, file: string): LoadResult {
  return analyse(text, file, [])
}

/** Reads and checks a file; a relative registry path that does not exist beside it is a warning. */
export async function loadConfigFile(configPath: string, limits: ReadLimits = DEFAULT_READ_LIMITS, files: ConfigFiles = FS_FILES): Promise<LoadResult> {
  const bytes = await files.read(configPath, limits)
  if (bytes === null) throw new MonError(`cannot read config ${configPath}: no such file (set --config or MON_CONFIG, or run mon init)`)
  const decoded = decodeUtf8(bytes)
  if ('bad' in decoded) {
    const {line, column, byte} = decoded.bad
    const message = `the file is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}); save it as UTF-8`
    return {model: null, errors: [{file: configPath, line, column, path: '', message}], warnings: [], counts: countsOf(null), text: '', sources: new Map()}
  }
  return analyse(decoded.text, configPath, [(data) => registryPathFindings(data, path.dirname(configPath))])
}

/** For commands that need a valid file: the model, or a MonError listing every error. */
export async function loadValidConfig(configPath: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<{model: MonitorsModel; warnings: Diagnostic[]; text: string; sources: SourceMap}> {
  const result = await loadConfigFile(configPath, limits)
  if (!result.model) {
    const count = plural(result.errors.length, 'error')
    throw new MonError(`${configPath} is invalid (${count}; see mon validate):\n${result.errors.map(formatDiagnostic).join('\n')}`, {
      details: {errors: result.errors, warnings: result.warnings},
    })
  }
  return {model: result.model, warnings: result.warnings, text: result.text, sources: result.sources}
}

/** `monitors.yaml:14:9 entities[1].endpoints[0].url: must be an absolute http(s) URL` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}${d.path === '' ? '' : ` ${d.path}`}: ${d.message}`
}

export {DEFAULT_READ_LIMITS, STDIN_CONFIG, type ReadLimits} from './read-limits.js'

function analyse(text: string, file: string, extraRules: ExtraRule[]): LoadResult {
  const parsed = parseYaml(text)
  const diagnostics: Array<Diagnostic & {severity: 'error' | 'warning'}> = parsed.problems.map((problem) => ({
    file,
    ...positionAt(parsed, problem.offset),
    path: formatPath(pathAtOffset(parsed, problem.offset)),
    message: problem.message,
    severity: problem.severity,
  }))
  const where: Where = (at, options) => {
    const {line, column} = positionOf(parsed, at, options)
    return `${file}:${line}:${column} (${formatPath(at)})`
  }
  const findings: Finding[] = []
  const data = parsed.data
  if (parsed.problems.some((problem) => problem.fatal)) {
    // Report the YAML errors alone: what was recovered around them would only add noise.
  } else if (data === null || data === undefined) {
    if (!parsed.problems.some((problem) => problem.severity === 'error')) {
      findings.push({path: [], severity: 'error', message: 'the file is empty: expected a mapping with version: 1 and entities'})
    }
  } else if (typeof data !== 'object' || Array.isArray(data)) {
    findings.push({path: [], severity: 'error', message: `the file must be a mapping with version: 1 and entities (got ${Array.isArray(data) ? 'a list' : 'a single value'})`})
  } else {
    // Text that cannot be stored is the cause of whatever else is said at its path (an unknown
    // key would even echo the control character): one message per mistake, that one.
    const text = textFindings(data)
    const flagged = new Set(text.map((f) => formatPath(f.path)))
    findings.push(...text, ...[...schemaFindings(data), ...ruleFindings(data, where)].filter((f) => !flagged.has(formatPath(f.path))))
    for (const rule of extraRules) findings.push(...rule(data))
  }
  // A value the YAML layer already rejected (an unknown tag) is not judged again.
  const rejected = diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)
  const alreadyReported = (finding: Finding): boolean => {
    const at = formatPath(finding.path)
    return rejected.some((bad) => bad !== '' && (at === bad || at.startsWith(`${bad}.`) || at.startsWith(`${bad}[`)))
  }
  for (const finding of findings) if (!alreadyReported(finding)) diagnostics.push(place(parsed, file, finding))
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
  const strip = ({severity: _severity, ...d}: Diagnostic & {severity: string}): Diagnostic => d
  const errors = dedupe(diagnostics.filter((d) => d.severity === 'error').map(strip))
  const warnings = dedupe(diagnostics.filter((d) => d.severity === 'warning').map(strip))
  const model = errors.length === 0 ? normalise(data as MonitorsFile) : null
  return {model, errors, warnings, counts: countsOf(data), text, sources: model ? singleFileSources(model, file) : new Map()}
}

function place(parsed: ParsedYaml, file: string, finding: Finding): Diagnostic & {severity: 'error' | 'warning'} {
  const {line, column} = positionOf(parsed, finding.path, {key: finding.atKey})
  return {file, line, column, path: formatPath(finding.path), message: finding.message, severity: finding.severity}
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

/** A relative registry path is resolved at check time against the file's directory (or --base-dir); warn when it is not there. */
function registryPathFindings(data: unknown, baseDir: string): Finding[] {
  const findings: Finding[] = []
  const entities = (data as {entities?: unknown} | null)?.entities
  if (!Array.isArray(entities)) return findings
  const exists = new Map<string, boolean>()
  for (const [e, entity] of entities.entries()) {
    const registry = (entity as {registry?: unknown} | null)?.registry
    if (!Array.isArray(registry)) continue
    for (const [r, entry] of registry.entries()) {
      const entryPath = (entry as {path?: unknown} | null)?.path
      if (typeof entryPath !== 'string' || entryPath === '' || path.isAbsolute(entryPath) || /^[A-Za-z][A-Za-z0-9+.-]+:/.test(entryPath)) continue
      const resolved = path.resolve(baseDir, entryPath)
      if (!exists.has(resolved)) exists.set(resolved, existsSync(resolved))
      if (!exists.get(resolved)) {
        findings.push({
          path: ['entities', e, 'registry', r, 'path'],
          severity: 'warning',
          message: `${entryPath} does not exist beside this file (mon check resolves it against the directory of monitors.yaml, or --base-dir)`,
        })
      }
    }
  }
  return findings
}
