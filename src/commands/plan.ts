import {writeFile} from 'node:fs/promises'

import {Flags} from '@oclif/core'

import {MonCommand, configFlag, dbFlag, formatFlag} from '../base-command.js'
import {EXIT, MonError, messageOf} from '../errors.js'
import {colourWanted, painter} from '../terminal.js'

export default class Plan extends MonCommand {
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
    config: configFlag,
    db: dbFlag,
    format: formatFlag(['text', 'markdown', 'json'] as const, 'text'),
    'detailed-exitcode': Flags.boolean({description: 'Exit 0 when there is nothing to change, 2 when there are changes (1 stays an error).'}),
    out: Flags.string({description: 'Also save the plan to FILE, for `mon apply FILE` (holds no secret: headers keep their ${VAR} form).'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Plan)
    const {loadValidConfig, formatDiagnostic} = await import('../config/load.js')
    const {model, warnings, text} = await loadValidConfig(flags.config)
    for (const warning of warnings) this.note(`Warning: ${formatDiagnostic(warning)}`)

    const {planAgainst} = await import('../apply/reconcile.js')
    const {plan, observed} = await planAgainst(flags.db, model)

    if (flags.out) {
      const {savedPlan} = await import('../plan/render-json.js')
      const {rowStateHashes} = await import('../plan/hash.js')
      const {startProvenance} = await import('../apply/provenance.js')
      const {isoNow} = await import('../time.js')
      const {config_sha256, git_commit} = await startProvenance(flags.config)(text)
      const saved = savedPlan(plan, {config: flags.config, config_sha256, git_commit, created_at: isoNow()}, rowStateHashes(observed))
      try {
        await writeFile(flags.out, `${JSON.stringify(saved, null, 1)}\n`)
      } catch (err) {
        throw new MonError(`cannot write the plan to ${flags.out}: ${messageOf(err)}`)
      }
      this.note(`Saved the plan to ${flags.out}; apply exactly it with: mon apply ${flags.out}`)
    }

    const format = this.jsonEnabled() ? 'json' : flags.format
    if (format === 'json') {
      const {planJson} = await import('../plan/render-json.js')
      this.logJson(planJson(plan))
    } else if (format === 'markdown') {
      const {renderMarkdown} = await import('../plan/render-markdown.js')
      process.stdout.write(renderMarkdown(plan))
    } else {
      const {renderText} = await import('../plan/render-text.js')
      process.stdout.write(renderText(plan, painter(colourWanted())))
    }
    if (flags['detailed-exitcode'] && plan.changes.length > 0) this.exit(EXIT.changes)
  }
}
