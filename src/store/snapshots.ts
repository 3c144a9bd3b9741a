/** Appending snapshots: what `mon check` writes. */
import type {Driver, SqlValue} from './driver.js'
import type {SnapshotRow} from '../rows.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'
import {addToRollups} from './rollups.js'

export const SNAPSHOT_COLUMNS = ['id', 'entity_id', 'endpoint_id', 'registry_id', 'status', 'detail', 'payload_json', 'latency_ms', 'phases_ms_json', 'observed_at'] as const

export interface InsertOptions {
  /** Wait at most this long for another writer's lock (`mon check --lock-timeout`). */
  lockTimeoutMs?: number
  /** Skip a snapshot whose id is already there: replaying a spool file twice (a crash between insert and delete) adds nothing. */
  skipExisting?: boolean
}

/** Appends snapshots in one transaction, as multi-row INSERTs, with their hour and day rollups; returns how many were added. */
export async function insertSnapshots(driver: Driver, rows: readonly SnapshotRow[], options: InsertOptions = {}): Promise<number> {
  if (rows.length === 0) return 0
  const transaction = options.lockTimeoutMs === undefined ? {} : {lockTimeoutMs: options.lockTimeoutMs, exclusive: false}
  return driver.transaction(async () => {
    await addToRollups(driver, rows, {skipExisting: options.skipExisting})
    const tuple = `(${placeholders(SNAPSHOT_COLUMNS.length)})`
    const conflict = options.skipExisting ? ' ON CONFLICT (id) DO NOTHING' : ''
    let added = 0
    for (const chunk of batches(rows, rowsPerStatement(SNAPSHOT_COLUMNS.length))) {
      const params: SqlValue[] = []
      for (const row of chunk) for (const column of SNAPSHOT_COLUMNS) params.push(row[column])
      added += await driver.run(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}${conflict}`, params)
    }
    return added
  }, transaction)
}
