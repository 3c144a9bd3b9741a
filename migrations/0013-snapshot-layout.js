// The snapshot layout (see bench/size.md, docs/database.md#the-snapshot-layout).
// On SQLite, snapshots become a WITHOUT ROWID table clustered by
// (endpoint_id, observed_at, id): a target's rows sit together in time order,
// so the table itself is the per-target time index every query walks (status
// windows, latest, history, --due, prune) and the covering, id, entity and
// time indexes go (about 200 bytes a row). A key column must be NOT NULL: a
// registry entry's snapshot (endpoint_id NULL) is stored with '' there
// (`NOT NULL ON CONFLICT REPLACE DEFAULT ''` turns an inserted NULL into '',
// so every writer's SQL is unchanged), reads give NULL back
// (NULLIF(endpoint_id, '')), and those rows are found by the partial
// (registry_id, observed_at) index. The foreign key on endpoint_id goes with
// it ('' names no endpoint); entity_id and registry_id keep theirs.
// The table is copied a target at a time in key order (pages filled, not
// split), with a progress line on a terminal.
//
// From here on the store may keep a detail in the payload body, as its parts
// around the rounded latency (src/stored-detail.ts), with the column NULL:
// a detail that repeats but for its latency then costs nothing on a `=` row.
// Nothing is rewritten on the way up; the down writes such details back.
//
// On PostgreSQL the heap stays, with the indexes its queries need: entity
// history is now read per target, so (entity_id, observed_at) goes.
// A released migration never changes: the DDL is written out here.

const COLUMNS = 'id, entity_id, endpoint_id, status, detail, payload_json, observed_at, latency_ms, registry_id, phases_ms_json'
const ENTITY = ['snapshots_entity_id_observed_at', 'entity_id, observed_at']
const REGISTRY = ['snapshots_registry_id_observed_at', '(registry_id, observed_at) WHERE registry_id IS NOT NULL']
const BASES = ['snapshots_payload_bases', "(endpoint_id, registry_id, observed_at, id) WHERE substr(payload_json, 1, 1) = '~'"]
/** The indexes of 0012 on the rowid table, which the clustered table does not need. */
const ROWID_INDEXES = [
  ['snapshots_endpoint_id_observed_at_status_latency_ms', '(endpoint_id, observed_at, status, latency_ms)'],
  [ENTITY[0], `(${ENTITY[1]})`],
  ['snapshots_observed_at', '(observed_at)'],
  REGISTRY,
  BASES,
]

/**
 * Rolling back puts the rows into a table whose foreign key refuses a
 * snapshot of an endpoint that no longer exists (the clustered table cannot
 * keep that key): such rows, which only a hand-made DELETE of an endpoint
 * leaves, are not copied back.
 */
export const downLoses = {
  loses: 'the snapshots of endpoints deleted since the upgrade (the old layout keeps none without its endpoint)',
  probe: "SELECT 1 FROM snapshots s WHERE s.endpoint_id <> '' AND NOT EXISTS (SELECT 1 FROM endpoints e WHERE e.id = s.endpoint_id) LIMIT 1",
}

/**
 * Copies every row of `from` into `to`, one endpoint_id value at a time (the
 * NULL or '' of registry rows first), each in (observed_at, id) order, and
 * reports progress. `none` is how `from` stores no endpoint (NULL or ''),
 * `key` how `to` does; with `knownEndpoints`, the rows of an endpoint not in
 * `endpoints` stay behind.
 */
async function copyByTarget(db, from, to, {none, key, knownEndpoints = false}) {
  const [{n}] = await db.all(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${from}`)
  let copied = await db.run(
    `INSERT INTO ${to} (${COLUMNS}) SELECT ${COLUMNS.replace('endpoint_id', `${key} AS endpoint_id`)} FROM ${from}
      WHERE endpoint_id ${none} ORDER BY observed_at, id`,
  )
  let after = ''
  for (;;) {
    const [next] = await db.all(`SELECT min(endpoint_id) AS id FROM ${from} WHERE endpoint_id > ?`, [after])
    if (!next || next.id === null) break
    after = next.id
    if (knownEndpoints && (await db.all('SELECT 1 FROM endpoints WHERE id = ?', [after])).length === 0) {
      const [{n: left}] = await db.all(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${from} WHERE endpoint_id = ?`, [after])
      copied += Number(left) // counted, not copied: see downLoses
      continue
    }
    copied += await db.run(`INSERT INTO ${to} (${COLUMNS}) SELECT ${COLUMNS} FROM ${from} WHERE endpoint_id = ? ORDER BY observed_at, id`, [after])
    db.progress(`snapshots: ${copied} of ${n} copied into the new layout…`)
  }
  db.progress(null)
  if (copied !== Number(n)) throw new Error(`the snapshot layout copied ${copied} of ${n} snapshots`)
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  if (db.engine === 'postgres') {
    await db.exec(`DROP INDEX ${ENTITY[0]}`)
    return
  }
  await db.exec(`CREATE TABLE snapshots_clustered (
    id TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    endpoint_id TEXT NOT NULL ON CONFLICT REPLACE DEFAULT '',
    status TEXT NOT NULL,
    detail TEXT,
    payload_json TEXT,
    observed_at TEXT NOT NULL,
    latency_ms DOUBLE PRECISION,
    registry_id TEXT REFERENCES registry_index(id),
    phases_ms_json TEXT,
    PRIMARY KEY (endpoint_id, observed_at, id)
  ) WITHOUT ROWID`)
  await copyByTarget(db, 'snapshots', 'snapshots_clustered', {none: 'IS NULL', key: "''"})
  await db.exec('DROP TABLE snapshots')
  await db.exec('ALTER TABLE snapshots_clustered RENAME TO snapshots')
  await db.exec(`CREATE INDEX ${REGISTRY[0]} ON snapshots ${REGISTRY[1]}`)
  await db.exec(`CREATE INDEX ${BASES[0]} ON snapshots ${BASES[1]}`)
}

/**
 * The first 13 characters of the UUIDv7 made at a row's observed_at (ISO with
 * milliseconds, set by mon), as SQL: 0012 stores ids whole, and since 0013 a
 * UUIDv7 of its observed_at is stored without them (src/store/snapshot-ids.ts).
 */
const TIME_PREFIX = {
  sqlite: (ms) => `printf('%08x-%04x', ${ms} / 65536, ${ms} % 65536)`,
  postgres: (ms) => `substr(lpad(to_hex(${ms}), 12, '0'), 1, 8) || '-' || substr(lpad(to_hex(${ms}), 12, '0'), 9, 4)`,
}
const OBSERVED_MS = {
  sqlite: 'CAST(round((julianday(observed_at) - 2440587.5) * 86400000) AS INTEGER)',
  postgres: '(extract(epoch FROM observed_at::timestamptz) * 1000)::bigint',
}

/** The rows go back into 0012's rowid table, endpoint_id '' as NULL again (see downLoses). */
/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  // Details kept in payload bodies since the upgrade go back into their column, on both engines.
  await db.expandSnapshotDetails()
  // Ids whole again, as 0012's code reads and looks them up.
  await db.exec(`UPDATE snapshots SET id = ${TIME_PREFIX[db.engine](OBSERVED_MS[db.engine])} || id WHERE substr(id, 1, 1) = '-'`)
  if (db.engine === 'postgres') {
    await db.exec(`CREATE INDEX ${ENTITY[0]} ON snapshots (${ENTITY[1]})`)
    return
  }
  await db.exec(`CREATE TABLE snapshots_rowid (
    id TEXT PRIMARY KEY, entity_id TEXT NOT NULL, endpoint_id TEXT, status TEXT NOT NULL,
    detail TEXT, payload_json TEXT, observed_at TEXT DEFAULT CURRENT_TIMESTAMP,
    latency_ms DOUBLE PRECISION, registry_id TEXT REFERENCES registry_index(id), phases_ms_json TEXT,
    FOREIGN KEY(entity_id) REFERENCES entities(id), FOREIGN KEY(endpoint_id) REFERENCES endpoints(id))`)
  await copyByTarget(db, 'snapshots', 'snapshots_rowid', {none: "= ''", key: 'NULL', knownEndpoints: true})
  await db.exec('DROP TABLE snapshots')
  await db.exec('ALTER TABLE snapshots_rowid RENAME TO snapshots')
  for (const [name, on] of ROWID_INDEXES) await db.exec(`CREATE INDEX ${name} ON snapshots ${on}`)
}
