import {Command, Errors, Flags, Parser, type Interfaces} from '@oclif/core'

import type {ConfigText, ReadLimits} from './config/load.js'
import type {MonitorsModel} from './config/model.js'
import {failureOf, type CommandContext} from './failure.js'
import {UsageError} from './errors.js'
import type {Output} from './output.js'
import type {DeclaringFiles} from './plan/change-files.js'
import type {Driver} from './store/driver.js'
import type {OpenOptions} from './store/open.js'
import {colourWanted, painter} from './terminal.js'

export type MonFlags<C extends typeof Command> = Interfaces.InferredFlags<C['flags']>
export type MonArgs<C extends typeof Command> = Interfaces.InferredArgs<C['args']>

/**
 * Every mon command extends this, and implements execute(). The one output
 * and exit path: run() parses the flags once, resolves the format once
 * (--json wins over --format), calls execute(), writes the data as JSON or
 * the chosen view, and exits with the code it returned. catch() is the same
 * path for a failure: one message, its exit code, and the failure's view in
 * a format a tool reads from stdout.
 */
export abstract class MonCommand<C extends typeof Command = typeof Command> extends Command {
  static override enableJsonFlag = true

  /** The exit code of every failure, when the command has one (mon check: 3); else the error's own. */
  static failureExitCode: number | undefined

  /** A failure as a tool reads it on stdout, by format (mon check: a Nagios UNKNOWN line). */
  static failureViews: Partial<Record<string, (message: string) => string>> = {}

  protected flags!: MonFlags<C>
  protected args!: MonArgs<C>
  /** Every argument, for a command that takes a list (`static strict = false`: mon maintenance start). */
  protected argList: string[] = []
  /** The flags typed on the command line, as opposed to taken from a default or the environment. */
  protected givenFlags = new Set<string>()
  /** `json` under --json, else --format (or `text`); unset until the flags parse. */
  protected format: string | undefined

  /** The command's work: parse nothing, write nothing to stdout, return the data and its views. */
  protected abstract execute(): Promise<Output<unknown, string>>

  /** Not for commands to override: the output and exit path lives here. */
  async run(): Promise<void> {
    const {flags, args, raw, argv} = await this.parse(this.ctor)
    this.argList = argv as string[]
    this.givenFlags = new Set(raw.flatMap((token) => (token.type === 'flag' ? [token.flag] : [])))
    this.flags = flags as MonFlags<C>
    this.args = args as MonArgs<C>
    this.format = this.jsonEnabled() ? 'json' : ((flags as {format?: string}).format ?? 'text')
    const output = await this.execute()
    if (this.format === 'json') {
      this.logJson(output.data)
    } else {
      const view = output.views[this.format]
      if (!view) throw new Error(`mon ${this.id} has no ${this.format} view`)
      const text = view(painter(colourWanted(process.stdout)))
      if (text !== '') process.stdout.write(text)
    }
    // ExitError is oclif's one way out with a code, in a child process and in process alike.
    if (output.exitCode) this.exit(output.exitCode)
  }

  protected override async catch(err: Error): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    const ctor = this.ctor as typeof MonCommand
    const failure = failureOf(err, ctor.failureExitCode, this.usageContext())
    if (this.jsonEnabled()) {
      this.logJson({error: {message: failure.message, exit_code: failure.exitCode, ...(failure.details ? {details: failure.details} : {})}})
    } else {
      const view = ctor.failureViews[this.format ?? (await this.requestedFormat()) ?? 'text']
      if (view) process.stdout.write(view(failure.message))
    }
    process.stderr.write(`Error: ${failure.message}\n`)
    if (failure.bug) process.stderr.write('This is a bug in mon; please report it with DEBUG=mon* output.\n')
    if (debugEnabled() && err.stack) process.stderr.write(`${err.stack}\n`)
    // Thrown, not set on process.exitCode; also sidesteps oclif/core#1423 (--json exits 1). Nobody prints it.
    throw new Errors.ExitError(failure.exitCode)
  }

  /** What a usage error names: this command, and every flag it takes (--json and --help too), for "did you mean". */
  private usageContext(): CommandContext {
    const ctor = this.ctor
    const flags: CommandContext['flags'] = {help: {}, ...(ctor.enableJsonFlag ? {json: {}} : {}), ...ctor.baseFlags, ...ctor.flags}
    return {command: this.id ?? ctor.id, flags}
  }

  /**
   * The --format asked for when the flags did not parse, so that a usage
   * error still answers in it: oclif's parser reads the same argv again,
   * every other flag taken as plain text so that no value can fail.
   */
  private async requestedFormat(): Promise<string | undefined> {
    const flags = this.ctor.flags ?? {}
    if (!('format' in flags)) return undefined
    const lenient = Object.fromEntries(
      Object.entries(flags).map(([name, flag]) => [
        name,
        name === 'format' ? flag : flag.type === 'boolean' ? Flags.boolean({char: flag.char, allowNo: flag.allowNo}) : Flags.string({char: flag.char, multiple: true}),
      ]),
    )
    try {
      const {flags: parsed} = await Parser.parse(this.argv, {flags: lenient, strict: false})
      return parsed.format as string | undefined
    } catch {
      return undefined
    }
  }

  /**
   * The JSON as oclif's logJson prints it (two-space indent, one newline),
   * without its colouring tokenizer, which copies the rest of the text at
   * every token: quadratic, about 60 ms of a 1,000-target `status --json`.
   * mon's JSON is plain data (no cycles, no colour theme).
   */
  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  }

  /**
   * The time the command takes as "now": the clock, or MON_NOW (an ISO time)
   * so that tests and documented examples can fix it. Every command that
   * judges time (schedules, staleness, windows) reads it from here, once.
   */
  protected now(): Date {
    const fixed = process.env.MON_NOW
    if (fixed === undefined || fixed === '') return new Date()
    const ms = Date.parse(fixed)
    if (Number.isNaN(ms)) throw new UsageError(`MON_NOW must be an ISO 8601 time, e.g. 2026-11-30T14:00:00.000Z (got "${fixed}")`)
    return new Date(ms)
  }

  /** Diagnostics and progress go to stderr, never stdout. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  /** The model in a valid config file, its warnings on stderr; an invalid file is a MonError that lists every error. */
  protected async validConfig(file: string, limits?: ReadLimits): Promise<{model: MonitorsModel; files: ConfigText[]; declaring: DeclaringFiles}> {
    const {loadValidConfig, formatDiagnostic} = await import('./config/load.js')
    const {model, warnings, files, sources} = await loadValidConfig(file, limits)
    for (const warning of warnings) this.note(`Warning: ${formatDiagnostic(warning)}`)
    // Which file declares each row: the plan names it (provenance only).
    return {model, files, declaring: {main: file, sources}}
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
   * Commands that only read pass `{readOnly: true}`.
   */
  protected async withCurrentSchema<T>(db: string, fn: (driver: Driver) => Promise<T>, options: OpenOptions = {}): Promise<T> {
    const {requireCurrentSchema} = await import('./store/migrator.js')
    return this.withDriver(
      db,
      async (driver) => {
        await requireCurrentSchema(driver)
        return fn(driver)
      },
      options,
    )
  }
}

function debugEnabled(): boolean {
  return /(^|,)\s*mon(\*|:|,|$)/.test(process.env.DEBUG ?? '')
}
