import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Readable} from 'node:stream'
import {fileURLToPath} from 'node:url'

import type {Config} from '@oclif/core'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = path.join(ROOT, 'bin/run.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** monProcess only: the signal that ended the process, if one did (then code is null). */
  signal?: NodeJS.Signals | null
}

export interface CliOptions {
  cwd?: string
  env?: Record<string, string | undefined>
  input?: string
  timeoutMs?: number
}

/**
 * The environment a run of mon gets: the caller's, with NO_COLOR=1, without
 * MON_DB and MON_CONFIG (unless the test asks for them), and without
 * NODE_ENV, which vitest sets to "test" and which makes oclif run src/
 * through tsx instead of the dist/ users get. `undefined` deletes a key.
 */
function runEnv(base: NodeJS.ProcessEnv, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {...base, NO_COLOR: '1', ...overrides}
  for (const key of ['MON_DB', 'MON_CONFIG', 'NODE_ENV']) if (!(key in overrides)) delete env[key]
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
  return env as Record<string, string>
}

/**
 * Runs the built CLI (`bin/run.js`, i.e. dist/) in a new process, as a user
 * would, without a terminal. For what only a real process shows: signals,
 * kill -9, a terminal, process-start settings (NODE_OPTIONS,
 * NODE_EXTRA_CA_CERTS, the V8 flags of bin/run.js), several runs truly at once.
 */
export function monProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = runEnv(process.env, options.env)
    const child = spawn(process.execPath, [BIN, ...args], {cwd: options.cwd ?? ROOT, env})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve(signal === null ? {code, stdout, stderr} : {code, stdout, stderr, signal})
    })
    child.stdin.end(options.input ?? '')
  })
}

// ---------------------------------------------------------------------------
// In process: the same commands (dist/, through oclif's own `run` and the
// package's oclif config, so topics, help, --version and the
// command_not_found hook behave as in bin/run.js), run in the vitest worker.
// ---------------------------------------------------------------------------

/** Settings a process reads once when it starts: an in-process run cannot honour them. */
const PROCESS_START_ONLY = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'UV_THREADPOOL_SIZE', 'MON_TEST_KILL_AT']

interface Cli {
  config: Config
  /** Puts back what oclif's Help changes in the loaded config (see loadCli). */
  restoreConfig: () => void
  run: typeof import('@oclif/core').run
  /** What a stubbed process.exit throws: an oclif ExitError, which commands' catch and oclif let through. */
  processExit: (code: number) => Error
  handle: typeof import('@oclif/core/handle').handle
  Exit: typeof import('@oclif/core/handle').Exit
}

let cli: Promise<Cli> | undefined

/**
 * Loads @oclif/core and the package's oclif config once per worker. oclif
 * decides colour support and the help width when it is first imported, so
 * that happens here under a neutral environment (NO_COLOR=1, no terminal),
 * as in a subprocess of `monProcess`.
 */
function loadCli(): Promise<Cli> {
  cli ??= isolated({cwd: ROOT, env: {}}, (code) => new Error(`process.exit(${code}) while loading oclif`), async () => {
    const core = await import('@oclif/core')
    const handler = await import('@oclif/core/handle')
    const config = await core.Config.load({root: ROOT})
    // oclif's Help rewrites the id and aliases of each command it lists
    // in place ("db:migrate" becomes "db migrate"), harmless in a process
    // that exits after one help page, but a second `mon db --help` in the
    // same process would then list no commands under the topic.
    const ids = config.commands.map((command) => [command, command.id, command.aliases] as const)
    const restoreConfig = () => {
      for (const [command, id, aliases] of ids) Object.assign(command, {id, aliases})
    }
    class ProcessExit extends core.Errors.ExitError {}
    return {config, restoreConfig, run: core.run, processExit: (code: number) => new ProcessExit(code), handle: handler.handle, Exit: handler.Exit}
  }).then(({value}) => value)
  return cli
}

/** One in-process run at a time: stdout, env and cwd are process-wide. */
let queue: Promise<unknown> = Promise.resolve()

function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn)
  queue = next.catch(() => {})
  return next
}

function hideTerminal(stream: NodeJS.WriteStream): () => void {
  const saved = (['isTTY', 'columns'] as const).map((key) => [key, Object.getOwnPropertyDescriptor(stream, key)] as const)
  for (const [key] of saved) Object.defineProperty(stream, key, {value: undefined, configurable: true, writable: true})
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(stream, key, descriptor)
      else delete (stream as unknown as Record<string, unknown>)[key]
    }
  }
}

/**
 * Runs fn with the process set up as for a fresh mon process, then puts
 * everything back: env, cwd, exitCode, stdin, stdout/stderr (captured, and
 * not a terminal), and process.exit, which throws instead of ending the
 * worker.
 */
async function isolated<T>(
  options: {cwd: string; env: Record<string, string | undefined>; input?: string},
  processExit: (code: number) => Error,
  fn: (exit: {code: number | undefined; recordOnly: boolean}) => Promise<T>,
): Promise<{value: T; stdout: string; stderr: string; exitCode: number}> {
  const savedEnv = {...process.env}
  const savedCwd = process.cwd()
  const savedExitCode = process.exitCode
  const savedExit = process.exit
  const savedStdin = Object.getOwnPropertyDescriptor(process, 'stdin')
  const writes = {stdout: process.stdout.write, stderr: process.stderr.write}
  const restoreTerminal = [hideTerminal(process.stdout), hideTerminal(process.stderr)]
  let stdout = ''
  let stderr = ''
  const capture =
    (append: (s: string) => void) =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((err?: Error | null) => void), cb?: (err?: Error | null) => void): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'))
      const done = typeof encoding === 'function' ? encoding : cb
      if (done) process.nextTick(done)
      return true
    }
  const exit = {code: undefined as number | undefined, recordOnly: false}
  try {
    const env = runEnv(savedEnv, options.env)
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key]
    Object.assign(process.env, env)
    process.chdir(options.cwd)
    process.exitCode = undefined
    // No command reads stdin today; a run gets an ended pipe, as from monProcess.
    Object.defineProperty(process, 'stdin', {value: Readable.from(options.input ? [options.input] : []), configurable: true, writable: true})
    process.stdout.write = capture((s) => (stdout += s)) as typeof process.stdout.write
    process.stderr.write = capture((s) => (stderr += s)) as typeof process.stderr.write
    process.exit = ((code?: number | string | null) => {
      exit.code = code === undefined || code === null ? (typeof process.exitCode === 'number' ? process.exitCode : 0) : Number(code)
      // Inside oclif's error handler the exit is its last act; elsewhere (the
      // command_not_found hook) the code after it must not run.
      if (!exit.recordOnly) throw processExit(exit.code)
      return undefined as never
    }) as typeof process.exit
    const value = await fn(exit)
    // What the shell sees: the code given to process.exit, or else process.exitCode, or else 0.
    const exitCode = exit.code ?? (process.exitCode === undefined ? 0 : Number(process.exitCode))
    return {value, stdout, stderr, exitCode}
  } finally {
    process.stdout.write = writes.stdout
    process.stderr.write = writes.stderr
    for (const restore of restoreTerminal) restore()
    process.exit = savedExit
    if (savedStdin) Object.defineProperty(process, 'stdin', savedStdin)
    process.exitCode = savedExitCode
    process.chdir(savedCwd)
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
    Object.assign(process.env, savedEnv)
  }
}

/** Set when an in-process run timed out: it still holds the process, so every later one refuses to start. */
let stuck: string | undefined

/**
 * Runs mon in this process (the vitest worker, pool "forks"), as
 * `bin/run.js` would: oclif's `run(argv, config)` on the built dist/
 * commands, then what oclif's `execute` does with the outcome. Same
 * signature and result as monProcess; runs one at a time.
 */
export function monInProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (stuck !== undefined) return Promise.reject(new Error(`an earlier in-process run (mon ${stuck}) did not finish and still holds this worker's stdout, cwd and env; use monProcess for a run that may hang`))
  const startOnly = Object.keys(options.env ?? {}).filter((key) => PROCESS_START_ONLY.includes(key))
  if (startOnly.length > 0) return Promise.reject(new Error(`${startOnly.join(', ')} only take effect when a process starts: use monProcess`))
  const work = serialised(async () => {
    const {config, restoreConfig, run, processExit, handle, Exit} = await loadCli()
    const outcome = await isolated({cwd: options.cwd ?? ROOT, env: options.env ?? {}, input: options.input}, processExit, async (exit) => {
      try {
        await run(args, config)
      } catch (err) {
        // The code given to process.exit is the exit code (and, as in a real process, nothing after it ran).
        if (exit.code !== undefined) return
        // bin/run.js hands everything else to oclif's handle(), which prints
        // it (an ExitError silently) and exits with err.oclif.exit ?? 1.
        const savedExit = Exit.exit
        exit.recordOnly = true
        Exit.exit = ((code?: number) => process.exit(code ?? 0)) as typeof Exit.exit
        try {
          await handle(err as Error)
        } finally {
          Exit.exit = savedExit
          exit.recordOnly = false
        }
      } finally {
        restoreConfig()
      }
    })
    return {code: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr}
  })
  const timeoutMs = options.timeoutMs ?? 60_000
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The run cannot be stopped from outside and still has the process patched: no later run may start in it.
      stuck = args.join(' ')
      reject(new Error(`mon ${stuck} did not finish in ${timeoutMs} ms (in process); later in-process runs in this worker fail`))
    }, timeoutMs)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** Runs mon: in process by default (see monInProcess); monProcess where a real process matters. */
export const mon = monInProcess

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'mon-test-'): {dir: string; cleanup: () => void} {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}
