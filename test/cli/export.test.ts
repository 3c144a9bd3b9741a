import {cpSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

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
    expect(exported.stdout.startsWith('# yaml-language-server: $schema=')).toBe(true)
    writeFileSync(path.join(ws.dir, 'exported.yaml'), exported.stdout)
    expectOk(await mon(['validate', '-c', 'exported.yaml'], {cwd: ws.dir}))

    const state = engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)
    const apply = expectOk(await monAt(ws.dir, ws.db, ['apply', '-c', 'exported.yaml']))
    expect(apply.stdout).toBe('No changes. The database matches the file; nothing was written.\n')
    expect(engine === 'sqlite' ? fileHash(ws.db) : await dump(ws.db)).toBe(state)

    const out = expectOk(await monAt(ws.dir, ws.db, ['export', '--out', 'again.yaml', '--json']))
    expect(JSON.parse(out.stdout)).toMatchObject({out: 'again.yaml', yaml: exported.stdout})
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
