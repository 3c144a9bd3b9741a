#!/usr/bin/env node
// `moved:` of an endpoint with ROWS snapshots (SPEC 9; issue 15's target: at most 2x a raw UPDATE).
// Ours: `mon apply`'s path in process on a copy of the database (open, applyTo with the file's
// moved: entry: read, plan, count, rename in one transaction, close). Floor: on another copy of
// the same file, raw better-sqlite3 `UPDATE snapshots SET endpoint_id = new WHERE endpoint_id = old`
// in one transaction, the least any rename must write. Alternated, RUNS of each, medians, ratio.
// PostgreSQL the same with --pg (a copy is CREATE DATABASE ... TEMPLATE; the floor also inserts the
// new endpoint row first, which its foreign key needs): $MON_BENCH_PG_URL (a superuser URL), else a
// throwaway cluster like the tests'. Needs a build (npm run build).
// Usage: node bench/moved.js [--rows N] [--runs N] [--pg]
import {copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'

import Database from 'better-sqlite3'
import pg from 'pg'

import {benchPostgres} from './postgres-admin.js'

const dist = new URL('../dist/', import.meta.url)
const {loadValidConfig} = await import(new URL('config/load.js', dist).href)
const {openDriver} = await import(new URL('store/open.js', dist).href)
const {applyTo} = await import(new URL('apply/reconcile.js', dist).href)
const {migrate} = await import(new URL('store/migrator.js', dist).href)
const {uuidv7} = await import(new URL('time.js', dist).href)

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ROWS = arg('rows', 1_000_000)
const RUNS = arg('runs', 3)
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const PROVENANCE = {config_sha256: 'bench', git_commit: null, actor: 'bench'}

const config = (id, moved) => `version: 1
entities:
  - id: shop
    type: service
    label: Shop
    owner: bench
    endpoints:
      - id: ${id}
        kind: health
        url: http://127.0.0.1:9/health
${moved ? 'moved:\n  - {from: shop-old, to: shop-new}\n' : ''}`

const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-moved-'))
const v1 = path.join(dir, 'v1.yaml')
const v2 = path.join(dir, 'v2.yaml')
writeFileSync(v1, config('shop-old', false))
writeFileSync(v2, config('shop-new', true))
const RAW_UPDATE = "UPDATE snapshots SET endpoint_id = 'shop-new' WHERE endpoint_id = 'shop-old'"

/** Applies v1 to a new database; its history is then added by the engine's own bulk insert. */
async function applyV1(db) {
  const driver = await openDriver(db)
  await migrate(driver)
  await applyTo(driver, {model: (await loadValidConfig(v1)).model}, {provenance: PROVENANCE})
  await driver.close()
}

/** Ours on one copy: the apply of v2, which must carry every snapshot. */
async function applyMove(db, model) {
  const t = performance.now()
  const driver = await openDriver(db)
  const result = await applyTo(driver, {model}, {provenance: PROVENANCE})
  await driver.close()
  const moved = result.plan.changes.find((c) => c.action === 'move')
  if (moved?.snapshots !== ROWS) throw new Error(`the move carried ${moved?.snapshots} snapshots, not ${ROWS}`)
  return performance.now() - t
}

const sqlite = {
  name: 'SQLite',
  async base() {
    const file = path.join(dir, 'base.db')
    await applyV1(file)
    // ROWS snapshots of the endpoint, one a minute, as mon check stores them (no payload).
    const raw = new Database(file)
    raw.pragma('journal_mode = WAL')
    const insert = raw.prepare("INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, 'shop', 'shop-old', NULL, 'ok', '200 OK in 12 ms', NULL, ?, ?)")
    const start = Date.parse('2025-01-01T00:00:00.000Z')
    raw.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const ms = start + i * 60_000
        insert.run(uuidv7(ms).slice(13), 10 + (i % 7), new Date(ms).toISOString())
      }
    })()
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.close()
    return `${(statSync(file).size / 1e6).toFixed(0)} MB file`
  },
  async copy(n) {
    const copy = path.join(dir, `copy-${n}.db`)
    copyFileSync(path.join(dir, 'base.db'), copy)
    return {db: copy, drop: async () => ['', '-wal', '-shm'].forEach((end) => rmSync(`${copy}${end}`, {force: true}))}
  },
  async floor(db) {
    const t = performance.now()
    const raw = new Database(db)
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    const changed = raw.transaction(() => raw.prepare(RAW_UPDATE).run().changes)()
    raw.close()
    if (changed !== ROWS) throw new Error(`the raw UPDATE changed ${changed} rows, not ${ROWS}`)
    return performance.now() - t
  },
}

function postgres(admin) {
  const at = (name) => Object.assign(new URL(admin), {pathname: `/${name}`}).toString()
  const adminQuery = async (sql) => {
    const client = new pg.Client({connectionString: admin})
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  return {
    name: 'PostgreSQL',
    async base() {
      await adminQuery('DROP DATABASE IF EXISTS mon_bench_moved')
      await adminQuery('CREATE DATABASE mon_bench_moved')
      await applyV1(at('mon_bench_moved'))
      const raw = new pg.Client({connectionString: at('mon_bench_moved')})
      await raw.connect()
      await raw.query(
        `INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, observed_at)
         SELECT md5(i::text), 'shop', 'shop-old', NULL, 'ok', '200 OK in 12 ms', NULL, 10 + i % 7,
                to_char(timestamp '2025-01-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         FROM generate_series(1, $1) AS i`,
        [ROWS],
      )
      await raw.query('VACUUM ANALYZE snapshots')
      await raw.end()
      return 'a database'
    },
    async copy(n) {
      await adminQuery(`CREATE DATABASE mon_bench_moved_${n} TEMPLATE mon_bench_moved`)
      return {db: at(`mon_bench_moved_${n}`), drop: () => adminQuery(`DROP DATABASE mon_bench_moved_${n}`)}
    },
    async floor(db) {
      const t = performance.now()
      const raw = new pg.Client({connectionString: db})
      await raw.connect()
      await raw.query('BEGIN')
      await raw.query("INSERT INTO endpoints (id, entity_id, kind, url) VALUES ('shop-new', 'shop', 'health', 'http://127.0.0.1:9/health')")
      const {rowCount} = await raw.query(RAW_UPDATE)
      await raw.query('COMMIT')
      await raw.end()
      if (rowCount !== ROWS) throw new Error(`the raw UPDATE changed ${rowCount} rows, not ${ROWS}`)
      return performance.now() - t
    },
  }
}

async function measure(engine) {
  console.log(`${engine.name}: ${ROWS} snapshots of one endpoint, ${await engine.base()}`)
  const model = (await loadValidConfig(v2)).model
  const ours = []
  const floor = []
  for (let r = 0; r < RUNS; r++) {
    for (const side of r % 2 === 0 ? ['ours', 'floor'] : ['floor', 'ours']) {
      const copy = await engine.copy(`${side}${r}`)
      if (side === 'ours') ours.push(await applyMove(copy.db, model))
      else floor.push(await engine.floor(copy.db))
      await copy.drop()
    }
  }
  console.log(`runs ours:  ${ours.map((t) => t.toFixed(0)).join(', ')} ms`)
  console.log(`runs floor: ${floor.map((t) => t.toFixed(0)).join(', ')} ms`)
  // Under load one run can take twice another: the ratio of each alternated pair says more than the medians.
  console.log(`pairs:      ${ours.map((t, i) => `${(t / floor[i]).toFixed(2)}x`).join(', ')} (median ${median(ours.map((t, i) => t / floor[i])).toFixed(2)}x)`)
  console.log(`${engine.name}: move of an endpoint with ${ROWS} snapshots   mon ${median(ours).toFixed(0)} ms   floor ${median(floor).toFixed(0)} ms   ratio ${(median(ours) / median(floor)).toFixed(2)}x (target <= 2x)`)
}

let cluster = null
try {
  await measure(sqlite)
  if (process.argv.includes('--pg')) {
    cluster = await benchPostgres()
    if (cluster) await measure(postgres(cluster.url))
    else console.log('PostgreSQL: skipped (no initdb and no MON_BENCH_PG_URL)')
  }
} finally {
  cluster?.stop()
  rmSync(dir, {recursive: true, force: true})
}
