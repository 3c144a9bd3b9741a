/**
 * The plan as a person reads it in a terminal, Terraform-style: one line per
 * change, changed fields under it, unchanged ones counted; drift and
 * unmanaged rows in their own sections; the summary line last.
 */
import {formatDuration} from '../duration.js'
import {TABLE_NOUN} from './rows.js'
import type {Action, Change, Plan} from './types.js'

export const SYMBOL: Record<Action, string> = {create: '+', update: '~', retire: '-', revive: '↺'}

const COLOUR: Record<Action, string> = {create: '32', update: '33', retire: '31', revive: '36'}

export interface TextOptions {
  /** ANSI colour; the caller decides (a terminal, and no NO_COLOR). */
  color?: boolean
  /** The plan was just applied (apply's own output), not proposed. */
  applied?: boolean
}

const DURATION_FIELDS = new Set(['check.degraded_after', 'check.timeout'])

/** A field value as the plan prints it: JSON, with durations in their written form. */
export function formatValue(key: string, value: unknown): string {
  if (DURATION_FIELDS.has(key) && typeof value === 'number') return JSON.stringify(formatDuration(value))
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary
  const pending = plan.migrations.pending.length === 0 ? 'none' : plan.migrations.pending.join(', ')
  return `Plan: ${s.create} to add, ${s.update} to change, ${s.retire} to retire, ${s.revive} to revive. Pending migrations: ${pending}.`
}

export function massRetireWarning(plan: Plan, applied = false): string | null {
  const m = plan.mass_retire
  if (!m.triggered) return null
  // After an apply that went through, the flag was given: say what happened, not what would be refused.
  if (applied) return `Retired ${m.retiring} of ${m.active} active entities, as --allow-mass-retire allowed.`
  return `This plan retires ${m.retiring} of ${m.active} active entities; apply refuses that unless --allow-mass-retire.`
}

/** What follows the id on a change's first line. */
export function headlineDetail(change: Change): string {
  if (change.action === 'retire') {
    const kept = change.snapshots_kept
    return ` (retire; ${kept === null || kept === undefined ? '' : `${kept} `}snapshot${kept === 1 ? '' : 's'} kept)`
  }
  if (change.action === 'create') {
    const f = (key: string) => String(change.fields[key]?.after ?? '')
    if (change.table === 'entities') return ` (${f('type')}, owner ${f('owner')})`
    if (change.table === 'endpoints') return `   ${f('method')} ${f('url')}`
    return `   ${f('path')} (${f('format')}, authority ${f('authority')})`
  }
  const notes: string[] = []
  if (change.action === 'revive') notes.push('revive')
  if (change.adopt) notes.push('adopt: unmanaged row, managed by the file from now on')
  if (change.drift && Object.keys(change.fields).length === 0) notes.push('edited by hand to match the file; recorded as applied')
  return notes.length > 0 ? ` (${notes.join('; ')})` : ''
}

/** The lines of one change, without colour. */
export function changeLines(change: Change): string[] {
  const lines = [`  ${SYMBOL[change.action]} ${TABLE_NOUN[change.table].padEnd(8)} ${change.id}${headlineDetail(change)}`]
  if (change.action === 'update' || change.action === 'revive') {
    for (const [key, {before, after}] of Object.entries(change.fields)) {
      lines.push(`      ${key}: ${formatValue(key, before)} -> ${formatValue(key, after)}`)
    }
    const n = change.unchanged_fields
    if (n > 0 && Object.keys(change.fields).length > 0) lines.push(`      (${n} unchanged field${n === 1 ? '' : 's'} hidden)`)
  }
  return lines
}

export function unmanagedLines(plan: Plan): string[] {
  return plan.unmanaged.map((row) => `    ${TABLE_NOUN[row.table].padEnd(8)} ${row.id}`)
}

export function renderText(plan: Plan, options: TextOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001B[${code}m${text}\u001B[0m` : text)
  const render = (change: Change) => {
    const [first, ...rest] = changeLines(change)
    return [paint(COLOUR[change.action], first!), ...rest]
  }
  const out: string[] = []
  const requested = plan.changes.filter((c) => !c.drift)
  const drifted = plan.changes.filter((c) => c.drift)
  if (plan.changes.length === 0) out.push('No changes. The database matches the file.')
  for (const change of requested) out.push(...render(change))
  if (drifted.length > 0) {
    if (out.length > 0) out.push('')
    out.push('Drift: changed in the database by hand since the last apply; this plan puts them back:')
    for (const change of drifted) out.push(...render(change))
  }
  if (plan.unmanaged.length > 0) {
    out.push('', `Unmanaged: ${plan.unmanaged.length} row${plan.unmanaged.length === 1 ? '' : 's'} not in the file, left alone:`)
    out.push(...unmanagedLines(plan))
  }
  const warning = massRetireWarning(plan, options.applied)
  if (warning) out.push('', paint('31;1', `Warning: ${warning}`))
  out.push(paint('1', summaryLine(plan)))
  return `${out.join('\n')}\n`
}

/** What `mon apply` prints: the migrations it ran, then the plan it wrote with an apply line in place of the plan's summary. */
export function renderApplied(plan: Plan, runId: string | null, migrated: readonly string[], options: TextOptions = {}): string {
  const out: string[] = []
  if (migrated.length > 0) out.push(`Migrated: ${migrated.join(', ')}.`)
  if (runId === null) {
    out.push('No changes. The database matches the file; nothing was written.')
  } else {
    out.push(renderText(plan, {...options, applied: true}).trimEnd().split('\n').slice(0, -1).join('\n'))
    const s = plan.summary
    out.push(`Apply complete: ${s.create} added, ${s.update} changed, ${s.retire} retired, ${s.revive} revived (run ${runId}).`)
  }
  return `${out.filter((line) => line !== '').join('\n')}\n`
}
