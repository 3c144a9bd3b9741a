import path from 'node:path'

import {Args} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {STDIN_CONFIG, loadConfigFile} from '../config/load.js'
import {renderGithub, renderText, reportFiles, validationReport, type ValidationReport} from '../config/validation-report.js'
import {EXIT, UsageError} from '../errors.js'
import {USAGE_HINT} from '../failure.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'

export default class Validate extends MonCommand<typeof Validate> {
  static override summary = 'Check monitors.yaml against the schema and the rules; never opens the database.'
  static override description = `Reports every problem in one run, each as FILE:LINE:COLUMN, its path in the document and what to do about it.
Warnings (a literal credential in a header, a registry file that is not there) do not make the file invalid.
The file is the argument or -c (the same thing); without either, ./monitors.yaml (or MON_CONFIG).
Exits 0 when the file is valid, 1 when it is not.`

  static override examples = [
    {command: '<%= config.bin %> validate', description: 'Check ./monitors.yaml.'},
    {command: '<%= config.bin %> validate staging/monitors.yaml --json', description: 'Machine-readable result.'},
    {command: '<%= config.bin %> validate --format github', description: 'In GitHub Actions: annotate the pull request diff.'},
    {command: 'git show origin/main:monitors.yaml | <%= config.bin %> validate -c -', description: 'Check a file from standard input.'},
  ]

  static override args = {
    // Never from standard input (oclif's default for a missing argument): there stdin is `-c -`.
    file: Args.string({description: 'Path to monitors.yaml, the same as -c; - reads it from standard input.', required: false, ignoreStdin: true}),
  }

  static override flags = {
    config: flag.configToRead,
    ...flag.configLimits,
    format: flag.format(['text', 'json', 'github'] as const, 'text'),
  }

  protected async execute(): Promise<Output<ValidationReport, 'text' | 'github'>> {
    const file = this.configFile()
    const report = validationReport(await loadConfigFile(file, flag.configLimitsOf(this.flags)))
    // Only annotations need the path from the repository root: no git process for the other formats.
    const paths = this.format === 'github' && file !== STDIN_CONFIG ? await (await import('../apply/provenance.js')).repositoryPaths(reportFiles(file, report)) : new Map<string, string>()
    return {
      data: report,
      views: {text: (paint) => renderText(file, report, paint), github: () => renderGithub(file, report, paths)},
      exitCode: report.valid ? EXIT.ok : EXIT.error,
    }
  }

  /** The argument, or else -c: both may be given only when they name the same file. */
  private configFile(): string {
    const {file} = this.args
    const {config} = this.flags
    if (file === undefined) return config
    if (this.givenFlags.has('config') && path.resolve(file) !== path.resolve(config)) {
      throw new UsageError(`mon validate got two files, ${JSON.stringify(file)} and -c ${JSON.stringify(config)}: give one ${USAGE_HINT}`)
    }
    return file
  }
}
