#!/usr/bin/env node
// Rollups on SQLite, in process, each beside its floor in the same run:
// - migration 0011's backfill of an existing history, and `mon db rollup
//   --rebuild` (rebuildRollups), against a raw full scan of the same rows
//   (better-sqlite3 iterating the columns a rollup is made of). Target: ≤ 2×.
// - the window read (readWindowFigures) of 1, 7 and 30 days from rollups
//   with raw edges, against the raw-row read of the same windows. Target:
//   30 days at most 1.5× 1 day.
// The history bench (bench/history.js) does this at full size; this one is
// small enough to run beside the tests. Needs a build (npm run build). Usage:
//   node bench/rollups.js [--endpoints 100] [--days 30] [--every-s 120] [--runs 3]
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {openDriver} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {rebuildRollups} = await dist('store/rollup-rebuild.js')
const {readWindowFigures} = await dist('store/window-figures.js')
const {uuidv7} = await dist('time.js')

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ENDPOINTS = arg('endpoints', 100)
const DAYS = arg('days', 30)
const EVERY_MS = arg('every-s', 120) * 1000
const RUNS = arg('runs', 3)
const NOW = Date.parse('2026-11-30T14:37:12.345Z')
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6

const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-rollups-'))
const file = path.join(dir, 'monitor.db')
try {
  const driver = await openDriver(file)
  await migrate(driver, {to: '0009'})
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  raw.prepare("INSERT INTO entities (id, type, label, owner) VALUES ('svc', 'service', 'svc', 'team')").run()
  const ids = Array.from({length: ENDPOINTS}, (_, i) => `svc:${i}`)
  const endpoint = raw.prepare("INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, 'svc', 'api', 'http://127.0.0.1:9/')")
  for (const id of ids) endpoint.run(id)
  const insert = raw.prepare("INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES (?, 'svc', ?, ?, '', ?, ?)")
  let rows = 0
  let seed = 7
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
  raw.transaction(() => {
    for (let t = NOW - DAYS * 86_400_000; t <= NOW; t += EVERY_MS) {
      for (const id of ids) {
        const r = next()
        insert.run(uuidv7(t), id, r < 0.9 ? 'ok' : r < 0.97 ? 'warn' : 'error', Math.exp(3 + 2 * next()), new Date(t).toISOString())
        rows++
      }
    }
  })()
  console.log(`${rows.toLocaleString('en')} snapshots: ${ENDPOINTS} endpoints × ${DAYS} days, one every ${EVERY_MS / 1000} s`)

  const scan = () => {
    const t0 = process.hrtime.bigint()
    let n = 0
    for (const row of raw.prepare('SELECT entity_id, endpoint_id, registry_id, status, latency_ms, observed_at FROM snapshots').iterate()) if (row.latency_ms !== null) n++
    return ms(t0)
  }
  let t0 = process.hrtime.bigint()
  await migrate(driver)
  const backfill = ms(t0)
  const scans = []
  const rebuilds = []
  for (let i = 0; i < RUNS; i++) {
    scans.push(scan())
    t0 = process.hrtime.bigint()
    await rebuildRollups(driver)
    rebuilds.push(ms(t0))
  }
  const floor = median(scans)
  console.log(`raw full scan: ${floor.toFixed(0)} ms`)
  console.log(`migration 0011 backfill: ${backfill.toFixed(0)} ms (${(backfill / floor).toFixed(2)}×)`)
  console.log(`rebuild: ${median(rebuilds).toFixed(0)} ms (${(median(rebuilds) / floor).toFixed(2)}×)`)

  console.log('\n| window | rollups + raw edges | raw rows only |\n|---|---|---|')
  const reads = {}
  for (const days of [1, 7, DAYS]) {
    const since = new Date(NOW - days * 86_400_000).toISOString()
    const time = async (exact) => {
      const times = []
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint()
        await readWindowFigures(driver, {endpoints: ids, registry: []}, {since, until: new Date(NOW).toISOString(), exact})
        times.push(ms(t))
      }
      return median(times)
    }
    reads[days] = await time(false)
    console.log(`| ${days}d | ${reads[days].toFixed(0)} ms | ${(await time(true)).toFixed(0)} ms |`)
  }
  console.log(`\n${DAYS}d / 1d from rollups: ${(reads[DAYS] / reads[1]).toFixed(2)}×`)
  raw.close()
  await driver.close()
} finally {
  rmSync(dir, {recursive: true, force: true})
}
