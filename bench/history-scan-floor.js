#!/usr/bin/env node
// The floor for `mon db rollup --rebuild --since D` (bench/history-rebuild.js):
// a raw full scan of the same snapshots, the least any rebuild must read. Per
// endpoint, one range scan of the covering index (endpoint_id, observed_at,
// status, latency_ms) of migration 0007 (per registry entry, of its registry_id
// index), every row brought into the process and
// counted per status and hour (no histogram, nothing written).
// Usage: node bench/history-scan-floor.js DB SINCE_ISO  -> JSON {rows, hours} on stdout
// DB: a SQLite file or a postgres:// URL.
const [db, since] = process.argv.slice(2)

function count(hours, observedAt, status, latency) {
  const key = observedAt.slice(0, 13)
  const h = hours.get(key) ?? hours.set(key, {ok: 0, warn: 0, error: 0, sum: 0}).get(key)
  h[status]++
  if (latency !== null) h.sum += Number(latency)
}

// Every target a rollup is kept for: endpoints and registry entries.
const TARGETS = "SELECT 'endpoint_id', id FROM endpoints UNION ALL SELECT 'registry_id', id FROM registry_index"
let rows = 0
let hours = 0
if (/^postgres(ql)?:\/\//.test(db)) {
  const {default: pg} = await import('pg')
  const client = new pg.Client({connectionString: db})
  await client.connect()
  for (const [column, id] of (await client.query({text: TARGETS, rowMode: 'array'})).rows) {
    const r = await client.query({text: `SELECT observed_at, status, latency_ms FROM snapshots WHERE ${column} = $1 AND observed_at >= $2`, values: [id, since], rowMode: 'array'})
    const perHour = new Map()
    for (const [at, status, latency] of r.rows) count(perHour, at, status, latency)
    rows += r.rows.length
    hours += perHour.size
  }
  await client.end()
} else {
  const {default: Database} = await import('better-sqlite3')
  const sqlite = new Database(db, {readonly: true})
  const scans = {
    endpoint_id: sqlite.prepare('SELECT observed_at, status, latency_ms FROM snapshots WHERE endpoint_id = ? AND observed_at >= ?').raw(),
    registry_id: sqlite.prepare('SELECT observed_at, status, latency_ms FROM snapshots WHERE registry_id = ? AND observed_at >= ?').raw(),
  }
  for (const [column, id] of sqlite.prepare(TARGETS).raw().all()) {
    const perHour = new Map()
    for (const [at, status, latency] of scans[column].iterate(id, since)) {
      count(perHour, at, status, latency)
      rows++
    }
    hours += perHour.size
  }
  sqlite.close()
}
process.stdout.write(JSON.stringify({rows, hours}))
