import {Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {checkOutput, nagiosUnknown} from '../check/render.js'
import type {CheckReport} from '../check/report.js'
import {ENTITY_TYPES} from '../config/model.js'
import {CHECK_EXIT} from '../errors.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'

export default class Check extends MonCommand<typeof Check> {
  static override summary = 'Probe every active endpoint and registry entry, and append one snapshot each.'
  static override description = `Reads the applied state from the database (not monitors.yaml) and checks what was deployed.
Exit codes follow the Nagios plugin convention: 0 all ok, 1 worst is warn, 2 worst is error, 3 could not run (usage errors too).
With --due, a run with nothing due exits 0 and says on stderr which target is next and when: being early is not a failure.
Results are committed in batches as they arrive, so a run killed halfway keeps what it finished.
A batch the database will not take (its write lock stays held past --lock-timeout, the connection is lost) is kept in the spool (--spool), and the next run records it first.`

  static override examples = [
    '<%= config.bin %> check',
    '<%= config.bin %> check --only mlx:8100 --only registry:model-registry',
    '<%= config.bin %> check --type backend --owner mlx --format nagios',
    '<%= config.bin %> check --db postgres://mon@db/mon --shard 2/3 --json',
    '<%= config.bin %> check --due   # from cron, every minute: each target at its own interval',
    '<%= config.bin %> check --db postgres://mon@db/mon --lock-timeout 1m --spool /var/lib/mon/spool',
  ]

  static override flags = {
    db: flag.db,
    only: flag.only('Check only these entity, endpoint or registry ids (repeat, or separate with commas); an entity id selects all it holds.'),
    type: Flags.string({description: 'Check only entities of this type.', options: [...ENTITY_TYPES]}),
    owner: Flags.string({description: 'Check only entities with this owner.'}),
    concurrency: Flags.integer({description: 'Checks in flight at once.', default: 32, min: 1, max: 1000}),
    'max-payload': flag.byteSize({
      description: 'Body bytes kept in each snapshot (e.g. 16384, 16KiB, 1MiB); a bare api check downloads no more.',
      default: '16KiB',
      max: '64MiB',
    }),
    'max-body': flag.byteSize({
      description: 'Body bytes read to judge health, models and metrics checks and JSON assertions, and of a registry; a longer body is an error that names this flag.',
      default: '1MiB',
      max: '256MiB',
    }),
    shard: flag.shard,
    due: Flags.boolean({
      description: 'Check only the targets whose latest snapshot is at least their interval old (less a grace of 10%, at most 30s); never-checked ones are due. Nothing due exits 0.',
      default: false,
    }),
    'no-notify': Flags.boolean({
      description: 'Record alert events (opens, reminders, resolves) without sending their notifications; a later run sends them.',
      default: false,
    }),
    ...flag.checkStorage,
    ...flag.registryBase,
    format: flag.format(['text', 'json', 'nagios'] as const, 'text'),
  }

  /** Anything that stops the run is "could not run" (3), never 1, which means warn here. */
  static override failureExitCode = CHECK_EXIT.unknown
  /** Nagios reads stdout, so a failure is a plugin line too. */
  static override failureViews = {nagios: nagiosUnknown}

  protected async execute(): Promise<Output<CheckReport, 'text' | 'nagios'>> {
    const {flags} = this
    const started = performance.now()
    const {checkSelection} = await import('../check/execute.js')
    const {spoolPlace} = await import('../store/spool.js')
    const spool = spoolPlace(flags.db, flags.spool)
    const {registryBaseDir} = await import('../check/base-dir.js')
    const baseDir = registryBaseDir(flags.config, flags['base-dir'])
    const {unappliedConfigNote} = await import('../apply/applied-config.js')
    const {report, targets} = await this.withCurrentSchema(flags.db, async (driver) => {
      const unapplied = await unappliedConfigNote(driver, flags.config)
      if (unapplied !== null) this.note(unapplied)
      return checkSelection(driver, {only: flags.only, type: flags.type, owner: flags.owner, shard: flags.shard}, {
        concurrency: flags.concurrency,
        maxPayload: flags['max-payload'],
        maxBody: flags['max-body'],
        baseDir,
        allowOutsideBase: flags['allow-outside-base'],
        progress: this.format !== 'json',
        lockTimeoutMs: flags['lock-timeout'].ms,
        spool,
        note: (message) => this.note(message),
        now: this.now(),
        notify: !flags['no-notify'],
        ...(flags.due ? {due: this.now()} : {}),
      })
    })
    return checkOutput(report, targets, (performance.now() - started) / 1000)
  }
}
