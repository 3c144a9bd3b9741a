// Snapshot bytes (see bench/size.md). The store now writes a payload as a
// body without the timings that have columns (`~{...}`), or as `=` when it
// repeats its target's newest body, and phases as an array in PHASES order
// (src/stored-payload.ts, src/store/payload-bases.ts). This migration adds
// the partial index those bases are found by, and makes the registry_id index
// partial: the column is NULL on every endpoint's snapshot. Rows already
// stored keep their whole payloads (a form every release reads); nothing is
// rewritten on the way up, so the upgrade is two index builds.
const BASES = ['snapshots_payload_bases', "(endpoint_id, registry_id, observed_at, id) WHERE substr(payload_json, 1, 1) = '~'"]
const REGISTRY = 'snapshots_registry_id_observed_at'

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  await db.exec(`DROP INDEX ${REGISTRY}`)
  await db.exec(`CREATE INDEX ${REGISTRY} ON snapshots (registry_id, observed_at) WHERE registry_id IS NOT NULL`)
  await db.exec(`CREATE INDEX ${BASES[0]} ON snapshots ${BASES[1]}`)
}

/** Nothing is lost: every `=` and body is expanded back to its whole payload first (5,000 rows a query). */
/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  await db.expandSnapshotPayloads()
  await db.exec(`DROP INDEX ${BASES[0]}`)
  await db.exec(`DROP INDEX ${REGISTRY}`)
  await db.exec(`CREATE INDEX ${REGISTRY} ON snapshots (registry_id, observed_at)`)
}
