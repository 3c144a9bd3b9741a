#!/usr/bin/env node
// `mon check` against its floor, on loopback, in the same run.
//  1. 1,000 endpoints with 10 ms server latency, at concurrency 32 and 100:
//     mon's checks per second beside the floor (bench/check-floor.js: raw
//     undici requests at the same concurrency plus raw batched better-sqlite3
//     inserts), twice: over keep-alive connections, and with a connection per
//     request as mon's checks have since issue 11 (the same work). Target: at
//     least 0.7x the floor.
//  2. 10,000 endpoints each returning a 5 MB body: mon's peak RSS (VmHWM),
//     beside the floor's. Target: under 200 MB.
//  3. Where Debian's monitoring-plugins-basic is installed, the same 1,000
//     checks as check_http processes at the same concurrency, beside mon.
// Both sides run as processes. mon's rate uses the run time it reports itself
// (from the start of the command: its imports, the database, the probes and
// the writes; oclif's own start-up is left out and the whole process's wall
// time shown apart); the floor's counts from the start of its process.
// Needs a build (npm run build). Usage:
//   node bench/check.js [--endpoints 1000] [--big 10000] [--runs 3] [--skip-big] [--only-big] [--secret] [--concurrency 100]
// --secret gives every endpoint an `Authorization: Bearer ${BENCH_TOKEN}` header,
// so that every check pays for redacting the secret from what it stores.
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

import {children, measure as measureIn, median, startCheckServer} from './process.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN = path.join(ROOT, 'bin/run.js')
const CHECK_HTTP = '/usr/lib/nagios/plugins/check_http'
if (!existsSync(path.join(ROOT, 'dist/commands/check.js'))) {
  process.stderr.write('bench/check.js needs a build: npm run build\n')
  process.exit(1)
}
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {openDriver} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {BUILTIN_CHECK} = await dist('config/model.js')

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ENDPOINTS = arg('endpoints', 1000)
const BIG = arg('big', 10_000)
const RUNS = arg('runs', 3)
const SECRET = process.argv.includes('--secret')
const CONCURRENCY = process.argv.includes('--concurrency') ? [arg('concurrency', 100)] : [32, 100]
const env = {...process.env, NO_COLOR: '1', ...(SECRET ? {BENCH_TOKEN: 'bench-secret-token-0123456789'} : {})}
delete env.NODE_ENV // oclif would run src/ through tsx

const work = mkdtempSync(path.join(tmpdir(), 'mon-bench-check-'))
const measure = (command, args) => measureIn(command, args, {env})

/** A migrated SQLite file holding `count` active endpoints (100 per entity) at `pathFor(i)`. */
async function makeDb(name, count, pathFor, kind = 'api') {
  const file = path.join(work, `${name}.db`)
  const driver = await openDriver(file)
  await migrate(driver)
  await driver.close()
  const db = new Database(file)
  const now = new Date().toISOString()
  const headers = SECRET ? {Authorization: 'Bearer ${BENCH_TOKEN}'} : {}
  const check = JSON.stringify({...BUILTIN_CHECK, timeout: 10_000, degraded_after: 5000, headers})
  const entity = db.prepare("INSERT INTO entities (id, type, label, owner, created_at, applied_at, applied_hash) VALUES (?, 'service', ?, 'bench', ?, ?, 'h')")
  const endpoint = db.prepare("INSERT INTO endpoints (id, entity_id, kind, url, method, check_json, applied_at, applied_hash) VALUES (?, ?, ?, ?, 'GET', ?, ?, 'h')")
  const urls = []
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const e = `svc-${Math.floor(i / 100)}`
      if (i % 100 === 0) entity.run(e, e, now, now)
      const url = pathFor(i)
      urls.push(`${e}:${i} ${e} ${url}`)
      endpoint.run(`${e}:${i}`, e, kind, url, check, now)
    }
  })()
  db.close()
  const urlFile = path.join(work, `${name}.urls`)
  writeFileSync(urlFile, `${urls.join('\n')}\n`)
  return {file, urlFile}
}

function clearSnapshots(file) {
  const db = new Database(file)
  db.exec('DELETE FROM snapshots')
  db.close()
}

/** `codes`: the exit codes expected (2 where every check is meant to fail). */
async function runMon(file, concurrency, codes = [0]) {
  clearSnapshots(file)
  const r = await measure(process.execPath, [BIN, 'check', '--db', file, '--concurrency', String(concurrency)])
  const summary = /Checked (\d+): (\d+) ok, (\d+) warn, (\d+) error in ([\d.]+) s\./.exec(r.stdout)
  if (!summary || !codes.includes(r.code)) throw new Error(`mon check failed (exit ${r.code}): ${r.stderr || r.stdout.slice(-500)}`)
  return {...r, runSeconds: Number(summary[5]), checks: Number(summary[1])}
}

async function runFloor(file, urlFile, concurrency, cap = 16 * 1024, fresh = false) {
  clearSnapshots(file)
  const r = await measure(process.execPath, [path.join(ROOT, 'bench/check-floor.js'), '--urls', urlFile, '--concurrency', String(concurrency), '--db', file, '--cap', String(cap), ...(fresh ? ['--fresh'] : [])])
  if (r.code !== 0) throw new Error(`floor failed: ${r.stderr}`)
  return {...r, runSeconds: JSON.parse(r.stdout).seconds}
}

/** check_http, one process per check, `concurrency` at a time. */
async function runCheckHttp(port, count, concurrency) {
  const started = performance.now()
  let next = 0
  let failed = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const r = await measure(CHECK_HTTP, ['-H', '127.0.0.1', '-p', String(port), '-u', `/e/${i}`, '-t', '10'])
      if (r.code !== 0) failed++
    }
  }
  await Promise.all(Array.from({length: concurrency}, worker))
  return {seconds: (performance.now() - started) / 1000, failed}
}

const lines = []
const report = (text) => {
  lines.push(text)
  process.stdout.write(`${text}\n`)
}

const {port, child: server} = await startCheckServer(path.join(ROOT, 'bench/check-server.js'))
try {
  const small = await makeDb('small', ENDPOINTS, (i) => `http://127.0.0.1:${port}/e/${i}`)
  for (const concurrency of process.argv.includes('--only-big') ? [] : CONCURRENCY) {
    const mon = []
    const floor = []
    const fresh = []
    const wall = []
    for (let run = 0; run < RUNS; run++) {
      const m = await runMon(small.file, concurrency)
      const f = await runFloor(small.file, small.urlFile, concurrency)
      const n = await runFloor(small.file, small.urlFile, concurrency, undefined, true)
      mon.push(ENDPOINTS / m.runSeconds)
      wall.push(m.seconds)
      floor.push(ENDPOINTS / f.runSeconds)
      fresh.push(ENDPOINTS / n.runSeconds)
    }
    const ours = median(mon)
    const base = median(floor)
    const same = median(fresh)
    report(
      `${ENDPOINTS} checks, 10 ms latency, concurrency ${String(concurrency).padStart(3)}   mon ${ours.toFixed(0).padStart(5)} checks/s   floor ${base.toFixed(0).padStart(5)} checks/s (keep-alive), ${same.toFixed(0).padStart(5)} (a connection per check, as mon)   ratio ${(ours / base).toFixed(2)}x, ${(ours / same).toFixed(2)}x (target >= 0.7x)${SECRET ? '   [with a secret header]' : ''}   [mon process wall ${median(wall).toFixed(2)} s incl. start-up]`,
    )
  }

  if (process.argv.includes('--only-big')) {
    // nothing
  } else if (existsSync(CHECK_HTTP)) {
    const c = await runCheckHttp(port, ENDPOINTS, 32)
    const m = await runMon(small.file, 32)
    const ours = ENDPOINTS / m.seconds
    const theirs = ENDPOINTS / c.seconds
    report(
      `${ENDPOINTS} checks as check_http processes, concurrency 32   mon ${ours.toFixed(0).padStart(5)} checks/s (whole process)   check_http ${theirs.toFixed(0).padStart(5)} checks/s (${c.failed} failed)   ratio ${(ours / theirs).toFixed(2)}x`,
    )
  } else {
    report(`check_http comparison skipped: ${CHECK_HTTP} not installed (apt-get install monitoring-plugins-basic)`)
  }

  if (!process.argv.includes('--skip-big')) {
    const big = await makeDb('big', BIG, () => `http://127.0.0.1:${port}/big`)
    const m = await runMon(big.file, 32)
    const f = await runFloor(big.file, big.urlFile, 32)
    report(
      `${BIG} checks of a 5 MB body, concurrency 32   mon peak RSS ${m.peakMb.toFixed(0)} MB (target < 200 MB)   floor peak RSS ${f.peakMb.toFixed(0)} MB   ratio ${(m.peakMb / f.peakMb).toFixed(2)}x   [mon ${m.runSeconds.toFixed(1)} s, floor ${f.runSeconds.toFixed(1)} s]`,
    )
    // A health check reads a JSON body to judge it: up to --max-body (1 MiB) each, 32 at once.
    // A text body it judges on the status code, reading only what the snapshot keeps.
    const healthCount = Math.min(BIG, 2000)
    for (const [route, what, cap, codes] of [
      ['/big-json', 'JSON body (read to --max-body 1 MiB)', 1024 * 1024, [2]],
      ['/big', 'text body (read to --max-payload 16 KiB)', 16 * 1024, [0]],
    ]) {
      const health = await makeDb(`health${route.replace('/', '-')}`, healthCount, () => `http://127.0.0.1:${port}${route}`, 'health')
      const hm = await runMon(health.file, 32, codes)
      const hf = await runFloor(health.file, health.urlFile, 32, cap)
      report(
        `${healthCount} health checks of a 5 MB ${what}, concurrency 32   mon peak RSS ${hm.peakMb.toFixed(0)} MB (bound: concurrency x limit + GC slack)   floor peak RSS ${hf.peakMb.toFixed(0)} MB   ratio ${(hm.peakMb / hf.peakMb).toFixed(2)}x   [mon ${hm.runSeconds.toFixed(1)} s, floor ${hf.runSeconds.toFixed(1)} s]`,
      )
    }
  }
} finally {
  server.kill('SIGTERM')
  for (const c of children) c.kill('SIGKILL')
  rmSync(work, {recursive: true, force: true})
}
