// Schedules and SLOs (SPEC section 6). Managed fields: an endpoint's
// `interval` inside check_json (rows written before it mean the default 1m,
// and are rewritten to say so), a registry entry's `interval` column
// (default 1m) and `slo_json` on entities and endpoints (NULL: no SLO, which
// changes no fingerprint). Only rows whose fingerprint matched are
// re-stamped, so a hand edit before the upgrade is still drift after it.
//
// Bookkeeping: `activated_at` on endpoints and registry entries, where a
// target's expected checks start (coverage). Apply sets it on create and on
// revival; here existing rows get the earliest of their first snapshot (an
// index seek on (endpoint_id|registry_id, observed_at)) and their applied_at.
const TARGETS = [
  ['endpoints', 'endpoint_id'],
  ['registry_index', 'registry_id'],
]

/**
 * Rolling back drops the columns: the intervals and SLOs the file set are
 * lost (activation times are not: they are derived again on the way up).
 * The probe reads check_json as canonical JSON, where "json" follows "interval".
 */
export const downLoses = {
  loses: 'the intervals and SLOs applied (registry_index.interval, intervals in endpoints.check_json, entities.slo_json, endpoints.slo_json)',
  probe: `SELECT 1 FROM registry_index WHERE interval <> '1m'
          UNION ALL SELECT 1 FROM endpoints WHERE slo_json IS NOT NULL OR (check_json LIKE '%"interval":%' AND check_json NOT LIKE '%"interval":60000,%')
          UNION ALL SELECT 1 FROM entities WHERE slo_json IS NOT NULL`,
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  await db.exec('ALTER TABLE entities ADD COLUMN slo_json TEXT')
  await db.exec('ALTER TABLE endpoints ADD COLUMN slo_json TEXT')
  await db.exec('ALTER TABLE registry_index ADD COLUMN interval TEXT')
  await db.restamp('endpoints', {columns: ['check_json']}) // each check_json gains "interval":60000
  await db.restamp('registry_index', {columns: ['interval']}) // '1m'
  for (const [table, column] of TARGETS) {
    await db.exec(`ALTER TABLE ${table} ADD COLUMN activated_at TEXT`)
    await db.run(
      `UPDATE ${table} SET activated_at = (SELECT s.observed_at FROM snapshots s WHERE s.${column} = ${table}.id ORDER BY s.observed_at LIMIT 1)`,
    )
    await db.run(`UPDATE ${table} SET activated_at = applied_at WHERE applied_at IS NOT NULL AND (activated_at IS NULL OR applied_at < activated_at)`)
  }
}

/** check_json as releases before this one wrote it: canonical JSON without the interval (key order is kept). */
function withoutInterval(text) {
  if (typeof text !== 'string') return text ?? null
  try {
    const value = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('interval' in value)) return text
    delete value.interval
    return JSON.stringify(value)
  } catch {
    return text
  }
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  await db.restamp('entities', {columns: ['slo_json'], fill: () => ({slo_json: null})})
  await db.restamp('endpoints', {columns: ['check_json', 'slo_json'], fill: (row) => ({check_json: withoutInterval(row.check_json), slo_json: null})})
  await db.restamp('registry_index', {columns: ['interval'], fill: () => ({interval: null})})
  for (const [table] of TARGETS) await db.exec(`ALTER TABLE ${table} DROP COLUMN activated_at`)
  await db.exec('ALTER TABLE registry_index DROP COLUMN interval')
  await db.exec('ALTER TABLE endpoints DROP COLUMN slo_json')
  await db.exec('ALTER TABLE entities DROP COLUMN slo_json')
}
