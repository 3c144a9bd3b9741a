import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import type {Engine} from '../../src/store/driver.js'
import {mon, ROOT, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {dump, entity, expectOk, fileHash, model, monAt, sql, workspace, writeConfig} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

describe.each(ENGINES)('mon export on %s', (engine: Engine) => {
  const ws = workspace(engine)

  it('writes the applied state as YAML that validates, and applying it is a no-op', async () => {
    cpSync(path.join(ROOT, 'monitors.yaml'), path.join(ws.dir, 'monitors.yaml'))
    cpSync(path.join(ROOT, 'registries'), path.join(ws.dir, 'registries'), {recursive: true})
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const exported = expectOk(await monAt(ws.dir, ws.db, ['export']))
    // No schema copy in this directory: no modeline pointing at nothing.
    expect(exported.stdout).not.toContain('$schema')
    writeFileSync(path.join(ws.dir, 'exported.yaml'), exported.stdout)
    expectOk(await mon(['validate', '-c', 'exported.yaml'], {cwd: ws.dir}))
    // It plans clean against the database it came from.
    const plan = await monAt(ws.dir, ws.db, ['plan', '-c', 'exported.yaml', '--detailed-exitcode'])
    expect(plan.code, plan.stdout).toBe(0)
    expect(plan.stdout).toMatch(/^No changes\./)

    const state = engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)
    const apply = expectOk(await monAt(ws.dir, ws.db, ['apply', '-c', 'exported.yaml']))
    expect(apply.stdout).toBe('No changes. The database matches the file; nothing was written.\n')
    expect(engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)).toBe(state)

    const out = expectOk(await monAt(ws.dir, ws.db, ['export', '--out', 'again.yaml', '--json']))
    expect(JSON.parse(out.stdout)).toMatchObject({out: 'again.yaml', yaml: exported.stdout})
  })

  it('keeps the shape of the file: what every endpoint shares goes back to defaults.check, and the modeline points at a schema that exists', async () => {
    cpSync(path.join(ROOT, 'monitors.yaml'), path.join(ws.dir, 'monitors.yaml'))
    cpSync(path.join(ROOT, 'registries'), path.join(ws.dir, 'registries'), {recursive: true})
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    // As mon init leaves a project: a copy of the schema beside the file.
    cpSync(path.join(ROOT, 'schemas/monitors.schema.json'), path.join(ws.dir, 'schemas/monitors.schema.json'))
    expectOk(await monAt(ws.dir, ws.db, ['export', '--out', 'exported.yaml']))
    const exported = readFileSync(path.join(ws.dir, 'exported.yaml'), 'utf8')
    const schema = exported.match(/^# yaml-language-server: \$schema=(\S+)\n/)![1]!
    expect(existsSync(path.resolve(ws.dir, schema))).toBe(true)
    // The example sets retries: 1 under defaults.check (its timeout and degraded_after equal the built-in ones):
    // the export says it once there, and no endpoint repeats it.
    expect(exported).toContain('\ndefaults:\n  check:\n    retries: 1\n  alert:\n    notify: [ops-webhook]\n    remind_every: 4h\nnotifiers:\n')
    expect(exported.match(/retries:/g)).toHaveLength(1)
    expect(exported.split('\n').length).toBeLessThan(readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8').split('\n').length)
    expectOk(await mon(['validate', '-c', 'exported.yaml'], {cwd: ws.dir}))
    const plan = await monAt(ws.dir, ws.db, ['plan', '-c', 'exported.yaml', '--detailed-exitcode'])
    expect(plan.code, plan.stdout).toBe(0)
    // Elsewhere, with no schema copy beside the output, no modeline.
    expectOk(await monAt(ws.dir, ws.db, ['export', '--out', 'registries/again.yaml']))
    expect(readFileSync(path.join(ws.dir, 'registries/again.yaml'), 'utf8')).not.toContain('$schema')
  })

  it('round-trips every key of the format through the database (test/fixtures/good/all-fields.yaml): the export loads to the same model and plans clean', async () => {
    const file = path.join(ROOT, 'test/fixtures/good/all-fields.yaml')
    expectOk(await monAt(ws.dir, ws.db, ['apply', '-c', file]))
    writeFileSync(path.join(ws.dir, 'exported.yaml'), expectOk(await monAt(ws.dir, ws.db, ['export'])).stdout)
    const exported = parseConfig(readFileSync(path.join(ws.dir, 'exported.yaml'), 'utf8'), 'exported.yaml')
    expect([...exported.errors, ...exported.warnings]).toEqual([])
    // The database gives rows back in id order, not the file's.
    const byId = <T extends {id: string}>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))
    const sorted = (m: ReturnType<typeof parseConfig>['model']) => byId(m!.entities).map((e) => ({...e, endpoints: byId(e.endpoints), registry: byId(e.registry)}))
    expect(sorted(exported.model)).toEqual(sorted(parseConfig(readFileSync(file, 'utf8'), 'all-fields.yaml').model))
    const plan = await monAt(ws.dir, ws.db, ['plan', '-c', 'exported.yaml', '--detailed-exitcode'])
    expect(plan.code, plan.stdout).toBe(0)
  })

  it('leaves out retired and unmanaged rows', async () => {
    writeConfig(ws.dir, model(entity('a'), entity('b'), entity('c')))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    writeConfig(ws.dir, model(entity('a'), entity('c')))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    await sql(ws.db, "INSERT INTO entities (id, type, label, owner) VALUES ('legacy', 'tool', 'Legacy', 'ops')")
    const exported = expectOk(await monAt(ws.dir, ws.db, ['export'])).stdout
    expect(exported).toContain('  - id: a\n')
    expect(exported).toContain('  - id: c\n')
    expect(exported).not.toContain('id: b')
    expect(exported).not.toContain('legacy')
  })
})

describe('mon export: errors', () => {
  it('refuses a database that does not exist or has no schema, without creating it', async () => {
    const {dir, cleanup} = tempDir()
    try {
      const missing = await monAt(dir, path.join(dir, 'none.db'), ['export'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/^Error: no SQLite database at .*none\.db/)
    } finally {
      cleanup()
    }
  })
})
