import {Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {EXIT} from '../errors.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'
import {planJson, type JsonPlan} from '../plan/render-json.js'
import {renderMarkdown} from '../plan/render-markdown.js'
import {renderText} from '../plan/render-text.js'

export default class Plan extends MonCommand<typeof Plan> {
  static override summary = 'Show what apply would change, field by field; never writes to the database.'
  static override description = `Compares monitors.yaml with the database and prints every change: + create, ~ update, - retire, ↺ revive.
Only changed fields are printed; unchanged ones are counted. Drift (a managed row edited in the database by hand since the last apply) is listed in its own section, and the plan puts it back. Unmanaged rows (in the database, not written by apply, not in the file) are listed and left alone.
A database that does not exist yet plans as empty, with every migration pending; plan does not create it.
Exit codes: 0, or 1 on error; with --detailed-exitcode, 0 no changes, 1 error, 2 changes.`

  static override examples = [
    {command: '<%= config.bin %> plan', description: 'What apply would change in ./monitor.db.'},
    {command: '<%= config.bin %> plan --format markdown > plan.md', description: 'A pull-request comment.'},
    {command: '<%= config.bin %> plan --detailed-exitcode', description: 'In CI: exit 2 when the database is behind the file.'},
    {command: '<%= config.bin %> plan --out plan.json && <%= config.bin %> apply plan.json', description: 'Review, then apply exactly what was reviewed.'},
  ]

  static override flags = {
    config: flag.configToRead,
    ...flag.configLimits,
    db: flag.db,
    format: flag.format(['text', 'markdown', 'json'] as const, 'text'),
    'detailed-exitcode': Flags.boolean({description: 'Exit 0 when there is nothing to change, 2 when there are changes (1 stays an error).'}),
    out: Flags.string({description: 'Also save the plan to FILE, for `mon apply FILE` (holds no secret: headers keep their ${VAR} form).'}),
  }

  protected async execute(): Promise<Output<JsonPlan, 'text' | 'markdown'>> {
    const {flags} = this
    const {model, files} = await this.validConfig(flags.config, flag.configLimitsOf(flags))
    const {planAgainst} = await import('../apply/reconcile.js')
    const {plan, observed} = await planAgainst(flags.db, model)
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
}
