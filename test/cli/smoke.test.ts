/**
 * Every command once through the real binary (bin/run.js on dist/, a new
 * process each): the exit code as the shell sees it and a line of its output.
 * The contract tests run the same commands in process (test/support/cli.ts);
 * this proves the shipped entry point starts, runs each command, closes what
 * it opened (a leaked handle keeps a real process from exiting) and exits
 * with the right code. Each step also runs in process, in a twin directory
 * with its own database, and must print the same (run ids, times and
 * database names aside): the in-process runner's fidelity, command by command.
 * (test/cli/in-process.test.ts compares help, topics, --version, hooks and
 * errors.)
 */
import {cpSync, existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it as vitestIt} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {type CliResult, mon, monProcess, tempDir} from '../support/cli.js'
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

/** What differs between two runs of the same step on twin databases. */
function normalise(r: CliResult, dbs: string[]): CliResult {
  const clean = (s: string) => {
    for (const db of dbs) s = s.replaceAll(db, '<db>')
    return s
      .replaceAll(/mon_test_[0-9a-f]+/g, '<db>')
      .replaceAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replaceAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z/g, '<time>')
      .replaceAll(/\b\d+(\.\d+)? ?(ms|s)\b/g, '<n> $2')
      .replaceAll(/\b\d+[smhd] ago\b/g, '<ago>')
      // Columns are as wide as the figures in them.
      .replaceAll(/ {2,}/g, '  ')
  }
  return {code: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr)}
}

describe('mon init through the real binary', () => {
  vitestIt('writes a starter file and a migrated database, exit 0; again, exit 1; the same in process', async () => {
    const real = tempDir()
    const inProcess = tempDir()
    try {
      // The real binary and the in-process run at the same time, each in its own directory.
      const [first, firstInProcess] = await Promise.all([monProcess(['init'], {cwd: real.dir}), mon(['init'], {cwd: inProcess.dir})])
      expectRun(first, 0, /^Wrote monitors\.yaml/)
      expect(existsSync(path.join(real.dir, 'monitor.db'))).toBe(true)
      expect(firstInProcess).toEqual(first)
      const [again, againInProcess] = await Promise.all([monProcess(['init'], {cwd: real.dir}), mon(['init'], {cwd: inProcess.dir})])
      expectRun(again, 1, /already exist/, 'stderr')
      expect(againInProcess).toEqual(again)
    } finally {
      real.cleanup()
      inProcess.cleanup()
    }
  })
})

describe.each(ENGINES)('each command once through the real binary, on %s', (engine: Engine) => {
  // twins[0] for the real binary, twins[1] for the in-process run: same files, each its own database.
  const twins: Array<{work: {dir: string; cleanup: () => void}; fresh: FreshDb; db: string}> = []

  /**
   * Runs a step through the real binary and, at the same time (each twin its own directory and database), in
   * process on the twin; returns the real run after comparing them.
   */
  async function step(args: string[], withDb = true): Promise<CliResult> {
    const [a, b] = twins as [(typeof twins)[0], (typeof twins)[0]]
    const [real, inProcess] = await Promise.all([
      monProcess(withDb ? [...args, '--db', a.db] : args, {cwd: a.work.dir}),
      mon(withDb ? [...args, '--db', b.db] : args, {cwd: b.work.dir}),
    ])
    expect(normalise(inProcess, [b.db, b.work.dir]), `mon ${args.join(' ')} in process`).toEqual(normalise(real, [a.db, a.work.dir]))
    return real
  }

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const work = tempDir('mon-smoke-')
      const fresh = await freshDb(engine)
      // A relative SQLite path, the same text in both twins.
      twins.push({work, fresh, db: engine === 'sqlite' ? 'monitor.db' : fresh.db})
    }
    writeConfig(
      twins[0]!.work.dir,
      model(
        entity('web', {
          endpoints: [endpoint('web', 'health', {url: `${server.http}/health/pass`}), endpoint('web', 'api', {url: `${server.http}/ok`})],
          registry: [registry('web', {path: `${server.http}/models/two`})],
        }),
      ),
    )
    cpSync(path.join(twins[0]!.work.dir, 'monitors.yaml'), path.join(twins[1]!.work.dir, 'monitors.yaml'))
  })
  afterAll(async () => {
    for (const {work, fresh} of twins) {
      await fresh.cleanup()
      work.cleanup()
    }
  })

  // In order: each works on what the ones before it left. Every command on SQLite; on PostgreSQL
  // those that open it in their own ways (migrate and write, probe and write, read), since
  // in-process runs on both engines already check that nothing is left open (in-process.test.ts).
  const onBoth = new Set(['apply', 'check', 'status', 'db status'])
  const it = (name: string, fn: () => Promise<void>) => (engine === 'sqlite' || onBoth.has(name) ? vitestIt(name, fn) : undefined)
  it('validate', async () => expectRun(await step(['validate'], false), 0, /^monitors\.yaml: valid \(1 entity, 2 endpoints, 1 registry entry\)$/m))
  it('plan --detailed-exitcode: 2, changes', async () => expectRun(await step(['plan', '--detailed-exitcode']), 2, /^Plan: 4 to add, 0 to change, 0 to retire, 0 to revive\./m))
  it('apply', async () => expectRun(await step(['apply']), 0, /^Apply complete: 4 added, 0 changed, 0 retired, 0 revived/m))
  it('check', async () => expectRun(await step(['check']), 0, /^Checked 3: 3 ok, 0 warn, 0 error in [\d.]+ s\.$/m))
  it('check --bogus: 3, a usage error', async () => expectRun(await step(['check', '--bogus']), 3, /^Error: unknown flag --bogus for mon check/, 'stderr'))
  it('status', async () => expectRun(await step(['status']), 0, /^1 entity: 1 ok, 0 warn, 0 stale, 0 error/))
  it('slo', async () => expectRun(await step(['slo']), 0, /^No SLOs defined/))
  it('history', async () => expectRun(await step(['history', 'web:health']), 0, /^web:health: 1 snapshot since \S+, newest first$/m))
  it('export', async () => expectRun(await step(['export']), 0, /^ {2}- id: web$/m))
  it('report', async () => {
    expectRun(await step(['report', '--out', 'status.html']), 0, /^Wrote status\.html \(1 entities?, \d+ KiB\)\.$/m)
    for (const {work} of twins) expect(readFileSync(path.join(work.dir, 'status.html'), 'utf8')).toContain('</html>')
  })
  it('prune', async () => expectRun(await step(['prune', '--older-than', '1d']), 0, /^Deleted 0 snapshots observed before \S+\.$/m))
  it('db status', async () => expectRun(await step(['db', 'status']), 0, /applied, 0 pending/))
  // --force: the check above stored phase timings, which rolling back 0009 drops.
  it('db rollback', async () => expectRun(await step(['db', 'rollback', '--force']), 0, /^Rolled back 1 migration on /m))
  it('db migrate', async () => expectRun(await step(['db', 'migrate']), 0, /^Applied 1 migration to /m))
})
