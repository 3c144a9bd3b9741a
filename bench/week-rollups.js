#!/usr/bin/env node
// Weekly rollups (migration 0014) against the build before them, in one
// process on one SQLite file, alternated run by run:
// - the window read (readWindowFigures) of 1, 7 and 30 days: with weeks a
//   30-day window reads 3-4 weeks and up to 12 days per target instead of
//   29-30 days. Target: 30 days at most 1.5× 1 day.
// - mon check's upkeep: one insertSnapshots batch of a snapshot per target
//   (200), with and without the week in its rollup read-modify-write.
// `--before DIR` is a built work tree of the commit before (for example
// `git archive de9401c | tar -x -C DIR`, node_modules linked, npm run build).
// Needs a build (npm run build). Usage:
//   node bench/week-rollups.js --before DIR [--endpoints 200] [--days 30] [--every-s 600] [--runs 7]
import {rmSync} from 'node:fs'
import path from 'node:path'

import {NOW, ROOT, arg, dist, median, ms, rollupHistoryFile} from './rollup-history-file.js'

const at = process.argv.indexOf('--before')
const BEFORE = at >= 0 ? path.resolve(process.argv[at + 1]) : null
const builds = {after: {root: ROOT}, ...(BEFORE ? {before: {root: BEFORE}} : {})}
for (const b of Object.values(builds)) {
  b.read = (await dist('store/window-figures.js', b.root)).readWindowFigures
  b.insert = (await dist('store/snapshots.js', b.root)).insertSnapshots
}

const ENDPOINTS = arg('endpoints', 200)
const DAYS = arg('days', 30)
const EVERY_MS = arg('every-s', 600) * 1000
const RUNS = arg('runs', 7)

// "now" is a Monday afternoon, as in the tests: the 30-day window then holds 4 whole weeks.
const history = await rollupHistoryFile({endpoints: ENDPOINTS, days: DAYS, everyMs: EVERY_MS, prefix: 'mon-bench-weeks-'})
const {driver, ids, rows, next, uuidv7} = history
try {
  history.raw.close()
  await history.migrate()
  const [{n: weekRows}] = await driver.all("SELECT count(*) AS n FROM rollups WHERE period = 'week'")
  console.log(`${rows.toLocaleString('en')} snapshots: ${ENDPOINTS} endpoints × ${DAYS} days, one every ${EVERY_MS / 1000} s; ${weekRows} week rollups`)

  const names = Object.keys(builds)
  console.log(`\n| window | ${names.join(' | ')} |\n|---|${names.map(() => '---|').join('')}`)
  const reads = {}
  for (const days of [1, 7, DAYS]) {
    const since = new Date(NOW - days * 86_400_000).toISOString()
    const times = Object.fromEntries(names.map((n) => [n, []]))
    for (let i = 0; i < RUNS; i++) {
      for (const n of names) {
        const t = process.hrtime.bigint()
        await builds[n].read(driver, {endpoints: ids, registry: []}, {since, until: new Date(NOW).toISOString()})
        times[n].push(ms(t))
      }
    }
    reads[days] = Object.fromEntries(names.map((n) => [n, median(times[n])]))
    console.log(`| ${days}d | ${names.map((n) => `${reads[days][n].toFixed(1)} ms`).join(' | ')} |`)
  }
  for (const n of names) console.log(`${n}: ${DAYS}d / 1d = ${(reads[DAYS][n] / reads[1][n]).toFixed(2)}×`)

  const status = () => {
    const r = next()
    return r < 0.9 ? 'ok' : r < 0.97 ? 'warn' : 'error'
  }
  // A batch a minute after NOW each time, so each adds into the same stored hour, day and week, as mon check's next run does.
  let minute = 0
  const batch = () => {
    const t = NOW + ++minute * 60_000
    return ids.map((id) => ({id: uuidv7(t), entity_id: 'svc', endpoint_id: id, registry_id: null, status: status(), detail: '', payload_json: null, latency_ms: Math.exp(3 + 2 * next()), phases_ms_json: null, observed_at: new Date(t).toISOString()}))
  }
  const upkeep = Object.fromEntries(names.map((n) => [n, []]))
  for (let i = 0; i < RUNS * 3; i++) {
    for (const n of names) {
      const b = batch()
      const t = process.hrtime.bigint()
      await builds[n].insert(driver, b)
      upkeep[n].push(ms(t))
    }
  }
  console.log(`\ninsertSnapshots of ${ENDPOINTS} (median of ${RUNS * 3}): ${names.map((n) => `${n} ${median(upkeep[n]).toFixed(2)} ms`).join(', ')}`)
  if (BEFORE) console.log(`after / before: ${(median(upkeep.after) / median(upkeep.before)).toFixed(3)}×`)
  await driver.close()
} finally {
  rmSync(history.dir, {recursive: true, force: true})
}
