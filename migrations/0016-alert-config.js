// What the file says about alerts (SPEC section 7), as managed rows that
// apply reconciles like the rest: entities' depends_on, each target's merged
// alert settings, the notifiers and the maintenance windows. A retired
// notifier keeps its row (its notifications name it). Targets applied before
// meant the built-in alert settings: their alert_json is filled with them and
// re-stamped (field table backfill), so an old database plans clean.

export const downLoses = {
  loses: 'notifiers, maintenance windows, depends_on and alert settings as applied (re-apply the file to get them back)',
  probe: "SELECT 1 FROM notifiers UNION ALL SELECT 1 FROM maintenance_windows UNION ALL SELECT 1 FROM entities WHERE depends_on_json IS NOT NULL LIMIT 1",
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  await db.exec('ALTER TABLE entities ADD COLUMN depends_on_json TEXT')
  await db.exec('ALTER TABLE endpoints ADD COLUMN alert_json TEXT')
  await db.exec('ALTER TABLE registry_index ADD COLUMN alert_json TEXT')
  await db.restamp('endpoints', {columns: ['alert_json']})
  await db.restamp('registry_index', {columns: ['alert_json']})
  await db.exec(`CREATE TABLE notifiers (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    created_at TEXT,
    retired_at TEXT,
    applied_at TEXT,
    applied_hash TEXT
  )`)
  await db.exec(`CREATE TABLE maintenance_windows (
    id TEXT PRIMARY KEY,
    entities_json TEXT NOT NULL,
    cron TEXT,
    duration TEXT,
    timezone TEXT,
    start_at TEXT,
    end_at TEXT,
    reason TEXT,
    created_at TEXT,
    retired_at TEXT,
    applied_at TEXT,
    applied_hash TEXT
  )`)
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  // Stamped back as without these columns, so that the rows do not read as edited by hand after.
  await db.restamp('entities', {columns: ['depends_on_json'], fill: () => ({depends_on_json: null})})
  await db.restamp('endpoints', {columns: ['alert_json'], fill: () => ({alert_json: null})})
  await db.restamp('registry_index', {columns: ['alert_json'], fill: () => ({alert_json: null})})
  await db.exec('DROP TABLE maintenance_windows')
  await db.exec('DROP TABLE notifiers')
  await db.exec('ALTER TABLE registry_index DROP COLUMN alert_json')
  await db.exec('ALTER TABLE endpoints DROP COLUMN alert_json')
  await db.exec('ALTER TABLE entities DROP COLUMN depends_on_json')
}
