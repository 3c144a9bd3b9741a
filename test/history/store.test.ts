import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {
  findHistoryTarget,
  readActiveInventory,
  readHistory,
  readHourly,
  readLatest,
  readWindows,
} from '../../src/store/history.js'
import {countSnapshotsBefore, pruneSnapshotsBefore} from '../../src/store/prune.js'
import {openDriver} from '../../src/store/open.js'
import {uuidv7} from '../../src/time.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {DAY, HOUR, WEB_HEALTH_RECENT, count, phasesOf, seed, withDriver, type Seeded} from './seed.js'

describe.each(ENGINES)('history store on %s', (engine) => {
  let fresh: FreshDb
  let seeded: Seeded
  const iso = (ago: number) => new Date(seeded.now - ago).toISOString()

  beforeAll(async () => {
    fresh = await freshDb(engine)
    seeded = await seed(fresh.db)
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  it('reads the active inventory only, children under their entity', async () => {
    const inv = await withDriver(fresh.db, readActiveInventory)
    expect(inv.map((e) => [e.id, e.endpoints.map((x) => x.id), e.registry.map((x) => x.id)])).toEqual([
      ['db', ['db:health'], []],
      ['gw', ['gw:health'], []],
      ['web', ['web:api', 'web:health'], ['registry:web']],
    ])
  })

  it('reads the latest observation and the window figures per endpoint', async () => {
    await withDriver(fresh.db, async (d) => {
      const latest = await readLatest(d, {endpoints: ['web:health', 'gw:health'], registry: ['registry:web']})
      expect(latest.endpoints.get('web:health')).toEqual({status: 'ok', detail: 'ok in 10 ms', observed_at: seeded.snapshots.get('web:health')![0]!.observed_at, latency_ms: 10, phases_ms: phasesOf(10)})
      expect(latest.endpoints.has('gw:health')).toBe(false)
      expect(latest.registry.get('registry:web')).toMatchObject({status: 'ok', latency_ms: null, phases_ms: null})
      const windows = await readWindows(d, ['web:health', 'web:api'], iso(DAY))
      const health = windows.get('web:health')!
      expect([health.ok, health.warn, health.error]).toEqual([6, 2, 2])
      expect([health.latency.count, health.latency.percentile(10), health.latency.percentile(100)]).toEqual([10, 10, 100])
      const api = windows.get('web:api')!
      expect([api.ok, api.warn, api.error, api.latency.count]).toEqual([2, 1, 1, 3])
    })
  })

  it('adds snapshots up per UTC hour', async () => {
    const hourly = await withDriver(fresh.db, (d) => readHourly(d, ['web:health', 'gw:health'], iso(7 * DAY)))
    const hours = hourly.get('web:health')!
    // Each snapshot falls in the hour its ISO time names; the window holds 10 + the ones of 30 h and 2 d ago.
    const expected = new Map<string, {ok: number; warn: number; error: number; latency_sum: number; latency_count: number}>()
    const add = (ago: number, status: 'ok' | 'warn' | 'error', latency: number) => {
      const key = iso(ago).slice(0, 13)
      const h = expected.get(key) ?? {ok: 0, warn: 0, error: 0, latency_sum: 0, latency_count: 0}
      h[status]++
      h.latency_sum += latency
      h.latency_count++
      expected.set(key, h)
    }
    for (const s of WEB_HEALTH_RECENT) add(s.ago, s.status as 'ok' | 'warn' | 'error', s.latency)
    add(30 * HOUR, 'error', 1000)
    add(2 * DAY, 'error', 1000)
    expect(Object.fromEntries(hours)).toEqual(Object.fromEntries(expected))
    expect(hourly.get('gw:health')!.size).toBe(0)
  })

  it('finds history targets in each table, retired ones too, and pages newest first', async () => {
    await withDriver(fresh.db, async (d) => {
      expect(await findHistoryTarget(d, 'old')).toEqual({table: 'entities', id: 'old'})
      expect(await findHistoryTarget(d, 'old:health')).toEqual({table: 'endpoints', id: 'old:health'})
      expect(await findHistoryTarget(d, 'registry:web')).toEqual({table: 'registry_index', id: 'registry:web'})
      expect(await findHistoryTarget(d, 'nope')).toBeNull()
      const all = await readHistory(d, {table: 'endpoints', id: 'web:health'}, {since: iso(60 * DAY), limit: 100})
      expect(all.map((s) => s.id)).toEqual(seeded.snapshots.get('web:health')!.map((s) => s.id))
      const page = await readHistory(d, {table: 'endpoints', id: 'web:health'}, {since: iso(60 * DAY), limit: 4})
      expect(page.map((s) => s.id)).toEqual(seeded.snapshots.get('web:health')!.slice(0, 4).map((s) => s.id))
      const reg = await readHistory(d, {table: 'registry_index', id: 'registry:web'}, {since: iso(DAY), limit: 10})
      expect(reg).toHaveLength(1)
      expect(reg[0]).toMatchObject({entity_id: 'web', endpoint_id: null, registry_id: 'registry:web', latency_ms: null})
    })
  })

  it('prunes in batches that each commit, so another connection can write between them', async () => {
    const {db, cleanup} = await freshDb(engine)
    try {
      await seed(db, seeded.now)
      const old = new Date(seeded.now - 100 * DAY).toISOString()
      // 50 more old snapshots, so that batches of 10 take several rounds.
      await withDriver(db, async (d) => {
        for (let i = 0; i < 50; i++) {
          await d.run('INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
            uuidv7(seeded.now - 100 * DAY),
            'web',
            'web:health',
            'ok',
            'old',
            1,
            old,
          ])
        }
      })
      const before = iso(25 * HOUR)
      expect(await withDriver(db, (d) => countSnapshotsBefore(d, before))).toBe(54)
      const writer = await openDriver(db)
      const pruner = await openDriver(db)
      const seenByOthers: number[] = []
      try {
        const {deleted} = await pruneSnapshotsBefore(pruner, before, {
          batchSize: 10,
          adaptive: false,
          onBatch: async () => {
            // What another connection sees, and that it can write, while prune is between batches.
            const rows = await writer.all<{n: number | string}>('SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE observed_at < ?', [before])
            seenByOthers.push(Number(rows[0]!.n))
            await writer.run('INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
              uuidv7(),
              'web',
              'web:health',
              'ok',
              'written during prune',
              1,
              new Date().toISOString(),
            ])
          },
        })
        expect(deleted).toBe(54)
        expect(seenByOthers).toEqual([44, 34, 24, 14, 4, 0])
      } finally {
        await writer.close()
        await pruner.close()
      }
      expect(await count(db, "SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE detail = 'written during prune'")).toBe(6)
      expect(await count(db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE observed_at < ?', [before])).toBe(0)
      expect(await count(db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM entities')).toBe(4)
      expect(await count(db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM endpoints')).toBe(5)
    } finally {
      await cleanup()
    }
  })
})
