/**
 * A migrated database with a hand-made inventory and snapshots at fixed
 * offsets from "now", whose figures are worked out by hand in the tests.
 *
 *   web (service, team-a)   web:health   10 snapshots in the last 24 h: 6 ok, 2 warn, 2 error,
 *                                        latencies 10..100 ms; plus 3 errors of 1000 ms older than 24 h
 *                           web:api      4 in the window: warn 30 (latest), ok 20, ok 40, error without latency
 *                           registry:web ok 1 min ago
 *   db (backend, team-b)    db:health    ok 2 h and 3 h ago (15, 25 ms): stale after 1 h
 *   gw (gateway, team-b)    gw:health    never checked
 *   old (tool, retired)     old:health   snapshots 10 min and 3 days ago
 */
import {openDriver} from '../../src/store/open.js'
import {migrate} from '../../src/store/migrator.js'
import type {Driver} from '../../src/store/driver.js'
import {uuidv7} from '../../src/time.js'
import {rebuildRollups} from '../../src/store/rollup-rebuild.js'

export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

/** web:health in the last 24 hours, newest first: status, latency (ms) and age. */
export const WEB_HEALTH_RECENT = ['ok', 'ok', 'warn', 'error', 'ok', 'ok', 'warn', 'error', 'ok', 'ok'].map((status, i) => ({
  status,
  latency: (i + 1) * 10,
  ago: (i + 1) * 10 * MIN - 5 * MIN,
}))

export interface Seeded {
  now: number
  /** Snapshot ids by endpoint or registry id, newest first. */
  snapshots: Map<string, Array<{id: string; observed_at: string}>>
}

export async function withDriver<T>(db: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = await openDriver(db)
  try {
    return await fn(driver)
  } finally {
    await driver.close()
  }
}

export async function seed(db: string, now = Date.now()): Promise<Seeded> {
  const snapshots: Seeded['snapshots'] = new Map()
  await withDriver(db, async (driver) => {
    await migrate(driver)
    const at = new Date(now - DAY).toISOString()
    const entity = (id: string, type: string, owner: string, retired: string | null = null) =>
      driver.run('INSERT INTO entities (id, type, label, owner, created_at, retired_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id,
        type,
        `${id} label`,
        owner,
        at,
        retired,
        at,
      ])
    const endpoint = (id: string, entityId: string, kind: string, retired: string | null = null) =>
      driver.run('INSERT INTO endpoints (id, entity_id, kind, url, method, retired_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id,
        entityId,
        kind,
        `http://127.0.0.1:9/${id}`,
        'GET',
        retired,
        at,
      ])
    const snap = async (
      entityId: string,
      ref: {endpoint?: string; registry?: string},
      status: string,
      latency: number | null,
      ago: number,
      detail = `${status} in ${latency ?? '-'} ms`,
    ) => {
      const t = now - ago
      const id = uuidv7(t)
      const observed_at = new Date(t).toISOString()
      const phases = ref.endpoint && latency !== null ? JSON.stringify(phasesOf(latency)) : null
      await driver.run(
        'INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, phases_ms_json, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, entityId, ref.endpoint ?? null, ref.registry ?? null, status, detail, null, latency, phases, observed_at],
      )
      const key = ref.endpoint ?? ref.registry!
      snapshots.set(key, [...(snapshots.get(key) ?? []), {id, observed_at}].sort((a, b) => (a.observed_at < b.observed_at ? 1 : -1)))
    }

    await entity('web', 'service', 'team-a')
    await entity('db', 'backend', 'team-b')
    await entity('gw', 'gateway', 'team-b')
    await entity('old', 'tool', 'team-a', new Date(now - HOUR).toISOString())
    await endpoint('web:health', 'web', 'health')
    await endpoint('web:api', 'web', 'api')
    await endpoint('db:health', 'db', 'health')
    await endpoint('gw:health', 'gw', 'health')
    await endpoint('old:health', 'old', 'health', new Date(now - HOUR).toISOString())
    await driver.run(
      'INSERT INTO registry_index (id, entity_id, registry_path, authority, format, applied_at) VALUES (?, ?, ?, ?, ?, ?)',
      ['registry:web', 'web', './registries/web.json', 'web-registry', 'json', at],
    )

    // web:health, newest first: ok 10, ok 20, warn 30, error 40, ok 50, ok 60, warn 70, error 80, ok 90, ok 100.
    for (const s of WEB_HEALTH_RECENT) await snap('web', {endpoint: 'web:health'}, s.status, s.latency, s.ago)
    for (const ago of [30 * HOUR, 2 * DAY, 40 * DAY]) await snap('web', {endpoint: 'web:health'}, 'error', 1000, ago)

    await snap('web', {endpoint: 'web:api'}, 'warn', 30, 5 * MIN, 'slow: 30 ms')
    await snap('web', {endpoint: 'web:api'}, 'ok', 20, 65 * MIN)
    await snap('web', {endpoint: 'web:api'}, 'ok', 40, 125 * MIN)
    await snap('web', {endpoint: 'web:api'}, 'error', null, 185 * MIN, 'timeout after 2000 ms')

    await snap('web', {registry: 'registry:web'}, 'ok', null, MIN, 'parsed 3 entries')

    await snap('db', {endpoint: 'db:health'}, 'ok', 15, 2 * HOUR)
    await snap('db', {endpoint: 'db:health'}, 'ok', 25, 3 * HOUR)

    await snap('old', {endpoint: 'old:health'}, 'ok', 5, 10 * MIN)
    await snap('old', {endpoint: 'old:health'}, 'ok', 5, 3 * DAY)
    // Written raw, as by hand: their rollups as mon check would have kept them.
    await rebuildRollups(driver)
  })
  return {now, snapshots}
}

export async function count(db: string, sql: string, params: Array<string | number> = []): Promise<number> {
  return withDriver(db, async (driver) => {
    const rows = await driver.all<{n: number | string}>(sql, params)
    return Number(rows[0]!.n)
  })
}

/** The phases seeded for an endpoint snapshot of this latency: they add up to it. */
export function phasesOf(latencyMs: number): {resolve: number; connect: number; tls: number; processing: number; transfer: number} {
  return {resolve: 0, connect: latencyMs / 5, tls: 0, processing: (latencyMs * 7) / 10, transfer: latencyMs / 10}
}
