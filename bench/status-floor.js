#!/usr/bin/env node
// The floor for `mon status` (see bench/status.js): the same figures from a bare
// better-sqlite3 script, the least work this schema allows, two hand-written
// queries per endpoint on the covering index (endpoint_id, observed_at, status,
// latency_ms) of migration 0007:
// - the window: status and latency_ms since the start of the window, a range
//   scan answered from the covering index alone (no table reads);
// - the latest: status, detail and observed_at of the newest snapshot, one
//   `ORDER BY observed_at DESC LIMIT 1` probe (one table read, for detail).
// Raw array rows, no ORDER BY on the window (the figures do not depend on it).
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
const window = db.prepare('SELECT status, latency_ms FROM snapshots WHERE endpoint_id = ? AND observed_at >= ?').raw()
const latestOf = db.prepare('SELECT status, detail, observed_at FROM snapshots WHERE endpoint_id = ? ORDER BY observed_at DESC LIMIT 1').raw()

const pick = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1])
const out = []
for (const [id, entityId] of endpoints) {
  const rows = window.all(id, since)
  let up = 0
  const latencies = new Float64Array(rows.length)
  let n = 0
  for (const [status, latency] of rows) {
    if (status === 'ok' || status === 'warn') up++
    if (latency !== null) latencies[n++] = latency
  }
  const sorted = latencies.subarray(0, n).sort()
  const latest = latestOf.get(id)
  out.push({
    id,
    entity_id: entityId,
    status: !latest || latest[2] < staleBefore ? 'stale' : latest[0],
    detail: latest ? latest[1] : null,
    observed_at: latest ? latest[2] : null,
    checks: rows.length,
    uptime: rows.length === 0 ? null : up / rows.length,
    p50_ms: pick(sorted, 50),
    p95_ms: pick(sorted, 95),
  })
}
db.close()
process.stdout.write(JSON.stringify({since, endpoints: out}))
