/**
 * Every command once through the real binary (bin/run.js on dist/, a new
 * process each): the exit code as the shell sees it and a line of its output.
 * The contract tests run the same commands in process (test/support/cli.ts);
 * this is what proves the shipped entry point starts, runs each command,
 * closes what it opened (a leaked handle keeps a real process from exiting)
 * and exits with the right code.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {type CliResult, monProcess, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'
import {endpoint, entity, model, registry, writeConfig} from './plan-support.js'

let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})

function expectRun(result: CliResult, code: number, line: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): void {
  expect({code: result.code, signal: result.signal}, `${result.stdout}\n${result.stderr}`).toEqual({code, signal: undefined})
  expect(result[stream]).toMatch(line)
}

describe('the real binary, without a command', () => {
  it('--version', async () => expectRun(await monProcess(['--version']), 0, /^mon\/\d+\.\d+\.\d+ \S+ node-v\d+/))
  it('--help lists the commands', async () => expectRun(await monProcess(['--help']), 0, /^ {2}apply +Migrate the database/m))
  it('an unknown command exits 1', async () => expectRun(await monProcess(['nope']), 1, /^Error: unknown command "nope"/, 'stderr'))
})

describe('mon init through the real binary', () => {
  it('writes a starter file and a migrated database, exit 0; again, exit 1', async () => {
    const {dir, cleanup} = tempDir()
    try {
      expectRun(await monProcess(['init'], {cwd: dir}), 0, /^Wrote monitors\.yaml/)
      expect(existsSync(path.join(dir, 'monitor.db'))).toBe(true)
      expectRun(await monProcess(['init'], {cwd: dir}), 1, /already exist/, 'stderr')
    } finally {
      cleanup()
    }
  })
})

describe.each(ENGINES)('each command once through the real binary, on %s', (engine: Engine) => {
  let work: {dir: string; cleanup: () => void}
  let fresh: FreshDb
  const run = (args: string[]) => monProcess([...args, '--db', fresh.db], {cwd: work.dir})

  beforeAll(async () => {
    work = tempDir('mon-smoke-')
    fresh = await freshDb(engine)
    writeConfig(
      work.dir,
      model(
        entity('web', {
          endpoints: [endpoint('web', 'health', {url: `${server.http}/health/pass`}), endpoint('web', 'api', {url: `${server.http}/ok`})],
          registry: [registry('web', {path: `${server.http}/models/two`})],
        }),
      ),
    )
  })
  afterAll(async () => {
    await fresh.cleanup()
    work.cleanup()
  })

  // In order: each works on what the ones before it left.
  it('validate', async () => expectRun(await monProcess(['validate'], {cwd: work.dir}), 0, /^monitors\.yaml: valid \(1 entity, 2 endpoints, 1 registry entry\)$/m))
  it('plan --detailed-exitcode: 2, changes', async () => expectRun(await run(['plan', '--detailed-exitcode']), 2, /^Plan: 4 to add, 0 to change, 0 to retire, 0 to revive\./m))
  it('apply', async () => expectRun(await run(['apply']), 0, /^Apply complete: 4 added, 0 changed, 0 retired, 0 revived/m))
  it('check', async () => expectRun(await run(['check']), 0, /^Checked 3: 3 ok, 0 warn, 0 error in [\d.]+ s\.$/m))
  it('check --bogus: 3, a usage error', async () => expectRun(await run(['check', '--bogus']), 3, /^Error: Nonexistent flag: --bogus/, 'stderr'))
  it('status', async () => expectRun(await run(['status']), 0, /^1 entity: 1 ok, 0 warn, 0 stale, 0 error/))
  it('history', async () => expectRun(await run(['history', 'web:health']), 0, /^web:health: 1 snapshot since \S+, newest first$/m))
  it('export', async () => expectRun(await run(['export']), 0, /^ {2}- id: web$/m))
  it('report', async () => {
    expectRun(await run(['report', '--out', 'status.html']), 0, /^Wrote status\.html \(1 entities?, \d+ KiB\)\.$/m)
    expect(readFileSync(path.join(work.dir, 'status.html'), 'utf8')).toContain('</html>')
  })
  it('prune', async () => expectRun(await run(['prune', '--older-than', '1d']), 0, /^Deleted 0 snapshots observed before \S+\.$/m))
  it('db status', async () => expectRun(await run(['db', 'status']), 0, /applied, 0 pending/))
  it('db rollback', async () => expectRun(await run(['db', 'rollback']), 0, /^Rolled back 1 migration on /m))
  it('db migrate', async () => expectRun(await run(['db', 'migrate']), 0, /^Applied 1 migration to /m))
})
