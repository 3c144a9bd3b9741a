/**
 * The inventory tables as apply sees them: read every row, count the
 * snapshots a retirement keeps, write a plan, record an apply run. Portable
 * SQL over the Driver; writes are batched (many rows per statement), since a
 * cold apply of a large inventory must not send one statement per row.
 */
import {ALERT_TABLES, CREATED_TABLES, FIELDS, INVENTORY_TABLES, TABLES, managedColumns, type FieldTable, type Table} from '../config/fields.js'
import {fingerprint} from '../plan/fingerprint.js'
import type {ManagedRow, ObservedState, Plan} from '../plan/types.js'
import type {Driver, SqlValue} from './driver.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'
import {SNAPSHOT_COLUMN, type ApplyRunRow} from '../rows.js'


const BOOKKEEPING = ['retired_at', 'applied_at', 'applied_hash'] as const

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value)
}

/**
 * Picks the known columns. A managed column that the database does not have
 * yet (a pending migration adds it) stays absent, not NULL: the planner reads
 * the field's backfill in its place, and the fingerprint leaves it out.
 */
function pick(row: Record<string, unknown>, managed: readonly string[], other: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {id: String(row.id)}
  for (const column of managed) if (column in row) out[column] = text(row[column])
  for (const column of other) out[column] = text(row[column])
  return out
}

/** Every row of the managed tables, active, retired and unmanaged alike. */
export async function readObserved(driver: Driver, fields: FieldTable = FIELDS): Promise<ObservedState> {
  // SELECT *: it reads a database at any migration level, before apply migrates it.
  const observed = {} as Record<Table, Record<string, unknown>[]>
  for (const table of TABLES) {
    // Before migration 0016 there are no notifiers nor windows: none observed, so the plan creates the file's.
    if (ALERT_TABLES.has(table) && !(await driver.hasTable(table))) {
      observed[table] = []
      continue
    }
    const other = CREATED_TABLES.has(table) ? ['created_at', ...BOOKKEEPING] : BOOKKEEPING
    observed[table] = (await driver.all(`SELECT * FROM ${table}`)).map((row) => pick(row, managedColumns(table, fields), other))
  }
  return observed as unknown as ObservedState
}


/** Snapshot counts per row, keyed `table:id`; rows without snapshots are absent. */
export async function snapshotCounts(driver: Driver, rows: readonly {table: Table; id: string}[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const table of INVENTORY_TABLES) {
    const column = SNAPSHOT_COLUMN[table]
    const ids = rows.filter((r) => r.table === table).map((r) => r.id)
    for (const batch of batches(ids)) {
      const found = await driver.all<{id: string; n: number}>(
        `SELECT ${column} AS id, CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE ${column} IN (${placeholders(batch.length)}) GROUP BY ${column}`,
        batch,
      )
      for (const row of found) counts.set(`${table}:${row.id}`, Number(row.n))
    }
  }
  return counts
}

/** Targets (what check probes) have an activation time: where their expected checks start. */
const ACTIVATED = (table: Table): string[] => (table === 'endpoints' || table === 'registry_index' ? ['activated_at'] : [])

/** The columns an upsert writes, per table; created_at is set on insert only, activated_at as activation() says. */
function upsertColumns(table: Table, fields: FieldTable): {insert: string[]; update: string[]} {
  const managed = managedColumns(table, fields)
  const created = CREATED_TABLES.has(table) ? ['created_at'] : []
  return {insert: ['id', ...managed, ...created, ...ACTIVATED(table), ...BOOKKEEPING], update: [...managed, ...BOOKKEEPING]}
}

/**
 * activated_at on an update: now for a retired row coming back (revival) and
 * for a row that has none (an unmanaged row adopted: its first apply); kept
 * otherwise. The CASE reads the row as it was, before this SET.
 */
function activation(table: Table): string[] {
  return ACTIVATED(table).map(
    (c) => `${c} = CASE WHEN ${table}.retired_at IS NOT NULL OR ${table}.${c} IS NULL THEN excluded.${c} ELSE ${table}.${c} END`,
  )
}

function upsertSql(table: Table, rows: number, fields: FieldTable): string {
  const {insert, update} = upsertColumns(table, fields)
  const tuple = `(${placeholders(insert.length)})`
  const values = Array.from({length: rows}, () => tuple).join(', ')
  const set = [...activation(table), ...update.map((c) => `${c} = excluded.${c}`)].join(', ')
  return `INSERT INTO ${table} (${insert.join(', ')}) VALUES ${values} ON CONFLICT (id) DO UPDATE SET ${set}`
}

function upsertValues(table: Table, row: ManagedRow, at: string, fields: FieldTable): SqlValue[] {
  const stamp: Record<string, SqlValue> = {created_at: at, activated_at: at, retired_at: null, applied_at: at, applied_hash: fingerprint(table, row, fields)}
  return upsertColumns(table, fields).insert.map((c) => (c in stamp ? stamp[c]! : (row[c] ?? null)))
}

/**
 * Writes a plan: creates, updates, revives and adoptions as batched upserts
 * (parents first, for the foreign keys), retirements as batched updates of
 * retired_at. Every time written is `at`. Call it inside the apply transaction.
 */
export async function writePlan(driver: Driver, plan: Plan, at: string, fields: FieldTable = FIELDS): Promise<void> {
  for (const table of TABLES) {
    const rows = plan.changes.filter((c) => c.table === table && c.row !== undefined).map((c) => c.row!)
    for (const batch of batches(rows, rowsPerStatement(upsertColumns(table, fields).insert.length))) {
      await driver.run(upsertSql(table, batch.length, fields), batch.flatMap((row) => upsertValues(table, row, at, fields)))
    }
  }
  for (const table of TABLES) {
    const ids = plan.changes.filter((c) => c.table === table && c.action === 'retire').map((c) => c.id)
    for (const batch of batches(ids)) {
      await driver.run(`UPDATE ${table} SET retired_at = ? WHERE retired_at IS NULL AND id IN (${placeholders(batch.length)})`, [at, ...batch])
    }
  }
}

export async function recordApplyRun(driver: Driver, run: ApplyRunRow): Promise<void> {
  await driver.run(
    'INSERT INTO apply_runs (id, applied_at, config_sha256, git_commit, actor, created, updated, retired, revived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [run.id, run.applied_at, run.config_sha256, run.git_commit, run.actor, run.created, run.updated, run.retired, run.revived],
  )
}

/** The apply runs, newest first. */
export async function applyRuns(driver: Driver, limit = 20): Promise<ApplyRunRow[]> {
  const rows = await driver.all<ApplyRunRow>(
    'SELECT id, applied_at, config_sha256, git_commit, actor, created, updated, retired, revived FROM apply_runs ORDER BY applied_at DESC, id DESC LIMIT ?',
    [limit],
  )
  return rows.map((r) => ({...r, created: Number(r.created), updated: Number(r.updated), retired: Number(r.retired), revived: Number(r.revived)}))
}
