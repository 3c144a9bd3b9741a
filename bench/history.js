#!/usr/bin/env node
// History that stays fast (issue 12), each figure beside its floor in the same run:
//   status   `mon status --json --since 1d/7d/30d` from rollups beside the raw-row path (--exact)
//   check    `mon check` throughput with rollup upkeep beside a build without it (--without-bin)
//   rebuild  `mon db rollup --rebuild` over the last 7 days (10 M rows at 1,000 endpoints) beside a raw full scan of them
//   prune    `mon prune --older-than 7d` beside one raw DELETE of the same rows on a copy, the longest
//            write-lock wait of a concurrent writer, and a concurrent `mon check` loop that must lose nothing
//   size     bytes per million snapshots of the generated history
// The history (bench/history-data.js) is generated once per shape and engine under
// $MON_BENCH_DATA (default /work/bench-data) and reused; `prune` deletes most of it, so it runs last.
// Needs a build (npm run build). Usage:
//   node bench/history.js [--endpoints 1000] [--days 30] [--engine sqlite|postgres|both|none]
//     [--pg-endpoints 1000] [--pg-days 7] [--db FILE] [--runs 3] [--only status,check,rebuild,prune,size]
//     [--without-bin OTHER/bin/run.js] [--out bench/out/history.md]
// --db FILE: the SQLite history there instead of under $MON_BENCH_DATA. PostgreSQL: $MON_BENCH_PG_URL
// (a superuser URL), else a cluster kept in $MON_BENCH_DATA/pg (fsync off, as the tests' cluster).
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {DATA_DIR, ROOT, postgresHistory, sqliteHistory} from './history-data.js'
import {children} from './process.js'
import {statusGrowth} from './history-status.js'
import {rebuildBesideScan} from './history-rebuild.js'
import {pruneBesideDelete} from './history-prune.js'
import {checkUpkeep} from './history-check.js'
import {sizePerMillion} from './history-size.js'
import {benchPostgres} from './postgres-admin.js'

const option = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback)
const number = (name, fallback) => Number(option(name, fallback))
const ENGINES = {both: ['sqlite', 'postgres'], sqlite: ['sqlite'], postgres: ['postgres'], none: []}[option('engine', 'both')]
if (!ENGINES) {
  process.stderr.write(`--engine must be sqlite, postgres, both or none (got ${option('engine')})\n`)
  process.exit(1)
}
const ONLY = new Set(option('only', 'status,check,rebuild,size,prune').split(','))
const RUNS = number('runs', 3)
const OUT = path.resolve(option('out', path.join(ROOT, 'bench/out/history.md')))
if (!existsSync(path.join(ROOT, 'dist/commands/status.js'))) {
  process.stderr.write('bench/history.js needs a build: npm run build\n')
  process.exit(1)
}

const lines = []
const log = (text) => {
  lines.push(text)
  process.stdout.write(`${text}\n`)
}

// The history ends at the start of this hour's 37th minute and 20.5 s, so that every window has partial hours at both edges.
const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000 + 37 * 60_000 + 20_500

async function postgresAdmin() {
  return benchPostgres({keepIn: path.join(DATA_DIR, 'pg')})
}

function describe(meta) {
  const rate = meta.rows_per_second ? `, generated at ${meta.rows_per_second.toLocaleString('en')} rows/s (${meta.generate_seconds.toFixed(0)} s with indexes)` : ''
  const rollups = meta.rollup_rows ? `, with ${meta.rollup_rows.toLocaleString('en')} rollup rows made by mon's rollup code as it went` : '; no rollups (this build has none)'
  log(`\n${meta.kind}: ${meta.rows.toLocaleString('en')} snapshots, ${meta.endpoints} endpoints + ${meta.registry} registry entries × ${meta.days} days${rate}${rollups} (${meta.db})`)
}

const pgAdmin = ENGINES.includes('postgres') ? await postgresAdmin() : null
try {
  mkdirSync(DATA_DIR, {recursive: true})
  log(`# bench/history.js, ${new Date().toISOString()}, load average at start ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  if (ONLY.has('check')) await checkUpkeep({runs: Math.max(RUNS, 5), withoutBin: option('without-bin'), log})
  for (const engine of ENGINES) {
    let meta
    if (engine === 'sqlite') {
      const shape = {endpoints: number('endpoints', 1000), registry: number('registry', 0), days: number('days', 30), end}
      meta = await sqliteHistory(shape, option('db') ? path.resolve(option('db')) : undefined)
    } else if (!pgAdmin) {
      log('\npostgres: skipped (no initdb and no MON_BENCH_PG_URL)')
      continue
    } else {
      const shape = {endpoints: number('pg-endpoints', 1000), registry: number('registry', 0), days: number('pg-days', 7), end}
      meta = await postgresHistory(shape, pgAdmin.url)
    }
    describe(meta)
    if (ONLY.has('status')) await statusGrowth(meta, {runs: RUNS, log})
    if (ONLY.has('rebuild')) await rebuildBesideScan(meta, {log})
    if (ONLY.has('size')) await sizePerMillion(meta, {log})
    if (ONLY.has('prune') && engine === 'sqlite') await pruneBesideDelete(meta, {log})
  }
} finally {
  pgAdmin?.stop()
  for (const c of children) c.kill('SIGKILL')
  mkdirSync(path.dirname(OUT), {recursive: true})
  writeFileSync(OUT, `${lines.join('\n')}\n`)
}
