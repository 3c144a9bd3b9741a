// The SQLite history the rollup benches share (bench/rollups.js,
// bench/week-rollups.js): a file at migration 0009 with ENDPOINTS endpoints
// and a snapshot of each every EVERY_MS for DAYS before NOW, written raw (no
// rollups yet: the caller migrates, timing the backfill or not).
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import Database from 'better-sqlite3'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const dist = (p, root = ROOT) => import(pathToFileURL(path.join(root, 'dist', p)).href)
const {openDriver} = await dist('store/open.js')
const {migrate} = await dist('store/migrator.js')
const {uuidv7} = await dist('time.js')

export function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
export const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6
export const NOW = Date.parse('2026-11-30T14:37:12.345Z')

/** The file, its Driver (at 0009), an open better-sqlite3 handle on it, the endpoint ids, the rows written and the generator's next random number. */
export async function rollupHistoryFile({endpoints, days, everyMs, prefix}) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  const file = path.join(dir, 'monitor.db')
  const driver = await openDriver(file)
  await migrate(driver, {to: '0009'})
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  raw.prepare("INSERT INTO entities (id, type, label, owner) VALUES ('svc', 'service', 'svc', 'team')").run()
  const ids = Array.from({length: endpoints}, (_, i) => `svc:${i}`)
  const endpoint = raw.prepare("INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, 'svc', 'api', 'http://127.0.0.1:9/')")
  for (const id of ids) endpoint.run(id)
  const insert = raw.prepare("INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES (?, 'svc', ?, ?, '', ?, ?)")
  let rows = 0
  let seed = 7
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
  raw.transaction(() => {
    for (let t = NOW - days * 86_400_000; t <= NOW; t += everyMs) {
      for (const id of ids) {
        const r = next()
        insert.run(uuidv7(t), id, r < 0.9 ? 'ok' : r < 0.97 ? 'warn' : 'error', Math.exp(3 + 2 * next()), new Date(t).toISOString())
        rows++
      }
    }
  })()
  return {dir, file, driver, raw, ids, rows, next, migrate: (options) => migrate(driver, options), uuidv7}
}
