#!/usr/bin/env node
// `mon prune`'s delete beside the floor, a single raw DELETE of the same rows,
// on fresh copies of one generated SQLite database (the current schema, rows
// in the stored forms mon check writes: a body, then `=` while the answer
// repeats). ENDPOINTS endpoints x MINUTES snapshots a minute apart; both delete
// the older half. Ours: pruneSnapshotsBefore through the Driver (per target
// on the clustered layout of migration 0013: batches of whole targets' old
// rows, sized by time, each its own transaction, carrying bases forward);
// floor: better-sqlite3, `DELETE FROM snapshots WHERE observed_at < ?` in one
// transaction, with the same pragmas as mon's connections (WAL, synchronous
// NORMAL, foreign keys). Prints both, the ratio, and the longest batch: how
// long prune held the write lock at a time.
// Needs a build (npm run build). Usage: node bench/prune.js [--endpoints N] [--minutes N] [--runs N]
// PRUNE_OPTIONS='{"batchSize":100000000,"adaptive":false}' runs our prune as one unbounded batch, to part the batching's cost from the rest.
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {openDriver} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {pruneSnapshotsBefore} = await dist('store/prune.js')
const {uuidv7} = await dist('time.js')

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ENDPOINTS = arg('endpoints', 1000)
const MINUTES = arg('minutes', 1000)
const RUNS = arg('runs', 2)
const START = Date.parse('2026-01-01T00:00:00.000Z')
const BEFORE = new Date(START + (MINUTES / 2) * 60_000).toISOString()
const BODY = '~{"attempts":1,"http_status":200,"headers":{"content-type":"application/json","server":"bench/1.0","date":0},"bytes":15,"body":{"status":"ok"},"truncated":false}'

function pragmas(db) {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
}

async function generate(file) {
  const driver = await openDriver(file)
  await migrate(driver)
  await driver.close()
  const db = new Database(file)
  pragmas(db)
  const insert = db.prepare('INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, payload_json, latency_ms, phases_ms_json, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (let e = 0; e < ENDPOINTS; e++) {
      db.prepare('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)').run(`svc-${e}`, 'service', `Service ${e}`, 'ops')
      db.prepare('INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, ?, ?, ?)').run(`svc-${e}:health`, `svc-${e}`, 'health', 'http://127.0.0.1:9/')
    }
    for (let m = 0; m < MINUTES; m++) {
      for (let e = 0; e < ENDPOINTS; e++) {
        const at = START + m * 60_000 + e * 5
        const latency = 10 + ((m * 31 + e) % 40) / 4
        insert.run(uuidv7(at), `svc-${e}`, `svc-${e}:health`, 'ok', `200 OK in ${Math.round(latency)} ms`, m % 240 === 0 ? BODY : '=', latency, `[0,0.2,0,${latency - 0.3},0.1]`, new Date(at).toISOString())
      }
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

const OPTIONS = JSON.parse(process.env.PRUNE_OPTIONS ?? '{}')
async function ours(file) {
  const driver = await openDriver(file)
  const t = performance.now()
  const result = await pruneSnapshotsBefore(driver, BEFORE, OPTIONS)
  // Closing checkpoints the WAL into the file: part of the work, for both.
  await driver.close()
  const ms = performance.now() - t
  return {ms, ...result}
}

function floor(file) {
  const db = new Database(file)
  pragmas(db)
  const t = performance.now()
  const n = db.transaction(() => db.prepare('DELETE FROM snapshots WHERE observed_at < ?').run(BEFORE).changes)()
  db.close()
  const ms = performance.now() - t
  return {ms, deleted: n}
}

const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-prune-'))
try {
  const seed = path.join(dir, 'seed.db')
  let t = performance.now()
  await generate(seed)
  console.log(`${ENDPOINTS * MINUTES} snapshots generated in ${((performance.now() - t) / 1000).toFixed(1)} s; each run deletes those before ${BEFORE}`)
  const results = {ours: [], floor: []}
  for (let run = 0; run < RUNS; run++) {
    for (const [name, fn] of [['floor', floor], ['ours', ours]]) {
      const file = path.join(dir, `${name}-${run}.db`)
      copyFileSync(seed, file)
      const r = await fn(file)
      results[name].push(r)
      const extra = name === 'ours' ? `, ${r.batches} batches, longest ${r.longest_batch_ms.toFixed(0)} ms, ${r.carried} bodies carried forward` : ''
      console.log(`run ${run + 1} ${name.padEnd(5)} deleted ${r.deleted} in ${(r.ms / 1000).toFixed(2)} s = ${((r.ms * 1000) / r.deleted).toFixed(1)} µs a row${extra}`)
      rmSync(file, {force: true})
      rmSync(`${file}-wal`, {force: true})
      rmSync(`${file}-shm`, {force: true})
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const o = median(results.ours.map((r) => r.ms))
  const f = median(results.floor.map((r) => r.ms))
  const longest = Math.max(...results.ours.map((r) => r.longest_batch_ms))
  console.log(`\nprune ${(o / 1000).toFixed(2)} s, single raw DELETE ${(f / 1000).toFixed(2)} s: ratio ${(o / f).toFixed(2)}x (target <= 1.2x); longest batch ${longest.toFixed(0)} ms (must stay under 1,000 ms)`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
