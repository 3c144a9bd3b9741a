#!/usr/bin/env node
// `mon check` throughput with alert evaluation (this build) beside the same
// commit with it taken out (the afterInsert step in insertSnapshots' transaction
// and the afterChecks call in src/check/execute.ts), built under
// $MON_BENCH_DATA by bench/build-without.js, so that the difference is the
// evaluation and nothing else. 1,000 health endpoints of bench/check-server.js
// (10 ms) at concurrency 100, `after: 1, recover_after: 1`, a webhook notifier
// at bench/alert-receiver.js; the odd half answer /flap/N, which the bench
// turns from 500 to 200 and back between one build's runs, so that about 500
// alerts open or resolve in every run with alerts. Three sides, alternated,
// each on its own database kept from run to run:
//   without alerts       the stripped build
//   with, --no-notify    checks and stepping (the target: >= 0.9x without)
//   with delivery        the same and the ~500 notifications sent (reported apart)
//   node bench/alerts-check.js [--runs 7] [--commit REV]
// --commit: both sides built from REV (with: as it is; without: stripped)
// instead of this build beside this commit stripped.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {alertFleetConfig, alertLines, startServers} from './alerts-fleet.js'
import {buildWithout} from './build-without.js'
import {BIN, DATA_DIR, env} from './history-data.js'
import {measure, median} from './process.js'

const option = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback)
// --endpoints: fewer, to try the bench out.
const ENDPOINTS = option('--endpoints', 1000)
const CONCURRENCY = 100
const RUNS = option('--runs', 7)
const COMMIT = process.argv.includes('--commit') ? process.argv[process.argv.indexOf('--commit') + 1] : null

/** This commit without alert evaluation; the unused afterChecks is exported so that noUnusedLocals still builds it. */
const buildWithoutAlerts = (rev) =>
  buildWithout('alerts', [
    {file: 'src/store/snapshots.ts', pattern: /^\s*if \(options\.afterInsert\) await options\.afterInsert\(rows\)\n/m, replacement: ''},
    {file: 'src/check/execute.ts', pattern: /^(\s*)if \(recorded\) await afterChecks\(driver, alerts, stepped, options\)\n/m, replacement: '$1void recorded\n'},
    {file: 'src/check/execute.ts', pattern: /^async function afterChecks\(/m, replacement: 'export async function afterChecks('},
  ], rev)

/** Runs mon under /usr/bin/time: its CPU seconds (user + system) are a second reading when other work shares the cores. */
async function run(bin, args) {
  const r = await measure('/usr/bin/time', ['-f', 'cpu-seconds %U %S', process.execPath, bin, ...args], {env: env()})
  // 1, 2: some checks warned (slow under load) or failed, as half of them do in every other run.
  if (![0, 1, 2].includes(r.code)) throw new Error(`${bin} ${args.join(' ')} exited ${r.code}: ${r.stderr || r.stdout.slice(-400)}`)
  const cpu = /cpu-seconds ([\d.]+) ([\d.]+)/.exec(r.stderr)
  return {...r, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN}
}

const count = (db, sql) => {
  const d = new Database(db, {readonly: true})
  try {
    return d.prepare(sql).pluck().get()
  } finally {
    d.close()
  }
}

const servers = await startServers()
try {
  const dir = path.join(DATA_DIR, 'alerts-check')
  rmSync(dir, {recursive: true, force: true})
  mkdirSync(dir, {recursive: true})
  const config = path.join(dir, 'monitors.yaml')
  const notifier = {id: 'hook', type: 'webhook', url: `${servers.receiverUrl}/hook`}
  writeFileSync(config, alertFleetConfig({endpoints: ENDPOINTS, checkUrl: servers.checkUrl, route: (n) => (n % 2 === 1 ? `/flap/${n}` : `/e/${n}`), notifier}))
  const without = buildWithoutAlerts(COMMIT ?? 'HEAD')
  const withBin = COMMIT ? buildWithout('nothing', [], COMMIT) : BIN
  const at = COMMIT ? `${COMMIT} ` : ''
  const sides = [
    {name: `without alerts (${COMMIT ?? 'this commit'}, afterInsert and afterChecks taken out)`, bin: without, args: ['--no-notify'], alerts: false},
    {name: `with alerts, ${at}\`--no-notify\` (checks + stepping)`, bin: withBin, args: ['--no-notify'], alerts: true},
    {name: `with alerts ${at}and delivery (~${ENDPOINTS / 2} webhook POSTs a run)`, bin: withBin, args: [], alerts: true, delivers: true},
  ].map((s) => ({...s, db: path.join(dir, `${s.name.split(' ')[0]}-${s.delivers ? 'delivery' : 'quiet'}.db`), rates: [], walls: [], cpus: [], runs: 0, changes: []}))
  for (const s of sides) await run(s.bin, ['apply', '--db', s.db, '--config', config])
  // One untimed round first (the first check of a database opens the first ~500 alerts); then each round in a rotated order.
  for (let r = -1; r < RUNS; r++) {
    const order = sides.map((_, i) => sides[(i + r + sides.length) % sides.length])
    for (const s of order) {
      // Each side's runs alternate fail, ok, fail, ...: every run opens or resolves the flapping half.
      await servers.setPhase(s.runs++ % 2 === 0 ? 'fail' : 'ok')
      await servers.received({reset: true})
      const m = await run(s.bin, ['check', '--db', s.db, '--config', config, '--concurrency', String(CONCURRENCY), ...s.args])
      const summary = /Checked (\d+): .* in ([\d.]+) s\./.exec(m.stdout)
      if (!summary || Number(summary[1]) !== ENDPOINTS) throw new Error(`unexpected mon check output: ${m.stdout.slice(-300)}`)
      const lines = alertLines(m.stderr)
      const changed = lines.opened + lines.resolved
      if (s.alerts && changed < ENDPOINTS * 0.45) throw new Error(`${s.name}: only ${changed} alerts opened or resolved: ${m.stderr.slice(-300)}`)
      if (!s.alerts && changed > 0) throw new Error(`${s.name}: the stripped build stepped alerts: ${m.stderr.slice(-300)}`)
      if (s.delivers && ((await servers.received()).keys < changed || lines.sent < changed)) throw new Error(`${s.name}: ${changed} changes but ${lines.sent} sent: ${m.stderr.slice(-300)}`)
      if (r < 0) continue
      s.rates.push(ENDPOINTS / Number(summary[2]))
      s.walls.push(m.seconds)
      s.cpus.push(m.cpu)
      s.changes.push(changed)
    }
  }
  const alertRows = sides.map((s) => count(s.db, 'SELECT count(*) FROM alerts'))
  if (alertRows[0] !== 0) throw new Error(`the stripped build wrote ${alertRows[0]} alerts`)
  const base = median(sides[0].rates)
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')
  console.log(`\nmon check, ${ENDPOINTS} endpoints × 10 ms, concurrency ${CONCURRENCY}, half flapping each run, median of ${RUNS} alternated runs (rate from the run time mon prints; whole process apart); load average now ${load}:`)
  console.log('| side | checks/s | ratio to without | whole process | CPU of the process | CPU ratio | alerts opened + resolved a run | alerts rows |')
  console.log('|---|---|---|---|---|---|---|---|')
  const baseCpu = median(sides[0].cpus)
  for (const [i, s] of sides.entries()) {
    const cells = [s.name, median(s.rates).toFixed(0), `${(median(s.rates) / base).toFixed(2)}x`, `${median(s.walls).toFixed(2)} s`, `${median(s.cpus).toFixed(2)} s`, `${(median(s.cpus) / baseCpu).toFixed(2)}x`]
    console.log(`| ${[...cells, s.changes.length ? median(s.changes) : 0, alertRows[i]].join(' | ')} |`)
  }
  console.log(`ratio with --no-notify / without: **${(median(sides[1].rates) / base).toFixed(2)}x** (target >= 0.9x); runs: ${sides.map((s) => s.rates.map((x) => x.toFixed(0)).join(', ')).join(' / ')}`)
} finally {
  servers.stop()
}
