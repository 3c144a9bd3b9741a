/**
 * Snapshots taken in maintenance (snapshots.maintenance set, migration 0015)
 * in the rollups and the window reads, on both engines: counted in
 * `maintenance` only, never in ok/warn/error or the latencies, and the same
 * whether kept up by mon check, rebuilt, or read raw (--exact).
 */
import {describe, expect, it} from 'vitest'

import {rebuildRollups, verifyRollups} from '../../src/store/rollup-rebuild.js'
import {readWindowFigures} from '../../src/store/window-figures.js'
import type {SnapshotRow} from '../../src/rows.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {END, ENDPOINTS, REGISTRY, expectRollupsOfRaw, generateHistory, insertAsCheck, seedInventory, storedRollups, withDriver} from './rollup-history.js'

const HOUR = 3_600_000
/** A window of maintenance across midnight, three days back: whole hours and partial ones at both ends. */
const FROM = Date.parse('2026-11-27T21:40:00.000Z')
const TO = Date.parse('2026-11-28T03:10:00.000Z')

function inMaintenance(rows: SnapshotRow[]): SnapshotRow[] {
  return rows.map((r) => {
    const at = Date.parse(r.observed_at)
    return at >= FROM && at < TO && r.endpoint_id !== 'svc:c' ? {...r, maintenance: 'nightly'} : r
  })
}

describe.each(ENGINES)('snapshots taken in maintenance on %s', (engine) => {
  const fresh = useMigratedDb(engine)

  it('mon check counts them in rollups.maintenance only; the rollups equal the raw rows and a rebuild, and verify names a wrong count', async () => {
    await seedInventory(fresh().db)
    const rows = inMaintenance(generateHistory(4, 7 * 60_000, 9))
    const marked = rows.filter((r) => r.maintenance)
    expect(marked.length).toBeGreaterThan(60)
    await withDriver(fresh().db, async (driver) => {
      await insertAsCheck(driver, rows)
      await expectRollupsOfRaw(driver)
      // A whole hour inside the window: nothing in ok/warn/error or latency, all in maintenance.
      const hour = (await storedRollups(driver)).get('hour|endpoints|svc:a|2026-11-27T23:00:00.000Z')!
      const ofHour = marked.filter((r) => r.endpoint_id === 'svc:a' && r.observed_at.startsWith('2026-11-27T23'))
      expect([hour.ok, hour.warn, hour.error, hour.latency_count, hour.maintenance]).toEqual([0, 0, 0, 0, ofHour.length])
      const week = (await storedRollups(driver)).get('week|endpoints|svc:a|2026-11-23T00:00:00.000Z')!
      expect(week.maintenance).toBe(marked.filter((r) => r.endpoint_id === 'svc:a' && r.observed_at < '2026-11-30').length)
      expect(await verifyRollups(driver)).toEqual([])

      await driver.run("UPDATE rollups SET maintenance = maintenance + 1 WHERE period = 'hour' AND target_id = 'svc:b' AND start_at = '2026-11-28T01:00:00.000Z'")
      expect(await verifyRollups(driver)).toEqual([
        {period: 'hour', target_table: 'endpoints', target_id: 'svc:b', start_at: '2026-11-28T01:00:00.000Z'},
        {period: 'day', target_table: 'endpoints', target_id: 'svc:b', start_at: '2026-11-28T00:00:00.000Z'},
      ])
      await rebuildRollups(driver)
      await expectRollupsOfRaw(driver)
      expect(await verifyRollups(driver)).toEqual([])
    })
  }, 60_000)

  it('window reads leave them out of the statuses and latencies, count them, and rollups agree with --exact', async () => {
    await seedInventory(fresh().db)
    const rows = inMaintenance(generateHistory(4, 7 * 60_000, 3))
    await withDriver(fresh().db, async (driver) => {
      await insertAsCheck(driver, rows)
      const until = new Date(END).toISOString()
      for (const since of [FROM - 5 * HOUR - 1234, FROM + 17 * 60_000, TO - 2 * HOUR, END - 4 * 86_400_000]) {
        const at = new Date(since).toISOString()
        const approx = await readWindowFigures(driver, {endpoints: ENDPOINTS, registry: REGISTRY}, {since: at, until})
        const exact = await readWindowFigures(driver, {endpoints: ENDPOINTS, registry: REGISTRY}, {since: at, until, exact: true})
        for (const id of ENDPOINTS) {
          const mine = rows.filter((r) => r.endpoint_id === id && r.observed_at >= at)
          const counted = mine.filter((r) => !r.maintenance)
          const want = [
            counted.filter((r) => r.status === 'ok').length,
            counted.filter((r) => r.status === 'warn').length,
            counted.filter((r) => r.status === 'error').length,
            mine.length - counted.length,
            counted.filter((r) => r.latency_ms !== null).length,
          ]
          for (const read of [exact, approx]) {
            const f = read.endpoints.get(id)!
            expect([f.ok, f.warn, f.error, f.maintenance, f.latency.count], `${id} since ${at}`).toEqual(want)
          }
          expect(exact.endpoints.get(id)!.latency.percentile(100)).toBe(Math.max(...counted.filter((r) => r.latency_ms !== null).map((r) => r.latency_ms!)))
        }
      }
    })
  }, 60_000)
})
