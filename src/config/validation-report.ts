/**
 * What `mon validate` prints, in each of its formats. Pure: the command
 * decides where it goes and whether colour is on.
 */
import type {ConfigCounts, Diagnostic, LoadResult} from './load.js'
import {formatDiagnostic} from './load.js'
import {plural} from '../plural.js'
import {NO_PAINT, type Paint} from '../terminal.js'

/** The `--json` shape fixed by the spec. */
export interface ValidationReport {
  valid: boolean
  errors: Diagnostic[]
  warnings: Diagnostic[]
  counts: ConfigCounts
}

export function validationReport(result: LoadResult): ValidationReport {
  return {valid: result.errors.length === 0, errors: result.errors, warnings: result.warnings, counts: result.counts}
}

/** `monitors.yaml: valid (5 entities, 11 endpoints, 1 registry entry)` or `monitors.yaml: 3 errors, 1 warning`. */
export function summaryLine(file: string, report: ValidationReport): string {
  const {counts} = report
  const size = `${plural(counts.entities, 'entity', 'entities')}, ${plural(counts.endpoints, 'endpoint')}, ${plural(counts.registry_index, 'registry entry', 'registry entries')}`
  const warnings = report.warnings.length > 0 ? `, ${plural(report.warnings.length, 'warning')}` : ''
  if (report.valid) return `${file}: valid${warnings} (${size})`
  return `${file}: ${plural(report.errors.length, 'error')}${warnings}`
}

/**
 * One line per diagnostic in load order (a warning says so), then the
 * summary. Lines close with SGR 39 (foreground only), as validate always has.
 */
export function renderText(file: string, report: ValidationReport, paint: Paint = NO_PAINT): string {
  const lines = [
    ...report.errors.map((d) => ({d, warning: false})),
    ...report.warnings.map((d) => ({d, warning: true})),
  ]
    // Load order: the main file, then the included files by path; in each, by position.
    .sort((a, b) => Number(a.d.file !== file) - Number(b.d.file !== file) || (a.d.file < b.d.file ? -1 : a.d.file > b.d.file ? 1 : 0) || a.d.line - b.d.line || a.d.column - b.d.column)
    .map(({d, warning}) => (warning ? paint('yellow', formatDiagnostic({...d, message: `warning: ${d.message}`}), 'foreground') : paint('red', formatDiagnostic(d), 'foreground')))
  lines.push(paint(report.valid ? 'green' : 'red', summaryLine(file, report), 'foreground'))
  return `${lines.join('\n')}\n`
}

/**
 * GitHub Actions workflow commands, so each problem is annotated on the pull
 * request's diff. GitHub places an annotation by its path from the
 * repository root: `paths` maps each diagnostic's file to it.
 */
export function renderGithub(file: string, report: ValidationReport, paths: ReadonlyMap<string, string> = new Map()): string {
  const command = (kind: 'error' | 'warning', d: Diagnostic): string =>
    `::${kind} file=${escapeProperty(paths.get(d.file) ?? d.file)},line=${d.line},col=${d.column},title=${escapeProperty('mon validate')}::${escapeData(d.path === '' ? d.message : `${d.path}: ${d.message}`)}`
  const lines = [...report.errors.map((d) => command('error', d)), ...report.warnings.map((d) => command('warning', d))]
  lines.push(summaryLine(file, report))
  return `${lines.join('\n')}\n`
}

/** Every file a report names, main first (for `renderGithub`'s paths). */
export function reportFiles(file: string, report: ValidationReport): string[] {
  return [...new Set([file, ...report.errors.map((d) => d.file), ...report.warnings.map((d) => d.file)])]
}

/** Workflow-command escaping (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** Property values also escape `:` and `,` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
