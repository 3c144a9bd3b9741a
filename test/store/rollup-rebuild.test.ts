/** The rebuild's unit of work (a target's few days, several to a transaction): a mon check between units, a day cut by prune, progress, stray rows. Both engines. */
import {describe, expect, it} from 'vitest'

import {sameRollup} from '../../src/rollup.js'
import {openDriver} from '../../src/store/open.js'
import {type PassTarget, passUnits} from '../../src/store/rollup-pass.js'
import {rebuildRollups, verifyRollups} from '../../src/store/rollup-rebuild.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {mon} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {END, expectRollupsOfRaw, generateHistory, seedHistory, storedRollups, withDriver} from './rollup-history.js'

const NOW = {MON_NOW: new Date(END).toISOString()}

describe('passUnits', () => {
  const targets: PassTarget[] = [
    {target_table: 'endpoints', target_id: 'svc:a', entity_id: 'svc'},
    {target_table: 'registry_index', target_id: 'registry:svc', entity_id: 'svc'},
  ]
  const span = {first: '2026-11-20T10:00:00.000Z', end: '2026-12-01T00:00:00.000Z'}
  /** The units, `onEach` called after each is taken (as the rebuild reads one before it takes the next). */
  const ranges = (pace: {perDay: number}, onEach: () => void = () => {}) => {
    const out: Array<[string, string, string, boolean]> = []
    for (const u of passUnits(targets, span, pace)) {
      out.push([u.target.target_id, u.from.slice(0, 13), u.to.slice(0, 10), u.last])
      onEach()
    }
    return out
  }

  it('cuts each target into whole days from the span start (a week of one-a-minute rows at most), the last one marked', () => {
    expect(ranges({perDay: 1440})).toEqual([
      ['svc:a', '2026-11-20T10', '2026-11-27', false],
      ['svc:a', '2026-11-27T00', '2026-12-01', true],
      ['registry:svc', '2026-11-20T10', '2026-11-27', false],
      ['registry:svc', '2026-11-27T00', '2026-12-01', true],
    ])
  })

  it('sizes each unit by the pace the last one read: a day when a day holds a week of rows, never less', () => {
    const pace = {perDay: 1440}
    // From the second unit on, rows come at one every 10 s.
    const units = ranges(pace, () => (pace.perDay = 8640))
    expect(units.slice(0, 3)).toEqual([
      ['svc:a', '2026-11-20T10', '2026-11-27', false],
      ['svc:a', '2026-11-27T00', '2026-11-28', false],
      ['svc:a', '2026-11-28T00', '2026-11-29', false],
    ])
    // svc:a: a week, then four single days; registry:svc starts at the pace svc:a left: eleven single days.
    expect(units).toHaveLength(5 + 11)
    expect(ranges({perDay: 1e9})).toHaveLength(2 * 11)
  })
})

describe.each(ENGINES)('rollup rebuild target by target on %s', (engine) => {
  const fresh = useMigratedDb(engine)

  it('a mon check writing between units, into hours being rebuilt, loses nothing and counts nothing twice', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(3, 10 * 60_000, 21))
    // More checks spread over the same three days, so that each batch lands in hours the rebuild rewrites, before or after it does.
    const late = generateHistory(3, 40 * 60_000, 22)
    const [rebuilder, checker] = await Promise.all([openDriver(db), openDriver(db)])
    let during = 0
    try {
      let rebuilding = true
      const checks = (async () => {
        for (let i = 0; i < late.length; i += 20) {
          await insertSnapshots(checker, late.slice(i, i + 20), {lockTimeoutMs: 30_000})
          if (rebuilding) during++
        }
      })()
      // A unit to each transaction: as many chances for a check to come between as there are units.
      await rebuildRollups(rebuilder, {transactionMs: 0})
      rebuilding = false
      await checks
    } finally {
      await rebuilder.close()
      await checker.close()
    }
    expect(during).toBeGreaterThan(0)
    await withDriver(db, expectRollupsOfRaw)
    expect(await withDriver(db, (driver) => verifyRollups(driver))).toEqual([])
  }, 60_000)

  it('a day whose raw rows prune cut in the middle keeps its earlier hours as stored; its later ones are rebuilt from the raw rows', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(3, 20 * 60_000, 23))
    await withDriver(db, async (driver) => {
      const before = await storedRollups(driver)
      // Prune by hand from 10:20 on the 28th, then a hand edit in a later hour of that day.
      await driver.run('DELETE FROM snapshots WHERE observed_at < ?', ['2026-11-28T10:20:00.000Z'])
      expect(await driver.run("UPDATE rollups SET ok = ok + 5 WHERE period = 'hour' AND target_id = 'svc:a' AND start_at = '2026-11-28T15:00:00.000Z'")).toBe(1)
      expect(await rebuildRollups(driver)).toBeGreaterThan(0)
      const after = await storedRollups(driver)
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
      // Every rollup is as it was before the edit: the day of the 28th from its pruned hours as stored (00:00 to 10:00) and its later ones from raw rows.
      for (const [key, r] of before) expect(sameRollup(after.get(key)!, r), key).toBe(true)
      expect(await verifyRollups(driver)).toEqual([])
    })
  }, 60_000)

  it('writes only the rows that differ from what is stored: none for sound rollups, one after one hand edit', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(2, 15 * 60_000, 26))
    await withDriver(db, async (driver) => {
      // Rows the rebuild writes: SQLite counts them per connection; on PostgreSQL a written row has a new xmin.
      const versions = () => driver.all<{v: string}>(engine === 'postgres' ? 'SELECT xmin::text AS v FROM rollups ORDER BY period, target_table, target_id, start_at' : 'SELECT total_changes() AS v')
      const written = async (rebuild: () => Promise<unknown>) => {
        const before = await versions()
        await rebuild()
        const after = await versions()
        return engine === 'postgres' ? after.filter((r, i) => r.v !== before[i]!.v).length : Number(after[0]!.v) - Number(before[0]!.v)
      }
      expect(await written(() => rebuildRollups(driver))).toBe(0)
      expect(await driver.run("UPDATE rollups SET warn = warn + 1 WHERE period = 'day' AND target_id = 'svc:c' AND start_at = '2026-11-29T00:00:00.000Z'")).toBe(1)
      expect(await written(() => rebuildRollups(driver))).toBe(1)
      await expectRollupsOfRaw(driver)
    })
  }, 60_000)

  it('reports progress as targets are done, and a transaction holds several units unless told otherwise', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(2, 30 * 60_000, 24))
    await withDriver(db, async (driver) => {
      const each: Array<[number, number]> = []
      await rebuildRollups(driver, {transactionMs: 0, onTarget: (done, total) => each.push([done, total])})
      expect(each).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]])
      const together: Array<[number, number]> = []
      await verifyRollups(driver, {onTarget: (done, total) => together.push([done, total])})
      expect(together).toEqual([[4, 4]])
    })
  }, 60_000)

  it('a rollup of a target in neither endpoints nor registry_index (a hand edit) is named by --verify and removed by --rebuild', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(1, 30 * 60_000, 25))
    await withDriver(db, async (driver) => {
      await driver.run(
        "INSERT INTO rollups (period, target_table, target_id, entity_id, start_at, ok, warn, error, latency_count, latency_sum, latency_histogram) VALUES ('hour', 'endpoints', 'svc:gone', 'svc', '2026-11-30T09:00:00.000Z', 3, 0, 0, 0, 0, '[]')",
      )
    })
    const verify = await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})
    // The hour, and its day, which has no row to add up to it.
    expect([verify.code, verify.stdout]).toEqual([1, 'svc:gone 2026-11-30T09\nsvc:gone 2026-11-30\n'])
    expect((await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})).code).toBe(0)
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)
    await withDriver(db, async (driver) => {
      expect(await driver.all("SELECT target_id FROM rollups WHERE target_id = 'svc:gone'")).toEqual([])
      await expectRollupsOfRaw(driver)
    })
  }, 60_000)
})
