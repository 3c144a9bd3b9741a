/**
 * Fingerprints. `appliedHash` is what apply stores in `applied_hash`, so that a
 * later hand edit of a managed row shows as drift. `baseFingerprint` names the
 * whole observed state a plan was made against, so that a saved plan can be
 * refused when the database moved on.
 */
import {createHash} from 'node:crypto'

import {MANAGED_COLUMNS, TABLES, type ObservedState, type Table} from './types.js'

type Row = Record<string, unknown>

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v !== undefined) out[key] = sortKeys(v)
    }
    return out
  }
  return value
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function managedValues(table: Table, row: Row): unknown[] {
  return MANAGED_COLUMNS[table].map((column) => row[column] ?? null)
}

/** The hash of a row's managed columns: what apply writes to `applied_hash`. */
export function appliedHash(table: Table, row: Row): string {
  return sha256(JSON.stringify([table, ...managedValues(table, row)]))
}

function stateLine(table: Table, row: Row): string {
  return JSON.stringify([table, row.id, ...managedValues(table, row), row.retired_at ?? null, row.applied_at ?? null, row.applied_hash ?? null])
}

function byId(a: Row, b: Row): number {
  const x = String(a.id)
  const y = String(b.id)
  return x < y ? -1 : x > y ? 1 : 0
}

/** One hash over every observed row's managed columns and bookkeeping, in a fixed order. */
export function baseFingerprint(observed: ObservedState): string {
  const hash = createHash('sha256')
  for (const table of TABLES) {
    // Sorted here, not by SQL: PostgreSQL collations do not order like SQLite.
    const rows = [...(observed[table] as unknown as Row[])].sort(byId)
    for (const row of rows) hash.update(stateLine(table, row)).update('\n')
  }
  return hash.digest('hex')
}

export type RowHashes = Record<Table, Record<string, string>>

/** Per-row state hashes (shortened), kept in a saved plan to name the rows that changed since. */
export function rowStateHashes(observed: ObservedState): RowHashes {
  const out = {entities: {}, endpoints: {}, registry_index: {}} as RowHashes
  for (const table of TABLES) {
    for (const row of observed[table] as unknown as Row[]) {
      out[table][String(row.id)] = sha256(stateLine(table, row)).slice(0, 16)
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
