// What apply needs to retire rows instead of deleting them, and to tell its
// own (managed) rows from rows it found: applied_at NULL marks an unmanaged
// row; applied_hash is the hash of the managed fields as apply wrote them.
const TABLES = ['entities', 'endpoints', 'registry_index']
const COLUMNS = ['retired_at', 'applied_at', 'applied_hash']

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  for (const table of TABLES) {
    for (const column of COLUMNS) await db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`)
  }
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  for (const table of TABLES) {
    for (const column of COLUMNS) await db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`)
  }
}
