// A registry entry may say what it expects to be served (SPEC section 8,
// `serves:`): dotted paths into its document, as canonical JSON. Entries
// applied before said nothing, which is NULL: NULLs are left out of the
// fingerprint, so adding the column re-stamps nothing and an old database
// plans clean.

export const downLoses = {
  loses: "registry entries' serves settings as applied (re-apply the file to get them back)",
  probe: 'SELECT 1 FROM registry_index WHERE serves_json IS NOT NULL LIMIT 1',
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  await db.exec('ALTER TABLE registry_index ADD COLUMN serves_json TEXT')
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  // Stamped back as without the column, so that the rows do not read as edited by hand after.
  await db.restamp('registry_index', {columns: ['serves_json'], fill: () => ({serves_json: null})})
  await db.exec('ALTER TABLE registry_index DROP COLUMN serves_json')
}
