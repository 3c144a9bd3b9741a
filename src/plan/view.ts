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
import type {Action, Change, Plan} from './types.js'

export const SYMBOL: Record<Action, string> = {create: '+', update: '~', retire: '-', revive: '↺'}

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
  /** Changed fields of an update or revive; a create lists none (its headline says what it is). */
  fields: FieldLine[]
  /** Unchanged fields, counted where fields are shown. */
  hidden: number
  /** For a retire: the snapshots that stay; null when unknown. */
  kept: number | null
  /** For a new, changed or revived endpoint: every header it sends and the variables each one reads. */
  headers: HeaderLine[]
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
}

const DURATION_FIELDS = new Set(['check.degraded_after', 'check.timeout'])

/** A field value as the plan prints it: JSON, with durations in their written form. */
export function formatValue(key: string, value: unknown): string {
  if (DURATION_FIELDS.has(key) && typeof value === 'number') return JSON.stringify(formatDuration(value))
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

function summaryLine(plan: Plan): string {
  const s = plan.summary
  const pending = plan.migrations.pending.length === 0 ? 'none' : plan.migrations.pending.join(', ')
  return `Plan: ${s.create} to add, ${s.update} to change, ${s.retire} to retire, ${s.revive} to revive. Pending migrations: ${pending}.`
}

function massRetireWarning(plan: Plan, applied: boolean): string | null {
  const m = plan.mass_retire
  if (!m.triggered) return null
  // After an apply that went through, the flag was given: say what happened, not what would be refused.
  const rows = `${m.retiring} of ${m.active} active ${TABLE_NOUNS[m.table]}`
  if (applied) return `Retired ${rows}, as --allow-mass-retire allowed.`
  return `This plan retires ${rows}; apply refuses that unless --allow-mass-retire.`
}

/** The target column and the bracketed notes of a change's headline. */
function headline(change: Change): {target: string | null; notes: string[]} {
  const f = (key: string) => String(change.fields[key]?.after ?? '')
  if (change.action === 'retire') {
    const kept = change.snapshots_kept ?? null
    return {target: null, notes: ['retire', kept === null ? 'snapshots kept' : `${plural(kept, 'snapshot')} kept`]}
  }
  if (change.action === 'create') {
    if (change.table === 'entities') return {target: null, notes: [`${f('type')}, owner ${f('owner')}`]}
    if (change.table === 'endpoints') return {target: `${f('method')} ${f('url')}`, notes: []}
    return {target: f('path'), notes: [`${f('format')}, authority ${f('authority')}`]}
  }
  const notes: string[] = []
  if (change.action === 'revive') notes.push('revive')
  if (change.adopt) notes.push('adopt: unmanaged row, managed by the file from now on')
  if (change.drift && Object.keys(change.fields).length === 0) notes.push('edited by hand to match the file; recorded as applied')
  return {target: null, notes}
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
  const shown = change.action === 'update' || change.action === 'revive'
  const fields = shown
    ? Object.entries(change.fields).map(([name, {before, after}]) => ({name, before: formatValue(name, before), after: formatValue(name, after)}))
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
    hidden: fields.length > 0 ? change.unchanged_fields : 0,
    kept: change.action === 'retire' ? (change.snapshots_kept ?? null) : null,
    headers: headerLines(change),
  }
}

/** `applied`: the plan was just written by apply (apply's own output), not proposed. */
export function planView(plan: Plan, options: {applied?: boolean} = {}): PlanView {
  return {
    summary: summaryLine(plan),
    warning: massRetireWarning(plan, options.applied ?? false),
    rows: plan.changes.map(changeRow),
    unmanaged: plan.unmanaged.map((row) => ({noun: TABLE_NOUN[row.table], id: row.id})),
  }
}

/** A row as diff lines, unindented: the headline, then its fields and the hidden count. */
export function rowLines(row: ChangeRow): string[] {
  const target = row.target === null ? '' : `   ${row.target}`
  const notes = row.notes.length > 0 ? ` (${row.notes.join('; ')})` : ''
  const lines = [`${row.symbol} ${row.noun.padEnd(8)} ${row.id}${target}${notes}`]
  for (const field of row.fields) lines.push(`    ${field.name}: ${field.before} -> ${field.after}`)
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
