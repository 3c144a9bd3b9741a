#!/usr/bin/env node
// Benchmarks for the store, each beside its floor measured in the same run:
// 1. SQLite: ROWS snapshot inserts through the Driver (one transaction, run() per row)
//    against raw better-sqlite3 (one prepared statement in db.transaction()). Target: at most 1.5x.
// 2. PostgreSQL: PG_ROWS snapshot inserts through the Driver (one transaction, run() per row,
//    `?` rewritten each time) against a raw pg.Client sending the same `$n` statement. Target: 1.2x.
// 3. `mon db migrate` on a fresh SQLite file, a whole process, against the floor: a bare node
//    process that opens better-sqlite3 and runs the same migrations' DDL. Target: at most 3x.
// PostgreSQL: $MON_BENCH_PG_URL (a superuser URL), else a throwaway cluster like the tests'.
// Needs a build (npm run build). Usage: node bench/store.js [--rows N] [--pg-rows N] [--runs N]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'
import pg from 'pg'

import {benchPostgres} from './postgres-admin.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN = path.join(ROOT, 'bin/run.js')
const {openDriver} = await import(pathToFileURL(path.join(ROOT, 'dist/store/open.js')).href)
const {migrate} = await import(pathToFileURL(path.join(ROOT, 'dist/store/migrator.js')).href)

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ROWS = arg('rows', 50_000)
const PG_ROWS = arg('pg-rows', 5_000)
const RUNS = arg('runs', 5)

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (n) => `${n.toFixed(1)} ms`

const INSERT = 'INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
const PG_INSERT = 'INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, payload_json, latency_ms, observed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)'
const row = (run, i) => [`${run}-${i}`, 'e', 'e:health', 'ok', '200 OK in 12 ms', '{"status":200}', 12.5 + (i % 7), new Date(1_800_000_000_000 + i).toISOString()]

async function seed(driver) {
  await migrate(driver)
  await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['e', 'service', 'E', 'ops'])
  await driver.run('INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, ?, ?, ?)', ['e:health', 'e', 'health', 'http://127.0.0.1/'])
}

function report(name, ours, floor, target) {
  const ratio = ours / floor
  console.log(`${name.padEnd(44)} mon ${ms(ours).padStart(10)}   floor ${ms(floor).padStart(10)}   ratio ${ratio.toFixed(2)}x (target <= ${target}x)`)
}

const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-store-'))
try {
  // 1. SQLite inserts.
  {
    const file = path.join(dir, 'insert.db')
    const driver = await openDriver(file)
    await seed(driver)
    const raw = new Database(file)
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.pragma('foreign_keys = ON')
    const stmt = raw.prepare(INSERT)
    const insertAll = raw.transaction((run) => {
      for (let i = 0; i < ROWS; i++) stmt.run(row(run, i))
    })
    const ours = []
    const floor = []
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now()
      insertAll(`raw${r}`)
      floor.push(performance.now() - t)
      t = performance.now()
      await driver.transaction(async () => {
        for (let i = 0; i < ROWS; i++) await driver.run(INSERT, row(`drv${r}`, i))
      })
      ours.push(performance.now() - t)
    }
    raw.close()
    await driver.close()
    report(`SQLite: ${ROWS} inserts in one transaction`, median(ours), median(floor), 1.5)
  }

  // 2. PostgreSQL inserts.
  {
    const cluster = await benchPostgres()
    const admin = cluster?.url
    if (!admin) {
      console.log('PostgreSQL: skipped (no initdb and no MON_BENCH_PG_URL)')
    } else {
      try {
        const client = new pg.Client({connectionString: admin})
        await client.connect()
        await client.query('DROP DATABASE IF EXISTS mon_bench_store')
        await client.query('CREATE DATABASE mon_bench_store')
        await client.end()
        const url = new URL(admin)
        url.pathname = '/mon_bench_store'
        const driver = await openDriver(url.toString())
        await seed(driver)
        const raw = new pg.Client({connectionString: url.toString()})
        await raw.connect()
        const ours = []
        const floor = []
        for (let r = 0; r < RUNS; r++) {
          let t = performance.now()
          await raw.query('BEGIN')
          for (let i = 0; i < PG_ROWS; i++) await raw.query(PG_INSERT, row(`raw${r}`, i))
          await raw.query('COMMIT')
          floor.push(performance.now() - t)
          t = performance.now()
          await driver.transaction(async () => {
            for (let i = 0; i < PG_ROWS; i++) await driver.run(INSERT, row(`drv${r}`, i))
          })
          ours.push(performance.now() - t)
        }
        await raw.end()
        await driver.close()
        report(`PostgreSQL: ${PG_ROWS} inserts in one transaction`, median(ours), median(floor), 1.2)
      } finally {
        cluster?.stop()
      }
    }
  }

  // 3. mon db migrate, a whole process, against a bare node process doing the same DDL.
  {
    const floorScript = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('journal_mode = WAL'); db.pragma('foreign_keys = ON');
      // A fresh database has no rows to re-stamp: the least a data migration can do is nothing.
      const ctx = {exec: async (sql) => db.exec(sql), restamp: async () => 0};
      (async () => {
        db.exec('CREATE TABLE mon_migrations (name TEXT PRIMARY KEY, executed_at TEXT NOT NULL)');
        for (const f of require('fs').readdirSync(process.argv[2]).sort()) {
          db.exec('BEGIN IMMEDIATE');
          await (await import(require('path').join(process.argv[2], f))).up({context: ctx});
          db.prepare('INSERT INTO mon_migrations VALUES (?, ?)').run(f, new Date().toISOString());
          db.exec('COMMIT');
        }
      })();`
    const ours = []
    const floor = []
    for (let r = 0; r < RUNS; r++) {
      const fileA = path.join(dir, `floor${r}.db`)
      let t = performance.now()
      const f = spawnSync(process.execPath, ['-e', floorScript, fileA, path.join(ROOT, 'migrations')], {cwd: ROOT, encoding: 'utf8'})
      floor.push(performance.now() - t)
      if (f.status !== 0) throw new Error(f.stderr)
      const fileB = path.join(dir, `mon${r}.db`)
      t = performance.now()
      const m = spawnSync(process.execPath, [BIN, 'db', 'migrate', '--db', fileB], {encoding: 'utf8'})
      ours.push(performance.now() - t)
      if (m.status !== 0) throw new Error(m.stderr)
    }
    report('mon db migrate on a fresh SQLite file', median(ours), median(floor), 3)
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
