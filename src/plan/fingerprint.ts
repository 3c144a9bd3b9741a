/**
 * Fingerprints. `fingerprint` is what apply stores in `applied_hash`, so that
 * a later hand edit of a managed row shows as drift. `baseFingerprint` names
 * the whole observed state a plan was made against, so that a saved plan can
 * be refused when the database moved on.
 *
 * A row's fingerprint is taken over the canonical JSON of its managed
 * `{column: value}` pairs with NULLs left out, behind a version prefix. So a
 * migration that adds a column left NULL changes no fingerprint, and one that
 * fills a column in re-stamps exactly the rows whose fingerprint matched
 * (through `restamp` in their context, store/migration-context.ts).
 */
import {createHash} from 'node:crypto'

import {canonicalJson, sha256} from '../canonical-json.js'
import {FIELDS, TABLES, managedColumns, withBackfill, type FieldTable, type Table} from '../config/fields.js'
import type {ObservedState} from './types.js'

type Row = Record<string, unknown>

const VERSION = 'v2'

/** Each table's managed columns in sorted order, per field table: the key order of canonical JSON. */
const SORTED = new WeakMap<FieldTable, Record<Table, string[]>>()

function sortedColumns(table: Table, fields: FieldTable): string[] {
  let sorted = SORTED.get(fields)
  if (!sorted) {
    sorted = Object.fromEntries(TABLES.map((t) => [t, managedColumns(t, fields).sort()])) as Record<Table, string[]>
    SORTED.set(fields, sorted)
  }
  return sorted[table]
}

/**
 * The canonical JSON of a row's managed `{column: value}` pairs, NULLs left
 * out: the same text as canonicalJson of that object (managed values are
 * text, so no deeper sorting is needed), built directly, since a plan of a
 * large inventory takes it for every row.
 */
function managedJson(table: Table, row: Row, fields: FieldTable): string {
  let out = ''
  for (const column of sortedColumns(table, fields)) {
    const value = row[column]
    if (value === null || value === undefined) continue
    out += `${out === '' ? '' : ','}${JSON.stringify(column)}:${typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value)}`
  }
  return `{${out}}`
}

/** The fingerprint of a row's managed columns: what apply writes to `applied_hash`. */
export function fingerprint(table: Table, row: Row, fields: FieldTable = FIELDS): string {
  return `${VERSION}:${sha256(`${table}\n${managedJson(table, row, fields)}`)}`
}

/**
 * Releases up to 0.1.0 (migrations 0001-0007) hashed the values in column
 * order, so that adding a column changed every hash. Frozen: a database that
 * has not run migration 0008 yet still holds these, and plans clean.
 */
const V1_COLUMNS: Record<Table, readonly string[]> = {
  entities: ['type', 'label', 'owner', 'docs_ref', 'notes'],
  endpoints: ['entity_id', 'kind', 'url', 'method', 'check_json'],
  registry_index: ['entity_id', 'registry_path', 'authority', 'format'],
  // Written only by releases that stamp v2.
  notifiers: [],
  maintenance_windows: [],
}

export function fingerprintV1(table: Table, row: Row): string {
  return sha256(JSON.stringify([table, ...V1_COLUMNS[table].map((column) => row[column] ?? null)]))
}

/** The last answer per row object: a plan asks for each row twice (drift, then the base), and rows are not edited in between. */
const MATCHED = new WeakMap<Row, {stored: string; fields: FieldTable; matches: boolean}>()

/** Whether a stored fingerprint, of any version mon has written, matches the row as it is now. */
export function fingerprintMatches(table: Table, row: Row, stored: unknown, fields: FieldTable = FIELDS): boolean {
  if (typeof stored !== 'string') return false
  const known = MATCHED.get(row)
  if (known && known.stored === stored && known.fields === fields) return known.matches
  const matches = stored.startsWith(`${VERSION}:`) ? stored === fingerprint(table, row, fields) : !stored.includes(':') && stored === fingerprintV1(table, row)
  MATCHED.set(row, {stored, fields, matches})
  return matches
}

/**
 * A row's state as a saved plan pins it: what a migration keeps. Managed
 * values as they will read once migrated, and whether the row matches its
 * fingerprint, not the fingerprint's text, which a migration re-stamps: a
 * plan saved before an upgrade still applies after it.
 */
function stateLine(table: Table, row: Row, fields: FieldTable): string {
  const inSync = row.applied_hash === null || row.applied_hash === undefined ? null : fingerprintMatches(table, row, row.applied_hash, fields)
  const managed = managedJson(table, withBackfill(table, row, fields), fields)
  // Keys in sorted order, as canonicalJson would write them.
  const j = (value: unknown) => JSON.stringify(value ?? null)
  return `{"applied_at":${j(row.applied_at)},"id":${j(row.id)},"in_sync":${j(inSync)},"managed":${managed},"retired_at":${j(row.retired_at)},"table":${j(table)}}`
}

function byId(a: Row, b: Row): number {
  const x = String(a.id)
  const y = String(b.id)
  return x < y ? -1 : x > y ? 1 : 0
}

/** One hash over every observed row's managed columns and bookkeeping, in a fixed order. */
export function baseFingerprint(observed: ObservedState, fields: FieldTable = FIELDS): string {
  const hash = createHash('sha256')
  for (const table of TABLES) {
    // Sorted here, not by SQL: PostgreSQL collations do not order like SQLite.
    const rows = [...(observed[table] as unknown as Row[])].sort(byId)
    for (const row of rows) hash.update(stateLine(table, row, fields)).update('\n')
  }
  return hash.digest('hex')
}

export type RowHashes = Record<Table, Record<string, string>>

/** Per-row state hashes (shortened), kept in a saved plan to name the rows that changed since. */
export function rowStateHashes(observed: ObservedState, fields: FieldTable = FIELDS): RowHashes {
  const out = Object.fromEntries(TABLES.map((t) => [t, {}])) as RowHashes
  for (const table of TABLES) {
    for (const row of observed[table] as unknown as Row[]) {
      out[table][String(row.id)] = sha256(stateLine(table, row, fields)).slice(0, 16)
    }
  }
  return out
}

export interface StaleRow {
  table: Table
  id: string
  how: 'changed' | 'added' | 'removed'
}

/** The rows whose state differs between two sets of per-row hashes, in table and id order. */
export function staleRows(saved: RowHashes, current: RowHashes): StaleRow[] {
  const out: StaleRow[] = []
  for (const table of TABLES) {
    const before = saved[table] ?? {}
    const now = current[table] ?? {}
    const ids = new Set([...Object.keys(before), ...Object.keys(now)])
    for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!(id in now)) out.push({table, id, how: 'removed'})
      else if (!(id in before)) out.push({table, id, how: 'added'})
      else if (before[id] !== now[id]) out.push({table, id, how: 'changed'})
    }
  }
  return out
}
