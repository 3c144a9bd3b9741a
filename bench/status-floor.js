#!/usr/bin/env node
// The floor for `mon status` (see bench/status.js): the same figures from a bare
// better-sqlite3 script, with one hand-written indexed query per endpoint.
// The query walks the (endpoint_id, observed_at) index newest first, so the
// first row is the latest observation and the rest are the window.
// Usage: node bench/status-floor.js DB_FILE WINDOW_MS STALE_AFTER_MS  -> JSON on stdout
import Database from 'better-sqlite3'

const [file, windowMs, staleMs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])]
const now = Date.now()
const since = new Date(now - windowMs).toISOString()
const staleBefore = new Date(now - staleMs).toISOString()

const db = new Database(file, {readonly: true})
const endpoints = db
  .prepare(
    `SELECT p.id, p.entity_id FROM endpoints p JOIN entities e ON e.id = p.entity_id
      WHERE p.retired_at IS NULL AND e.retired_at IS NULL ORDER BY p.id`,
  )
  .raw()
  .all()
const window = db
  .prepare('SELECT status, latency_ms, observed_at, detail FROM snapshots WHERE endpoint_id = ? AND observed_at >= ? ORDER BY observed_at DESC')
  .raw()

const pick = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1])
const out = []
for (const [id, entityId] of endpoints) {
  const rows = window.all(id, since)
  let ok = 0
  let warn = 0
  let error = 0
  const latencies = new Float64Array(rows.length)
  let n = 0
  for (const [status, latency] of rows) {
    if (status === 'ok') ok++
    else if (status === 'warn') warn++
    else error++
    if (latency !== null) latencies[n++] = latency
  }
  const sorted = latencies.subarray(0, n).sort()
  const latest = rows[0]
  out.push({
    id,
    entity_id: entityId,
    status: !latest || latest[2] < staleBefore ? 'stale' : latest[0],
    detail: latest ? latest[3] : null,
    observed_at: latest ? latest[2] : null,
    checks: rows.length,
    uptime: rows.length === 0 ? null : (ok + warn) / rows.length,
    p50_ms: pick(sorted, 50),
    p95_ms: pick(sorted, 95),
  })
}
db.close()
process.stdout.write(JSON.stringify({since, endpoints: out}))
