/**
 * The upgrade guarantee: a database written by an earlier release, migrated
 * by this one, plans clean with the unchanged file; a row edited by hand
 * before the upgrade is still drift after it; no snapshot or apply run is
 * lost. One case per release fixture (test/fixtures/upgrade/), per engine.
 * Every later migration must keep this passing.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

// The tables every release fixture holds managed rows of (notifiers and windows came with 0016: only the latest fixtures have them).
import {INVENTORY_TABLES as TABLES} from '../../src/config/fields.js'
import {parseConfig} from '../../src/config/load.js'
import {modelToYaml} from '../../src/config/serialize.js'
import {fingerprintMatches} from '../../src/plan/fingerprint.js'
import type {Driver} from '../../src/store/driver.js'
import {migrationFiles} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {mon, tempDir} from '../support/cli.js'
import {copyDb} from '../support/db-copy.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {historyRows, loadRelease, releaseFixtures} from '../support/upgrade-fixture.js'

async function withDriver<T>(db: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = await openDriver(db)
  try {
    return await fn(driver)
  } finally {
    await driver.close()
  }
}

/** The first active managed row of a table in the fixture: the one a person edits by hand. */
function editable(fixture: ReturnType<typeof releaseFixtures>[number], table: string): string {
  const row = fixture.tables[table]!.find((r) => r.applied_at !== null && r.retired_at === null)
  return String(row!.id)
}

describe.each(ENGINES)('upgrade on %s', (engine) => {
  describe.each(releaseFixtures().map((f) => [f.file, f] as const))('from %s', (_, fixture) => {
    // The release's database is built once per fixture; each test, which changes it, gets a copy.
    let release: FreshDb
    beforeAll(async () => {
      release = await freshDb(engine)
      await withDriver(release.db, (driver) => loadRelease(driver, fixture))
    })
    afterAll(async () => {
      await release.cleanup()
    })
    let fresh: FreshDb
    let config: string
    let cleanup: () => void
    beforeEach(async () => {
      fresh = await copyDb(engine, release.db)
      const dir = tempDir('mon-upgrade-')
      cleanup = dir.cleanup
      config = path.join(dir.dir, 'monitors.yaml')
      writeFileSync(config, fixture.config)
    })
    afterEach(async () => {
      await fresh.cleanup()
      cleanup()
    })

    it('plans clean before and after migrating, and keeps every snapshot and apply run', async () => {
      const pending = migrationFiles().map((m) => m.name).filter((name) => !fixture.migrations.includes(name))
      expect(pending.length).toBeGreaterThan(0)

      // CI runs plan with the new mon before apply migrates: it must not see drift either.
      const before = await mon(['plan', '-c', config, '--db', fresh.db, '--detailed-exitcode', '--json'])
      expect(before.stderr).not.toMatch(/Error|bug/)
      expect(before.code).toBe(0)
      expect(JSON.parse(before.stdout)).toMatchObject({changes: [], drift: 0, migrations: {pending}})

      const migrated = await mon(['db', 'migrate', '--db', fresh.db, '--json'])
      expect(migrated.code).toBe(0)
      expect(JSON.parse(migrated.stdout).applied).toEqual(pending)

      const after = await mon(['plan', '-c', config, '--db', fresh.db, '--detailed-exitcode'])
      expect(after.stderr).not.toMatch(/Error|bug/)
      expect(after.stdout).toContain('No changes.')
      expect(after.code).toBe(0)

      await withDriver(fresh.db, async (driver) => {
        const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.id) < String(b.id) ? -1 : 1)
        for (const table of ['snapshots', 'apply_runs'] as const) {
          const before = [...fixture.tables[table]!].sort(byId)
          const columns = new Set(Object.keys(before[0] ?? {}))
          const kept = (await historyRows(driver, table)).sort(byId)
          // Row for row as the release wrote it; a column a later migration added (snapshots.phases_ms_json) is NULL.
          expect(kept.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => columns.has(k))))).toEqual(before)
          expect(kept.flatMap((row) => Object.entries(row).filter(([k, v]) => !columns.has(k) && v !== null))).toEqual([])
        }
        // Every managed row now carries the current fingerprint, matching it.
        for (const table of TABLES) {
          const rows = await driver.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE applied_hash IS NOT NULL`)
          expect(rows.length).toBeGreaterThan(0)
          for (const row of rows) {
            expect(row.applied_hash).toMatch(/^v2:[0-9a-f]{64}$/)
            expect(fingerprintMatches(table, row, row.applied_hash)).toBe(true)
          }
        }
      })

      // And apply of the unchanged file writes nothing: no new run.
      const applied = await mon(['apply', '-c', config, '--db', fresh.db, '--json'])
      expect(applied.code).toBe(0)
      expect(JSON.parse(applied.stdout)).toMatchObject({changes: [], run_id: null})
    }, 60_000)

    it('a row edited by hand before the upgrade is still drift after it, and only that row', async () => {
      const entity = editable(fixture, 'entities')
      const endpoint = editable(fixture, 'endpoints')
      await withDriver(fresh.db, async (driver) => {
        await driver.run('UPDATE entities SET label = ? WHERE id = ?', ['edited by hand', entity])
        await driver.run('UPDATE endpoints SET url = ? WHERE id = ?', ['http://127.0.0.1:9/edited', endpoint])
      })
      expect((await mon(['db', 'migrate', '--db', fresh.db])).code).toBe(0)
      const plan = await mon(['plan', '-c', config, '--db', fresh.db, '--detailed-exitcode', '--json'])
      expect(plan.code).toBe(2)
      const changes = JSON.parse(plan.stdout).changes as Array<{table: string; id: string; action: string; drift: boolean; fields: Record<string, unknown>}>
      expect(changes.map((c) => [c.table, c.id, c.action, c.drift])).toEqual([
        ['entities', entity, 'update', true],
        ['endpoints', endpoint, 'update', true],
      ])
      expect(Object.keys(changes[0]!.fields)).toEqual(['label'])
      expect(Object.keys(changes[1]!.fields)).toEqual(['url'])
    }, 60_000)

    it('a plan saved by this mon before it migrates still applies after the migration', async () => {
      const entity = editable(fixture, 'entities')
      const {model} = parseConfig(fixture.config, 'monitors.yaml')
      model!.entities.find((e) => e.id === entity)!.label = 'relabelled in review'
      writeFileSync(config, modelToYaml(model!))
      const planFile = path.join(path.dirname(config), 'plan.json')
      const saved = await mon(['plan', '-c', config, '--db', fresh.db, '--out', planFile, '--json'])
      expect(saved.code).toBe(0)
      expect(JSON.parse(saved.stdout).changes.map((c: {id: string; drift: boolean}) => [c.id, c.drift])).toEqual([[entity, false]])
      // apply migrates (0008 re-stamps every row), then checks the saved plan against the rows.
      const applied = await mon(['apply', planFile, '--db', fresh.db, '--json'])
      expect(applied.stderr).toBe('')
      expect(applied.code).toBe(0)
      expect(JSON.parse(applied.stdout)).toMatchObject({applied: true, summary: {create: 0, update: 1, move: 0, retire: 0, revive: 0}})
      const after = await mon(['plan', '-c', config, '--db', fresh.db, '--detailed-exitcode'])
      expect(after.code).toBe(0)
    }, 60_000)

    it('rolling back to the release\'s own migrations gives it its own fingerprints back, matching its rows', async () => {
      expect((await mon(['db', 'migrate', '--db', fresh.db])).code).toBe(0)
      const back = await mon(['db', 'rollback', '--to', fixture.migrations.at(-1)!, '--db', fresh.db, '--json'])
      expect(back.stderr).toBe('')
      expect(back.code).toBe(0)
      await withDriver(fresh.db, async (driver) => {
        for (const table of TABLES) {
          const rows = await driver.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE applied_hash IS NOT NULL`)
          const released = new Map(fixture.tables[table]!.map((r) => [r.id, r.applied_hash]))
          for (const row of rows) {
            // v1 for releases before 0008, v2 after: whichever the release wrote, and still matching.
            expect(fingerprintMatches(table, row, row.applied_hash)).toBe(true)
            expect(row.applied_hash).toBe(released.get(String(row.id)))
          }
        }
      })
    }, 60_000)
  })
})
