#!/usr/bin/env node
// `mon status` over 1,000,000 snapshots of 1,000 endpoints in SQLite, against
// its floor measured in the same run: bench/status-floor.js, a bare
// better-sqlite3 script computing the same figures (state, checks, uptime,
// p50, p95, last check) with the least work the schema allows: per endpoint,
// one window query covered by the index of migration 0007 and one LIMIT 1
// probe for the latest snapshot.
// Both are timed as whole processes (node startup included), alternately, and
// the figures of both are compared so that the floor does the same work.
// Target: at most 2x.
// Needs a build (npm run build). Usage:
//   node bench/status.js [--endpoints 1000] [--per-endpoint 1000] [--runs 3] [--db FILE]
// --db FILE keeps the generated database there and reuses it on the next run.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN = path.join(ROOT, 'bin/run.js')
const FLOOR = path.join(ROOT, 'bench/status-floor.js')
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {openDriver} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {uuidv7} = await dist('time.js')
const {register} = await import('tsx/esm/api')
register()
// A small deterministic PRNG (shared with bench/history.js), so that every run holds the same data.
const {prng} = await import('../test/support/synthetic-history.ts')

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const KEEP = process.argv.includes('--db') ? path.resolve(process.argv[process.argv.indexOf('--db') + 1]) : null
const ENDPOINTS = arg('endpoints', 1000)
const PER_ENDPOINT = arg('per-endpoint', 1000)
const RUNS = arg('runs', 3)
const KINDS = ['health', 'api', 'models', 'metrics']
const WINDOW_MS = 24 * 3_600_000
const STALE_MS = 3_600_000
// Checks every 80 s: 1,000 checks per endpoint span 22 hours, all inside the 24-hour window.
const INTERVAL_MS = 80_000

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function generate(file) {
  const driver = await openDriver(file)
  await migrate(driver)
  await driver.close()
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  const at = new Date().toISOString()
  const entities = Math.ceil(ENDPOINTS / KINDS.length)
  const endpointIds = []
  db.transaction(() => {
    const entity = db.prepare('INSERT INTO entities (id, type, label, owner, created_at, applied_at) VALUES (?, ?, ?, ?, ?, ?)')
    const endpoint = db.prepare('INSERT INTO endpoints (id, entity_id, kind, url, method, check_json, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (let e = 0; e < entities; e++) {
      const id = `svc-${String(e).padStart(4, '0')}:8000`
      entity.run(id, 'service', `service ${e}`, `team-${e % 7}`, at, at)
      for (let k = 0; k < KINDS.length && endpointIds.length < ENDPOINTS; k++) {
        const eid = `${id}:${KINDS[k]}`
        endpoint.run(eid, id, KINDS[k], `http://127.0.0.1:8000/${KINDS[k]}`, 'GET', '{"status":null,"degraded_after":1000,"timeout":5000,"retries":0,"headers":{},"json":[]}', at)
        endpointIds.push([eid, id])
      }
    }
  })()
  const insert = db.prepare(
    'INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)',
  )
  const random = prng(42)
  const end = Date.now() - 60_000
  db.transaction(() => {
    // In time order, one round of checks at a time, as `mon check` writes them.
    for (let tick = PER_ENDPOINT - 1; tick >= 0; tick--) {
      const t = end - tick * INTERVAL_MS
      const observedAt = new Date(t).toISOString()
      for (const [eid, entityId] of endpointIds) {
        const r = random()
        const latency = Math.round((5 + 40 * random() ** 3 + (r > 0.97 ? 1500 * random() : 0)) * 1000) / 1000
        const status = r > 0.99 ? 'error' : r > 0.97 ? 'warn' : 'ok'
        const detail = status === 'error' ? 'expected 2xx, got 503' : `200 OK in ${Math.round(latency)} ms`
        const payload = `{"status":${status === 'error' ? 503 : 200},"latency_ms":${latency},"headers":{"content-type":"application/json"},"body":{"status":"ok"},"truncated":false}`
        insert.run(uuidv7(t), entityId, eid, status, detail, payload, status === 'error' && r > 0.995 ? null : latency, observedAt)
      }
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

function timed(args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: {...process.env, NO_COLOR: '1'}})
  const elapsed = performance.now() - t
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return {elapsed, out: JSON.parse(r.stdout)}
}

/** The floor must compute what mon computes: compare every figure. */
function compare(mon, floor) {
  const ours = new Map(mon.entities.flatMap((e) => e.endpoints.map((x) => [x.id, x])))
  let checked = 0
  for (const f of floor.endpoints) {
    const m = ours.get(f.id)
    for (const key of ['status', 'detail', 'observed_at', 'checks', 'uptime', 'p50_ms', 'p95_ms']) {
      if (m?.[key] !== f[key]) throw new Error(`figures differ for ${f.id}.${key}: mon ${m?.[key]}, floor ${f[key]}`)
    }
    checked++
  }
  if (checked !== ours.size) throw new Error(`mon reported ${ours.size} endpoints, the floor ${checked}`)
  return checked
}

const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-status-'))
try {
  const file = KEEP ?? path.join(dir, 'monitor.db')
  const t = performance.now()
  const total = ENDPOINTS * PER_ENDPOINT
  if (KEEP && existsSync(KEEP)) console.log(`reusing ${KEEP}`)
  else {
    await generate(file)
    console.log(`generated ${total.toLocaleString('en')} snapshots over ${ENDPOINTS} endpoints in ${((performance.now() - t) / 1000).toFixed(1)} s (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`)
  }

  const monArgs = [BIN, 'status', '--json', '--db', file, '--since', '24h', '--stale-after', '1h']
  const floorArgs = [FLOOR, file, String(WINDOW_MS), String(STALE_MS)]
  // One untimed run each, so that both start from a warm page cache.
  const warm = compare(timed(monArgs).out, timed(floorArgs).out)
  const ours = []
  const floor = []
  for (let r = 0; r < RUNS; r++) {
    const m = timed(monArgs)
    const f = timed(floorArgs)
    compare(m.out, f.out)
    ours.push(m.elapsed)
    floor.push(f.elapsed)
  }
  const [o, f] = [median(ours), median(floor)]
  console.log(`figures of mon and the floor agree for all ${warm} endpoints`)
  console.log(
    `mon status --json, ${total.toLocaleString('en')} snapshots`.padEnd(48) +
      `mon ${o.toFixed(0).padStart(6)} ms   floor ${f.toFixed(0).padStart(6)} ms   ratio ${(o / f).toFixed(2)}x (target <= 2x)   median of ${RUNS}`,
  )
  console.log(`  runs: mon ${ours.map((x) => x.toFixed(0)).join(', ')} ms; floor ${floor.map((x) => x.toFixed(0)).join(', ')} ms`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
