import {Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {EXIT, UsageError} from '../errors.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'
import type {BasePlanJson} from '../plan/base-plan.js'
import {planJson, type JsonPlan} from '../plan/render-json.js'
import {renderMarkdown} from '../plan/render-markdown.js'
import {renderText} from '../plan/render-text.js'

export default class Plan extends MonCommand<typeof Plan> {
  static override summary = 'Show what apply would change, field by field; never writes to the database.'
  static override description = `Compares monitors.yaml with the database and prints every change: + create, ~ update, - retire, ↺ revive.
Only changed fields are printed; unchanged ones are counted. Drift (a managed row edited in the database by hand since the last apply) is listed in its own section, and the plan puts it back. Unmanaged rows (in the database, not written by apply, not in the file) are listed and left alone.
A database that does not exist yet plans as empty, with every migration pending; plan does not create it.
With --base FILE or --base-rev REV (the config at a git revision, includes too) it compares with that config as if it were applied, and opens no database: for pull requests whose jobs hold no database credentials.
Exit codes: 0, or 1 on error; with --detailed-exitcode, 0 no changes, 1 error, 2 changes.`

  static override examples = [
    {command: '<%= config.bin %> plan', description: 'What apply would change in ./monitor.db.'},
    {command: '<%= config.bin %> plan --format markdown > plan.md', description: 'A pull-request comment.'},
    {command: '<%= config.bin %> plan --detailed-exitcode', description: 'In CI: exit 2 when the database is behind the file.'},
    {command: '<%= config.bin %> plan --out plan.json && <%= config.bin %> apply plan.json', description: 'Review, then apply exactly what was reviewed.'},
    {command: '<%= config.bin %> plan --base-rev origin/main --format markdown', description: 'A pull request from a fork, with no database: what it changes against main.'},
  ]

  static override flags = {
    config: flag.configToRead,
    ...flag.configLimits,
    db: flag.db,
    format: flag.format(['text', 'markdown', 'json'] as const, 'text'),
    'detailed-exitcode': Flags.boolean({description: 'Exit 0 when there is nothing to change, 2 when there are changes (1 stays an error).'}),
    out: Flags.string({description: 'Also save the plan to FILE, for `mon apply FILE` (holds no secret: headers keep their ${VAR} form).'}),
    base: Flags.string({
      helpValue: 'FILE',
      description: 'Compare with the config in FILE as if it were applied, instead of with a database (which is not opened: no --db, no --out).',
      exclusive: ['base-rev', 'out'],
    }),
    'base-rev': Flags.string({
      helpValue: 'REV',
      description: 'Compare with the config as it was at the git revision REV (a branch, tag or commit; its includes too), instead of with a database.',
      exclusive: ['out'],
    }),
  }

  protected async execute(): Promise<Output<JsonPlan | BasePlanJson, 'text' | 'markdown'>> {
    const {flags} = this
    if (flags.base !== undefined || flags['base-rev'] !== undefined) return this.againstBase()
    const {model, files, declaring} = await this.validConfig(flags.config, flag.configLimitsOf(flags))
    const {planAgainst} = await import('../apply/reconcile.js')
    const {plan, observed} = await planAgainst(flags.db, model, declaring)
    if (flags.out) {
      const {writePlanFile} = await import('../apply/plan-file.js')
      await writePlanFile(flags.out, plan, observed, {file: flags.config, files})
      this.note(`Saved the plan to ${flags.out}; apply exactly it with: mon apply ${flags.out}`)
    }
    return {
      data: planJson(plan),
      views: {text: (paint) => renderText(plan, paint), markdown: () => renderMarkdown(plan)},
      exitCode: flags['detailed-exitcode'] && plan.changes.length > 0 ? EXIT.changes : EXIT.ok,
    }
  }

  /** `--base FILE` / `--base-rev REV`: the file against another, never a database (MON_DB is not even read). */
  private async againstBase(): Promise<Output<BasePlanJson, 'text' | 'markdown'>> {
    const {flags} = this
    const option = flags.base === undefined ? '--base-rev' : '--base'
    // oclif's exclusive would count MON_DB from the environment; only a --db typed here contradicts.
    if (this.givenFlags.has('db')) throw new UsageError(`--db cannot be used with ${option} (see --help)`)
    const limits = flag.configLimitsOf(flags)
    const {model, declaring} = await this.validConfig(flags.config, limits)
    const {loadPlanBase} = await import('../config/load-base.js')
    const {withFiles} = await import('../plan/change-files.js')
    const {basePlanJson, comparingLine, planAgainstBase} = await import('../plan/base-plan.js')
    const {model: baseModel, base} = await loadPlanBase(flags.config, {file: flags.base, rev: flags['base-rev']}, limits)
    const plan = withFiles(planAgainstBase(model, baseModel), declaring)
    const comparing = comparingLine(flags.config, base)
    return {
      data: basePlanJson(plan, base),
      views: {text: (paint) => renderText(plan, paint, {comparing}), markdown: () => renderMarkdown(plan, undefined, {comparing})},
      exitCode: flags['detailed-exitcode'] && plan.changes.length > 0 ? EXIT.changes : EXIT.ok,
    }
  }
}
