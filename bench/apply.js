#!/usr/bin/env node
/**
 * Benchmark of `mon apply` on a generated inventory: N entities (default
 * 10,000), each with 3 endpoints and 1 registry entry, so 5N rows. Every
 * figure is printed beside a floor for the same work measured in this run:
 *
 *   cold apply, SQLite   vs  parse+validate + raw better-sqlite3 inserts of the same rows in one transaction
 *   no-op apply, SQLite  vs  parse+validate + a select of every row
 *   1% changed, SQLite   vs  the no-op apply figure
 *   cold apply, PostgreSQL vs parse+validate + raw pg multi-row inserts (1,000 rows a statement), and
 *                          the number of statements mon sent
 *
 * Ours runs the same code path as the command (load and validate, open,
 * migrate, plan and write in one transaction), in process, from dist/
 * (run `npm run build` first). Median of --reps runs.
 *
 *   node bench/apply.js [--entities 10000] [--reps 3] [--no-pg]
 *
 * PostgreSQL: $MON_BENCH_PG_URL (a superuser URL), else a throwaway cluster
 * from /usr/lib/postgresql/N/bin (the test harness's), else skipped.
 */
import {copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {parseArgs} from 'node:util'

import {benchPostgres} from './postgres-admin.js'

const {values: opts} = parseArgs({
  options: {entities: {type: 'string', default: '10000'}, reps: {type: 'string', default: '3'}, 'no-pg': {type: 'boolean', default: false}},
})
const N = Number(opts.entities)
const REPS = Number(opts.reps)

const dist = new URL('../dist/', import.meta.url)
const {loadValidConfig} = await import(new URL('config/load.js', dist).href)
const {openDriver} = await import(new URL('store/open.js', dist).href)
const {applyTo} = await import(new URL('apply/reconcile.js', dist).href)
const {startProvenance} = await import(new URL('apply/provenance.js', dist).href)
const {migrate, migrationFiles} = await import(new URL('store/migrator.js', dist).href)
const {default: Database} = await import('better-sqlite3')
const {generate} = await import('./apply-inventory.js')

const work = mkdtempSync(path.join(tmpdir(), 'mon-bench-'))

const configFile = path.join(work, 'monitors.yaml')
writeFileSync(configFile, generate(N))
const changedFile = path.join(work, 'changed.yaml')
// 1% of entities get a new label.
writeFileSync(changedFile, generate(N, (i) => (i % 100 === 0 ? `Service ${i} (renamed)` : `Service ${i}`)))
const sizeMb = statSync(configFile).size / 1e6

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/**
 * Median wall time and median CPU time (user + system of this process) over
 * REPS runs. On a machine shared with other work, wall time depends on what
 * else runs; the CPU time of the in-process SQLite cases does not.
 */
async function timed(fn, {setup} = {}) {
  const wall = []
  const cpu = []
  for (let r = 0; r < REPS; r++) {
    const ctx = setup ? await setup(r) : undefined
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await fn(ctx)
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  return {wall: median(wall), cpu: median(cpu)}
}

/** Exactly what `mon apply` does, minus process start-up. */
async function monApply(file, db) {
  const provenance = startProvenance(file)
  const {model, text} = await loadValidConfig(file)
  const driver = await openDriver(db)
  try {
    return await applyTo(driver, {model}, {provenance: await provenance(text)})
  } finally {
    await driver.close()
  }
}

/** Rows as the floor writes them: straight from the model, no planning, no hashing. */
function floorRows(model) {
  const entities = []
  const endpoints = []
  const registry = []
  for (const e of model.entities) {
    entities.push([e.id, e.type, e.label, e.owner, e.docs_ref, e.notes])
    for (const ep of e.endpoints) endpoints.push([ep.id, ep.entity_id, ep.kind, ep.url, ep.method, JSON.stringify(ep.check)])
    for (const r of e.registry) registry.push([r.id, r.entity_id, r.path, r.authority, r.format])
  }
  return {entities, endpoints, registry}
}

async function migratedSqlite(file) {
  const driver = await openDriver(file)
  await migrate(driver)
  await driver.close()
}

let seq = 0
const freshFile = () => path.join(work, `db-${seq++}.db`)

const results = []
const s = (ms) => `${(ms / 1000).toFixed(2).padStart(6)} s`
function report(name, ours, floor, target, note = '') {
  const ratio = ours.wall / floor.wall
  const cpuRatio = ours.cpu / floor.cpu
  results.push({name, ours, floor, ratio, cpu_ratio: cpuRatio, target, note})
  console.log(
    `${name.padEnd(31)} wall: ours ${s(ours.wall)}  floor ${s(floor.wall)}  ${ratio.toFixed(2)}×   cpu: ours ${s(ours.cpu)}  floor ${s(floor.cpu)}  ${cpuRatio.toFixed(2)}×   target ${target}${note ? `   (${note})` : ''}`,
  )
}

console.log(`mon apply benchmark: ${N} entities, ${N * 3} endpoints, ${N} registry entries (${N * 5} rows); monitors.yaml ${sizeMb.toFixed(1)} MB; median of ${REPS}`)
const os = await import('node:os')
console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`)

// Warm up: the first parse pays for loading and JIT-compiling the parser.
await monApply(configFile, freshFile())

// Floor: parse and validate alone (the part both sides share).
const parseOnly = await timed(() => loadValidConfig(configFile))
console.log(`parse + validate alone: wall ${s(parseOnly.wall)}, cpu ${s(parseOnly.cpu)}\n`)

// 1. Cold apply into an empty SQLite database.
const coldFloor = await timed(
  async (file) => {
    const {model} = await loadValidConfig(configFile)
    const rows = floorRows(model)
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    const at = new Date().toISOString()
    const insE = db.prepare('INSERT INTO entities (id, type, label, owner, docs_ref, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    const insP = db.prepare('INSERT INTO endpoints (id, entity_id, kind, url, method, check_json) VALUES (?, ?, ?, ?, ?, ?)')
    const insR = db.prepare('INSERT INTO registry_index (id, entity_id, registry_path, authority, format) VALUES (?, ?, ?, ?, ?)')
    db.transaction(() => {
      for (const r of rows.entities) insE.run(...r, at)
      for (const r of rows.endpoints) insP.run(...r)
      for (const r of rows.registry) insR.run(...r)
    })()
    db.close()
  },
  {setup: async () => {
    const file = freshFile()
    await migratedSqlite(file)
    return file
  }},
)
const cold = await timed((file) => monApply(configFile, file), {setup: () => freshFile()})
report('cold apply, SQLite', cold, coldFloor, '≤ 1.5×', `ours includes creating the file and all ${migrationFiles().length} migrations`)

// A database holding the applied inventory, copied for each run.
const applied = freshFile()
await monApply(configFile, applied)
const copyOfApplied = () => {
  const file = freshFile()
  copyFileSync(applied, file)
  return file
}

// 2. No-op apply.
const noopFloor = await timed(
  async (file) => {
    await loadValidConfig(configFile)
    const db = new Database(file)
    for (const t of ['entities', 'endpoints', 'registry_index']) db.prepare(`SELECT * FROM ${t}`).all()
    db.close()
  },
  {setup: copyOfApplied},
)
let noopResult
const noop = await timed(async (file) => (noopResult = await monApply(configFile, file)), {setup: copyOfApplied})
if (noopResult.run_id !== null) throw new Error('the no-op apply wrote a run')
report('no-op apply, SQLite', noop, noopFloor, '≤ 1.3×')

// 3. 1% of entities changed.
let changedResult
const changed = await timed(async (file) => (changedResult = await monApply(changedFile, file)), {setup: copyOfApplied})
if (changedResult.plan.summary.update !== Math.ceil(N / 100)) throw new Error(`expected ${Math.ceil(N / 100)} updates, got ${changedResult.plan.summary.update}`)
report('1% of entities changed, SQLite', changed, noop, 'within 10% of no-op (≤ 1.10×)', `${changedResult.plan.summary.update} rows updated`)

// 4. Cold apply into PostgreSQL.
async function postgresAdminUrl() {
  if (opts['no-pg'] && !process.env.MON_BENCH_PG_URL) return null
  return benchPostgres()
}

const pgAdmin = await postgresAdminUrl()
if (!pgAdmin) console.log('\ncold apply, PostgreSQL: skipped (no PostgreSQL: set MON_BENCH_PG_URL or install postgresql)')
else {
  const {default: pg} = await import('pg')
  const admin = new pg.Client({connectionString: pgAdmin.url})
  await admin.connect()
  const freshPg = async () => {
    const name = `mon_bench_${seq++}`
    await admin.query(`CREATE DATABASE ${name}`)
    const url = new URL(pgAdmin.url)
    url.pathname = `/${name}`
    return url.toString()
  }
  try {
    const pgFloor = await timed(
      async (url) => {
        const {model} = await loadValidConfig(configFile)
        const rows = floorRows(model)
        const client = new pg.Client({connectionString: url})
        await client.connect()
        const at = new Date().toISOString()
        await client.query('BEGIN')
        const insert = async (sqlHead, list) => {
          for (let i = 0; i < list.length; i += 1000) {
            const batch = list.slice(i, i + 1000)
            const width = batch[0].length
            const values = batch.map((_, r) => `(${Array.from({length: width}, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ')
            await client.query(`${sqlHead} VALUES ${values}`, batch.flat())
          }
        }
        await insert('INSERT INTO entities (id, type, label, owner, docs_ref, notes, created_at)', rows.entities.map((r) => [...r, at]))
        await insert('INSERT INTO endpoints (id, entity_id, kind, url, method, check_json)', rows.endpoints)
        await insert('INSERT INTO registry_index (id, entity_id, registry_path, authority, format)', rows.registry)
        await client.query('COMMIT')
        await client.end()
      },
      {setup: async () => {
        const url = await freshPg()
        const driver = await openDriver(url)
        await migrate(driver)
        await driver.close()
        return url
      }},
    )
    // Count what mon sends inside its apply transaction.
    let statements = 0
    const pgCold = await timed(
      async (url) => {
        const provenance = startProvenance(configFile)
        const {model, text} = await loadValidConfig(configFile)
        const driver = await openDriver(url)
        const counted = new Proxy(driver, {
          get(target, prop) {
            const value = Reflect.get(target, prop)
            if (prop === 'run' || prop === 'all') return (...args) => (statements++, value.apply(target, args))
            return typeof value === 'function' ? value.bind(target) : value
          },
        })
        try {
          statements = 0
          await applyTo(counted, {model}, {provenance: await provenance(text)})
        } finally {
          await driver.close()
        }
      },
      {setup: freshPg},
    )
    report('cold apply, PostgreSQL', pgCold, pgFloor, 'batched, not one statement per row', `${statements} statements for ${N * 5} rows (incl. migrations)`)
  } finally {
    await admin.end()
    pgAdmin.stop()
  }
}

rmSync(work, {recursive: true, force: true})
const round = ({wall, cpu}) => ({wall: Math.round(wall), cpu: Math.round(cpu)})
console.log(`\n${JSON.stringify({entities: N, reps: REPS, load: os.loadavg(), parse_ms: round(parseOnly), results: results.map((r) => ({...r, ours: round(r.ours), floor: round(r.floor), ratio: Number(r.ratio.toFixed(3)), cpu_ratio: Number(r.cpu_ratio.toFixed(3))}))})}`)
