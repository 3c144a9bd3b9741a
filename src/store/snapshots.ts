/** Appending snapshots: what `mon check` writes. */
import type {Driver, SqlValue} from './driver.js'
import type {SnapshotRow} from '../rows.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'

const SNAPSHOT_COLUMNS = ['id', 'entity_id', 'endpoint_id', 'registry_id', 'status', 'detail', 'payload_json', 'latency_ms', 'observed_at'] as const

/** Appends snapshots in one transaction, as multi-row INSERTs. */
export async function insertSnapshots(driver: Driver, rows: readonly SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return
  await driver.transaction(async () => {
    const tuple = `(${placeholders(SNAPSHOT_COLUMNS.length)})`
    for (const chunk of batches(rows, rowsPerStatement(SNAPSHOT_COLUMNS.length))) {
      const params: SqlValue[] = []
      for (const row of chunk) for (const column of SNAPSHOT_COLUMNS) params.push(row[column])
      await driver.run(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, params)
    }
  })
}
