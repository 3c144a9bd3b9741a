import {execFileSync} from 'node:child_process'
import {appendFileSync, mkdirSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {endpoint, entity, expectOk, model, monAt, sql, workspace, writeConfig} from './plan-support.js'

/** One endpoint on a port nothing listens on: check runs at once and fails it, which is not what is tested here. */
const ONE = model(entity('a', {endpoints: [endpoint('a', 'api', {url: 'http://127.0.0.1:1/'})]}))

/** The same endpoint at another URL: what apply would change. */
const EDITED = model(entity('a', {endpoints: [endpoint('a', 'api', {url: 'http://127.0.0.1:2/'})]}))

const NOTE = /^(\S+) differs from what was applied at (\S+)( and is invalid)? \(run mon (plan|validate)\)$/m

describe('check and status say when monitors.yaml was edited but not applied', () => {
  const ws = workspace('sqlite')
  const both = (args: string[] = []) => Promise.all([monAt(ws.dir, ws.db, ['check', ...args]), monAt(ws.dir, ws.db, ['status', ...args])])

  it('says nothing while the file is what was applied, one line once it is edited', async () => {
    writeConfig(ws.dir, ONE)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    for (const r of await both()) expect(r.stderr).not.toMatch(NOTE)

    // A comment is not a change apply could make: no hint, not now and not after every apply that writes nothing.
    appendFileSync(path.join(ws.dir, 'monitors.yaml'), '# edited\n')
    for (const r of await both()) expect(r.stderr).not.toMatch(NOTE)

    writeConfig(ws.dir, EDITED)
    const [appliedAt] = await sql<{applied_at: string}>(ws.db, 'SELECT applied_at FROM apply_runs')
    for (const r of await both()) {
      expect(r.stderr.match(new RegExp(NOTE, 'gm'))).toHaveLength(1)
      expect(r.stderr).toContain(`monitors.yaml differs from what was applied at ${appliedAt!.applied_at} (run mon plan)\n`)
    }
    // --json and nagios keep stdout theirs: the note is on stderr only.
    const json = await monAt(ws.dir, ws.db, ['status', '--json'])
    expect(() => JSON.parse(json.stdout)).not.toThrow()

    writeFileSync(path.join(ws.dir, 'monitors.yaml'), 'version: 1\nentities: [\n')
    const [invalid] = await both()
    expect(invalid.stderr).toContain(`monitors.yaml differs from what was applied at ${appliedAt!.applied_at} and is invalid (run mon validate)\n`)

    writeConfig(ws.dir, EDITED)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    for (const r of await both()) expect(r.stderr).not.toMatch(NOTE)
  })

  it('compares the --config file, and says nothing when there is no file or no apply', async () => {
    mkdirSync(path.join(ws.dir, 'srv'))
    const file = writeConfig(path.join(ws.dir, 'srv'), ONE)
    // No apply yet: the database only migrated.
    expectOk(await monAt(ws.dir, ws.db, ['db', 'migrate']))
    for (const r of await both(['-c', file])) expect(r.stderr).not.toMatch(NOTE)

    expectOk(await monAt(ws.dir, ws.db, ['apply', '-c', file]))
    // ./monitors.yaml does not exist here: nothing to compare.
    for (const r of await both()) expect(r.stderr).not.toMatch(NOTE)
    writeConfig(path.join(ws.dir, 'srv'), EDITED)
    for (const r of await both(['--config', file])) expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} differs from what was applied at `, 'm'))
  })

  it('reads a symlinked file, and nothing that is not a regular file of at most 16 MiB: no hint, no wait, no failure', async () => {
    const hostile = path.join(ws.dir, 'hostile')
    mkdirSync(hostile)
    const applied = writeConfig(hostile, ONE)
    expectOk(await monAt(ws.dir, ws.db, ['apply', '-c', applied]))
    writeConfig(hostile, EDITED)
    // A config kept elsewhere and linked in is still read.
    symlinkSync(applied, path.join(hostile, 'linked.yaml'))
    for (const r of await both(['-c', path.join(hostile, 'linked.yaml')])) expect(r.stderr).toMatch(NOTE)
    // A FIFO nobody writes to would block a plain read; a directory and a sparse 17 MiB file are not a config to hint about.
    execFileSync('mkfifo', [path.join(hostile, 'fifo')])
    mkdirSync(path.join(hostile, 'dir'))
    writeFileSync(path.join(hostile, 'huge.yaml'), '')
    truncateSync(path.join(hostile, 'huge.yaml'), 17 * 1024 * 1024)
    for (const name of ['fifo', 'dir', 'huge.yaml']) {
      const [check, status] = await both(['-c', path.join(hostile, name)])
      for (const r of [check, status]) expect(r.stderr, name).not.toMatch(/differs|Error|bug/)
      expect(status.code, name).toBe(0)
    }
  })
})
