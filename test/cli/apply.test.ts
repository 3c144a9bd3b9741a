import {execFileSync} from 'node:child_process'
import {cpSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {sha256} from '../../src/canonical-json.js'
import type {Engine} from '../../src/store/driver.js'
import {mon, ROOT} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {check, dump, endpoint, entity, expectOk, fileHash, model, monAt, registry, sql, three, workspace, writeConfig} from './plan-support.js'

// Each test runs mon several times; a loaded machine makes that slow.
vi.setConfig({testTimeout: 120_000})

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
    expect(JSON.parse(ep!.check_json)).toEqual({status: null, degraded_after: 1000, timeout: 2000, retries: 0, interval: 60_000, headers: {Authorization: 'Bearer ${SECRET_TOKEN}'}, json: []})
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
    expect(json).toMatchObject({applied: true, format_version: '1', summary: {create: 6, update: 0, move: 0, retire: 0, revive: 0}})
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
    // Ids in one column, so that the notes line up.
    expect(plan.stdout).toContain('  - entity   a           (retire; 1 snapshot kept)\n  - endpoint a:health    (retire; 1 snapshot kept)\n  - registry registry:a  (retire; 0 snapshots kept)\n')
    const applied = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['apply', '--json'])).stdout) as {summary: Record<string, number>}
    expect(applied.summary).toEqual({create: 0, update: 0, move: 0, retire: 3, revive: 0})
    const retired = await sql<{id: string; retired_at: string | null}>(ws.db, "SELECT id, retired_at FROM entities WHERE id = 'a' UNION ALL SELECT id, retired_at FROM endpoints WHERE id = 'a:health' UNION ALL SELECT id, retired_at FROM registry_index WHERE id = 'registry:a'")
    expect(retired).toHaveLength(3)
    for (const row of retired) expect(row.retired_at).toMatch(/Z$/)
    expect(await sql(ws.db, 'SELECT id FROM snapshots')).toEqual([{id: 's1'}])
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)

    const back = three()
    back.entities[0]!.label = 'A again'
    writeConfig(ws.dir, back)
    const revived = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(revived.stdout).toContain('  ↺ entity   a           (revive)\n      label: "a" -> "A again"\n')
    expect(revived.stdout).toContain('  ↺ endpoint a:health    (revive)\n  ↺ registry registry:a  (revive)\n')
    expect(revived.stdout).toContain('Apply complete: 0 added, 0 changed, 0 retired, 3 revived')
    const rows = await sql<{retired_at: string | null}>(ws.db, "SELECT retired_at FROM entities WHERE id = 'a' UNION ALL SELECT retired_at FROM endpoints WHERE id = 'a:health'")
    expect(rows).toEqual([{retired_at: null}, {retired_at: null}])
  })

  it('leaves unmanaged rows alone and lists them; adopts one that the file names', async () => {
    writeConfig(ws.dir, three())
    expectOk(await monAt(ws.dir, ws.db, ['db', 'migrate']))
    await sql(ws.db, "INSERT INTO entities (id, type, label, owner, created_at) VALUES ('legacy', 'tool', 'Legacy', 'ops', '2020-01-01 00:00:00')")
    await sql(ws.db, "INSERT INTO endpoints (id, entity_id, kind, url) VALUES ('legacy:api', 'legacy', 'api', 'http://127.0.0.1:1/')")
    const before = await sql(ws.db, "SELECT id, type, label, owner, docs_ref, notes, created_at, retired_at, applied_at, applied_hash FROM entities WHERE id = 'legacy' UNION ALL SELECT id, entity_id, kind, url, method, NULL, activated_at, retired_at, applied_at, applied_hash FROM endpoints WHERE id = 'legacy:api'")
    const plan = await monAt(ws.dir, ws.db, ['plan'])
    expect(plan.stdout).toContain('Unmanaged: 2 rows not in the file, left alone:\n    entity   legacy\n    endpoint legacy:api\n')
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const after = await sql(ws.db, "SELECT id, type, label, owner, docs_ref, notes, created_at, retired_at, applied_at, applied_hash FROM entities WHERE id = 'legacy' UNION ALL SELECT id, entity_id, kind, url, method, NULL, activated_at, retired_at, applied_at, applied_hash FROM endpoints WHERE id = 'legacy:api'")
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
    expect(legacy!.applied_hash).toMatch(/^v2:[0-9a-f]{64}$/)
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
    expect(plan.stdout).toContain('      check.timeout:        "1ms" -> "5s"\n')
    const json = JSON.parse((await monAt(ws.dir, ws.db, ['plan', '--json'])).stdout) as {changes: Array<{id: string; drift: boolean}>; drift: number}
    expect(json.drift).toBe(2)
    expect(json.changes.every((c) => c.drift)).toBe(true)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(await sql(ws.db, "SELECT owner FROM entities WHERE id = 'b'")).toEqual([{owner: 'team'}])
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)
  })

})
