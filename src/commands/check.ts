import {Errors, Flags} from '@oclif/core'

import {MonCommand, dbFlag, formatFlag} from '../base-command.js'
import {byteSizeFlag} from '../check/byte-size.js'
import {nagiosUnknown, renderNagios, renderText, report as makeReport, type CheckReport} from '../check/render.js'
import {selectTargets} from '../check/select.js'
import {parseShard} from '../check/shard.js'
import type {CheckTarget} from '../check/target.js'
import {ENTITY_TYPES} from '../config/model.js'
import {CHECK_EXIT, MonError, UsageError, messageOf} from '../errors.js'
import {colourWanted, painter} from '../terminal.js'

export default class Check extends MonCommand {
  static override summary = 'Probe every active endpoint and registry entry, and append one snapshot each.'
  static override description = `Reads the applied state from the database (not monitors.yaml) and checks what was deployed.
Exit codes follow the Nagios plugin convention: 0 all ok, 1 worst is warn, 2 worst is error, 3 could not run (usage errors too).
Results are committed in batches as they arrive, so a run killed halfway keeps what it finished.`

  static override examples = [
    '<%= config.bin %> check',
    '<%= config.bin %> check --only mlx:8100 --only registry:model-registry',
    '<%= config.bin %> check --type backend --owner mlx --format nagios',
    '<%= config.bin %> check --db postgres://mon@db/mon --shard 2/3 --json',
  ]

  static override flags = {
    db: dbFlag,
    only: Flags.string({
      description: 'Check only these entity, endpoint or registry ids (repeat, or separate with commas); an entity id selects all it holds.',
      multiple: true,
      delimiter: ',',
    }),
    type: Flags.string({description: 'Check only entities of this type.', options: [...ENTITY_TYPES]}),
    owner: Flags.string({description: 'Check only entities with this owner.'}),
    concurrency: Flags.integer({description: 'Checks in flight at once.', default: 32, min: 1, max: 1000}),
    'max-payload': Flags.string({
      description: "Body bytes kept in each snapshot (e.g. 16384, 16KiB, 1MiB); a bare api check downloads no more.",
      default: '16KiB',
    }),
    'max-body': Flags.string({
      description: 'Body bytes read to judge health, models and metrics checks and JSON assertions; a longer body is an error that names this flag.',
      default: '1MiB',
    }),
    shard: Flags.string({description: 'Check only shard K of N (e.g. 2/3), split by a stable hash of each id, so N runners share one history.'}),
    'base-dir': Flags.string({description: 'Directory that relative registry paths resolve against.', default: '.'}),
    format: formatFlag(['text', 'json', 'nagios'] as const, 'text'),
  }

  protected override usageExitCode = CHECK_EXIT.unknown

  async run(): Promise<CheckReport> {
    const {flags} = await this.parse(Check)
    const format = this.jsonEnabled() ? 'json' : flags.format
    const maxPayload = byteSizeFlag('max-payload', flags['max-payload'], {bytes: 64 * 1024 * 1024, text: '64MiB'})
    const maxBody = byteSizeFlag('max-body', flags['max-body'], {bytes: 256 * 1024 * 1024, text: '256MiB'})
    const shard = flags.shard === undefined ? undefined : usage(() => parseShard(flags.shard!))
    const started = performance.now()
    const {readTargets} = await import('../store/snapshots.js')
    const {executeChecks} = await import('../check/execute.js')

    const {results, targets} = await this.withCurrentSchema(
      flags.db,
      async (driver) => {
        const selected = selectTargets(await readTargets(driver), {only: flags.only, type: flags.type, owner: flags.owner, shard})
        if (selected.unknown.length > 0) {
          throw new MonError(`no active entity, endpoint or registry entry with id ${selected.unknown.join(', ')} (retired, or never applied)`)
        }
        if (selected.matched === 0) {
          const narrowed = flags.type !== undefined || flags.owner !== undefined
          throw new MonError(narrowed ? 'nothing to check: no active endpoint or registry entry matches --type/--owner' : `nothing to check: no active endpoints or registry entries in ${driver.target}; run mon apply`)
        }
        if (selected.targets.length === 0) this.note(`shard ${flags.shard}: nothing to check here (${selected.matched} checks fall in other shards)`)
        const results = await executeChecks(driver, selected.targets, {
          concurrency: flags.concurrency,
          maxPayload,
          maxBody,
          baseDir: flags['base-dir'],
          progress: format !== 'json',
        })
        return {results, targets: selected.targets}
      },
    )

    const seconds = (performance.now() - started) / 1000
    const report = makeReport(results)
    if (format === 'text') process.stdout.write(renderText(report, {paint: painter(colourWanted()), seconds}))
    if (format === 'nagios') process.stdout.write(renderNagios(report, {seconds, targets: new Map<string, CheckTarget>(targets.map((t) => [t.id, t]))}))
    if (format === 'json' && !this.jsonEnabled()) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    process.exitCode = report.summary.error > 0 ? CHECK_EXIT.error : report.summary.warn > 0 ? CHECK_EXIT.warn : CHECK_EXIT.ok
    return report
  }

  /** Anything that stops the run is "could not run" (3), never 1, which means warn here; Nagios reads stdout. */
  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    const unknown =
      err instanceof Errors.CLIError ? err : new MonError(messageOf(err), {exitCode: CHECK_EXIT.unknown, details: err instanceof MonError ? err.details : undefined, cause: err})
    if (nagiosRequested(this.argv)) process.stdout.write(nagiosUnknown(messageOf(err)))
    return super.catch(unknown)
  }
}

/** A flag value that failed to parse: a usage error (exit 3, by catch above). */
function usage<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    throw new UsageError(messageOf(err))
  }
}

function nagiosRequested(argv: readonly string[]): boolean {
  const i = argv.indexOf('--format')
  return argv.includes('--format=nagios') || (i >= 0 && argv[i + 1] === 'nagios')
}
