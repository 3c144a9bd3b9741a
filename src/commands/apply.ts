import {readFile} from 'node:fs/promises'

import {Args, Flags} from '@oclif/core'

import {MonCommand, configFlag, dbFlag, lockTimeoutFlag} from '../base-command.js'
import {MonError, messageOf} from '../errors.js'
import type {ApplyResult, ApplySource} from '../apply/reconcile.js'
import type {Provenance} from '../apply/provenance.js'
import {durationFlag} from '../duration.js'
import {colourWanted, painter} from '../terminal.js'

export default class Apply extends MonCommand {
  static override summary = 'Migrate the database, then make it match monitors.yaml (or apply a saved plan).'
  static override description = `Runs pending migrations, then plans and writes the changes in one transaction under the write lock, and records the run (time, config sha256, git commit, actor, counts).
Idempotent: when nothing differs, nothing at all is written. Only managed rows are touched; a row removed from the file is retired (its snapshots stay), and putting it back revives it.
Refuses, changing nothing: an invalid file (not even a migration runs); a saved plan made against a database that has changed since; retiring more than half of the active entities (at least 2) without --allow-mass-retire.`

  static override examples = [
    {command: '<%= config.bin %> apply', description: 'Make ./monitor.db match ./monitors.yaml.'},
    {command: '<%= config.bin %> apply plan.json', description: 'Apply a plan saved by mon plan --out plan.json, if the database has not changed since.'},
    {command: 'MON_DB=postgres://mon@db:5432/mon <%= config.bin %> apply --lock-timeout 2m --json', description: 'From CI, against PostgreSQL.'},
  ]

  static override args = {
    planfile: Args.string({description: 'A plan saved by `mon plan --out`; without it, apply plans from --config now.', required: false}),
  }

  static override flags = {
    config: configFlag,
    db: dbFlag,
    'lock-timeout': lockTimeoutFlag,
    'allow-mass-retire': Flags.boolean({description: 'Allow retiring more than half of the active entities.'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Apply)
    const timeout = durationFlag('lock-timeout', flags['lock-timeout'], {allowZero: true})
    // Everything that can refuse the input runs before the database is opened.
    const {source, provenance} = args.planfile ? await this.savedSource(args.planfile) : await this.configSource(flags.config)
    const {applyTo} = await import('../apply/reconcile.js')
    const result = await this.withDriver(flags.db, (driver) =>
      applyTo(driver, source, {provenance, lockTimeoutMs: timeout, allowMassRetire: flags['allow-mass-retire']}),
      {create: true},
    )
    await this.report(result)
  }

  private async configSource(config: string): Promise<{source: ApplySource; provenance: Provenance}> {
    const {startProvenance} = await import('../apply/provenance.js')
    const provenance = startProvenance(config)
    const {loadValidConfig, formatDiagnostic} = await import('../config/load.js')
    const {model, warnings, text} = await loadValidConfig(config)
    for (const warning of warnings) this.note(`Warning: ${formatDiagnostic(warning)}`)
    return {source: {model}, provenance: await provenance(text)}
  }

  private async savedSource(file: string): Promise<{source: ApplySource; provenance: Provenance}> {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      throw new MonError(`cannot read saved plan ${file}: ${code === 'ENOENT' ? 'no such file' : messageOf(err)}`)
    }
    const {parseSavedPlan} = await import('../plan/render-json.js')
    const {actor} = await import('../apply/provenance.js')
    const saved = parseSavedPlan(text, file)
    return {
      source: {saved: {plan: saved.plan, observed: saved.observed}},
      provenance: {config_sha256: saved.source.config_sha256, git_commit: saved.source.git_commit, actor: actor()},
    }
  }

  private async report({plan, run_id, migrated}: ApplyResult): Promise<void> {
    if (this.jsonEnabled()) {
      const {appliedJson} = await import('../plan/render-json.js')
      this.logJson(appliedJson(plan, run_id, migrated))
      return
    }
    const {renderApplied} = await import('../plan/render-text.js')
    process.stdout.write(renderApplied(plan, run_id, migrated, painter(colourWanted())))
  }
}
