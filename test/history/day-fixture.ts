/**
 * A realistic day of a fleet, for the status page's size: 60 entities × 3
 * endpoints (health, api, metrics), one check a minute for 24 hours (259,200
 * snapshots), deterministic. Most endpoints are healthy all day with latency
 * jitter and a rare slow check; every 20th has a two-hour outage, every 15th a
 * three-hour slow spell, and one entity stopped reporting three hours ago.
 */
import Database from 'better-sqlite3'

import {migrate} from '../../src/store/migrator.js'
import {rebuildRollups} from '../../src/store/rollup-rebuild.js'
import {SNAPSHOT_COLUMNS} from '../../src/store/snapshots.js'
import type {SnapshotRow} from '../../src/rows.js'
import {uuidv7} from '../../src/time.js'
import {HOUR, MIN, withDriver} from './seed.js'

export const FLEET = {entities: 60, kinds: ['health', 'api', 'metrics'] as const}
const BASE_MS: Record<string, number> = {health: 8, api: 45, metrics: 20}

/** A deterministic generator (Park-Miller), so that every run holds the same data. */
function lcg(seed: number): () => number {
  let s = seed
  return () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647
}

export async function seedFleetDay(db: string, now = Date.now()): Promise<void> {
  const rows = await withDriver(db, async (driver) => {
    await migrate(driver)
    const at = new Date(now - 2 * 24 * HOUR).toISOString()
    const random = lcg(11)
    const rows: SnapshotRow[] = []
    for (let e = 0; e < FLEET.entities; e++) {
      const entity = `svc-${String(e).padStart(2, '0')}:8000`
      await driver.run('INSERT INTO entities (id, type, label, owner, created_at, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [
        entity,
        e % 4 === 0 ? 'backend' : 'service',
        `Service number ${e}`,
        `team-${e % 7}`,
        at,
        at,
      ])
      for (const [k, kind] of FLEET.kinds.entries()) {
        const i = e * FLEET.kinds.length + k
        const endpoint = `${entity}:${kind}`
        await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, method, applied_at) VALUES (?, ?, ?, ?, ?, ?)', [
          endpoint,
          entity,
          kind,
          `http://127.0.0.1:8000/${kind}`,
          'GET',
          at,
        ])
        const outage = i % 20 === 3 ? {from: 6 + (i % 10), to: 8 + (i % 10)} : null
        const slow = i % 15 === 7 ? {from: 2 + (i % 12), to: 5 + (i % 12)} : null
        const stoppedAgo = e === 42 ? 3 * HOUR : 0
        for (let ago = 24 * HOUR - MIN; ago >= stoppedAgo; ago -= MIN) {
          const t = now - ago
          const h = ago / HOUR
          const down = outage !== null && h >= outage.from && h < outage.to
          const latency = Math.round((BASE_MS[kind]! * (1 + 0.4 * random()) + (slow && h >= slow.from && h < slow.to ? 1500 : 0) + (random() < 0.0005 ? 1200 : 0)) * 1000) / 1000
          const status = down ? 'error' : latency > 1000 ? 'warn' : 'ok'
          rows.push({
            id: uuidv7(t),
            entity_id: entity,
            endpoint_id: endpoint,
            registry_id: null,
            status,
            detail: down ? 'connect ECONNREFUSED 127.0.0.1:8000' : `200 OK in ${Math.round(latency)} ms`,
            payload_json: null,
            latency_ms: down ? null : latency,
            phases_ms_json: null,
            observed_at: new Date(t).toISOString(),
          })
        }
      }
    }
    return rows
  })
  // 259,200 rows: one prepared statement in one transaction, straight into the file (faster than the
  // multi-row INSERTs check writes in batches, which the rest of the suite covers).
  const raw = new Database(db)
  // A fixture, rebuilt each run: no need to survive a power cut, and a cache that holds the indexes being built.
  raw.pragma('synchronous = OFF')
  raw.pragma('cache_size = -262144')
  const insert = raw.prepare(`INSERT INTO snapshots (${SNAPSHOT_COLUMNS.join(', ')}) VALUES (${SNAPSHOT_COLUMNS.map(() => '?').join(', ')})`)
  raw.transaction(() => {
    for (const row of rows) insert.run(SNAPSHOT_COLUMNS.map((column) => row[column]))
  })()
  raw.close()
  // Their rollups, as mon check would have kept them.
  await withDriver(db, (driver) => rebuildRollups(driver))
}
