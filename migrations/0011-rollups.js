// Hourly and daily rollups per target (endpoint or registry entry): counts
// per status, and the latencies' count, sum and histogram, so that a long
// window reads a few rows per target instead of every snapshot in it. The
// table is the one the schedules work agreed on (issue 12); `mon check`
// keeps it up to date from here on, and this migration builds it for the
// history already stored: an hour of snapshots at a time (bounded memory,
// whatever the history's length), each day's rollup summed from its hours.
//
// A released migration never changes, so it carries its own frozen copy of
// the histogram format of src/latency.ts (log buckets at 0.5% relative
// accuracy; text: a JSON array of pairs [bucket step, count], ascending),
// rather than importing code that may move on.

const GAMMA = (1 + 0.005) / (1 - 0.005)
const LOG_GAMMA = Math.log(GAMMA)
const SMALLEST_MS = 0.001
const ZERO_BUCKET = Math.ceil(Math.log(SMALLEST_MS) / LOG_GAMMA) - 1
const HOUR_MS = 3_600_000
const COLUMNS = ['period', 'target_table', 'target_id', 'entity_id', 'start_at', 'ok', 'warn', 'error', 'latency_count', 'latency_sum', 'latency_histogram']
const ROWS_PER_INSERT = 500

/** Rolling back drops the table: where prune has removed the raw rows since, their rollups are all that is left of them. */
export const downLoses = {
  loses: 'the rollups of snapshots that prune has deleted (rollups older than the oldest snapshot)',
  probe: "SELECT 1 FROM rollups WHERE period = 'hour' AND ok + warn + error > 0 AND start_at < (SELECT coalesce(substr(min(observed_at), 1, 13), '9999') FROM snapshots) LIMIT 1",
}

function bucketOf(ms) {
  return ms > SMALLEST_MS ? Math.ceil(Math.log(ms) / LOG_GAMMA) : ZERO_BUCKET
}

function encode(buckets) {
  const out = []
  let previous = 0
  for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) {
    out.push(bucket - previous, buckets.get(bucket))
    previous = bucket
  }
  return JSON.stringify(out)
}

function rollup(period, table, id, entity, start) {
  return {period, table, id, entity, start, ok: 0, warn: 0, error: 0, count: 0, sum: 0, buckets: new Map()}
}

function addInto(into, from) {
  into.ok += from.ok
  into.warn += from.warn
  into.error += from.error
  into.count += from.count
  into.sum += from.sum
  for (const [b, n] of from.buckets) into.buckets.set(b, (into.buckets.get(b) ?? 0) + n)
}

async function write(db, rollups) {
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`
  for (let i = 0; i < rollups.length; i += ROWS_PER_INSERT) {
    const chunk = rollups.slice(i, i + ROWS_PER_INSERT)
    const params = chunk.flatMap((r) => [r.period, r.table, r.id, r.entity, r.start, r.ok, r.warn, r.error, r.count, r.sum, encode(r.buckets)])
    await db.run(`INSERT INTO rollups (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, params)
  }
}

/** One hour's snapshots, grouped per target. */
async function hourOf(db, start) {
  const end = new Date(Date.parse(start) + HOUR_MS).toISOString()
  const rows = await db.all('SELECT entity_id, endpoint_id, registry_id, status, latency_ms FROM snapshots WHERE observed_at >= ? AND observed_at < ?', [start, end])
  const hours = new Map()
  for (const row of rows) {
    const [table, id] = row.endpoint_id !== null ? ['endpoints', row.endpoint_id] : row.registry_id !== null ? ['registry_index', row.registry_id] : [null, null]
    if (table === null) continue
    const key = `${table}|${id}`
    let r = hours.get(key)
    if (!r) hours.set(key, (r = rollup('hour', table, id, row.entity_id, start)))
    if (row.status === 'ok' || row.status === 'warn' || row.status === 'error') r[row.status]++
    if (row.latency_ms !== null) {
      const ms = Number(row.latency_ms)
      r.count++
      r.sum += ms
      const b = bucketOf(ms)
      r.buckets.set(b, (r.buckets.get(b) ?? 0) + 1)
    }
  }
  return hours
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  await db.exec(`CREATE TABLE rollups (
    period TEXT NOT NULL,
    target_table TEXT NOT NULL,
    target_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start_at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    warn INTEGER NOT NULL,
    error INTEGER NOT NULL,
    latency_count INTEGER NOT NULL,
    latency_sum DOUBLE PRECISION NOT NULL,
    latency_histogram TEXT NOT NULL,
    PRIMARY KEY (period, target_table, target_id, start_at)
  )`)
  // By time across targets: what rebuild, verify and prune read and delete, an hour or a day at a time.
  await db.exec('CREATE INDEX rollups_period_start_at ON rollups (period, start_at)')
  const [range] = await db.all('SELECT min(observed_at) AS first, max(observed_at) AS last FROM snapshots')
  if (!range || range.first === null) return
  const firstDay = Date.parse(`${String(range.first).slice(0, 10)}T00:00:00.000Z`)
  const last = Date.parse(String(range.last))
  const totalDays = Math.floor((last - firstDay) / (24 * HOUR_MS)) + 1
  for (let d = 0; d < totalDays; d++) {
    const dayStart = firstDay + d * 24 * HOUR_MS
    const days = new Map()
    for (let h = 0; h < 24; h++) {
      const hours = await hourOf(db, new Date(dayStart + h * HOUR_MS).toISOString())
      for (const [key, r] of hours) {
        if (!days.has(key)) days.set(key, rollup('day', r.table, r.id, r.entity, new Date(dayStart).toISOString()))
        addInto(days.get(key), r)
      }
      await write(db, [...hours.values()])
    }
    await write(db, [...days.values()])
    db.progress(`rollups: day ${d + 1} of ${totalDays}…`)
  }
  db.progress(null)
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  await db.exec('DROP TABLE rollups')
}
