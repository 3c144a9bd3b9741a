// Drift fingerprints become a hash of the canonical {column: value} object of
// a row's managed fields (NULLs left out) behind a version prefix, instead of
// the values in column order: so adding a managed column no longer makes every
// row look edited by hand. A row is re-stamped only where its stored
// fingerprint matched it, so a row edited by hand before the upgrade still
// shows as drift after it. The down step stamps the old form back, likewise.
const TABLES = ['entities', 'endpoints', 'registry_index']

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  for (const table of TABLES) await db.restamp(table)
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  for (const table of TABLES) await db.restamp(table, {legacy: true})
}
