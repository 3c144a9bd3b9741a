/**
 * The plan as people read it, built once and drawn by every human view (the
 * terminal text and the pull-request markdown), the way Terraform's renderer
 * draws one diff model in each of its views: a row per change with its
 * symbol, noun, id, what it is, its notes and its field lines, and the
 * sentences that frame them. The views only lay it out.
 */
import {envReferences} from '../config/env-refs.js'
import {parseCheckJson} from '../config/fields.js'
import {formatDuration} from '../duration.js'
import {plural} from '../plural.js'
import {TABLE_NOUN, TABLE_NOUNS} from '../config/fields.js'
import type {Table} from '../config/fields.js'
import {fileOrder, groupByFile} from './change-files.js'
import type {Action, Change, Plan} from './types.js'

export const SYMBOL: Record<Action, string> = {create: '+', update: '~', move: '→', retire: '-', revive: '↺'}

export interface FieldLine {
  name: string
  /** Values as the plan prints them: JSON, durations in their written form. */
  before: string
  after: string
}

export interface ChangeRow {
  action: Action
  symbol: string
  /** `entity`, `endpoint` or `registry`. */
  noun: string
  id: string
  drift: boolean
  adopt: boolean
  /** What a new row points at, shown as a column after the id: `GET http://…`, a registry path. */
  target: string | null
  /**
   * Said in brackets after the id (or the target). A retire or revive names
   * its action first, since the text has no action column.
   */
  notes: string[]
  /** Changed fields of an update or revive. */
  fields: FieldLine[]
  /**
   * Every setting of a new row, as Terraform shows every attribute on
   * create, read from the field table, so that a new field shows up here
   * unasked. Left out: what the headline already says and headers (their
   * values may hold a secret; `headers` names them with their variables).
   */
  settings: SettingLine[]
  /** Unchanged fields, counted where fields are shown. */
  hidden: number
  /** For a retire: the snapshots that stay; null when unknown. */
  kept: number | null
  /** For a new, changed or revived endpoint: every header it sends and the variables each one reads. */
  headers: HeaderLine[]
  /** The file that declares the row; null for a retire. */
  file: string | null
}

export interface SettingLine {
  name: string
  /** As the plan prints values: JSON, durations in their written form. */
  value: string
}

/** A header an endpoint sends: its name and the `${VAR}` names in its value, never the value. */
export interface HeaderLine {
  name: string
  env: string[]
}

export interface UnmanagedLine {
  noun: string
  id: string
}

export interface PlanView {
  /** `Plan: 2 to add, …`: first in every view where a reader might stop early. */
  summary: string
  /** The mass-retire guard's sentence, when it is triggered. */
  warning: string | null
  /** Every change in plan order; a view splits them by `drift`. */
  rows: ChangeRow[]
  unmanaged: UnmanagedLine[]
  /** When the changes come from more than one file: the files in the order their groups are drawn (change-files.ts); else null. */
  files: string[] | null
  /** With `plan --base`: what the plan compares, said first; null against a database. */
  header: string | null
  /** What a plan with no changes says. */
  none: string
}

export interface ViewOptions {
  /** The plan was just written by apply (apply's own output), not proposed. */
  applied?: boolean
  /** `plan --base`: the sentence naming the two files compared; there is no database, so no migrations. */
  comparing?: string
}

const DURATION_FIELDS = new Set(['check.degraded_after', 'check.timeout', 'check.interval', 'alert.remind_every'])

/** A field value as the plan prints it: JSON, with durations in their written form. */
export function formatValue(key: string, value: unknown): string {
  if (DURATION_FIELDS.has(key) && typeof value === 'number') return JSON.stringify(formatDuration(value))
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

function summaryLine(plan: Plan, database: boolean): string {
  const s = plan.summary
  const pending = plan.migrations.pending.length === 0 ? 'none' : plan.migrations.pending.join(', ')
  // Moves are said only when there are some, so that a plan without `moved:` reads as it always has.
  const moves = s.move > 0 ? ` ${s.move} to move,` : ''
  return `Plan: ${s.create} to add, ${s.update} to change,${moves} ${s.retire} to retire, ${s.revive} to revive.${database ? ` Pending migrations: ${pending}.` : ''}`
}

function massRetireWarning(plan: Plan, applied: boolean): string | null {
  const m = plan.mass_retire
  if (!m.triggered) return null
  // After an apply that went through, the flag was given: say what happened, not what would be refused.
  const rows = `${m.retiring} of ${m.active} active ${TABLE_NOUNS[m.table]}`
  if (applied) return `Retired ${rows}, as --allow-mass-retire allowed.`
  return `This plan retires ${rows}; apply refuses that unless --allow-mass-retire.`
}

/** The fields a new row's headline shows (its target and notes), so its setting lines leave them out. */
const HEADLINE_FIELDS: Record<Table, readonly string[]> = {
  entities: ['type', 'owner'],
  endpoints: ['method', 'url'],
  registry_index: ['path', 'format', 'authority'],
  notifiers: ['type'],
  maintenance_windows: [],
}

/** The tables whose rows have snapshots, which a retirement keeps. */
const SNAPSHOT_TABLES = new Set<string>(['entities', 'endpoints', 'registry_index'])

/** The target column and the bracketed notes of a change's headline. */
function headline(change: Change): {target: string | null; notes: string[]} {
  const f = (key: string) => String(change.fields[key]?.after ?? '')
  if (change.action === 'retire') {
    // Notifiers and windows have no snapshots: a retired notifier keeps its delivery history.
    if (change.table === 'notifiers') return {target: null, notes: ['retire', 'delivery history kept']}
    if (change.table === 'maintenance_windows') return {target: null, notes: ['retire']}
    const kept = change.snapshots_kept ?? null
    return {target: null, notes: ['retire', kept === null ? 'snapshots kept' : `${plural(kept, 'snapshot')} kept`]}
  }
  if (change.action === 'create') {
    if (change.table === 'entities') return {target: null, notes: [`${f('type')}, owner ${f('owner')}`]}
    if (change.table === 'endpoints') return {target: `${f('method')} ${f('url')}`, notes: []}
    if (change.table === 'notifiers') return {target: null, notes: [f('type')]}
    if (change.table === 'maintenance_windows') return {target: null, notes: []}
    return {target: f('path'), notes: [`${f('format')}, authority ${f('authority')}`]}
  }
  const notes: string[] = []
  if (change.action === 'move') {
    const n = change.snapshots ?? null
    // Unknown (a database before its migrations): say that history follows without a number.
    notes.push(n === null ? 'its snapshots follow' : plural(n, 'snapshot follows', 'snapshots follow'))
    if (change.revive) notes.push('revives a retired row')
  }
  if (change.action === 'revive') notes.push('revive')
  if (change.adopt) notes.push('adopt: unmanaged row, managed by the file from now on')
  if (change.drift && Object.keys(change.fields).length === 0) notes.push('edited by hand to match the file; recorded as applied')
  return {target: change.action === 'move' ? `moved from ${change.from ?? '?'}` : null, notes}
}

/**
 * What a reviewer must see in a pull request: which environment variables
 * each header of an endpoint carries to its URL. Names only, never a value.
 */
export function headerLines(change: Change): HeaderLine[] {
  if (change.table !== 'endpoints' || change.action === 'retire' || !change.row) return []
  const headers = parseCheckJson(change.row.check_json)?.headers
  if (!headers || typeof headers !== 'object') return []
  return Object.keys(headers)
    .sort()
    .map((name) => ({name, env: envReferences(String(headers[name]))}))
}

function changeRow(change: Change): ChangeRow {
  const shown = change.action === 'update' || change.action === 'revive' || change.action === 'move'
  const fields = shown
    ? Object.entries(change.fields).map(([name, {before, after}]) => ({name, before: formatValue(name, before), after: formatValue(name, after)}))
    : []
  const settings =
    change.action === 'create'
      ? Object.entries(change.fields)
          .filter(([name]) => !HEADLINE_FIELDS[change.table].includes(name) && !name.startsWith('check.headers.'))
          .map(([name, {after}]) => ({name, value: formatValue(name, after)}))
      : []
  return {
    action: change.action,
    symbol: SYMBOL[change.action],
    noun: TABLE_NOUN[change.table],
    id: change.id,
    drift: change.drift,
    adopt: change.adopt,
    ...headline(change),
    fields,
    settings,
    hidden: fields.length > 0 ? change.unchanged_fields : 0,
    kept: change.action === 'retire' && SNAPSHOT_TABLES.has(change.table) ? (change.snapshots_kept ?? null) : null,
    headers: headerLines(change),
    file: change.file ?? null,
  }
}

export function planView(plan: Plan, options: ViewOptions = {}): PlanView {
  const database = options.comparing === undefined
  return {
    summary: summaryLine(plan, database),
    warning: massRetireWarning(plan, options.applied ?? false),
    rows: plan.changes.map(changeRow),
    unmanaged: plan.unmanaged.map((row) => ({noun: TABLE_NOUN[row.table], id: row.id})),
    files: fileOrder(plan.changes, plan.config, plan.included),
    header: options.comparing ?? null,
    none: database ? 'No changes. The database matches the file.' : 'No changes. The file matches the base.',
  }
}

/** The width ids are padded to in one section of a view, so that what follows them lines up. */
export function idWidth(rows: ReadonlyArray<{id: string}>): number {
  return rows.reduce((w, row) => Math.max(w, row.id.length), 0)
}

/**
 * A section's rows as lines: under a heading per file when the view groups
 * by file (a blank line between groups), else as they are.
 */
export function groupedLines(section: ChangeRow[], files: string[] | null, heading: (name: string) => string, lines: (row: ChangeRow) => string[]): string[] {
  return groupByFile(section, files).flatMap((group, i) => [
    ...(group.heading === null ? [] : [...(i > 0 ? [''] : []), heading(group.heading)]),
    ...group.rows.flatMap(lines),
  ])
}

/**
 * A row as diff lines, unindented: the headline (its id padded to the
 * section's `width`), then a new row's settings or a changed row's fields
 * with the hidden count, then the headers it sends.
 */
export function rowLines(row: ChangeRow, width = 0): string[] {
  const notes = row.notes.length > 0 ? `(${row.notes.join('; ')})` : ''
  const rest = [row.target ?? '', notes].filter((part) => part !== '').join(' ')
  const lines = [`${row.symbol} ${row.noun.padEnd(8)} ${rest === '' ? row.id : `${row.id.padEnd(width)}  ${rest}`}`]
  const names = idWidth([...row.settings, ...row.fields].map((f) => ({id: `${f.name}:`})))
  for (const s of row.settings) lines.push(`    ${`${s.name}:`.padEnd(names)} ${s.value}`)
  for (const field of row.fields) lines.push(`    ${`${field.name}:`.padEnd(names)} ${field.before} -> ${field.after}`)
  if (row.hidden > 0) lines.push(`    (${plural(row.hidden, 'unchanged field')} hidden)`)
  for (const header of row.headers) lines.push(`    sends ${headerText(header)}`)
  return lines
}

/** `Authorization with ${MLX_TOKEN}`, `User-Agent (no variable)`. */
export function headerText(header: HeaderLine): string {
  return header.env.length === 0 ? `${header.name} (no variable)` : `${header.name} with ${header.env.map((name) => `\${${name}}`).join(', ')}`
}

export function unmanagedLine(row: UnmanagedLine): string {
  return `  ${row.noun.padEnd(8)} ${row.id}`
}
