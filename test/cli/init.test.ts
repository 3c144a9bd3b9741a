import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {migrationFiles} from '../../src/store/migrator.js'
import {mon, ROOT, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {expectOk, monAt, sql, workspace} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

describe.each(ENGINES)('mon init on %s', (engine: Engine) => {
  const ws = workspace(engine)

  it('writes a starter monitors.yaml that validates and a migrated database, then refuses to run again without --force', async () => {
    const result = expectOk(await monAt(ws.dir, ws.db, ['init']))
    expect(result.stdout).toContain('Wrote monitors.yaml')
    expect(result.stdout).toContain(`ran ${migrationFiles().length} migrations`)
    const text = readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8')
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)
    expect(modeline).not.toBeNull()
    // Portable: the schema is copied beside the file, not referenced inside mon's install.
    expect(modeline![1]).toBe('./schemas/monitors.schema.json')
    expect(readFileSync(path.resolve(ws.dir, modeline![1]!), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schemas/monitors.schema.json'), 'utf8'))
    expectOk(await mon(['validate'], {cwd: ws.dir}))
    expect(await sql(ws.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM mon_migrations')).toEqual([{n: migrationFiles().length}])

    writeFileSync(path.join(ws.dir, 'monitors.yaml'), 'version: 1\nentities: []\n')
    const again = await monAt(ws.dir, ws.db, ['init'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exist')
    expect(readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8')).toBe('version: 1\nentities: []\n')

    // --force rewrites the file and keeps the database's data.
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    await sql(ws.db, "INSERT INTO entities (id, type, label, owner) VALUES ('kept', 'tool', 'k', 'k')")
    expectOk(await monAt(ws.dir, ws.db, ['init', '--force']))
    expect(readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8')).toBe(text)
    expect(await sql(ws.db, "SELECT id FROM entities WHERE id = 'kept'")).toEqual([{id: 'kept'}])

    // The starter applies cleanly.
    const apply = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(apply.stdout).toContain('Apply complete: 3 added')
  })
})

describe('mon init: existing file', () => {
  it('refuses when monitors.yaml exists, and writes no database', async () => {
    const {dir, cleanup} = tempDir()
    try {
      writeFileSync(path.join(dir, 'monitors.yaml'), 'mine\n')
      const result = await mon(['init'], {cwd: dir})
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^Error: monitors.yaml already exists; nothing was written/)
      expect(existsSync(path.join(dir, 'monitor.db'))).toBe(false)
    } finally {
      cleanup()
    }
  })
})
