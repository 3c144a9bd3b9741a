#!/usr/bin/env node
// `moved:` of an endpoint with ROWS snapshots (SPEC 9; issue 15's target: at most 2x a raw UPDATE).
// Ours: `mon apply`'s path in process on a copy of the database (open, applyTo with the file's
// moved: entry: read, plan, count, rename in one transaction, close). Floor: on another copy of
// the same file, raw better-sqlite3 `UPDATE snapshots SET endpoint_id = new WHERE endpoint_id = old`
// in one transaction, the least any rename must write. Alternated, RUNS of each, medians, ratio.
// SQLite only (PostgreSQL was not measured). Needs a build (npm run build).
// Usage: node bench/moved.js [--rows N] [--runs N]
import {copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'

import Database from 'better-sqlite3'

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
try {
  const base = path.join(dir, 'base.db')
  const v1 = path.join(dir, 'v1.yaml')
  const v2 = path.join(dir, 'v2.yaml')
  writeFileSync(v1, config('shop-old', false))
  writeFileSync(v2, config('shop-new', true))
  {
    const driver = await openDriver(base)
    await migrate(driver)
    await applyTo(driver, {model: (await loadValidConfig(v1)).model}, {provenance: PROVENANCE})
    await driver.close()
  }
  // The history: ROWS snapshots of the endpoint, one a minute, as mon check stores them (no payload).
  {
    const raw = new Database(base)
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
  }
  console.log(`database: ${ROWS} snapshots of one endpoint, ${(statSync(base).size / 1e6).toFixed(0)} MB`)
  const model = (await loadValidConfig(v2)).model
  const ours = []
  const floor = []
  for (let r = 0; r < RUNS; r++) {
    for (const side of r % 2 === 0 ? ['ours', 'floor'] : ['floor', 'ours']) {
      const copy = path.join(dir, `${side}-${r}.db`)
      copyFileSync(base, copy)
      if (side === 'ours') {
        const t = performance.now()
        const driver = await openDriver(copy)
        const result = await applyTo(driver, {model}, {provenance: PROVENANCE})
        await driver.close()
        ours.push(performance.now() - t)
        const moved = result.plan.changes.find((c) => c.action === 'move')
        if (moved?.snapshots !== ROWS) throw new Error(`the move carried ${moved?.snapshots} snapshots, not ${ROWS}`)
      } else {
        const t = performance.now()
        const raw = new Database(copy)
        raw.pragma('journal_mode = WAL')
        raw.pragma('synchronous = NORMAL')
        const changed = raw.transaction(() => raw.prepare("UPDATE snapshots SET endpoint_id = 'shop-new' WHERE endpoint_id = 'shop-old'").run().changes)()
        raw.close()
        floor.push(performance.now() - t)
        if (changed !== ROWS) throw new Error(`the raw UPDATE changed ${changed} rows, not ${ROWS}`)
      }
      rmSync(copy, {force: true})
      rmSync(`${copy}-wal`, {force: true})
      rmSync(`${copy}-shm`, {force: true})
    }
  }
  const a = median(ours)
  const b = median(floor)
  console.log(`runs ours:  ${ours.map((t) => t.toFixed(0)).join(', ')} ms`)
  console.log(`runs floor: ${floor.map((t) => t.toFixed(0)).join(', ')} ms`)
  // Under load one run can take twice another: the ratio of each alternated pair says more than the medians.
  console.log(`pairs:      ${ours.map((t, i) => `${(t / floor[i]).toFixed(2)}x`).join(', ')} (median ${median(ours.map((t, i) => t / floor[i])).toFixed(2)}x)`)
  console.log(`SQLite: move of an endpoint with ${ROWS} snapshots   mon ${a.toFixed(0)} ms   floor ${b.toFixed(0)} ms   ratio ${(a / b).toFixed(2)}x (target <= 2x)`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
