// Indexes for the time queries of status, history and prune: per endpoint,
// per entity, per registry entry, and by time alone.
const INDEXES = [
  ['snapshots_endpoint_id_observed_at', 'endpoint_id, observed_at'],
  ['snapshots_entity_id_observed_at', 'entity_id, observed_at'],
  ['snapshots_registry_id_observed_at', 'registry_id, observed_at'],
  ['snapshots_observed_at', 'observed_at'],
]

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  for (const [name, columns] of INDEXES) await db.exec(`CREATE INDEX ${name} ON snapshots (${columns})`)
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  for (const [name] of INDEXES) await db.exec(`DROP INDEX ${name}`)
}
