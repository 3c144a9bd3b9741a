/**
 * The in-process runner (`mon`, test/support/cli.ts) against the real binary
 * (`monProcess`): the same stdout, stderr and exit code for help, topics,
 * --version, the command_not_found hook, usage errors, env settings and
 * errors before a database is opened (test/cli/smoke.test.ts compares every
 * command, and check and plan usage errors); and nothing left behind in the
 * vitest worker between runs.
 */
import {cpSync, readdirSync, readlinkSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {limiter} from '../../src/notify/limit.js'
import {type CliOptions, type CliResult, ROOT, monInProcess, monProcess, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'
import {endpoint, entity, model, registry, writeConfig} from './plan-support.js'

let server: MisbehavingServer
let work: {dir: string; cleanup: () => void}
beforeAll(async () => {
  server = await startMisbehavingServer()
  work = tempDir('mon-fidelity-')
})
afterAll(async () => {
  await server.close()
  work.cleanup()
})

describe('in process, mon prints and exits as the real binary does', () => {
  const SAME: Array<[string, string[], CliOptions?]> = [
    ['--version', ['--version']],
    ['-v', ['-v']],
    ['-h on a command', ['status', '-h']],
    ['a mistyped command (did you mean)', ['stauts']],
    ['help for a mistyped command (the help class, process.exit)', ['help', 'stauts']],
    ['root help', ['--help']],
    ['a command help', ['apply', '--help']],
    ['a topic', ['db']],
    ['a topic help', ['db', '--help']],
    ['a topic help again (oclif rewrites ids while printing help)', ['db', '--help']],
    ['help TOPIC', ['help', 'db']],
    ['an unknown command (command_not_found hook, process.exit)', ['nope']],
    ['an unknown subcommand', ['db', 'nope']],
    ['a stray argument to check, with --json', ['check', 'foo', '--json']],
    ['a missing argument', ['history']],
    ['validate --json', ['validate', '--json']],
    ['validate --format github on a bad file', ['validate', '-c', 'test/fixtures/bad/wrong-types.yaml', '--format', 'github']],
    ['colour forced in a pipe', ['validate'], {env: {NO_COLOR: undefined, FORCE_COLOR: '1'}}],
    ['MON_CONFIG from the environment', ['validate'], {env: {MON_CONFIG: 'test/fixtures/bad/wrong-types.yaml'}}],
    ['plan against no database', ['plan', '--db', '/nonexistent-dir/monitor.db']],
    ['a reading command on no database', ['status', '--db', '/nonexistent-dir/monitor.db', '--json']],
    ['check on no database: 3, nagios on stdout', ['check', '--db', '/nonexistent-dir/monitor.db', '--format', 'nagios']],
    ['an unreachable PostgreSQL', ['db', 'status', '--db', 'postgres://mon:pw@127.0.0.1:1/mon']],
    ['an unsupported scheme', ['db', 'migrate', '--db', 'mysql://u:p@127.0.0.1/x']],
  ]

  // The real binary's runs, four at a time, all started before the first in-process run: each process takes its
  // environment and directory before an in-process run changes the worker's (none of these runs writes a file).
  // The in-process runs go one at a time, as the tests run, each compared with its process.
  let subprocesses: Array<Promise<CliResult>> = []
  beforeAll(() => {
    const four = limiter(4)
    subprocesses = SAME.map(([, args, options = {}]) => four(() => monProcess(args, options)))
    // Each marked handled: one rejecting before its test awaits it is not an unhandled rejection (the test still sees it).
    for (const running of subprocesses) running.catch(() => {})
  })

  it.each(SAME)('%s', async (name, args, options = {}) => {
    const inProcess = await monInProcess(args, options)
    expect(inProcess).toEqual(await subprocesses[SAME.findIndex(([n]) => n === name)])
  })
})

/** What a run could leave behind in the worker: every bit of process state the runner touches, and open files and sockets. */
function processState() {
  return {
    env: {...process.env},
    cwd: process.cwd(),
    exitCode: process.exitCode,
    exit: process.exit,
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    stdoutTTY: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'),
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin'),
    listeners: Object.fromEntries(['SIGINT', 'SIGTERM', 'exit', 'uncaughtException', 'unhandledRejection'].map((e) => [e, process.listenerCount(e)])),
  }
}

/** Open handles, not counting timers (vitest keeps its own), and the files this process holds open under dir. */
function resources(dir: string): {handles: string[]; files: string[]} {
  const handles = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'Immediate').sort()
  const files: string[] = []
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`)
      if (target.startsWith(dir)) files.push(target)
    } catch {
      // closed while listing (the fd of readdirSync itself)
    }
  }
  return {handles, files: files.sort()}
}

/** Sockets close a moment after end(); wait until the handles settle back, or give up after 2 s. */
async function settled(dir: string, expected: {handles: string[]}): Promise<{handles: string[]; files: string[]}> {
  let now = resources(dir)
  for (let i = 0; i < 40 && JSON.stringify(now.handles) !== JSON.stringify(expected.handles); i++) {
    await new Promise((r) => setTimeout(r, 50))
    now = resources(dir)
  }
  return now
}

describe.each(ENGINES)('in process on %s, a run leaves nothing behind', (engine) => {
  let fresh: FreshDb
  let dir: string
  beforeAll(async () => {
    fresh = await freshDb(engine)
    dir = path.join(work.dir, `leaks-${engine}`)
    cpSync(path.join(ROOT, 'registries'), path.join(dir, 'registries'), {recursive: true})
    writeConfig(dir, model(entity('web', {endpoints: [endpoint('web', 'health', {url: `${server.http}/health/pass`}), endpoint('web', 'api', {url: `${server.http}/hang`, check: {...endpoint('x', 'api').check, timeout: 200}})], registry: [registry('web', {path: './registries/models.json'})]})))
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  const RUNS: string[][] = [
    ['db', 'migrate'],
    ['apply'],
    ['apply', '--json'],
    ['plan', '--detailed-exitcode'],
    ['check'],
    ['check', '--json'],
    ['status'],
    ['history', 'web'],
    ['export'],
    ['report', '--out', 'status.html'],
    ['prune', '--older-than', '1d'],
    ['check', '--bogus'],
    ['nope'],
    ['db', '--help'],
    // --force: the checks above stored phase timings, which rolling back 0009 drops.
    ['db', 'rollback', '--to', '0006', '--force'],
    ['status'],
  ]

  it('env, cwd, exitCode, process.exit, stdout/stderr hooks, signal listeners, files and sockets are as before each run', async () => {
    const before = processState()
    // Processes the tests above started may still be going away, their pipes a moment after them: wait for a
    // steady state with none (no process, and the same handles three samples running).
    let open = resources(dir)
    for (let i = 0, same = 0; i < 60 && (open.handles.includes('ProcessWrap') || same < 3); i++) {
      await new Promise((r) => setTimeout(r, 50))
      const next = resources(dir)
      same = JSON.stringify(next.handles) === JSON.stringify(open.handles) ? same + 1 : 0
      open = next
    }
    const codes: Array<number | null> = []
    for (const args of RUNS) {
      const r = await monInProcess([...args, '--db', engine === 'sqlite' ? path.join(dir, 'monitor.db') : fresh.db], {cwd: dir, env: {MON_LEAK_PROBE: 'set for this run only'}})
      codes.push(r.code)
      expect(processState(), args.join(' ')).toEqual(before)
      expect(await settled(dir, open), args.join(' ')).toEqual(open)
    }
    // The runs really ran: the exit codes the shell would see.
    expect(codes, JSON.stringify(codes)).toEqual([0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 3, 1, 0, 0, 1])
    expect(process.env.MON_LEAK_PROBE).toBeUndefined()
  })
})
