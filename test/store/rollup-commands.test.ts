/** Migration 0011's backfill and down, `mon db rollup --verify/--rebuild`, `mon prune --rollups-older-than`: through the commands, on both engines. */
import {pathToFileURL} from 'node:url'

import {describe, expect, it} from 'vitest'

import {FIELDS} from '../../src/config/fields.js'
import type {SnapshotRow} from '../../src/rows.js'
import type {Driver} from '../../src/store/driver.js'
import {type MigrationContext, migrationContext} from '../../src/store/migration-context.js'
import {migrate, migrationFiles} from '../../src/store/migrator.js'
import {mon} from '../support/cli.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {loadRelease, releaseFixtures} from '../support/upgrade-fixture.js'
import {END, expectRollupsOfRaw, generateHistory, insertAsCheck, seedInventory, storedRollups, withDriver} from './rollup-history.js'

const NOW = {MON_NOW: new Date(END).toISOString()}
const SNAPSHOT_INSERT = 'INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'

/** Snapshots written as before migration 0011: no rollups. */
async function insertRaw(driver: Driver, rows: readonly SnapshotRow[]): Promise<void> {
  await driver.transaction(async () => {
    for (const r of rows) await driver.run(SNAPSHOT_INSERT, [r.id, r.entity_id, r.endpoint_id, r.registry_id, r.status, r.detail, r.latency_ms, r.observed_at])
  })
}

describe.each(ENGINES)('rollup commands on %s', (engine) => {
  // Migrated copies (test/support/migrated-db.ts): the tests that go back to before 0011 roll back from there,
  // as they did from the database seedInventory migrated; the release fixture's test makes its own empty one.
  const fresh = useMigratedDb(engine)

  it('migration 0011 builds the rollups of an existing history; down drops them, and asks for --force once prune removed their raw rows', async () => {
    const db = fresh().db
    await seedInventory(db)
    // Back to before 0011, then a history written the old way, without rollups.
    expect((await mon(['db', 'rollback', '--to', '0009', '--db', db])).code).toBe(0)
    await withDriver(db, (driver) => insertRaw(driver, generateHistory(3, 7 * 60_000, 4)))
    const up = await mon(['db', 'migrate', '--db', db])
    expect(up.code).toBe(0)
    expect(up.stdout).toContain('0011-rollups')
    expect(up.stderr).toBe('') // no terminal: no progress
    expect(await withDriver(db, expectRollupsOfRaw)).toBeGreaterThan(4 * 3 * 24)
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)

    // Nothing lost while the raw rows are there.
    expect((await mon(['db', 'rollback', '--to', '0010', '--db', db])).code).toBe(0)
    expect(await withDriver(db, (d) => d.hasTable('rollups'))).toBe(false)
    expect((await mon(['db', 'migrate', '--db', db])).code).toBe(0)
    expect((await mon(['prune', '--older-than', '1d', '--db', db], {env: NOW})).code).toBe(0)
    const refused = await mon(['db', 'rollback', '--to', '0010', '--db', db])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/0011-rollups drops the rollups of snapshots that prune has deleted .*pass --force/)
    expect(await withDriver(db, (d) => d.hasTable('rollups'))).toBe(true)
  }, 120_000)

  it('migration 0011 reports its progress a day at a time, and erases the line at the end', async () => {
    const db = fresh().db
    await seedInventory(db)
    expect((await mon(['db', 'rollback', '--to', '0009', '--db', db])).code).toBe(0)
    const lines: Array<string | null> = []
    await withDriver(db, async (driver) => {
      await insertRaw(driver, generateHistory(2, 30 * 60_000, 6))
      const file = migrationFiles().find((f) => f.name === '0011-rollups')!
      const {up} = (await import(pathToFileURL(file.path).href)) as {up: (p: {context: MigrationContext}) => Promise<void>}
      await driver.transaction(() => up({context: migrationContext(driver, FIELDS, (line) => lines.push(line))}))
      // Weeks are 0014's.
      await expectRollupsOfRaw(driver, ['hour', 'day'])
    })
    // Two days back from 14:37 span three calendar days.
    expect(lines).toEqual(['rollups: day 1 of 3…', 'rollups: day 2 of 3…', 'rollups: day 3 of 3…', null])
  }, 60_000)

  it('migration 0011 on a database written by release 0.1.0: its rollups agree with its snapshots', async () => {
    // A release from before 0011, so that the migration builds the rollups from the history it finds.
    const fixture = releaseFixtures().find((f) => !f.migrations.some((m) => m.startsWith('0011-')) && (f.tables.snapshots ?? []).length > 0)!
    const {db, cleanup} = await freshDb(engine)
    try {
      await withDriver(db, async (driver) => {
        await loadRelease(driver, fixture)
        await migrate(driver)
        expect(await expectRollupsOfRaw(driver)).toBeGreaterThan(0)
      })
      const verify = await mon(['db', 'rollup', '--verify', '--db', db])
      expect([verify.code, verify.stdout]).toEqual([0, 'Every rollup agrees with its snapshots.\n'])
    } finally {
      await cleanup()
    }
  }, 60_000)

  it('--verify names each hour and day that disagrees (exit 1); --rebuild fixes them; --since rounds down to the hour', async () => {
    const db = fresh().db
    await seedInventory(db)
    await withDriver(db, (driver) => insertAsCheck(driver, generateHistory(2, 10 * 60_000, 9)))
    // Hand edits: an hour of svc:b two days ago, and a day of the registry entry.
    await withDriver(db, async (driver) => {
      expect(await driver.run("UPDATE rollups SET ok = ok + 1 WHERE period = 'hour' AND target_id = 'svc:b' AND start_at = '2026-11-28T16:00:00.000Z'")).toBe(1)
      expect(await driver.run("UPDATE rollups SET latency_histogram = '[]', error = 0 WHERE period = 'day' AND target_id = 'registry:svc' AND start_at = '2026-11-29T00:00:00.000Z'")).toBe(1)
    })
    const verify = await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})
    expect(verify.code).toBe(1)
    // The edited hour, then its day (which no longer adds up to its hours), then the edited day. Its week (Monday 23rd to 30th)
    // starts before the entry's oldest day and counts more than its days: as after prune --rollups-older-than, it is left as it is.
    expect(verify.stdout).toBe('svc:b 2026-11-28T16\nsvc:b 2026-11-28\nregistry:svc 2026-11-29\n')
    const json = JSON.parse((await mon(['db', 'rollup', '--verify', '--json', '--db', db], {env: NOW})).stdout)
    expect(json.mismatches[0]).toEqual({period: 'hour', target_table: 'endpoints', target_id: 'svc:b', start_at: '2026-11-28T16:00:00.000Z', label: 'svc:b 2026-11-28T16'})

    // --since 20h from 14:37 is 18:37 the day before, rounded down to 18:00: the old edit stays, the day of 29th is rebuilt.
    const partial = await mon(['db', 'rollup', '--rebuild', '--since', '20h', '--json', '--db', db], {env: NOW})
    expect(partial.code).toBe(0)
    expect(JSON.parse(partial.stdout)).toMatchObject({action: 'rebuild', since: '2026-11-29T18:00:00.000Z'})
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).stdout).toBe('svc:b 2026-11-28T16\nsvc:b 2026-11-28\n')

    const rebuild = await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})
    expect(rebuild.code).toBe(0)
    expect(rebuild.stdout).toMatch(/^Rebuilt \d+ rollups\.\n$/)
    const after = await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})
    expect([after.code, after.stdout]).toEqual([0, 'Every rollup agrees with its snapshots.\n'])
    await withDriver(db, expectRollupsOfRaw)

    const neither = await mon(['db', 'rollup', '--db', db])
    expect([neither.code, neither.stderr]).toEqual([1, 'Error: mon db rollup takes one of --rebuild and --verify (see --help)\n'])
  }, 120_000)

  it('prune --older-than keeps the rollups; --rollups-older-than removes those whose period ended before it', async () => {
    const db = fresh().db
    await seedInventory(db)
    const rows = generateHistory(5, 30 * 60_000, 5)
    await withDriver(db, (driver) => insertAsCheck(driver, rows))
    const before = await withDriver(db, async (d) => (await storedRollups(d)).size)

    const pruned = JSON.parse((await mon(['prune', '--older-than', '2d', '--json', '--db', db], {env: NOW})).stdout)
    expect(pruned.deleted).toBeGreaterThan(0)
    expect(pruned.rollups).toBeNull()
    expect(await withDriver(db, async (d) => (await storedRollups(d)).size)).toBe(before)
    // Rebuild and verify leave the rollups of pruned hours alone.
    expect((await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})).code).toBe(0)
    expect(await withDriver(db, async (d) => (await storedRollups(d)).size)).toBe(before)
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)
    // So do they with a --since before the oldest raw row (they are all that is left of those hours).
    expect((await mon(['db', 'rollup', '--rebuild', '--since', '4d', '--db', db], {env: NOW})).code).toBe(0)
    expect(await withDriver(db, async (d) => (await storedRollups(d)).size)).toBe(before)
    expect((await mon(['db', 'rollup', '--verify', '--since', '4d', '--db', db], {env: NOW})).code).toBe(0)

    const dry = await mon(['prune', '--rollups-older-than', '3d', '--dry-run', '--db', db], {env: NOW})
    expect(dry.stdout).toMatch(/^Would delete \d+ rollups ended by 2026-11-27T14:37:12\.345Z \(dry run\)\.\n$/)
    const gone = JSON.parse((await mon(['prune', '--rollups-older-than', '3d', '--json', '--db', db], {env: NOW})).stdout)
    expect(gone).toMatchObject({deleted: 0, before: null, rollups: {before: '2026-11-27T14:37:12.345Z'}})
    await withDriver(db, async (d) => {
      const left = await d.all<{period: string; start_at: string}>('SELECT period, min(start_at) AS start_at FROM rollups GROUP BY period ORDER BY period')
      // The hour 13:00-14:00 on the 27th ended before 14:37: gone; 14:00 ends after: kept. The 27th ends after: kept; so does its week (Monday 23rd to 30th).
      expect(left).toEqual([
        {period: 'day', start_at: '2026-11-27T00:00:00.000Z'},
        {period: 'hour', start_at: '2026-11-27T14:00:00.000Z'},
        {period: 'week', start_at: '2026-11-23T00:00:00.000Z'},
      ])
      expect(gone.rollups.deleted).toBe(before - (await storedRollups(d)).size)
    })
  }, 120_000)

  it('prune --rollups-older-than keeps the rollups of hours whose raw rows are still stored, so status reads what --exact reads', async () => {
    const db = fresh().db
    await seedInventory(db)
    await withDriver(db, (driver) => insertAsCheck(driver, generateHistory(3, 20 * 60_000, 8)))
    // Rollups pruned to a day, raw rows kept for all three.
    const pruned = JSON.parse((await mon(['prune', '--rollups-older-than', '1d', '--json', '--db', db], {env: NOW})).stdout)
    expect(pruned.rollups.deleted).toBe(0)
    const counts = async (...flags: string[]) => {
      const out = JSON.parse((await mon(['status', '--json', '--since', '2d', ...flags, '--db', db], {env: NOW})).stdout)
      return out.entities.flatMap((e: {endpoints: Array<{id: string; counts: unknown}>}) => e.endpoints.map((x) => [x.id, x.counts]))
    }
    expect(await counts()).toEqual(await counts('--exact'))
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)
  }, 120_000)
})
