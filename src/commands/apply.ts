import {Args, Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {readPlanFile} from '../apply/plan-file.js'
import type {ApplySource} from '../apply/reconcile.js'
import type {Provenance} from '../apply/provenance.js'
import type {ReadLimits} from '../config/load.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'
import {appliedJson} from '../plan/render-json.js'
import {renderApplied} from '../plan/render-text.js'

export default class Apply extends MonCommand<typeof Apply> {
  static override summary = 'Migrate the database, then make it match monitors.yaml (or apply a saved plan).'
  static override description = `Runs pending migrations, then plans and writes the changes in one transaction under the write lock, and records the run (time, config sha256, git commit, actor, counts).
Idempotent: when nothing differs, nothing at all is written. Only managed rows are touched; a row removed from the file is retired (its snapshots stay), and putting it back revives it.
Refuses, changing nothing: an invalid file (not even a migration runs); a saved plan made against a database that has changed since; retiring more than half of the active entities, endpoints or registry entries (each table on its own, at least 2) without --allow-mass-retire.`

  static override examples = [
    {command: '<%= config.bin %> apply', description: 'Make ./monitor.db match ./monitors.yaml.'},
    {command: '<%= config.bin %> apply plan.json', description: 'Apply a plan saved by mon plan --out plan.json, if the database has not changed since.'},
    {command: 'MON_DB=postgres://mon@db:5432/mon <%= config.bin %> apply --lock-timeout 2m --json', description: 'From CI, against PostgreSQL.'},
  ]

  static override args = {
    // Never from standard input (oclif's default for a missing argument): there stdin is `-c -`.
    planfile: Args.string({description: 'A plan saved by `mon plan --out`; without it, apply plans from --config now.', required: false, ignoreStdin: true}),
  }

  static override flags = {
    config: flag.configToRead,
    ...flag.configLimits,
    db: flag.db,
    'lock-timeout': flag.lockTimeout,
    'allow-mass-retire': Flags.boolean({description: 'Allow retiring more than half of the active entities, endpoints or registry entries.'}),
  }

  protected async execute(): Promise<Output<ReturnType<typeof appliedJson>>> {
    const {args, flags} = this
    // Everything that can refuse the input runs before the database is opened.
    const {source, provenance} = args.planfile ? await readPlanFile(args.planfile) : await this.fromConfig(flags.config, flag.configLimitsOf(flags))
    const {applyTo} = await import('../apply/reconcile.js')
    const options = {provenance, lockTimeoutMs: flags['lock-timeout'].ms, allowMassRetire: flags['allow-mass-retire'], now: this.now()}
    const {plan, run_id, migrated} = await this.withDriver(flags.db, (driver) => applyTo(driver, source, options), {create: true})
    return {data: appliedJson(plan, run_id, migrated), views: {text: (paint) => renderApplied(plan, run_id, migrated, paint)}}
  }

  /** The file's model; git rev-parse runs while the file is parsed. */
  private async fromConfig(file: string, limits: ReadLimits): Promise<{source: ApplySource; provenance: Provenance}> {
    const {startProvenance} = await import('../apply/provenance.js')
    const provenance = startProvenance(file)
    const {model, files, declaring} = await this.validConfig(file, limits)
    return {source: {model, declaring}, provenance: await provenance(files)}
  }
}
