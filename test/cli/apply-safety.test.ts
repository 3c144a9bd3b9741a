import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {sha256} from '../../src/canonical-json.js'
import type {Engine} from '../../src/store/driver.js'
import {migrationFiles} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {ROOT, monProcess, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {dump, endpoint, entity, expectOk, fileHash, model, monAt, sql, three, workspace, writeConfig} from './plan-support.js'

// Each test runs mon several times; a loaded machine makes that slow.
vi.setConfig({testTimeout: 120_000})

describe.each(ENGINES)('mon apply on %s: refusals and failures', (engine: Engine) => {
  const ws = workspace(engine)

  it('applies a saved plan exactly, and refuses a stale one, naming the rows and changing nothing', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const next = three()
    next.entities[1]!.label = 'bee'
    next.entities.push(entity('d'))
    writeConfig(ws.dir, next)
    expectOk(await monAt(ws.dir, ws.db, ['plan', '--out', 'plan.json']))
    // The file moves on after review; the saved plan is what gets applied.
    const later = structuredClone(next)
    later.entities[1]!.label = 'not reviewed'
    writeConfig(ws.dir, later)
    const applied = expectOk(await monAt(ws.dir, ws.db, ['apply', 'plan.json']))
    expect(applied.stdout).toContain('Apply complete: 1 added, 1 changed, 0 retired, 0 revived')
    expect(await sql(ws.db, "SELECT label FROM entities WHERE id = 'b'")).toEqual([{label: 'bee'}])
    const [run] = await sql<{config_sha256: string}>(ws.db, 'SELECT config_sha256 FROM apply_runs ORDER BY applied_at DESC LIMIT 1')
    expect(run!.config_sha256).toBe(sha256(readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8').replace('not reviewed', 'bee')))

    // Applying the same saved plan again: the database moved on since it was made.
    const state = await dump(ws.db)
    const again = await monAt(ws.dir, ws.db, ['apply', 'plan.json'])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^Error: the saved plan is stale: the database changed since the plan was made \(entity b changed, entity d added\)\. Nothing was changed; run mon plan again\n$/)
    expect(await dump(ws.db)).toBe(state)

    expectOk(await monAt(ws.dir, ws.db, ['plan', '--out', 'plan2.json']))
    await sql(ws.db, "UPDATE endpoints SET url = 'http://127.0.0.1:2/' WHERE id = 'b:api'")
    const edited = await dump(ws.db)
    const stale = await monAt(ws.dir, ws.db, ['apply', 'plan2.json', '--json'])
    expect(stale.code).toBe(1)
    expect(JSON.parse(stale.stdout)).toMatchObject({error: {exit_code: 1, details: {stale: [{table: 'endpoints', id: 'b:api', how: 'changed'}]}}})
    expect(await dump(ws.db)).toBe(edited)
  })

  it('refuses to retire more than half of the active entities unless --allow-mass-retire', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    writeConfig(ws.dir, model(entity('c')))
    const plan = await monAt(ws.dir, ws.db, ['plan'])
    expect(plan.stdout).toContain('Warning: This plan retires 2 of 3 active entities; apply refuses that unless --allow-mass-retire.')
    const state = engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)
    const refused = await monAt(ws.dir, ws.db, ['apply'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Error: refusing to retire 2 of 3 active entities (more than half)')
    expect(refused.stderr).toContain('--allow-mass-retire')
    expect(engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)).toBe(state)

    // An emptied file is refused the same way.
    writeConfig(ws.dir, model())
    expect((await monAt(ws.dir, ws.db, ['apply'])).code).toBe(1)
    const allowed = expectOk(await monAt(ws.dir, ws.db, ['apply', '--allow-mass-retire']))
    expect(allowed.stdout).toContain('Apply complete: 0 added, 0 changed, 6 retired, 0 revived')
    expect(allowed.stdout).toContain('Warning: Retired 3 of 3 active entities, as --allow-mass-retire allowed.')
    expect(allowed.stdout).not.toContain('refuses')
    expect(await sql(ws.db, 'SELECT id FROM entities WHERE retired_at IS NULL')).toEqual([])
  })

  it('writes nothing for an invalid file, not even a migration', async () => {
    writeFileSync(path.join(ws.dir, 'monitors.yaml'), 'version: 1\nentities:\n  - id: a\n    type: nope\n')
    const result = await monAt(ws.dir, ws.db, ['apply'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: monitors.yaml is invalid \(\d+ errors?; see mon validate\):\n/)
    expect(result.stderr).toContain('monitors.yaml:4:11 entities[0].type: must be one of')
    expect(result.stdout).toBe('')
    if (engine === 'sqlite') expect(existsSync(ws.db)).toBe(false)
    else expect(await dump(ws.db)).toContain('"mon_migrations":["(no table)"]')

    // A database with pending migrations keeps them pending.
    expectOk(await monAt(ws.dir, ws.db, ['db', 'migrate', '--to', '0002']))
    const state = await dump(ws.db)
    expect((await monAt(ws.dir, ws.db, ['apply'])).code).toBe(1)
    expect(await dump(ws.db)).toBe(state)
  })

  it('migrates an old database first, and refuses a mass retirement before migrating', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['db', 'migrate', '--to', '0003']))
    const result = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(result.stdout.split('\n')[0]).toBe(`Migrated: ${migrationFiles().map((m) => m.name).filter((name) => name > '0004').join(', ')}.`)

    await sql(ws.db, 'DELETE FROM mon_migrations WHERE name >= ?', ['0004'])
    await sql(ws.db, 'DROP TABLE apply_runs')
    writeConfig(ws.dir, model())
    const state = await dump(ws.db)
    expect((await monAt(ws.dir, ws.db, ['apply'])).code).toBe(1)
    expect(await dump(ws.db)).toBe(state)
  })

  it('kill -9 inside the apply transaction, after its writes and before COMMIT, leaves exactly the old state; the next apply completes', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const before = await dump(ws.db)
    // A change of every kind, and enough rows that SQLite may spill pages of the open transaction into the WAL.
    const next = three()
    next.entities.shift()
    next.entities[0]!.label = 'bee'
    next.entities.push(...Array.from({length: 300}, (_, i) => entity(`e${i}`, {endpoints: [endpoint(`e${i}`, 'health'), endpoint(`e${i}`, 'api')]})))
    writeConfig(ws.dir, next)

    // The process kills itself at a test-only point in src/apply/reconcile.ts (MON_TEST_KILL_AT).
    const killed = await monProcess(['apply', '--db', ws.db], {cwd: ws.dir, env: {MON_TEST_KILL_AT: 'apply-after-write'}})
    expect(killed.signal).toBe('SIGKILL')
    expect(killed.stdout).toBe('')
    expect(await dump(ws.db)).toBe(before)
    if (engine === 'sqlite') expect(await sql(ws.db, 'PRAGMA integrity_check')).toEqual([{integrity_check: 'ok'}])

    const applied = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(applied.stdout).toContain('Apply complete: 900 added, 1 changed, 3 retired, 0 revived')
    expect(await sql(ws.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM apply_runs')).toEqual([{n: 2}])
    expect(await sql(ws.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM endpoints WHERE retired_at IS NULL')).toEqual([{n: 601}])
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)
  })

  it('waits for the write lock at most --lock-timeout, then fails cleanly', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['db', 'migrate']))
    const holder = await openDriver(ws.db)
    let release!: () => void
    const held = holder.transaction(
      async () => {
        await holder.run("INSERT INTO entities (id, type, label, owner) VALUES ('holder', 'tool', 'h', 'h')")
        await new Promise<void>((resolve) => (release = resolve))
      },
      {lockTimeoutMs: 5000},
    )
    try {
      const started = Date.now()
      // A short timeout: the wait is all it adds.
      const result = await monAt(ws.dir, ws.db, ['apply', '--lock-timeout', '300ms'])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^Error: timed out after 300ms waiting for the (write )?lock on .*another mon apply or migration is running\n$/)
      // It did wait (a lower bound, which load cannot break); that it gave up at 300 ms, not the 30 s default, the message says.
      expect(Date.now() - started).toBeGreaterThanOrEqual(270)
    } finally {
      release()
      await held
      await holder.close()
    }
    expect(await sql(ws.db, 'SELECT id FROM entities')).toEqual([{id: 'holder'}])
  })
})

describe('mon apply: usage', () => {
  it('rejects a bad --lock-timeout and an unreadable plan file with exit 1', async () => {
    const {dir, cleanup} = tempDir()
    try {
      const bad = await monAt(dir, path.join(dir, 'x.db'), ['apply', '--lock-timeout', 'soon'])
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain('--lock-timeout')
      const missing = await monAt(dir, path.join(dir, 'x.db'), ['apply', 'nope.json'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toBe('Error: cannot read saved plan nope.json: no such file\n')
      copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'p.json'))
      const notPlan = await monAt(dir, path.join(dir, 'x.db'), ['apply', 'p.json'])
      expect(notPlan.code).toBe(1)
      expect(notPlan.stderr).toContain('p.json is not a usable saved plan')
      expect(existsSync(path.join(dir, 'x.db'))).toBe(false)
    } finally {
      cleanup()
    }
  })
})
