/** Rollup rows edited by hand into something that does not read: the reading commands fail in one line, --verify names them, --rebuild fixes them. Both engines. */
import {describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {rawSums, readParts} from '../../src/store/window-sums.js'
import {END, expectRollupsOfRaw, generateHistory, insertAsCheck, seedHistory, seedInventory, snapshot, withDriver} from './rollup-history.js'

const NOW = {MON_NOW: new Date(END).toISOString()}

describe.each(ENGINES)('a rollup whose latency_histogram does not read, on %s', (engine) => {
  const fresh = useMigratedDb(engine)

  it('status says which row in one line (not a bug in mon), --exact still reads, --verify names it, --rebuild fixes it', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(2, 10 * 60_000, 3))
    await withDriver(db, async (driver) => {
      expect(await driver.run("UPDATE rollups SET latency_histogram = 'not json' WHERE period = 'hour' AND target_id = 'svc:b' AND start_at = '2026-11-30T10:00:00.000Z'")).toBe(1)
    })
    const run = (args: string[]) => mon([...args, '--db', db], {env: NOW})

    const status = await run(['status', '--json'])
    expect(status.code).toBe(1)
    expect(status.stderr).not.toMatch(/bug in mon/)
    expect(JSON.parse(status.stdout).error.message).toBe(
      'rollups: the latency_histogram of svc:b for the hour 2026-11-30T10 does not read (not a latency histogram); mon db rollup --rebuild rewrites it',
    )
    const text = await run(['status'])
    expect([text.code, text.stderr.trimEnd().split('\n')]).toEqual([1, [`Error: ${JSON.parse(status.stdout).error.message}`]])
    expect((await run(['status', '--exact'])).code).toBe(0)

    const verify = await run(['db', 'rollup', '--verify'])
    expect([verify.code, verify.stdout]).toEqual([1, 'svc:b 2026-11-30T10\nsvc:b 2026-11-30\n'])
    expect((await run(['db', 'rollup', '--rebuild'])).code).toBe(0)
    expect((await run(['db', 'rollup', '--verify'])).code).toBe(0)
    expect((await run(['status', '--json'])).code).toBe(0)
  }, 120_000)

  it("a histogram edited to hold string_agg's separator reads as it would row by row: each half a histogram, the row still is not one", async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(3, 10 * 60_000, 5))
    await withDriver(db, async (driver) => {
      expect(await driver.run("UPDATE rollups SET latency_histogram = '[1,2];[3,4]' WHERE period = 'day' AND target_id = 'svc:c' AND start_at = '2026-11-28T00:00:00.000Z'")).toBe(1)
    })
    const status = await mon(['status', '--json', '--since', '3d', '--db', db], {env: NOW})
    expect([status.code, JSON.parse(status.stdout).error?.message]).toEqual([
      1,
      'rollups: the latency_histogram of svc:c for the day 2026-11-28 does not read (not a latency histogram); mon db rollup --rebuild rewrites it',
    ])
  }, 120_000)

  it('does not stop mon check from recording: the snapshots of a batch are stored, and --verify still names the row', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(1, 10 * 60_000, 4))
    await withDriver(db, async (driver) => {
      expect(await driver.run("UPDATE rollups SET latency_histogram = '{}' WHERE period = 'day' AND target_id = 'svc:b' AND start_at = '2026-11-30T00:00:00.000Z'")).toBe(1)
      // A batch of the same day, svc:b among its targets: none of it may be lost to one bad row.
      await insertAsCheck(driver, [snapshot('svc:a', END + 1000, 'ok', 12), snapshot('svc:b', END + 1000, 'ok', 15)])
      expect(await driver.all("SELECT endpoint_id FROM snapshots WHERE observed_at = ? ORDER BY endpoint_id", [new Date(END + 1000).toISOString()])).toEqual([
        {endpoint_id: 'svc:a'},
        {endpoint_id: 'svc:b'},
      ])
    })
    const verify = await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})
    // The day, then its week, which no longer adds up to its days that read.
    expect([verify.code, verify.stdout]).toEqual([1, 'svc:b 2026-11-30\nsvc:b week 2026-11-30\n'])
    expect((await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})).code).toBe(0)
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)
  }, 120_000)

  it('a spool file that holds one snapshot twice (a hand edit, two files joined) is counted once, as it is stored once', async () => {
    const db = fresh().db
    await seedInventory(db)
    await withDriver(db, async (driver) => {
      const row = snapshot('svc:a', END, 'ok', 12)
      expect(await insertSnapshots(driver, [row, row, snapshot('svc:b', END, 'error', null)], {skipExisting: true})).toBe(2)
      expect(await expectRollupsOfRaw(driver)).toBe(6) // an hour, a day and a week of each target
    })
  })
})

describe('a raw latency edited into text with a comma in it (SQLite keeps text in a REAL column)', () => {
  const fresh = useMigratedDb('sqlite')

  it('reads as Number() reads it, row by row, on the rollup path and with --exact alike', async () => {
    const db = fresh().db
    await seedInventory(db)
    await withDriver(db, async (driver) => {
      await insertAsCheck(driver, [snapshot('svc:a', END - 60_000, 'ok', 12), snapshot('svc:a', END - 30_000, 'warn', 20), snapshot('svc:b', END - 30_000, 'ok', 7)])
      expect(await driver.run("UPDATE snapshots SET latency_ms = '1,5' WHERE endpoint_id = 'svc:a' AND status = 'warn'")).toBe(1)
      const sums: Array<[string, unknown, number[]]> = []
      await readParts([rawSums(driver, 'endpoints', ['svc:a', 'svc:b'], {from: new Date(END - 3_600_000).toISOString(), to: null}, (id, counts, latencies) => sums.push([id, counts, [...latencies]]))])
      expect(sums.sort()).toEqual([
        ['svc:a', {ok: 1, warn: 1, error: 0, maintenance: 0}, [12, Number.NaN]],
        ['svc:b', {ok: 1, warn: 0, error: 0, maintenance: 0}, [7]],
      ])
    })
    const counts = async (args: string[]) => {
      const out = JSON.parse((await mon(['status', '--json', '--since', '1h', ...args, '--db', db], {env: NOW})).stdout)
      return out.entities[0].endpoints.map((e: {id: string; checks: number; counts: unknown}) => [e.id, e.checks, e.counts])
    }
    expect(await counts([])).toEqual(await counts(['--exact']))
  })
})
