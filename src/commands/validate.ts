import {MonCommand, configFlag, formatFlag} from '../base-command.js'
import {EXIT} from '../errors.js'
import {loadConfigFile} from '../config/load.js'
import {renderGithub, renderText, validationReport} from '../config/validation-report.js'
import {colourWanted, painter} from '../terminal.js'

export default class Validate extends MonCommand {
  static override summary = 'Check monitors.yaml against the schema and the rules; never opens the database.'
  static override description = `Reports every problem in one run, each as FILE:LINE:COLUMN, its path in the document and what to do about it.
Warnings (a literal credential in a header, a registry file that is not there) do not make the file invalid.
Exits 0 when the file is valid, 1 when it is not.`

  static override examples = [
    {command: '<%= config.bin %> validate', description: 'Check ./monitors.yaml.'},
    {command: '<%= config.bin %> validate -c staging/monitors.yaml --json', description: 'Machine-readable result.'},
    {command: '<%= config.bin %> validate --format github', description: 'In GitHub Actions: annotate the pull request diff.'},
  ]

  static override flags = {
    config: configFlag,
    format: formatFlag(['text', 'json', 'github'] as const, 'text'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Validate)
    const result = await loadConfigFile(flags.config)
    const report = validationReport(result)
    const format = this.jsonEnabled() ? 'json' : flags.format
    if (format === 'json') {
      this.logJson(report)
    } else if (format === 'github') {
      process.stdout.write(renderGithub(flags.config, report))
    } else {
      process.stdout.write(renderText(flags.config, report, painter(colourWanted())))
    }
    if (!report.valid) this.exit(EXIT.error)
  }
}
