/** Appending snapshots: what `mon check` writes. */
import type {Driver, SqlValue} from './driver.js'
import type {SnapshotRow} from '../rows.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'
import {addToRollups} from './rollups.js'
import {storedForms} from './payload-bases.js'
import {storedSnapshotId} from './snapshot-ids.js'
import {storedSnapshotIds} from './snapshot-keys.js'

/** How long a write waits for another snapshot writer when the caller sets no --lock-timeout. */
const DEFAULT_WRITE_WAIT_MS = 30_000

export const SNAPSHOT_COLUMNS = ['id', 'entity_id', 'endpoint_id', 'registry_id', 'status', 'detail', 'payload_json', 'latency_ms', 'phases_ms_json', 'observed_at', 'maintenance'] as const

export interface InsertOptions {
  /** Wait at most this long for another writer's lock (`mon check --lock-timeout`). */
  lockTimeoutMs?: number
  /** Skip a snapshot whose id is already there: replaying a spool file twice (a crash between insert and delete) adds nothing. */
  skipExisting?: boolean
  /** Runs in the same transaction once the rows are in: mon check steps the targets' alerts here, so a state change commits with its snapshots. */
  afterInsert?: (rows: readonly SnapshotRow[]) => Promise<unknown>
}

/** Appends snapshots in one transaction, as multi-row INSERTs, with their hour, day and week rollups; returns how many were added. */
export async function insertSnapshots(driver: Driver, rows: readonly SnapshotRow[], options: InsertOptions = {}): Promise<number> {
  if (rows.length === 0) return 0
  // The write lock from the start: the payload rule reads each target's newest rows, which must still be newest at commit.
  const transaction = {lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_WRITE_WAIT_MS, exclusive: false, snapshotWriters: true}
  return driver.transaction(async () => {
    await addToRollups(driver, rows, {skipExisting: options.skipExisting})
    // Ids without their time part (snapshot-ids.ts), after storedForms, which compares rows as judged.
    // A replay skips what is stored in either id form (a row stored whole before 0013 would not conflict with its suffix).
    const existing = options.skipExisting ? await storedSnapshotIds(driver, rows) : new Set<string>()
    const stored = (await storedForms(driver, existing.size === 0 ? rows : rows.filter((r) => !existing.has(r.id)))).map((row) => ({...row, id: storedSnapshotId(row.id, row.observed_at)}))
    const tuple = `(${placeholders(SNAPSHOT_COLUMNS.length)})`
    // No conflict target: the key is the id on PostgreSQL, (endpoint_id, observed_at, id) on SQLite's clustered table (0013).
    const conflict = options.skipExisting ? ' ON CONFLICT DO NOTHING' : ''
    let added = 0
    for (const chunk of batches(stored, rowsPerStatement(SNAPSHOT_COLUMNS.length))) {
      const params: SqlValue[] = []
      for (const row of chunk) for (const column of SNAPSHOT_COLUMNS) params.push(row[column] ?? null)
      added += await driver.run(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}${conflict}`, params)
    }
    if (options.afterInsert) await options.afterInsert(rows)
    return added
  }, transaction)
}
