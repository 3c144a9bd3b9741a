// The history bench/history.js measures: a generated fleet (test/support/
// synthetic-history.ts) applied with `mon apply`, its snapshots written by raw
// prepared inserts in big transactions (SQLite) or COPY (PostgreSQL), in the
// stored form mon writes (bench/history-stored-forms.js), its rollups made by
// mon's own code as the rows go by (bench/history-rollups.js).
// Kept under $MON_BENCH_DATA (default /work/bench-data) with a `.json` beside
// each database saying what it holds, and reused while the shape and the
// migrations are the same.
import {spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'
import pg from 'pg'
import {register} from 'tsx/esm/api'

import {buildHasRollups, postgresRunner, rollupBuilder, sqliteRunner} from './history-rollups.js'
import {sameAsStore, storedFormsWriter} from './history-stored-forms.js'

register()
const {fleetConfig, generateSnapshots, payloadKey} = await import('../test/support/synthetic-history.ts')

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const BIN = path.join(ROOT, 'bin/run.js')
export const DATA_DIR = path.resolve(process.env.MON_BENCH_DATA ?? '/work/bench-data')
export const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href)
const {SNAPSHOT_COLUMNS} = await dist('store/snapshots.js')

/** Where bench/check-server.js listens while a check loop runs against the generated inventory. */
export const SERVER_PORT = 18990
const DAY = 86_400_000

/** The migrations this build has, each with a hash of its text: a database made with others is generated again. */
const migrations = () =>
  readdirSync(path.join(ROOT, 'migrations'))
    .filter((f) => /^\d{4}-.*\.js$/.test(f))
    .sort()
    .map((f) => `${f} ${createHash('sha256').update(readFileSync(path.join(ROOT, 'migrations', f))).digest('hex').slice(0, 12)}`)
const schedules = () => readFileSync(path.join(ROOT, 'schemas/monitors.schema.json'), 'utf8').includes('"interval"')

export const env = (extra = {}) => {
  const e = {...process.env, NO_COLOR: '1', ...extra}
  delete e.NODE_ENV // oclif would run src/ through tsx
  return e
}

/** Runs mon to its end; throws with its stderr on an exit code not in `codes`. */
export function mon(args, {codes = [0], extraEnv = {}} = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {encoding: 'utf8', maxBuffer: 512 * 2 ** 20, env: env(extraEnv)})
  if (!codes.includes(r.status)) throw new Error(`mon ${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout.slice(-400)}`)
  return r
}

const progress = (label, rows, started) => {
  const s = (performance.now() - started) / 1000
  process.stderr.write(`\r  ${label}: ${rows.toLocaleString('en')} rows, ${s.toFixed(0)} s, ${Math.round(rows / s).toLocaleString('en')} rows/s   `)
}

/**
 * The inventory through `mon apply` of the generated monitors.yaml, applied
 * as of the history's start (MON_NOW), so that its targets are active over
 * the whole history.
 */
async function applyInventory(db, shape, dir) {
  // The rows must be what mon writes: checked on a small fleet's day first.
  await sameAsStore([...generateSnapshots({...shape, endpoints: 12, registry: 2, days: 1})], payloadKey)
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'registry.json'), '{"models": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}\n')
  const config = path.join(dir, 'monitors.yaml')
  writeFileSync(config, fleetConfig(shape, {baseUrl: `http://127.0.0.1:${SERVER_PORT}`, registryPath: './registry.json', schedules: schedules()}))
  mon(['apply', '--db', db, '--config', config], {extraEnv: {MON_NOW: new Date(shape.end - shape.days * DAY).toISOString()}})
  return config
}

/** A generated history that is already there and holds what is asked for, or null. */
function reusable(metaFile, shape) {
  if (!existsSync(metaFile)) return null
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'))
  if (meta.pruned) return null
  const same = meta.endpoints === shape.endpoints && meta.registry === shape.registry && meta.days === shape.days && meta.migrations.join() === migrations().join()
  return same ? meta : null
}

async function finish(kind, db, metaFile, shape, rows, seconds, extra) {
  const meta = {kind, db, ...shape, rows, generate_seconds: seconds, rows_per_second: Math.round(rows / seconds), migrations: migrations(), ...extra}
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`)
  return meta
}

/** The SQLite history of `shape` in `file` (default: under DATA_DIR), reused when it is already there. */
export async function sqliteHistory(shape, file = path.join(DATA_DIR, `history-${shape.endpoints}x${shape.days}d`, 'monitor.db')) {
  const dir = path.dirname(file)
  const metaFile = `${file}.json`
  const kept = reusable(metaFile, shape)
  if (kept) return kept
  for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile]) rmSync(f, {force: true})
  const config = await applyInventory(file, shape, dir)
  const started = performance.now()
  const db = new Database(file)
  // A benchmark's data, rebuilt on demand: no need to survive a power cut. The journal stays the WAL mon set.
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -1048576')
  // Indexes are built once at the end (a sort) instead of row by row; the id's primary key takes rows in order.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'snapshots' AND sql IS NOT NULL").all()
  for (const {name: index} of indexes) db.exec(`DROP INDEX ${index}`)
  const tuple = `(${SNAPSHOT_COLUMNS.map(() => '?').join(', ')})`
  const PER = 50
  const many = db.prepare(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES ${Array(PER).fill(tuple).join(', ')}`)
  const one = db.prepare(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES ${tuple}`)
  const params = new Array(PER * SNAPSHOT_COLUMNS.length)
  let k = 0
  let rows = 0
  const rollups = buildHasRollups() ? await rollupBuilder(sqliteRunner(db)) : null
  const stored = (await storedFormsWriter(payloadKey)) ?? ((row) => row)
  db.exec('BEGIN')
  for (const generated of generateSnapshots(shape)) {
    const turn = rollups?.add(generated)
    if (turn) await turn
    const row = stored(generated)
    for (const column of SNAPSHOT_COLUMNS) params[k++] = row[column]
    rows++
    if (k < params.length) continue
    many.run(params)
    k = 0
    // A commit every 500,000 rows keeps the WAL bounded.
    if (rows % 500_000 === 0) {
      db.exec('COMMIT')
      db.exec('BEGIN')
      progress('SQLite snapshots', rows, started)
    }
  }
  for (let i = 0; i < k; i += SNAPSHOT_COLUMNS.length) one.run(params.slice(i, i + SNAPSHOT_COLUMNS.length))
  const rollupRows = (await rollups?.finish()) ?? null
  db.exec('COMMIT')
  const inserted = (performance.now() - started) / 1000
  process.stderr.write(`\n  building ${indexes.length} indexes…\n`)
  for (const {sql} of indexes) db.exec(sql)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const seconds = (performance.now() - started) / 1000
  return finish('sqlite', file, metaFile, shape, rows, seconds, {config, insert_seconds: inserted, rollup_rows: rollupRows, bytes: statSync(file).size})
}

/** A value in COPY's text format: \\N for NULL; backslash, tab and line ends escaped (rare: a test, not a copy, per value). */
const copyText = (v) => (v === null ? '\\N' : typeof v === 'number' ? String(v) : /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})[c]) : v)
/** psql beside the initdb the tests use, else the one on PATH. */
function psqlBin() {
  const found = ['/usr/lib/postgresql'].filter(existsSync).flatMap((root) => readdirSync(root).map((v) => path.join(root, v, 'bin/psql'))).filter(existsSync).sort()
  return found.at(-1) ?? 'psql'
}

/** The same history in a PostgreSQL database `name` on the server at adminUrl, reused when it is already there. */
export async function postgresHistory(shape, adminUrl, name = `history_${shape.endpoints}x${shape.days}d`) {
  const dir = path.join(DATA_DIR, `pg-${name}`)
  const metaFile = path.join(dir, 'history.json')
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const kept = reusable(metaFile, shape)
  const admin = new pg.Client({connectionString: adminUrl})
  await admin.connect()
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0
  if (kept && exists) return (await admin.end(), {...kept, db: url.toString()})
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  rmSync(dir, {recursive: true, force: true})
  const config = await applyInventory(url.toString(), shape, dir)
  const started = performance.now()
  const client = new pg.Client({connectionString: url.toString()})
  await client.connect()
  // Bulk load as pg_restore does: indexes built at the end.
  const indexes = (
    await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'snapshots'
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'snapshots'::regclass)`,
    )
  ).rows
  for (const {indexname} of indexes) await client.query(`DROP INDEX ${indexname}`)
  // COPY through psql (its text format on stdin): the fastest way in; FK triggers off as pg_restore has them.
  const copy = spawn(psqlBin(), [url.toString(), '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'SET session_replication_role = replica', '-c', `COPY snapshots (${SNAPSHOT_COLUMNS.join(', ')}) FROM STDIN`], {stdio: ['pipe', 'ignore', 'inherit']})
  const copied = new Promise((resolve, reject) => copy.on('error', reject).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited ${code}`)))))
  const rollups = buildHasRollups() ? await rollupBuilder(postgresRunner(client)) : null
  const stored = (await storedFormsWriter(payloadKey)) ?? ((row) => row)
  let rows = 0
  let lines = []
  for (const generated of generateSnapshots(shape)) {
    const turn = rollups?.add(generated)
    if (turn) await turn
    const row = stored(generated)
    lines.push(`${SNAPSHOT_COLUMNS.map((c) => copyText(row[c])).join('\t')}\n`)
    if (++rows % 2000 !== 0) continue
    if (!copy.stdin.write(lines.join(''))) await new Promise((resolve) => copy.stdin.once('drain', resolve))
    lines = []
    if (rows % 500_000 === 0) progress('PostgreSQL snapshots', rows, started)
  }
  copy.stdin.end(lines.join(''))
  await copied
  const rollupRows = (await rollups?.finish()) ?? null
  const inserted = (performance.now() - started) / 1000
  process.stderr.write(`\n  building ${indexes.length} indexes, then VACUUM ANALYZE (what autovacuum does to a table that grew)…\n`)
  await client.query('SET maintenance_work_mem = 1048576')
  for (const {indexdef} of indexes) await client.query(indexdef)
  await client.query('VACUUM ANALYZE')
  await client.end()
  const seconds = (performance.now() - started) / 1000
  mkdirSync(dir, {recursive: true})
  return finish('postgres', url.toString(), metaFile, shape, rows, seconds, {config, insert_seconds: inserted, rollup_rows: rollupRows})
}
