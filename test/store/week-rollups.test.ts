/** Weekly rollups: migration 0014's backfill and down, `mon db rollup --verify/--rebuild` on weeks, through the commands on both engines. */
import {pathToFileURL} from 'node:url'

import {describe, expect, it} from 'vitest'

import {FIELDS} from '../../src/config/fields.js'
import {type MigrationContext, migrationContext} from '../../src/store/migration-context.js'
import {migrationFiles} from '../../src/store/migrator.js'
import {mon} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {END, expectRollupsOfRaw, generateHistory, seedHistory, storedRollups, withDriver} from './rollup-history.js'

const NOW = {MON_NOW: new Date(END).toISOString()}
const weeksOf = (db: string) => withDriver(db, async (d) => [...(await storedRollups(d)).values()].filter((r) => r.period === 'week'))

describe.each(ENGINES)('week rollups on %s', (engine) => {
  const fresh = useFreshDb(engine)

  it('migration 0014 sums the weeks of the stored days, with progress a week at a time; down deletes them', async () => {
    const db = fresh().db
    // Ten days to Monday 2026-11-30 14:37: the weeks from the 16th, 23rd and 30th.
    await seedHistory(db, generateHistory(10, 30 * 60_000, 3))
    expect((await mon(['db', 'rollback', '--to', '0013', '--db', db])).code).toBe(0)
    expect(await weeksOf(db)).toEqual([])
    const lines: Array<string | null> = []
    await withDriver(db, async (driver) => {
      const file = migrationFiles().find((f) => f.name === '0014-week-rollups')!
      const {up} = (await import(pathToFileURL(file.path).href)) as {up: (p: {context: MigrationContext}) => Promise<void>}
      await driver.transaction(() => up({context: migrationContext(driver, FIELDS, (line) => lines.push(line))}))
      await expectRollupsOfRaw(driver)
      // Undone as down does, since this up ran outside the migrator.
      await driver.run("DELETE FROM rollups WHERE period = 'week'")
    })
    expect(lines).toEqual(['rollups: week 1 of 3…', 'rollups: week 2 of 3…', 'rollups: week 3 of 3…', null])

    // Through the migrator, the same weeks.
    const up = await mon(['db', 'migrate', '--db', db])
    expect([up.code, up.stderr]).toEqual([0, ''])
    expect(up.stdout).toContain('0014-week-rollups')
    await withDriver(db, (d) => expectRollupsOfRaw(d))
    // Four targets, each the weeks from the 16th, 23rd and 30th.
    expect((await weeksOf(db)).map((w) => w.start_at).sort()).toEqual(['2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'].flatMap((w) => [w, w, w, w]))
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)

    // Once prune removed a week's first days, its row is all that is left of them: down asks for --force.
    expect((await mon(['prune', '--older-than', '4d', '--rollups-older-than', '4d', '--db', db], {env: NOW})).code).toBe(0)
    expect((await weeksOf(db)).map((w) => w.start_at)).not.toContain('2026-11-16T00:00:00.000Z')
    const refused = await mon(['db', 'rollback', '--to', '0013', '--db', db])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/0014-week-rollups drops the weekly rollups of days that prune has deleted .*pass --force/)
  }, 120_000)

  it('--verify names a week that disagrees with its days; --rebuild makes it again, keeping the days prune left out of it', async () => {
    const db = fresh().db
    await seedHistory(db, generateHistory(10, 30 * 60_000, 4))
    const week = "period = 'week' AND target_id = 'svc:a' AND start_at = '2026-11-23T00:00:00.000Z'"
    await withDriver(db, async (d) => expect(await d.run(`UPDATE rollups SET warn = warn + 2 WHERE ${week}`)).toBe(1))
    const verify = await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})
    expect([verify.code, verify.stdout]).toEqual([1, 'svc:a week 2026-11-23\n'])
    expect(JSON.parse((await mon(['db', 'rollup', '--verify', '--json', '--db', db], {env: NOW})).stdout).mismatches).toEqual([
      {period: 'week', target_table: 'endpoints', target_id: 'svc:a', start_at: '2026-11-23T00:00:00.000Z', label: 'svc:a week 2026-11-23'},
    ])
    expect((await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})).code).toBe(0)
    await withDriver(db, (d) => expectRollupsOfRaw(d))
    const sound = await weeksOf(db)

    // Raw rows pruned from Thursday the 26th: the week of the 23rd is made again from its stored days, as it was.
    expect((await mon(['prune', '--older-than', '4d', '--db', db], {env: NOW})).code).toBe(0)
    expect((await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})).code).toBe(0)
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).code).toBe(0)
    expect(await weeksOf(db)).toEqual(sound)

    // Then the rollups too: the days of the 23rd to the 25th go, and the week's row is all that is left of them.
    expect((await mon(['prune', '--older-than', '4d', '--rollups-older-than', '4d', '--db', db], {env: NOW})).code).toBe(0)
    const cut = (await weeksOf(db)).find((w) => w.target_id === 'svc:a' && w.start_at === '2026-11-23T00:00:00.000Z')
    expect(cut).toEqual(sound.find((w) => w.target_id === 'svc:a' && w.start_at === '2026-11-23T00:00:00.000Z'))
    // (--verify names the cut hour and day of the 26th: a known gap, not the week's.)
    expect((await mon(['db', 'rollup', '--verify', '--db', db], {env: NOW})).stdout).not.toContain('week')
    expect((await mon(['db', 'rollup', '--rebuild', '--db', db], {env: NOW})).code).toBe(0)
    expect((await weeksOf(db)).find((w) => w.target_id === 'svc:a' && w.start_at === '2026-11-23T00:00:00.000Z')).toEqual(cut)
  }, 120_000)
})
