import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {migrationFiles} from '../../src/store/migrator.js'
import {BIN, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {check, dump, endpoint, entity, expectOk, fileHash, model, monAt, workspace, writeConfig} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

const inventory = () =>
  model(
    entity('mlx:8100', {type: 'backend', label: 'jerry', owner: 'mlx', endpoints: [endpoint('mlx:8100', 'health', {check: check({headers: {Authorization: 'Bearer ${MLX_TOKEN}'}})})]}),
    entity('ov:9000', {owner: 'ov-llm-server'}),
  )

describe.each(ENGINES)('mon plan on %s', (engine: Engine) => {
  const ws = workspace(engine)

  it('plans against a database with no schema yet, listing every pending migration, and writes nothing', async () => {
    writeConfig(ws.dir, inventory())
    const before = engine === 'postgres' ? await dump(ws.db) : null
    const result = expectOk(await monAt(ws.dir, ws.db, ['plan']))
    expect(result.stdout).toBe(
      [
        // Every setting of a new row, as Terraform shows every attribute on create; ids in one column.
        '  + entity   mlx:8100         (backend, owner mlx)',
        '      label: "jerry"',
        '  + entity   ov:9000          (service, owner ov-llm-server)',
        '      label: "ov:9000"',
        '  + endpoint mlx:8100:health  GET http://127.0.0.1:9000/health',
        '      entity_id:            "mlx:8100"',
        '      kind:                 "health"',
        '      check.degraded_after: "1s"',
        '      check.timeout:        "5s"',
        '      check.retries:        0',
        '      check.interval:       "1m"',
        '      check.json:           []',
        '      alert.notify:         []',
        '      alert.on:             "error"',
        '      alert.after:          2',
        '      alert.recover_after:  1',
        '      sends Authorization with ${MLX_TOKEN}',
        `Plan: 3 to add, 0 to change, 0 to retire, 0 to revive. Pending migrations: ${migrationFiles().map((m) => m.name).join(', ')}.`,
        '',
      ].join('\n'),
    )
    if (engine === 'sqlite') expect(existsSync(ws.db)).toBe(false)
    else expect(await dump(ws.db)).toBe(before)
    const detailed = await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])
    expect(detailed.code).toBe(2)
    expect(detailed.stdout).toContain('Plan: 3 to add')
  })

  it('shows field-level changes in text, markdown and JSON, and never writes', async () => {
    writeConfig(ws.dir, inventory())
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const next = inventory()
    next.entities[0]!.label = 'jerry-xl'
    next.entities[0]!.endpoints[0]!.check.timeout = 2000
    next.entities.push(entity('new'))
    writeConfig(ws.dir, next)
    const state = engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)

    const text = expectOk(await monAt(ws.dir, ws.db, ['plan']))
    expect(text.stdout).toBe(
      [
        '  + entity   new              (service, owner team)',
        '      label: "new"',
        '  ~ entity   mlx:8100',
        '      label: "jerry" -> "jerry-xl"',
        '      (5 unchanged fields hidden)',
        '  ~ endpoint mlx:8100:health',
        '      check.timeout: "5s" -> "2s"',
        '      (15 unchanged fields hidden)',
        '      sends Authorization with ${MLX_TOKEN}',
        'Plan: 1 to add, 2 to change, 0 to retire, 0 to revive. Pending migrations: none.',
        '',
      ].join('\n'),
    )

    const markdown = expectOk(await monAt(ws.dir, ws.db, ['plan', '--format', 'markdown']))
    expect(markdown.stdout.startsWith('### mon plan\n\n**Plan: 1 to add, 2 to change, 0 to retire, 0 to revive. Pending migrations: none.**\n')).toBe(true)
    expect(markdown.stdout).toContain('| ~ change | endpoint | `mlx:8100:health` | `check.timeout`; sends `Authorization` with `${MLX_TOKEN}` |')
    expect(markdown.stdout).toContain('<details><summary>Details</summary>')

    const jsonRun = await monAt(ws.dir, ws.db, ['plan', '--json', '--detailed-exitcode'])
    expect(jsonRun.code).toBe(2)
    const json = JSON.parse(jsonRun.stdout) as Record<string, unknown>
    const formatJson = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['plan', '--format', 'json'])).stdout) as Record<string, unknown>
    expect(formatJson).toEqual(json)
    expect(json).toMatchObject({
      format_version: '1',
      summary: {create: 1, update: 2, move: 0, retire: 0, revive: 0},
      migrations: {pending: []},
      base: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect((json.changes as unknown[])[2]).toEqual({
      action: 'update',
      table: 'endpoints',
      id: 'mlx:8100:health',
      drift: false,
      adopt: false,
      entity_id: 'mlx:8100',
      // The file that declares it (SPEC 9): the main file, as given.
      file: 'monitors.yaml',
      fields: {'check.timeout': {before: 5000, after: 2000}},
      unchanged_fields: 15,
      headers: [{name: 'Authorization', env: ['MLX_TOKEN']}],
    })
    expect(engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)).toBe(state)
  })

  it('--out saves a plan that holds no secret', async () => {
    writeConfig(ws.dir, inventory())
    const result = expectOk(await monAt(ws.dir, ws.db, ['plan', '--out', 'plan.json'], {MLX_TOKEN: 'sk-very-secret'}))
    expect(result.stderr).toContain('Saved the plan to plan.json; apply exactly it with: mon apply plan.json')
    const saved = readFileSync(path.join(ws.dir, 'plan.json'), 'utf8')
    expect(saved).toContain('Bearer ${MLX_TOKEN}')
    expect(saved).not.toContain('sk-very-secret')
    expect(JSON.parse(saved)).toMatchObject({format_version: '1', kind: 'mon-plan', source: {config: 'monitors.yaml'}})
  })

  it('shows every header a new or changed endpoint sends, with the variables it reads and never a value', async () => {
    const headers = {Authorization: 'Bearer ${API_TOKEN}', 'X-Pair': '${TEAM}-${REGION}', 'User-Agent': 'mon/1 literal-part'}
    const env = {API_TOKEN: 'sk-resolved-secret', TEAM: 'team-value', REGION: 'region-value'}
    writeConfig(ws.dir, model(entity('a', {endpoints: [endpoint('a', 'api', {check: check({headers})})]})))
    const sends = ['      sends Authorization with ${API_TOKEN}', '      sends User-Agent (no variable)', '      sends X-Pair with ${TEAM}, ${REGION}']
    const created = expectOk(await monAt(ws.dir, ws.db, ['plan'], env))
    expect(created.stdout).toContain(['  + endpoint a:api  GET http://127.0.0.1:9000/api', '      entity_id:            "a"', '      kind:                 "api"'].join('\n'))
    expect(created.stdout).toContain(['      alert.recover_after:  1', ...sends].join('\n'))
    // A new endpoint's settings name its headers and their variables, never a value, not even its literal parts.
    for (const literal of ['Bearer', 'literal-part', 'check.headers']) expect(created.stdout).not.toContain(literal)
    const markdown = expectOk(await monAt(ws.dir, ws.db, ['plan', '--format', 'markdown'], env))
    expect(markdown.stdout).toContain('| + add | endpoint | `a:api` | GET http://127.0.0.1:9000/api; sends `Authorization` with `${API_TOKEN}`, `User-Agent`, `X-Pair` with `${TEAM}`, `${REGION}` |')
    const json = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['plan', '--json'], env)).stdout) as {changes: Array<{table: string; headers?: unknown}>}
    expect(json.changes.find((c) => c.table === 'endpoints')!.headers).toEqual([
      {name: 'Authorization', env: ['API_TOKEN']},
      {name: 'User-Agent', env: []},
      {name: 'X-Pair', env: ['TEAM', 'REGION']},
    ])
    for (const out of [created.stdout, markdown.stdout, JSON.stringify(json)]) for (const value of Object.values(env)) expect(out).not.toContain(value)

    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    // A change anywhere in the endpoint shows its headers again; an unchanged one shows nothing.
    writeConfig(ws.dir, model(entity('a', {endpoints: [endpoint('a', 'api', {url: 'http://127.0.0.1:9001/api', check: check({headers})})]})))
    const changed = expectOk(await monAt(ws.dir, ws.db, ['plan'], env))
    expect(changed.stdout).toContain(['  ~ endpoint a:api', '      url: "http://127.0.0.1:9000/api" -> "http://127.0.0.1:9001/api"', '      (17 unchanged fields hidden)', ...sends].join('\n'))
    writeConfig(ws.dir, model(entity('a', {label: 'A', endpoints: [endpoint('a', 'api', {check: check({headers})})]})))
    expect(expectOk(await monAt(ws.dir, ws.db, ['plan'], env)).stdout).not.toContain('sends')
  })
})

const hasScript = spawnSync('script', ['--version']).status === 0

describe('mon plan: colour', () => {
  it.skipIf(!hasScript)('colours on a terminal, and never with NO_COLOR', () => {
    const {dir, cleanup} = tempDir()
    try {
      writeConfig(dir, inventory())
      const inTerminal = (env: NodeJS.ProcessEnv) =>
        spawnSync('script', ['-qec', `${process.execPath} ${BIN} plan --db ${path.join(dir, 'none.db')}`, '/dev/null'], {cwd: dir, env, encoding: 'utf8'}).stdout
      // A known terminal, whatever the CI runner sets (TERM=dumb, FORCE_COLOR=0 would turn colour off).
      const {NO_COLOR: _unset, FORCE_COLOR: _force, ...inherited} = process.env
      const env = {...inherited, TERM: 'xterm-256color'}
      expect(inTerminal(env)).toContain('\u001B[32m  + entity   mlx:8100')
      const plain = inTerminal({...env, NO_COLOR: '1'})
      expect(plain).toContain('  + entity   mlx:8100')
      expect(plain).not.toContain('\u001B[')
    } finally {
      cleanup()
    }
  })
})

describe('mon plan: errors', () => {
  it('exits 1 on an invalid file, also with --detailed-exitcode, and on a usage error', async () => {
    const {dir, cleanup} = tempDir()
    try {
      writeFileSync(path.join(dir, 'monitors.yaml'), 'version: 1\nentities: {}\n')
      const db = path.join(dir, 'm.db')
      for (const args of [['plan'], ['plan', '--detailed-exitcode']]) {
        const result = await monAt(dir, db, args)
        expect(result.code).toBe(1)
        expect(result.stderr).toMatch(/^Error: monitors.yaml is invalid/)
        expect(result.stdout).toBe('')
      }
      const usage = await monAt(dir, db, ['plan', '--format', 'yaml'])
      expect(usage.code).toBe(1)
      const missing = await monAt(dir, db, ['plan', '-c', 'nope.yaml'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('cannot read config nope.yaml: no such file')
      expect(existsSync(db)).toBe(false)
    } finally {
      cleanup()
    }
  })
})
