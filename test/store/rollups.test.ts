/** Rollup upkeep and window reads against raw rows, on both engines. */
import {describe, expect, it} from 'vitest'

import {readHourly} from '../../src/store/history.js'
import {openDriver} from '../../src/store/open.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {readWindowFigures} from '../../src/store/window-figures.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {END, ENDPOINTS, REGISTRY, expectRollupsOfRaw, generateHistory, insertAsCheck, random, seedInventory, snapshot, storedRollups, withDriver} from './rollup-history.js'

const within1 = (approx: number | null, exact: number | null) => {
  expect(approx === null).toBe(exact === null)
  if (approx !== null && exact !== null) expect(Math.abs(approx - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-9)
}

describe.each(ENGINES)('rollups on %s', (engine) => {
  const fresh = useMigratedDb(engine)

  it('mon check upkeep: after several runs the rollups hold exactly what the raw rows add up to', async () => {
    await seedInventory(fresh().db)
    const rows = generateHistory(2, 5 * 60_000)
    await withDriver(fresh().db, async (driver) => {
      await insertAsCheck(driver, rows.slice(0, 700))
      await insertAsCheck(driver, rows.slice(700))
      await expectRollupsOfRaw(driver)
      const day = (await storedRollups(driver)).get(`day|endpoints|svc:a|${rows[0]!.observed_at.slice(0, 10)}T00:00:00.000Z`)!
      expect(day.ok + day.warn + day.error).toBe(rows.filter((r) => r.endpoint_id === 'svc:a' && r.observed_at.startsWith(rows[0]!.observed_at.slice(0, 10))).length)
    })
  })

  it('upkeep is in the snapshots transaction: a failed insert changes no rollup', async () => {
    await seedInventory(fresh().db)
    await withDriver(fresh().db, async (driver) => {
      const first = [snapshot('svc:a', END - 1000, 'ok', 12), snapshot('registry:svc', END - 1000, 'ok', null)]
      await insertSnapshots(driver, first)
      const before = await driver.all('SELECT * FROM rollups ORDER BY period, target_table, target_id, start_at')
      // The second row repeats an id: the insert fails, after the rollups were updated inside the transaction.
      const failing = [snapshot('svc:a', END - 500, 'error', 30), {...first[0]!}]
      await expect(insertSnapshots(driver, failing)).rejects.toThrow()
      expect(await driver.all('SELECT * FROM rollups ORDER BY period, target_table, target_id, start_at')).toEqual(before)
      await expectRollupsOfRaw(driver)
    })
  })

  it('a spool replay (skipExisting) counts a snapshot once, however often it is replayed', async () => {
    await seedInventory(fresh().db)
    const rows = generateHistory(0.2, 60_000, 7)
    await withDriver(fresh().db, async (driver) => {
      await insertSnapshots(driver, rows.slice(0, 100))
      // A replay of a file half written before: its first half is already there.
      expect(await insertSnapshots(driver, rows.slice(50, 150), {skipExisting: true})).toBe(50)
      expect(await insertSnapshots(driver, rows.slice(50, 150), {skipExisting: true})).toBe(0)
      await expectRollupsOfRaw(driver)
    })
  })

  it('concurrent writers lose no update (read-modify-write under row locks)', async () => {
    await seedInventory(fresh().db)
    const rows = generateHistory(0.05, 10_000, 3)
    const writers = await Promise.all([0, 1, 2, 3].map(() => openDriver(fresh().db)))
    try {
      // Four writers at once on the same targets and hours, each a share of the rows.
      await Promise.all(writers.map((w, i) => insertAsCheck(w, rows.filter((_, n) => n % writers.length === i))))
    } finally {
      for (const w of writers) await w.close()
    }
    await withDriver(fresh().db, expectRollupsOfRaw)
  }, 60_000)

  it('a rebuild holds rollup writes for its hour: a check making a new rollup row waits for it, then counts on top (nothing lost)', async () => {
    await seedInventory(fresh().db)
    const [first, late] = [snapshot('svc:a', END - 60_000, 'ok', 12), snapshot('svc:b', END - 30_000, 'error', 40)]
    await withDriver(fresh().db, (driver) => insertAsCheck(driver, [first]))
    const [rebuilder, checker] = await Promise.all([openDriver(fresh().db), openDriver(fresh().db)])
    try {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let locked!: () => void
      const lockTaken = new Promise<void>((resolve) => (locked = resolve))
      const rewrite = rebuilder.transaction(async () => {
        await rebuilder.lockWrites('rollups')
        locked()
        await held
      }, {lockTimeoutMs: 10_000, exclusive: false})
      await lockTaken
      let checked = false
      const check = insertAsCheck(checker, [late]).then(() => (checked = true))
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(checked).toBe(false) // svc:b has no rollup row this hour: only the table lock makes it wait
      release()
      await rewrite
      await check
    } finally {
      await rebuilder.close()
      await checker.close()
    }
    await withDriver(fresh().db, expectRollupsOfRaw)
  }, 30_000)

  it('window reads: rollups with raw edges give the raw counts exactly and percentiles within 1%, for any since', async () => {
    await seedInventory(fresh().db)
    const rows = generateHistory(30, 20 * 60_000, 11)
    await withDriver(fresh().db, async (driver) => {
      await insertAsCheck(driver, rows)
      const targets = {endpoints: ENDPOINTS, registry: REGISTRY}
      const until = new Date(END).toISOString()
      const next = random(5)
      const windows = [29.99 * 86_400_000, 86_400_000, 3_600_000, 90 * 60_000, 7 * 86_400_000 + 1234, ...Array.from({length: 12}, () => next() * 31 * 86_400_000)]
      for (const back of windows) {
        const since = new Date(END - back).toISOString()
        const approx = await readWindowFigures(driver, targets, {since, until})
        const exact = await readWindowFigures(driver, targets, {since, until, exact: true})
        expect(exact.exact).toBe(true)
        // Rollups are read when the window holds a whole hour before the hour of now.
        const H = 3_600_000
        expect(approx.exact).toBe(Math.ceil((END - back) / H) * H >= Math.floor(END / H) * H)
        for (const kind of ['endpoints', 'registry'] as const) {
          for (const [id, e] of exact[kind]) {
            const a = approx[kind].get(id)!
            expect([a.ok, a.warn, a.error, a.latency.count], `${id} since ${since}`).toEqual([e.ok, e.warn, e.error, e.latency.count])
            for (const p of [50, 95, 99]) within1(a.latency.percentile(p), e.latency.percentile(p))
          }
        }
      }
      // The hour bars: whole hours from the hourly rollups, the same figures as the raw rows.
      const since = new Date(END - 7 * 86_400_000 - 1234).toISOString()
      const fromRollups = await readHourly(driver, ENDPOINTS, since, until)
      const fromRaw = await readHourly(driver, ENDPOINTS, since)
      for (const id of ENDPOINTS) {
        const raw = fromRaw.get(id)!
        expect([...fromRollups.get(id)!.keys()].sort()).toEqual([...raw.keys()].sort())
        for (const [hour, h] of fromRollups.get(id)!) {
          const r = raw.get(hour)!
          expect([h.ok, h.warn, h.error, h.latency_count]).toEqual([r.ok, r.warn, r.error, r.latency_count])
          expect(h.latency_sum).toBeCloseTo(r.latency_sum, 6)
        }
      }
    })
  }, 120_000)

  it('reads a window whose raw rows were pruned from the rollups that outlive them', async () => {
    await seedInventory(fresh().db)
    const rows = generateHistory(3, 30 * 60_000, 2)
    await withDriver(fresh().db, async (driver) => {
      await insertAsCheck(driver, rows)
      const cut = new Date(END - 86_400_000).toISOString().slice(0, 13) + ':00:00.000Z'
      await driver.run('DELETE FROM snapshots WHERE observed_at < ?', [cut])
      // On the hour: the window has no raw edge before its first whole hour, which prune took.
      const since = new Date(END - 2.5 * 86_400_000).toISOString().slice(0, 13) + ':00:00.000Z'
      const read = await readWindowFigures(driver, {endpoints: ['svc:a'], registry: []}, {since, until: new Date(END).toISOString()})
      const expected = rows.filter((r) => r.endpoint_id === 'svc:a' && r.observed_at >= since).length
      const a = read.endpoints.get('svc:a')!
      expect(a.ok + a.warn + a.error).toBe(expected)
    })
  })
})
