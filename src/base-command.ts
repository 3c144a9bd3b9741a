import {Command, Errors, Flags, Interfaces} from '@oclif/core'

import {EXIT, MonError, messageOf} from './errors.js'
import type {Driver} from './store/driver.js'
import type {OpenOptions} from './store/open.js'

/**
 * Every mon command extends this. It owns what all commands share: the
 * `--json` flag, the mapping of errors to one-line messages and exit codes,
 * and the shared flag definitions below. Commands stay thin: parse, call the
 * core and the shell, render.
 */
export abstract class MonCommand extends Command {
  static override enableJsonFlag = true

  /** Exit code for a usage error. `mon check` overrides it with 3 (Nagios "unknown"). */
  protected usageExitCode: number = EXIT.error

  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    const exitCode = exitCodeFor(err, this.usageExitCode)
    const message = err instanceof Errors.CLIError ? oneLine(messageOf(err)) : messageOf(err)
    if (this.jsonEnabled()) {
      const details = err instanceof MonError ? err.details : undefined
      this.logJson({error: {message, exit_code: exitCode, ...(details ? {details} : {})}})
    }
    process.stderr.write(`Error: ${message}\n`)
    if (!(err instanceof MonError) && !(err instanceof Errors.CLIError)) {
      process.stderr.write('This is a bug in mon; please report it with DEBUG=mon* output.\n')
    }
    if (debugEnabled() && err.stack) process.stderr.write(`${err.stack}\n`)
    // ExitError is printed by nobody: the message above is the whole report.
    throw new Errors.ExitError(exitCode)
  }

  /** Diagnostics and progress go to stderr, never stdout. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  /**
   * Opens the --db database, runs fn, and always closes it. A SQLite file is
   * created only when the command asks (apply, init, db migrate): a mistyped
   * --db on a reading command must not leave an empty file behind.
   */
  protected async withDriver<T>(db: string, fn: (driver: Driver) => Promise<T>, options: OpenOptions = {}): Promise<T> {
    const {openDriver} = await import('./store/open.js')
    const driver = await openDriver(db, {create: false, ...options})
    try {
      return await fn(driver)
    } finally {
      await driver.close()
    }
  }

  /**
   * withDriver for the commands that read what apply and check wrote: the
   * database must exist and be fully migrated, and is never created or changed.
   */
  protected async withCurrentSchema<T>(db: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
    const {requireCurrentSchema} = await import('./store/migrator.js')
    return this.withDriver(db, async (driver) => {
      await requireCurrentSchema(driver)
      return fn(driver)
    })
  }
}

function exitCodeFor(err: Error & {exitCode?: number; oclif?: {exit?: number}}, usageExitCode: number): number {
  if (err instanceof MonError) return err.exitCode
  if (err instanceof Errors.CLIError) {
    // oclif uses 2 for parse errors; 2 means "changes" to plan and "error" to check.
    const parseError = err.constructor.name.endsWith('Error') && (err as {parse?: unknown}).parse !== undefined
    if (parseError || err.oclif?.exit === 2) return usageExitCode
    return err.oclif?.exit ?? EXIT.error
  }
  return EXIT.error
}

/** oclif's parse errors span several lines (and end in a help hint); the contract wants one. */
function oneLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with/.test(line))
  return `${lines.join(' ')} (see --help)`
}

export function debugEnabled(): boolean {
  return /(^|,)\s*mon(\*|:|,|$)/.test(process.env.DEBUG ?? '')
}

export const configFlag = Flags.string({
  char: 'c',
  description: 'Path to monitors.yaml.',
  env: 'MON_CONFIG',
  default: 'monitors.yaml',
})

export const dbFlag = Flags.string({
  description: 'Database: a file path, sqlite:PATH, or a postgres:// URL.',
  env: 'MON_DB',
  default: './monitor.db',
})

export const lockTimeoutFlag = Flags.string({
  description: 'How long to wait for another apply or migration to finish.',
  default: '30s',
})

export function formatFlag<const T extends string>(options: readonly T[], fallback: T) {
  return Flags.string({
    description: `Output format. --json is the same as --format json.`,
    options: [...options],
    default: fallback,
  }) as Interfaces.OptionFlag<T>
}
