import {execFileSync, spawn} from 'node:child_process'
import {copyFileSync, cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {sha256} from '../../src/plan/hash.js'
import type {Engine} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {BIN, mon, ROOT, tempDir} from '../support/cli.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {check, dump, endpoint, entity, expectOk, fileHash, model, monAt, registry, sql, workspace, writeConfig} from './plan-support.js'

// Each test runs mon several times; a loaded machine makes that slow.
vi.setConfig({testTimeout: 120_000})

const three = () =>
  model(
    entity('a', {endpoints: [endpoint('a', 'health')], registry: [registry('a', {path: 'http://127.0.0.1:9/a.json'})]}),
    entity('b', {endpoints: [endpoint('b', 'api')]}),
    entity('c'),
  )

describe.each(ENGINES)('mon apply on %s', (engine: Engine) => {
  const ws = workspace(engine)

  it('on the example: creates every row, then plans nothing, then writes nothing at all', async () => {
    cpSync(path.join(ROOT, 'monitors.yaml'), path.join(ws.dir, 'monitors.yaml'))
    cpSync(path.join(ROOT, 'registries'), path.join(ws.dir, 'registries'), {recursive: true})
    const first = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(first.stdout).toMatch(/^Migrated: 0001-initial, /)
    expect(first.stdout).toMatch(/Apply complete: \d+ added, 0 changed, 0 retired, 0 revived \(run [0-9a-f-]{36}\)\.\n$/)
    const validate = JSON.parse(expectOk(await mon(['validate', '--json'], {cwd: ws.dir})).stdout) as {counts: Record<string, number>}
    const [counts] = await sql<Record<string, number>>(
      ws.db,
      'SELECT (SELECT CAST(count(*) AS INTEGER) FROM entities) AS entities, (SELECT CAST(count(*) AS INTEGER) FROM endpoints) AS endpoints, (SELECT CAST(count(*) AS INTEGER) FROM registry_index) AS registry_index',
    )
    expect(counts).toEqual(validate.counts)
    expect(counts!.entities).toBeGreaterThan(0)

    const plan = await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to retire, 0 to revive. Pending migrations: none.')

    const before = engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)
    const second = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(second.stdout).toBe('No changes. The database matches the file; nothing was written.\n')
    expect(engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)).toBe(before)
    expect(await sql(ws.db, 'SELECT id FROM apply_runs')).toHaveLength(1)
  })

  it('stores every timestamp as the program\'s ISO string, and the effective check settings with ${VAR} unresolved', async () => {
    const m = model(
      entity('a', {endpoints: [endpoint('a', 'health', {check: check({timeout: 2000, headers: {Authorization: 'Bearer ${SECRET_TOKEN}'}})})]}),
    )
    writeConfig(ws.dir, m)
    expectOk(await monAt(ws.dir, ws.db, ['apply'], {SECRET_TOKEN: 'hunter2'}))
    const [e] = await sql<{created_at: string; applied_at: string}>(ws.db, 'SELECT created_at, applied_at FROM entities')
    expect(e!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(e!.applied_at).toBe(e!.created_at)
    const [ep] = await sql<{check_json: string}>(ws.db, 'SELECT check_json FROM endpoints')
    expect(JSON.parse(ep!.check_json)).toEqual({status: null, degraded_after: 1000, timeout: 2000, retries: 0, headers: {Authorization: 'Bearer ${SECRET_TOKEN}'}, json: []})
    expect(await dump(ws.db)).not.toContain('hunter2')
  })

  it('records the run: time, config sha256, git commit, actor and counts; --json has applied and run_id', async () => {
    const file = writeConfig(ws.dir, three())
    const git = (...args: string[]) => execFileSync('git', args, {cwd: ws.dir, env: {...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t'}}).toString().trim()
    git('init', '-q')
    git('add', 'monitors.yaml')
    git('commit', '-q', '-m', 'inventory')
    const head = git('rev-parse', 'HEAD')
    const result = expectOk(await monAt(ws.dir, ws.db, ['apply', '--json'], {GITHUB_ACTOR: 'octocat'}))
    const json = JSON.parse(result.stdout) as {applied: boolean; run_id: string; summary: Record<string, number>; format_version: string}
    expect(json).toMatchObject({applied: true, format_version: '1', summary: {create: 6, update: 0, retire: 0, revive: 0}})
    const runs = await sql(ws.db, 'SELECT * FROM apply_runs')
    expect(runs).toEqual([
      {
        id: json.run_id,
        applied_at: expect.stringMatching(/Z$/),
        config_sha256: sha256(readFileSync(file, 'utf8')),
        git_commit: head,
        actor: 'octocat',
        created: 6,
        updated: 0,
        retired: 0,
        revived: 0,
      },
    ])
    const noop = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['apply', '--json'])).stdout) as {applied: boolean; run_id: null; changes: unknown[]}
    expect(noop).toMatchObject({applied: true, run_id: null, changes: []})
  })

  it('retires a removed entity with its endpoints and registry entries, keeps their snapshots, and revives them', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    await sql(ws.db, "INSERT INTO snapshots (id, entity_id, endpoint_id, status, observed_at) VALUES ('s1', 'a', 'a:health', 'ok', '2026-01-01T00:00:00.000Z')")
    const m = three()
    m.entities.shift()
    writeConfig(ws.dir, m)
    const plan = await monAt(ws.dir, ws.db, ['plan'])
    expect(plan.stdout).toContain('  - entity   a (retire; 1 snapshot kept)\n  - endpoint a:health (retire; 1 snapshot kept)\n  - registry registry:a (retire; 0 snapshots kept)\n')
    const applied = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['apply', '--json'])).stdout) as {summary: Record<string, number>}
    expect(applied.summary).toEqual({create: 0, update: 0, retire: 3, revive: 0})
    const retired = await sql<{id: string; retired_at: string | null}>(ws.db, "SELECT id, retired_at FROM entities WHERE id = 'a' UNION ALL SELECT id, retired_at FROM endpoints WHERE id = 'a:health' UNION ALL SELECT id, retired_at FROM registry_index WHERE id = 'registry:a'")
    expect(retired).toHaveLength(3)
    for (const row of retired) expect(row.retired_at).toMatch(/Z$/)
    expect(await sql(ws.db, 'SELECT id FROM snapshots')).toEqual([{id: 's1'}])
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)

    const back = three()
    back.entities[0]!.label = 'A again'
    writeConfig(ws.dir, back)
    const revived = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(revived.stdout).toContain('  ↺ entity   a (revive)\n      label: "a" -> "A again"\n')
    expect(revived.stdout).toContain('Apply complete: 0 added, 0 changed, 0 retired, 3 revived')
    const rows = await sql<{retired_at: string | null}>(ws.db, "SELECT retired_at FROM entities WHERE id = 'a' UNION ALL SELECT retired_at FROM endpoints WHERE id = 'a:health'")
    expect(rows).toEqual([{retired_at: null}, {retired_at: null}])
  })

  it('leaves unmanaged rows alone and lists them; adopts one that the file names', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['db', 'migrate']))
    await sql(ws.db, "INSERT INTO entities (id, type, label, owner, created_at) VALUES ('legacy', 'tool', 'Legacy', 'ops', '2020-01-01 00:00:00')")
    await sql(ws.db, "INSERT INTO endpoints (id, entity_id, kind, url) VALUES ('legacy:api', 'legacy', 'api', 'http://127.0.0.1:1/')")
    const before = await sql(ws.db, "SELECT * FROM entities WHERE id = 'legacy' UNION ALL SELECT id, entity_id, kind, url, method, NULL, NULL, retired_at, applied_at, applied_hash FROM endpoints WHERE id = 'legacy:api'")
    const plan = await monAt(ws.dir, ws.db, ['plan'])
    expect(plan.stdout).toContain('Unmanaged: 2 rows not in the file, left alone:\n    entity   legacy\n    endpoint legacy:api\n')
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const after = await sql(ws.db, "SELECT * FROM entities WHERE id = 'legacy' UNION ALL SELECT id, entity_id, kind, url, method, NULL, NULL, retired_at, applied_at, applied_hash FROM endpoints WHERE id = 'legacy:api'")
    expect(after).toEqual(before)

    // An unmanaged row can never be retired, nor counted towards a mass retirement.
    writeConfig(ws.dir, model(entity('a', {endpoints: [endpoint('a', 'health')], registry: [registry('a', {path: 'http://127.0.0.1:9/a.json'})]}), entity('b', {endpoints: [endpoint('b', 'api')]})))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(await sql(ws.db, "SELECT retired_at FROM entities WHERE id = 'legacy'")).toEqual([{retired_at: null}])

    const m = three()
    m.entities.push(entity('legacy', {type: 'tool', label: 'Legacy', owner: 'ops'}))
    writeConfig(ws.dir, m)
    const adopt = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['plan', '--json'])).stdout) as {changes: Array<{id: string; adopt: boolean; fields: object}>; unmanaged: unknown[]}
    expect(adopt.changes.find((c) => c.id === 'legacy')).toMatchObject({adopt: true, fields: {}})
    expect(adopt.unmanaged).toEqual([{table: 'endpoints', id: 'legacy:api'}])
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const [legacy] = await sql<{applied_at: string | null; applied_hash: string | null; created_at: string}>(ws.db, "SELECT applied_at, applied_hash, created_at FROM entities WHERE id = 'legacy'")
    expect(legacy!.applied_at).toMatch(/Z$/)
    expect(legacy!.applied_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(legacy!.created_at).toBe('2020-01-01 00:00:00')
  })

  it('reports a hand edit as drift in its own section, and puts it back', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    await sql(ws.db, "UPDATE entities SET owner = 'by-hand' WHERE id = 'b'")
    await sql(ws.db, "UPDATE endpoints SET check_json = '{\"timeout\":1}' WHERE id = 'a:health'")
    const plan = await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])
    expect(plan.code).toBe(2)
    expect(plan.stdout).toContain('Drift: changed in the database by hand since the last apply; this plan puts them back:\n  ~ entity   b\n      owner: "by-hand" -> "team"\n')
    expect(plan.stdout).toContain('  ~ endpoint a:health\n')
    expect(plan.stdout).toContain('      check.timeout: "1ms" -> "5s"\n')
    const json = JSON.parse((await monAt(ws.dir, ws.db, ['plan', '--json'])).stdout) as {changes: Array<{id: string; drift: boolean}>; drift: number}
    expect(json.drift).toBe(2)
    expect(json.changes.every((c) => c.drift)).toBe(true)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(await sql(ws.db, "SELECT owner FROM entities WHERE id = 'b'")).toEqual([{owner: 'team'}])
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)
  })

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

    writeConfig(ws.dir, model(entity('b'), entity('c')))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    writeConfig(ws.dir, model(entity('c')))
    expect((await monAt(ws.dir, ws.db, ['apply'])).code).toBe(0)

    writeConfig(ws.dir, model(entity('a'), entity('b'), entity('c')))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    writeConfig(ws.dir, model())
    expect((await monAt(ws.dir, ws.db, ['apply'])).code).toBe(1)
    const allowed = expectOk(await monAt(ws.dir, ws.db, ['apply', '--allow-mass-retire']))
    expect(allowed.stdout).toContain('3 retired')
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
    expect(result.stdout).toMatch(/^Migrated: 0004-apply-runs, 0005-snapshot-latency-and-registry, 0006-snapshot-time-indexes\.\n/)

    await sql(ws.db, 'DELETE FROM mon_migrations WHERE name >= ?', ['0004'])
    await sql(ws.db, 'DROP TABLE apply_runs')
    writeConfig(ws.dir, model())
    const state = await dump(ws.db)
    expect((await monAt(ws.dir, ws.db, ['apply'])).code).toBe(1)
    expect(await dump(ws.db)).toBe(state)
  })

  it('after a kill -9 during apply, the database holds the old state or the new, and the next apply completes', async () => {
    const big = model(...Array.from({length: 1500}, (_, i) => entity(`e${i}`, {endpoints: [endpoint(`e${i}`, 'health'), endpoint(`e${i}`, 'api')]})))
    writeConfig(ws.dir, big)
    // How long a whole apply takes here, to aim the kill at its second half (the write transaction).
    const probe = await freshDb(engine)
    const started = Date.now()
    expectOk(await monAt(ws.dir, probe.db, ['apply']))
    const full = Date.now() - started
    await probe.cleanup()

    const child = spawn(process.execPath, [BIN, 'apply', '--db', ws.db], {cwd: ws.dir, env: {...process.env, NO_COLOR: '1'}, stdio: 'ignore'})
    const exited = new Promise((resolve) => child.on('exit', resolve))
    setTimeout(() => child.kill('SIGKILL'), Math.round(full * 0.8))
    await exited
    const counts = await sql<{n: number}>(ws.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM entities').catch(() => [{n: 0}])
    expect([0, 1500]).toContain(counts[0]!.n)
    const runs = await sql<{n: number}>(ws.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM apply_runs').catch(() => [{n: 0}])
    expect(runs[0]!.n).toBe(counts[0]!.n === 0 ? 0 : 1)

    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(await sql(ws.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM endpoints WHERE applied_at IS NOT NULL')).toEqual([{n: 3000}])
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
      const result = await monAt(ws.dir, ws.db, ['apply', '--lock-timeout', '1s'])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^Error: timed out after (1s|1000 ms) waiting for the (write )?lock on .*another mon apply or migration is running\n$/)
      expect(Date.now() - started).toBeLessThan(15_000)
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
