// The four tables of the original design, exactly as designed. Never edit
// this file once released: later changes are later migrations.

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  await db.exec(`
CREATE TABLE entities (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, label TEXT NOT NULL, owner TEXT NOT NULL,
  docs_ref TEXT, notes TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE endpoints (
  id TEXT PRIMARY KEY, entity_id TEXT NOT NULL, kind TEXT NOT NULL, url TEXT NOT NULL,
  method TEXT DEFAULT 'GET', FOREIGN KEY(entity_id) REFERENCES entities(id));
CREATE TABLE registry_index (
  id TEXT PRIMARY KEY, entity_id TEXT NOT NULL, registry_path TEXT NOT NULL,
  authority TEXT NOT NULL, format TEXT DEFAULT 'json', FOREIGN KEY(entity_id) REFERENCES entities(id));
CREATE TABLE snapshots (
  id TEXT PRIMARY KEY, entity_id TEXT NOT NULL, endpoint_id TEXT, status TEXT NOT NULL,
  detail TEXT, payload_json TEXT, observed_at TEXT DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY(entity_id) REFERENCES entities(id), FOREIGN KEY(endpoint_id) REFERENCES endpoints(id));
`)
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  // Children first: the foreign keys are enforced.
  await db.exec(`
DROP TABLE snapshots;
DROP TABLE registry_index;
DROP TABLE endpoints;
DROP TABLE entities;
`)
}
