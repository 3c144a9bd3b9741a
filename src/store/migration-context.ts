/**
 * What a migration is given as its context: the Driver (migrations 0001-0007
 * use only that), plus the fingerprint helpers that a migration which adds
 * or fills a managed column needs to keep plans clean across the upgrade.
 */
import {FIELDS, type FieldTable, type Table} from '../config/fields.js'
import {fingerprint, fingerprintMatches, fingerprintV1} from '../plan/fingerprint.js'
import type {Driver, SqlValue} from './driver.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'
import {CLEAR_LINE, redrawWanted} from '../terminal.js'
import {expandStoredForms} from './payload-bases.js'
import {expandStoredDetails} from './stored-details.js'

export interface RestampOptions {
  /**
   * Managed columns to fill in every row (managed or not): by default with
   * each field's `backfill` from the field table (or, for a field with an
   * `upgrade`, the stored value upgraded), the value a plan made before the
   * migration reads in their place, so the two cannot disagree.
   */
  columns?: readonly string[]
  /** Values for `columns` other than the backfill (e.g. NULL, to undo one in a down step); text or NULL only. */
  fill?: (row: Record<string, unknown>) => Record<string, string | null>
  /** Stamp the fingerprint of releases up to 0.1.0 (for the down of 0008). */
  legacy?: boolean
}

export interface MigrationContext extends Driver {
  /**
   * Fills `columns` in every row of a table, and re-stamps the fingerprint of
   * each managed row whose stored fingerprint matched it before: a row edited
   * by hand before the upgrade still shows as drift after it. Returns the
   * number of rows re-stamped.
   */
  restamp(table: Table, options?: RestampOptions): Promise<number>
  /** A long migration's progress, one line redrawn on stderr when it is a terminal (null erases it); nothing elsewhere. */
  progress(line: string | null): void
  /** Rewrites every snapshot stored in 0012's forms as 0009 stored it (the down of 0012); returns the rows rewritten. */
  expandSnapshotPayloads(): Promise<number>
  /** Writes every detail kept in a payload body back into its column (the down of 0013); returns the rows rewritten. */
  expandSnapshotDetails(): Promise<number>
}

function terminalProgress(line: string | null): void {
  if (!redrawWanted(process.stderr)) return
  process.stderr.write(line === null ? CLEAR_LINE : `${CLEAR_LINE}${line}`)
}

export function migrationContext(driver: Driver, fields: FieldTable = FIELDS, progress: (line: string | null) => void = terminalProgress): MigrationContext {
  const restamp = async (table: Table, options: RestampOptions = {}): Promise<number> => {
    const columns = [...(options.columns ?? [])]
    const updates: SqlValue[][] = []
    let restamped = 0
    const specs = columns.map((column) => fields[table].find((f) => f.column === column))
    const backfill = (row: Record<string, unknown>) =>
      Object.fromEntries(columns.map((column, i) => [column, specs[i]?.upgrade ? specs[i].upgrade((row[column] ?? null) as string | null) : (specs[i]?.backfill ?? null)]))
    for (const row of await driver.all(`SELECT * FROM ${table}`)) {
      const filled = {...row, ...(options.fill ? options.fill(row) : backfill(row))}
      const stored = row.applied_hash
      let stamp = (stored ?? null) as SqlValue
      if (stored !== null && stored !== undefined && fingerprintMatches(table, row, stored, fields)) {
        stamp = options.legacy ? fingerprintV1(table, filled) : fingerprint(table, filled, fields)
      }
      if (stamp !== stored) restamped++
      if (stamp !== stored || columns.length > 0) updates.push([String(row.id), ...columns.map((c) => (filled[c] ?? null) as SqlValue), stamp])
    }
    const set = [...columns, 'applied_hash'].map((c, i) => `${c} = v.column${i + 2}`).join(', ')
    const tuple = `(${placeholders(columns.length + 2)})`
    for (const batch of batches(updates, rowsPerStatement(columns.length + 2))) {
      // UPDATE ... FROM (VALUES ...) reads the same on SQLite (3.33+) and PostgreSQL, whose VALUES columns are both column1, column2, ...
      await driver.run(`UPDATE ${table} SET ${set} FROM (VALUES ${batch.map(() => tuple).join(', ')}) AS v WHERE ${table}.id = v.column1`, batch.flat())
    }
    return restamped
  }
  // Every call goes to the same driver, so to the same connection and transaction.
  return {
    engine: driver.engine,
    target: driver.target,
    forUpdate: driver.forUpdate,
    skipLocked: driver.skipLocked,
    lockWrites: (table) => driver.lockWrites(table),
    handOverMs: driver.handOverMs,
    noEndpoint: (column) => driver.noEndpoint(column),
    clusteredSnapshots: driver.clusteredSnapshots,
    indexedBy: (index) => driver.indexedBy(index),
    all: (sql, params) => driver.all(sql, params),
    allArrays: (sql, params) => driver.allArrays(sql, params),
    run: (sql, params) => driver.run(sql, params),
    exec: (sql) => driver.exec(sql),
    hasTable: (name) => driver.hasTable(name),
    transaction: (fn, options) => driver.transaction(fn, options),
    deferCheckpoints: (fn) => driver.deferCheckpoints(fn),
    // No close(): the migrator owns the connection.
    close: async () => {
      throw new Error('a migration must not close the database')
    },
    restamp,
    progress,
    expandSnapshotPayloads: () => expandStoredForms(driver),
    expandSnapshotDetails: () => expandStoredDetails(driver),
  }
}
