// A snapshot's latency as a number (for percentiles without parsing
// payload_json), and the registry entry it checked (endpoint_id is NULL then).
// DOUBLE PRECISION, not REAL: REAL is a 4-byte float in PostgreSQL.

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  await db.exec('ALTER TABLE snapshots ADD COLUMN latency_ms DOUBLE PRECISION')
  await db.exec('ALTER TABLE snapshots ADD COLUMN registry_id TEXT REFERENCES registry_index(id)')
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  await db.exec('ALTER TABLE snapshots DROP COLUMN registry_id')
  await db.exec('ALTER TABLE snapshots DROP COLUMN latency_ms')
}
