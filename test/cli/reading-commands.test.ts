import {existsSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'

// A mistyped --db on a command that only reads must fail without leaving an empty database behind.
describe('reading commands never create the SQLite file', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it.each([
    [['status'], 1],
    [['history', 'mlx:8100'], 1],
    [['show', '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b'], 1],
    [['export'], 1],
    [['prune', '--older-than', '30d'], 1],
    [['report', '--out', 'status.html'], 1],
    [['slo'], 1],
    [['alerts'], 1],
    [['db', 'status'], 1],
    [['check'], 3],
  ])('mon %j exits %i and creates nothing', async (args, code) => {
    const db = path.join(tmp.dir, 'typo.db')
    const result = await mon([...args, '--db', db], {cwd: tmp.dir})
    expect(result.code).toBe(code)
    expect(result.stderr).toContain(`no SQLite database at ${db}`)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(db)).toBe(false)
  })
})
