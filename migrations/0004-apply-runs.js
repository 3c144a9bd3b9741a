// One row per apply that changed something: when, from which file and commit,
// by whom, and how many rows it created, updated, retired and revived.

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function up({context: db}) {
  await db.exec(`
CREATE TABLE apply_runs (
  id TEXT PRIMARY KEY, applied_at TEXT NOT NULL, config_sha256 TEXT NOT NULL,
  git_commit TEXT, actor TEXT,
  created INTEGER NOT NULL, updated INTEGER NOT NULL, retired INTEGER NOT NULL, revived INTEGER NOT NULL)
`)
}

/** @param {{context: import('../src/store/driver.js').Driver}} params */
export async function down({context: db}) {
  await db.exec('DROP TABLE apply_runs')
}
