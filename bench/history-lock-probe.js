#!/usr/bin/env node
// A concurrent writer for bench/history-prune.js: takes SQLite's write lock
// (BEGIN IMMEDIATE, then COMMIT: it writes nothing) every 10 ms and times how
// long each take waited, until SIGTERM; then prints {takes, max_wait_ms,
// p99_wait_ms}. It waits as mon's own writers do (src/store/sqlite.ts
// beginImmediate): no busy timeout, a retry after 5 ms, doubling to at most
// 100 ms; so its wait is what a `mon check` batch would wait, including when the
// lock is taken again before a retry comes round.
// Usage: node bench/history-lock-probe.js DB_FILE
import Database from 'better-sqlite3'

const db = new Database(process.argv[2], {timeout: 0})
db.pragma('journal_mode = WAL')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const waits = []
let stopping = false
process.on('SIGTERM', () => (stopping = true))
while (!stopping) {
  const t = performance.now()
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      db.exec('BEGIN IMMEDIATE')
      break
    } catch (err) {
      if (!String(err.code).startsWith('SQLITE_BUSY')) throw err
      await sleep(pause)
    }
  }
  waits.push(performance.now() - t)
  db.exec('COMMIT')
  await sleep(10)
}
db.close()
waits.sort((a, b) => a - b)
process.stdout.write(JSON.stringify({takes: waits.length, max_wait_ms: waits.at(-1) ?? 0, p99_wait_ms: waits[Math.floor(waits.length * 0.99)] ?? 0}))
