import {describe, expect, it} from 'vitest'

import type {Driver} from '../../src/store/driver.js'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {fingerprintMatches} from '../../src/plan/fingerprint.js'

import {declaredLoss, migrate, migrationFiles, migrationStatus, pendingMigrations, requireCurrentSchema, rollback} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {mon, tempDir} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {readSchema} from '../support/schema.js'

const ALL = [
  '0001-initial',
  '0002-retirement-and-management',
  '0003-check-settings',
  '0004-apply-runs',
  '0005-snapshot-latency-and-registry',
  '0006-snapshot-time-indexes',
  '0007-snapshot-covering-index',
  '0008-fingerprint-v2',
  '0009-snapshot-phases',
  '0010-intervals-slos-activation',
  '0011-rollups',
  '0012-snapshot-size',
  '0013-snapshot-layout',
  '0014-week-rollups',
  '0015-alerts',
  '0016-alert-config',
  '0017-registry-serves',
]

/** Migrations that change no schema, only rows: 0008 re-stamps drift fingerprints, 0014 adds week rows to the rollups. */
const DATA_ONLY = new Set(['0008-fingerprint-v2', '0014-week-rollups'])

describe('migration files', () => {
  it('are named by basename without extension, in order', () => {
    expect(migrationFiles().map((f) => f.name)).toEqual(ALL)
  })

  it('every down step that drops a column or a table declares what it loses', async () => {
    let dropping = 0
    for (const file of migrationFiles()) {
      const text = readFileSync(file.path, 'utf8')
      // DROP TABLE, DROP COLUMN (also as ALTER TABLE t DROP c), or a DELETE: anything a down can lose data by.
      if (!/\bDROP\s+(TABLE|COLUMN)\b|\bALTER\s+TABLE\s+\S+\s+DROP\b|\bDELETE\s+FROM\b|\$\{\w+\}\s+DROP\b/i.test(text.slice(text.indexOf('function down')))) continue
      dropping++
      expect(await declaredLoss(file), file.name).toMatchObject({loses: expect.any(String), probe: expect.stringMatching(/^SELECT /)})
    }
    // 0001-0005 drop data; a later one that does is declared above or fails here.
    expect(dropping).toBeGreaterThanOrEqual(5)
  })
})

describe.each(ENGINES)('migrations on %s', (engine) => {
  const current = useFreshDb(engine)

  async function withDriver<T>(fn: (driver: Driver) => Promise<T>): Promise<T> {
    const driver = await openDriver(current().db)
    try {
      return await fn(driver)
    } finally {
      await driver.close()
    }
  }

  it('mon db migrate creates and migrates; status lists all applied; again is a no-op; rollback --to 0 --force and migrate again work', async () => {
    const first = await mon(['db', 'migrate', '--db', current().db])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`Applied ${ALL.length} migrations to`)
    for (const name of ALL) expect(first.stdout).toContain(`  ${name}\n`)

    const status = await mon(['db', 'status', '--db', current().db, '--json'])
    expect(status.code).toBe(0)
    const report = JSON.parse(status.stdout)
    expect(report).toMatchObject({engine, pending: [], unknown: []})
    expect(report.migrations.map((m: {name: string; status: string}) => [m.name, m.status])).toEqual(ALL.map((n) => [n, 'applied']))
    for (const m of report.migrations) expect(m.executed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    const again = await mon(['db', 'migrate', '--db', current().db, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).applied).toEqual([])
    // A no-op writes nothing: the log times are unchanged.
    expect(JSON.parse(again.stdout).migrations).toEqual(report.migrations)

    const down = await mon(['db', 'rollback', '--to', '0', '--force', '--db', current().db, '--json'])
    expect(down.code).toBe(0)
    expect(JSON.parse(down.stdout).reverted).toEqual([...ALL].reverse())
    expect(JSON.parse(down.stdout).pending).toEqual(ALL)
    expect(Object.keys((await withDriver(readSchema)).tables)).toEqual(['mon_migrations'])

    const up = await mon(['db', 'migrate', '--db', current().db, '--json'])
    expect(up.code).toBe(0)
    expect(JSON.parse(up.stdout).applied).toEqual(ALL)
  }, 120_000)

  it('rollback without --to reverts the last one; --to NAME keeps NAME; --to by number', async () => {
    expect((await mon(['db', 'migrate', '--db', current().db])).code).toBe(0)
    const last = await mon(['db', 'rollback', '--db', current().db])
    expect(last.code).toBe(0)
    expect(last.stdout).toBe(`Rolled back 1 migration on ${current().db.replace(/:[^:@/]*@/, ':***@')} (${engine}):\n  ${ALL.at(-1)}\nNow ${ALL.length - 1} migrations applied, 1 pending.\n`)

    const toName = await mon(['db', 'rollback', '--to', '0003-check-settings', '--db', current().db, '--json'])
    expect(toName.code).toBe(0)
    expect(JSON.parse(toName.stdout).reverted).toEqual(ALL.slice(3, -1).reverse())

    const toNumber = await mon(['db', 'rollback', '--to', '1', '--db', current().db, '--json'])
    expect(JSON.parse(toNumber.stdout).reverted).toEqual(['0003-check-settings', '0002-retirement-and-management'])

    const nothing = await mon(['db', 'rollback', '--to', '1', '--db', current().db])
    expect(nothing.code).toBe(0)
    expect(nothing.stdout).toContain('Nothing to roll back')

    const unknownName = await mon(['db', 'rollback', '--to', '0042-nope', '--db', current().db])
    expect(unknownName.code).toBe(1)
    expect(unknownName.stderr).toMatch(/^Error: unknown migration "0042-nope": expected one of 0001-initial, .*, or 0\n$/)

    const upTo = await mon(['db', 'migrate', '--to', '0004-apply-runs', '--db', current().db, '--json'])
    expect(JSON.parse(upTo.stdout).applied).toEqual(['0002-retirement-and-management', '0003-check-settings', '0004-apply-runs'])
    expect(JSON.parse(upTo.stdout).pending).toEqual(ALL.slice(4))
  }, 120_000)

  it('a rollback that would revert 0001-initial needs --force; without it nothing changes', async () => {
    expect((await mon(['db', 'migrate', '--to', '0002', '--db', current().db])).code).toBe(0)
    await withDriver((driver) =>
      driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['e', 'tool', 'E', 'o']),
    )
    const before = JSON.parse((await mon(['db', 'status', '--db', current().db, '--json'])).stdout)
    for (const args of [['--to', '0'], ['--to', '0', '--json']]) {
      const refused = await mon(['db', 'rollback', ...args, '--db', current().db])
      expect(refused.code).toBe(1)
      const message = args.includes('--json') ? JSON.parse(refused.stdout).error.message : refused.stderr
      expect(message).toMatch(/not rolling back 2 migrations \(0002-retirement-and-management down to 0001-initial\) on .*: 0001-initial drops every mon table .* with all snapshot history\. Nothing was changed; pass --force to do it$/m)
      if (!args.includes('--json')) expect(refused.stderr).toMatch(/^Error: [^\n]+\n$/)
    }
    // One step back to 0001 is fine; the last step needs --force.
    expect((await mon(['db', 'rollback', '--db', current().db])).code).toBe(0)
    const last = await mon(['db', 'rollback', '--db', current().db])
    expect(last.code).toBe(1)
    expect(last.stderr).toMatch(/^Error: not rolling back 0001-initial on .*pass --force to do it\n$/)
    const after = JSON.parse((await mon(['db', 'status', '--db', current().db, '--json'])).stdout)
    expect(after.migrations.map((m: {status: string}) => m.status)).toEqual(['applied', ...ALL.slice(1).map(() => 'pending')])
    expect(after.migrations[0]).toEqual(before.migrations[0])
    expect(await withDriver((driver) => driver.all('SELECT id FROM entities'))).toEqual([{id: 'e'}])

    const forced = await mon(['db', 'rollback', '--force', '--db', current().db, '--json'])
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.stdout).reverted).toEqual(['0001-initial'])
  }, 120_000)

  it('a rollback that drops data names what would be lost and needs --force; with no such data it does not', async () => {
    const db = current().db
    expect((await mon(['db', 'migrate', '--db', db])).code).toBe(0)
    // Nothing stored yet: nothing to lose.
    expect((await mon(['db', 'rollback', '--to', '0002', '--db', db])).code).toBe(0)
    expect((await mon(['db', 'migrate', '--db', db])).code).toBe(0)
    await withDriver(async (driver) => {
      await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['e', 'tool', 'E', 'o'])
      await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, check_json) VALUES (?, ?, ?, ?, ?)', ['e:api', 'e', 'api', 'http://127.0.0.1:9/', '{"timeout":2000}'])
      await driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, status, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?)', ['s', 'e', 'e:api', 'ok', 1.5, '2026-01-01T00:00:00.000Z'])
    })
    const before = await withDriver(readSchema)
    const refused = await mon(['db', 'rollback', '--to', '0002', '--db', db])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^Error: not rolling back \d+ migrations \(\S+ down to 0003-check-settings\) on \S+: 0005-snapshot-latency-and-registry drops snapshot latencies .*; 0003-check-settings drops every endpoint's stored check settings \(endpoints\.check_json\)\. Nothing was changed; pass --force to do it\n$/)
    expect(refused.stderr).not.toContain('0004-apply-runs') // no apply ran: no apply history to lose
    expect(await withDriver(readSchema)).toEqual(before)
    const one = await mon(['db', 'rollback', '--to', '0004', '--db', db, '--json'])
    expect(one.code).toBe(1)
    expect(JSON.parse(one.stdout).error.details.would_lose).toEqual([{name: '0005-snapshot-latency-and-registry', loses: expect.stringContaining('latency_ms')}])
    const forced = await mon(['db', 'rollback', '--to', '0002', '--force', '--db', db, '--json'])
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.stdout).reverted).toHaveLength(ALL.length - 2)
  }, 60_000)

  it('rolling back 0009 with phase timings stored needs --force, and names them', async () => {
    const db = current().db
    expect((await mon(['db', 'migrate', '--db', db])).code).toBe(0)
    await withDriver(async (driver) => {
      await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['e', 'tool', 'E', 'o'])
      await driver.run('INSERT INTO snapshots (id, entity_id, status, phases_ms_json, observed_at) VALUES (?, ?, ?, ?, ?)', ['s', 'e', 'ok', '{"resolve":0}', '2026-01-01T00:00:00.000Z'])
    })
    const refused = await mon(['db', 'rollback', '--to', '0008', '--db', db])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/0009-snapshot-phases drops the phase timings of each snapshot \(snapshots\.phases_ms_json\)\. Nothing was changed; pass --force/)
    expect((await mon(['db', 'rollback', '--to', '0008', '--force', '--db', db])).code).toBe(0)
    await withDriver(async (driver) => expect(await driver.all('SELECT id, status FROM snapshots')).toEqual([{id: 's', status: 'ok'}]))
  }, 60_000)

  it('rolling back 0017 with a registry entry that says what it serves needs --force, and keeps the entry matching its fingerprint', async () => {
    const db = current().db
    const dir = tempDir('mon-serves-')
    try {
      const file = path.join(dir.dir, 'monitors.yaml')
      writeFileSync(file, 'version: 1\nentities:\n  - id: reg\n    type: registry\n    label: R\n    owner: o\n    registry:\n      - path: r.json\n        authority: o\n        serves: {items: models, model: id, entities: [served_by]}\n')
      expect((await mon(['apply', '-c', file, '--db', db])).code).toBe(0)
      const refused = await mon(['db', 'rollback', '--db', db])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/^Error: not rolling back 0017-registry-serves on .*: 0017-registry-serves drops registry entries' serves settings as applied \(re-apply the file to get them back\)\. Nothing was changed; pass --force to do it\n$/)
      await withDriver(async (driver) => expect(await driver.all('SELECT serves_json FROM registry_index')).toEqual([{serves_json: '{"entities":["served_by"],"items":"models","model":"id"}'}]))
      const forced = await mon(['db', 'rollback', '--force', '--db', db, '--json'])
      expect(forced.code).toBe(0)
      expect(JSON.parse(forced.stdout).reverted).toEqual(['0017-registry-serves'])
      await withDriver(async (driver) => {
        const [row] = await driver.all<Record<string, unknown>>('SELECT * FROM registry_index')
        expect(Object.keys(row!)).not.toContain('serves_json')
        // Stamped as without serves, as 0016's mon reads it: not drift.
        expect(fingerprintMatches('registry_index', row!, row!.applied_hash)).toBe(true)
      })
    } finally {
      dir.cleanup()
    }
  }, 60_000)

  it('an unknown --to is an error on an unmigrated database too', async () => {
    expect((await mon(['db', 'migrate', '--to', '1', '--db', current().db])).code).toBe(0)
    expect((await mon(['db', 'rollback', '--force', '--db', current().db])).code).toBe(0)
    const unknownName = await mon(['db', 'rollback', '--to', 'nosuch', '--db', current().db])
    expect(unknownName.code).toBe(1)
    expect(unknownName.stderr).toMatch(/^Error: unknown migration "nosuch": expected one of 0001-initial, .*, or 0\n$/)
    const zero = await mon(['db', 'rollback', '--to', '0', '--db', current().db])
    expect(zero.code).toBe(0)
    expect(zero.stdout).toContain('Nothing to roll back')
  }, 60_000)

  it('each down undoes exactly its up: the schema after rolling back to N equals the schema after migrating to N', async () => {
    await withDriver(async (driver) => {
      const schemas = [await readSchema(driver)]
      for (const name of ALL) {
        expect(await migrate(driver, {to: name})).toEqual([name])
        schemas.push(await readSchema(driver))
      }
      // Every step changed the schema, but those that only rewrite data (tested in upgrade.test.ts).
      for (let i = 1; i < schemas.length; i++) if (!DATA_ONLY.has(ALL[i - 1]!)) expect(schemas[i]).not.toEqual(schemas[i - 1])
      for (let i = ALL.length; i > 0; i--) {
        expect(await rollback(driver, {force: true})).toEqual([ALL[i - 1]])
        const expected = schemas[i - 1]!
        const actual = await readSchema(driver)
        // The log table exists from the first migrate on.
        delete actual.tables.mon_migrations
        delete expected.tables.mon_migrations
        expect(actual).toEqual(expected)
      }
    })
  })

  it('rolling back later migrations keeps the rows of the tables that stay', async () => {
    await withDriver(async (driver) => {
      await migrate(driver)
      await driver.run('INSERT INTO entities (id, type, label, owner, retired_at) VALUES (?, ?, ?, ?, ?)', ['e', 'tool', 'E', 'o', null])
      await driver.run('INSERT INTO snapshots (id, entity_id, status, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?)', ['s', 'e', 'ok', 4.5, '2026-01-01T00:00:00.000Z'])
      await expect(rollback(driver, {to: '0001-initial'})).rejects.toThrow(/0005-snapshot-latency-and-registry drops snapshot latencies/)
      expect(await rollback(driver, {to: '0001-initial', force: true})).toHaveLength(ALL.length - 1)
      expect(await driver.all('SELECT id, label FROM entities')).toEqual([{id: 'e', label: 'E'}])
      expect(await driver.all('SELECT id, status, observed_at FROM snapshots')).toEqual([{id: 's', status: 'ok', observed_at: '2026-01-01T00:00:00.000Z'}])
      expect(await migrate(driver)).toHaveLength(ALL.length - 1)
      expect(await driver.all('SELECT id, retired_at, applied_at FROM entities')).toEqual([{id: 'e', retired_at: null, applied_at: null}])
      expect(await driver.all('SELECT id, latency_ms, registry_id FROM snapshots')).toEqual([{id: 's', latency_ms: null, registry_id: null}])
    })
  })

  it('requireCurrentSchema refuses a new, a behind, and a newer-mon database; passes a current one', async () => {
    await withDriver(async (driver) => {
      await expect(requireCurrentSchema(driver)).rejects.toThrow(/has no mon schema yet: run mon db migrate/)
      await migrate(driver, {to: '0004'})
      expect(await pendingMigrations(driver)).toEqual(ALL.slice(4))
      await expect(requireCurrentSchema(driver)).rejects.toThrow(`needs ${ALL.length - 4} migrations (${ALL.slice(4).join(', ')}): run mon db migrate`)
      await migrate(driver)
      await expect(requireCurrentSchema(driver)).resolves.toBeUndefined()
      await driver.run('INSERT INTO mon_migrations (name, executed_at) VALUES (?, ?)', ['0099-from-the-future', '2027-01-01T00:00:00.000Z'])
      await expect(requireCurrentSchema(driver)).rejects.toThrow(/was migrated by a newer mon \(unknown migrations: 0099-from-the-future\)/)
      expect((await migrationStatus(driver)).at(-1)).toEqual({name: '0099-from-the-future', status: 'unknown', executed_at: '2027-01-01T00:00:00.000Z'})
    })
  })
})
