#!/usr/bin/env node
// A concurrent writer for bench/history-prune.js: takes SQLite's write lock
// (BEGIN IMMEDIATE, then COMMIT: it writes nothing) every 10 ms and times how
// long each take waited, until SIGTERM; then prints {takes, max_wait_ms,
// p99_wait_ms}. The wait is what another writer (a `mon check`) would see; SQLite's busy
// handler sleeps in steps of up to 100 ms, so it overstates a hold by at most that.
// Usage: node bench/history-lock-probe.js DB_FILE
import Database from 'better-sqlite3'

const db = new Database(process.argv[2], {timeout: 600_000})
db.pragma('journal_mode = WAL')
const waits = []
let stopping = false
process.on('SIGTERM', () => (stopping = true))
while (!stopping) {
  const t = performance.now()
  db.exec('BEGIN IMMEDIATE')
  waits.push(performance.now() - t)
  db.exec('COMMIT')
  await new Promise((resolve) => setTimeout(resolve, 10))
}
db.close()
waits.sort((a, b) => a - b)
process.stdout.write(JSON.stringify({takes: waits.length, max_wait_ms: waits.at(-1) ?? 0, p99_wait_ms: waits[Math.floor(waits.length * 0.99)] ?? 0}))
