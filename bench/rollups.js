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
import {rmSync} from 'node:fs'

import {NOW, arg, dist, median, ms, rollupHistoryFile} from './rollup-history-file.js'

const {rebuildRollups} = await dist('store/rollup-rebuild.js')
const {readWindowFigures} = await dist('store/window-figures.js')

const ENDPOINTS = arg('endpoints', 100)
const DAYS = arg('days', 30)
const EVERY_MS = arg('every-s', 120) * 1000
const RUNS = arg('runs', 3)

const history = await rollupHistoryFile({endpoints: ENDPOINTS, days: DAYS, everyMs: EVERY_MS, prefix: 'mon-bench-rollups-'})
const {driver, raw, ids, rows} = history
try {
  console.log(`${rows.toLocaleString('en')} snapshots: ${ENDPOINTS} endpoints × ${DAYS} days, one every ${EVERY_MS / 1000} s`)

  const scan = () => {
    const t0 = process.hrtime.bigint()
    let n = 0
    for (const row of raw.prepare('SELECT entity_id, endpoint_id, registry_id, status, latency_ms, observed_at FROM snapshots').iterate()) if (row.latency_ms !== null) n++
    return ms(t0)
  }
  let t0 = process.hrtime.bigint()
  await history.migrate()
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
  rmSync(history.dir, {recursive: true, force: true})
}
