/**
 * What `mon validate` prints, in each of its formats. Pure: the command
 * decides where it goes and whether colour is on.
 */
import type {ConfigCounts, Diagnostic, LoadResult} from './load.js'
import {formatDiagnostic} from './load.js'

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

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}

/** `monitors.yaml: valid (5 entities, 11 endpoints, 1 registry entry)` or `monitors.yaml: 3 errors, 1 warning`. */
export function summaryLine(file: string, report: ValidationReport): string {
  const {counts} = report
  const size = `${plural(counts.entities, 'entity', 'entities')}, ${plural(counts.endpoints, 'endpoint')}, ${plural(counts.registry_index, 'registry entry', 'registry entries')}`
  const warnings = report.warnings.length > 0 ? `, ${plural(report.warnings.length, 'warning')}` : ''
  if (report.valid) return `${file}: valid${warnings} (${size})`
  return `${file}: ${plural(report.errors.length, 'error')}${warnings}`
}

export interface Paint {
  error: (text: string) => string
  warning: (text: string) => string
  ok: (text: string) => string
}

export const NO_PAINT: Paint = {error: (t) => t, warning: (t) => t, ok: (t) => t}
export const ANSI_PAINT: Paint = {
  error: (t) => `\u001B[31m${t}\u001B[39m`,
  warning: (t) => `\u001B[33m${t}\u001B[39m`,
  ok: (t) => `\u001B[32m${t}\u001B[39m`,
}

/** One line per diagnostic in file order (a warning says so), then the summary. */
export function renderText(file: string, report: ValidationReport, paint: Paint = NO_PAINT): string {
  const lines = [
    ...report.errors.map((d) => ({d, warning: false})),
    ...report.warnings.map((d) => ({d, warning: true})),
  ]
    .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column)
    .map(({d, warning}) => (warning ? paint.warning(formatDiagnostic({...d, message: `warning: ${d.message}`})) : paint.error(formatDiagnostic(d))))
  const summary = summaryLine(file, report)
  lines.push(report.valid ? paint.ok(summary) : paint.error(summary))
  return `${lines.join('\n')}\n`
}

/** GitHub Actions workflow commands, so each problem is annotated on the pull request's diff. */
export function renderGithub(file: string, report: ValidationReport): string {
  const command = (kind: 'error' | 'warning', d: Diagnostic): string =>
    `::${kind} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty('mon validate')}::${escapeData(d.path === '' ? d.message : `${d.path}: ${d.message}`)}`
  const lines = [...report.errors.map((d) => command('error', d)), ...report.warnings.map((d) => command('warning', d))]
  lines.push(summaryLine(file, report))
  return `${lines.join('\n')}\n`
}

/** Workflow-command escaping (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** Property values also escape `:` and `,` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
