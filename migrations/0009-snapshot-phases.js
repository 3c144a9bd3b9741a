// Where each check's time went (resolve, connect, tls, processing, transfer,
// in ms; see src/check/phases.ts), as the JSON of its phases_ms. A column of
// its own, beside the copy in payload_json, so that status and its Prometheus
// output read a few bytes a snapshot and never the payload, as with
// latency_ms. Rows written before it hold NULL: no phases were measured.

/** Rolling back drops the column: the phases of every snapshot since would be lost. */
export const downLoses = {
  loses: 'the phase timings of each snapshot (snapshots.phases_ms_json)',
  probe: 'SELECT 1 FROM snapshots WHERE phases_ms_json IS NOT NULL LIMIT 1',
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  await db.exec('ALTER TABLE snapshots ADD COLUMN phases_ms_json TEXT')
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  await db.exec('ALTER TABLE snapshots DROP COLUMN phases_ms_json')
}
