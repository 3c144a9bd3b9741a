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
        '  + entity   mlx:8100 (backend, owner mlx)',
        '  + entity   ov:9000 (service, owner ov-llm-server)',
        '  + endpoint mlx:8100:health   GET http://127.0.0.1:9000/health',
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
        '  + entity   new (service, owner team)',
        '  ~ entity   mlx:8100',
        '      label: "jerry" -> "jerry-xl"',
        '      (4 unchanged fields hidden)',
        '  ~ endpoint mlx:8100:health',
        '      check.timeout: "5s" -> "2s"',
        '      (9 unchanged fields hidden)',
        'Plan: 1 to add, 2 to change, 0 to retire, 0 to revive. Pending migrations: none.',
        '',
      ].join('\n'),
    )

    const markdown = expectOk(await monAt(ws.dir, ws.db, ['plan', '--format', 'markdown']))
    expect(markdown.stdout.startsWith('### mon plan\n\n**Plan: 1 to add, 2 to change, 0 to retire, 0 to revive. Pending migrations: none.**\n')).toBe(true)
    expect(markdown.stdout).toContain('| ~ change | endpoint | `mlx:8100:health` | `check.timeout` |')
    expect(markdown.stdout).toContain('<details><summary>Details</summary>')

    const jsonRun = await monAt(ws.dir, ws.db, ['plan', '--json', '--detailed-exitcode'])
    expect(jsonRun.code).toBe(2)
    const json = JSON.parse(jsonRun.stdout) as Record<string, unknown>
    const formatJson = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['plan', '--format', 'json'])).stdout) as Record<string, unknown>
    expect(formatJson).toEqual(json)
    expect(json).toMatchObject({
      format_version: '1',
      summary: {create: 1, update: 2, retire: 0, revive: 0},
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
      fields: {'check.timeout': {before: 5000, after: 2000}},
      unchanged_fields: 9,
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
