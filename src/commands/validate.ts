import {MonCommand} from '../base-command.js'
import {STDIN_CONFIG, loadConfigFile} from '../config/load.js'
import {renderGithub, renderText, validationReport, type ValidationReport} from '../config/validation-report.js'
import {EXIT} from '../errors.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'

export default class Validate extends MonCommand<typeof Validate> {
  static override summary = 'Check monitors.yaml against the schema and the rules; never opens the database.'
  static override description = `Reports every problem in one run, each as FILE:LINE:COLUMN, its path in the document and what to do about it.
Warnings (a literal credential in a header, a registry file that is not there) do not make the file invalid.
Exits 0 when the file is valid, 1 when it is not.`

  static override examples = [
    {command: '<%= config.bin %> validate', description: 'Check ./monitors.yaml.'},
    {command: '<%= config.bin %> validate -c staging/monitors.yaml --json', description: 'Machine-readable result.'},
    {command: '<%= config.bin %> validate --format github', description: 'In GitHub Actions: annotate the pull request diff.'},
    {command: 'git show origin/main:monitors.yaml | <%= config.bin %> validate -c -', description: 'Check a file from standard input.'},
  ]

  static override flags = {
    config: flag.configToRead,
    ...flag.configLimits,
    format: flag.format(['text', 'json', 'github'] as const, 'text'),
  }

  protected async execute(): Promise<Output<ValidationReport, 'text' | 'github'>> {
    const file = this.flags.config
    const report = validationReport(await loadConfigFile(file, flag.configLimitsOf(this.flags)))
    // Only annotations need the path from the repository root: no git process for the other formats.
    const inRepository = this.format === 'github' && file !== STDIN_CONFIG ? await (await import('../apply/provenance.js')).pathInRepository(file) : null
    return {
      data: report,
      views: {text: (paint) => renderText(file, report, paint), github: () => renderGithub(file, report, inRepository)},
      exitCode: report.valid ? EXIT.ok : EXIT.error,
    }
  }
}
