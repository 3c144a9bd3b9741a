// A covering index for the per-endpoint window queries of status and report:
// (endpoint_id, observed_at, status, latency_ms) answers them from the index
// alone, without a table lookup per snapshot. It replaces 0006's
// (endpoint_id, observed_at) index, which is its prefix: every query that used
// that one can use this one. The same SQL on both engines (no INCLUDE, which
// SQLite lacks).
const COVERING = ['snapshots_endpoint_id_observed_at_status_latency_ms', 'endpoint_id, observed_at, status, latency_ms']
const REPLACED = ['snapshots_endpoint_id_observed_at', 'endpoint_id, observed_at']

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  await db.exec(`CREATE INDEX ${COVERING[0]} ON snapshots (${COVERING[1]})`)
  await db.exec(`DROP INDEX ${REPLACED[0]}`)
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  await db.exec(`CREATE INDEX ${REPLACED[0]} ON snapshots (${REPLACED[1]})`)
  await db.exec(`DROP INDEX ${COVERING[0]}`)
}
