/**
 * The planner: desired rows against observed rows, no I/O. Managed rows
 * (applied_at set) are created, updated, retired and revived to match the
 * file; unmanaged rows are adopted when the file names them and otherwise
 * listed and left alone; a managed row whose columns no longer hash to its
 * applied_hash was edited by hand (drift), and the plan puts it back.
 */
import {canonicalJson} from '../canonical-json.js'
import {FIELDS, TABLES, fieldView, withBackfill, type FieldTable, type StoredValue, type Table} from '../config/fields.js'
import type {MonitorsModel} from '../config/model.js'
import {baseFingerprint, fingerprintMatches} from './fingerprint.js'
import {renameObserved, resolveMoves, withMoves} from './moves.js'
import {desiredRows} from './rows.js'
import {
  ACTIONS,
  type Change,
  type DesiredRows,
  type FieldChange,
  type ManagedRow,
  type MassRetire,
  type ObservedState,
  type Plan,
  type Summary,
  type UnmanagedRow,
} from './types.js'

export interface PlanOptions {
  /** Names of migrations the database has not run yet; listed, never a reason to stop. */
  pendingMigrations?: string[]
  /** The managed fields (tests pass a copy with one more). */
  fields?: FieldTable
  /** What the observed state is, as a refusal names it: 'the database' unless said (`plan --base`: 'the base'). */
  against?: string
}

export function planChanges(model: MonitorsModel, observed: ObservedState, options: PlanOptions = {}): Plan {
  const desired = desiredRows(model, options.fields)
  // The file's renames first: the rows are diffed under their new ids, as apply will have renamed them.
  const moves = resolveMoves(model.moved ?? [], desired, observed, options.against)
  if (moves.length === 0) return planRows(desired, observed, options)
  // Diffed under the new ids; the base stays the state as it is, which apply checks it against.
  const plan = planRows(desired, renameObserved(observed, moves, options.fields), options, observed)
  const changes = withMoves(plan.changes, moves, desired).sort(compareChanges)
  return {...plan, changes, summary: summarise(changes)}
}

type Row = Record<string, unknown>

/** `fingerprinted`: the state `base` fingerprints, when the rows were diffed against a renamed copy of it. */
export function planRows(desired: DesiredRows, observed: ObservedState, options: PlanOptions = {}, fingerprinted: ObservedState = observed): Plan {
  const fields = options.fields ?? FIELDS
  const changes: Change[] = []
  const unmanaged: UnmanagedRow[] = []
  for (const table of TABLES) {
    const observedById = new Map<string, Row>()
    for (const row of observed[table] as unknown as Row[]) observedById.set(row.id as string, row)
    const wanted = new Set<string>()
    for (const row of desired[table]) {
      wanted.add(row.id)
      const change = changeFor(table, row, observedById.get(row.id), fields)
      if (change) changes.push(change)
    }
    for (const [id, row] of observedById) {
      if (wanted.has(id)) continue
      if (row.applied_at === null || row.applied_at === undefined) unmanaged.push({table, id})
      else if (row.retired_at === null || row.retired_at === undefined) changes.push(retireChange(table, row))
    }
  }
  changes.sort(compareChanges)
  unmanaged.sort((a, b) => TABLES.indexOf(a.table) - TABLES.indexOf(b.table) || compareIds(a.id, b.id))
  return {
    changes,
    summary: summarise(changes),
    unmanaged,
    migrations: {pending: [...(options.pendingMigrations ?? [])]},
    base: baseFingerprint(fingerprinted, fields),
    mass_retire: massRetire(changes, observed),
  }
}

function changeFor(table: Table, want: ManagedRow, raw: Row | undefined, fields: FieldTable): Change | null {
  if (!raw) {
    const created: Record<string, FieldChange> = {}
    for (const [key, after] of Object.entries(fieldView(table, want, fields))) if (after !== null) created[key] = {before: null, after}
    return withEntity(table, {action: 'create', table, id: want.id, drift: false, adopt: false, fields: created, unchanged_fields: 0, row: want}, want)
  }
  const have = withBackfill(table, raw, fields)
  const managed = have.applied_at !== null && have.applied_at !== undefined
  const retired = have.retired_at !== null && have.retired_at !== undefined
  const same = sameColumns(table, have, want, fields)
  // Drift is judged on the row as stored: a column a pending migration adds is not there yet.
  const drift = managed && !retired && !fingerprintMatches(table, raw, raw.applied_hash, fields)
  if (managed && !retired && same && !drift) return null
  const diff = same ? {fields: {}, unchanged: Object.keys(fieldView(table, want, fields)).length} : diffFields(table, have, want, fields)
  const action = retired ? 'revive' : 'update'
  return withEntity(table, {action, table, id: want.id, drift, adopt: !managed, fields: diff.fields, unchanged_fields: diff.unchanged, row: want}, want)
}

function retireChange(table: Table, have: Row): Change {
  const change: Change = {action: 'retire', table, id: have.id as string, drift: false, adopt: false, fields: {}, unchanged_fields: 0}
  return withEntity(table, change, have)
}

function withEntity(table: Table, change: Change, row: object): Change {
  const entityId = (row as Row).entity_id
  if (table !== 'entities' && typeof entityId === 'string') change.entity_id = entityId
  return change
}

function sameColumns(table: Table, a: Row, b: Row, fields: FieldTable): boolean {
  return fields[table].every(({column, same}) => {
    const [stored, wanted] = [a[column] ?? null, b[column] ?? null] as [StoredValue, StoredValue]
    return stored === wanted || (same?.(stored, wanted) ?? false)
  })
}

function diffFields(table: Table, have: Row, want: Row, fieldTable: FieldTable): {fields: Record<string, FieldChange>; unchanged: number} {
  const before = fieldView(table, have, fieldTable)
  const after = fieldView(table, want, fieldTable)
  const fields: Record<string, FieldChange> = {}
  let unchanged = 0
  const sameAs = new Map(fieldTable[table].flatMap((f) => (f.same ? [[f.name, f.same] as const] : [])))
  for (const key of unionKeys(after, before)) {
    const b = before[key] ?? null
    const a = after[key] ?? null
    if (canonicalJson(a) === canonicalJson(b) || sameAs.get(key)?.(b as StoredValue, a as StoredValue)) unchanged++
    else fields[key] = {before: b, after: a}
  }
  return {fields, unchanged}
}

/** The wanted view's keys in its order, then keys only the old row has (e.g. a removed header). */
function unionKeys(first: Row, second: Row): string[] {
  const keys = Object.keys(first)
  for (const key of Object.keys(second)) if (!(key in first)) keys.push(key)
  return keys
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Action, then table, then id: the same inputs always print the same plan. */
function compareChanges(a: Change, b: Change): number {
  return ACTIONS.indexOf(a.action) - ACTIONS.indexOf(b.action) || TABLES.indexOf(a.table) - TABLES.indexOf(b.table) || compareIds(a.id, b.id)
}

export function summarise(changes: readonly Change[]): Summary {
  const summary: Summary = {create: 0, update: 0, move: 0, retire: 0, revive: 0}
  for (const change of changes) summary[change.action]++
  return summary
}

/**
 * More than half of a table's active managed rows, and at least two, is a
 * mass retirement, in each table on its own: a file that keeps every entity
 * but drops every endpoint is as much a truncated file as an empty one.
 */
export function massRetire(changes: readonly Change[], observed: ObservedState): MassRetire {
  let entities: MassRetire | undefined
  for (const table of TABLES) {
    const rows = observed[table] as ReadonlyArray<{applied_at?: string | null; retired_at?: string | null}>
    const active = rows.filter((row) => row.applied_at !== null && row.applied_at !== undefined && (row.retired_at === null || row.retired_at === undefined)).length
    const retiring = changes.filter((c) => c.table === table && c.action === 'retire').length
    const guard = {retiring, active, triggered: retiring >= 2 && retiring * 2 > active, table}
    if (guard.triggered) return guard
    entities ??= guard
  }
  return entities!
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0
}

/** The ids whose snapshot counts a retire line prints. */
export function retiringRows(plan: Plan): {table: Table; id: string}[] {
  return plan.changes.filter((c) => c.action === 'retire').map((c) => ({table: c.table, id: c.id}))
}

/** Fills in how many snapshots each retired row keeps; `counts` is keyed `table:id`. */
export function withSnapshotCounts(plan: Plan, counts: ReadonlyMap<string, number> | null): Plan {
  // Notifiers and maintenance windows have no snapshots: no count.
  const changes = plan.changes.map((c) => (c.action === 'retire' && c.table !== 'notifiers' && c.table !== 'maintenance_windows' ? {...c, snapshots_kept: counts ? (counts.get(`${c.table}:${c.id}`) ?? 0) : null} : c))
  return {...plan, changes}
}
