// The effective CheckSettings of an endpoint as JSON text, so that check
// probes what was applied without reading the file.

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  await db.exec('ALTER TABLE endpoints ADD COLUMN check_json TEXT')
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  await db.exec('ALTER TABLE endpoints DROP COLUMN check_json')
}
