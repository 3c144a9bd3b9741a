import {existsSync} from 'node:fs'

import {Args, Flags} from '@oclif/core'

import {writeOutFile} from '../../atomic-write.js'
import {MonCommand} from '../../base-command.js'
import {MonError} from '../../errors.js'
import * as flag from '../../flags.js'
import type {ImportNote} from '../../import/gatus.js'
import type {Output} from '../../output.js'
import {plural} from '../../plural.js'
import {schemaBeside} from '../../starter.js'

interface ImportData {
  out: string | null
  yaml: string
  notes: ImportNote[]
  variables: string[]
  counts: {entities: number; endpoints: number; notifiers: number; endpoints_in_gatus: number}
}

export default class ImportGatus extends MonCommand<typeof ImportGatus> {
  static override summary = 'Convert a Gatus config into a monitors.yaml.'
  static override description = `Endpoints (a group is an entity; the ungrouped ones go to the entity "gatus"), their URL, method, headers, body, interval, timeout and conditions on status, response time, body and certificate expiry, and the Slack, PagerDuty, ntfy, email and custom (webhook) alerting. Secrets become \${GATUS_...} placeholders, named on stderr. What did not convert, or converted with another meaning, is listed on stderr, one line each (FILE:LINE: what: why). The output always validates. Without --out the YAML goes to stdout; --out refuses to replace a file unless --force. See docs/import.md.`

  static override examples = [
    {command: '<%= config.bin %> import gatus config.yaml --out monitors.yaml', description: 'Write a new monitors.yaml.'},
    {command: "kubectl get configmap gatus -o jsonpath='{.data.config\\.yaml}' | <%= config.bin %> import gatus -", description: 'Convert the config of a Kubernetes ConfigMap, from standard input.'},
  ]

  static override args = {file: Args.string({description: 'The Gatus config (one file); - reads it from standard input.', required: true})}
  static override flags = {
    out: Flags.string({char: 'o', description: 'Write the monitors.yaml to FILE instead of stdout.'}),
    force: Flags.boolean({description: 'With --out: replace the file if it exists.'}),
    ...flag.configLimits,
  }

  protected async execute(): Promise<Output<ImportData>> {
    const {flags, args} = this
    // A monitors.yaml is most often written by hand: a starting file must not replace one by accident.
    if (flags.out && !flags.force && existsSync(flags.out)) throw new MonError(`${flags.out} exists: mon import gatus writes a new file; pass --force to replace it, or --out another path`)
    const text = await this.readGatus(args.file, flag.configLimitsOf(flags))
    const {importGatus} = await import('../../import/gatus.js')
    const result = importGatus(text, args.file, {schema: schemaBeside(flags.out ?? 'monitors.yaml')})
    for (const {line, what, why} of result.notes) this.note(`${args.file}:${line}: ${what}: ${why}`)
    if (result.yaml === null) {
      const n = result.counts.endpoints_in_gatus
      const which = n === 1 ? 'its one endpoint is not' : `none of its ${n} endpoints is`
      throw new MonError(`nothing in ${args.file} could be converted: ${which} an HTTP(S) endpoint mon can check (see the lines above)`)
    }
    const {parseConfig, formatDiagnostic} = await import('../../config/load.js')
    const check = parseConfig(result.yaml, flags.out ?? 'monitors.yaml')
    if (!check.model) {
      throw new MonError(`the converted file does not validate (a bug in mon import gatus; please report it):\n${check.errors.map(formatDiagnostic).join('\n')}`)
    }
    const {counts} = result
    const summary = `${plural(counts.entities, 'entity', 'entities')}, ${plural(counts.endpoints, 'endpoint')}, ${plural(counts.notifiers, 'notifier')} from ${plural(counts.endpoints_in_gatus, 'Gatus endpoint')}`
    if (flags.out) {
      await writeOutFile(flags.out, result.yaml)
      this.note(`Wrote ${flags.out}: ${summary}.`)
    } else this.note(`Converted ${summary}.`)
    if (result.variables.length > 0) this.note(`Set ${result.variables.join(', ')} where mon check runs (each stands for a secret of ${args.file}).`)
    const data = {out: flags.out ?? null, yaml: result.yaml, notes: result.notes, variables: result.variables, counts}
    return {data, views: {text: () => (flags.out ? '' : result.yaml!)}}
  }

  private async readGatus(file: string, limits: {maxBytes: number; timeoutMs: number}): Promise<string> {
    const {FS_FILES} = await import('../../config/fs-files.js')
    const {decodeUtf8, notUtf8Message} = await import('../../config/text-rules.js')
    const bytes = await FS_FILES.read(file, limits)
    if (bytes === null) throw new MonError(`cannot read ${file}: no such file`)
    const decoded = decodeUtf8(bytes)
    if ('bad' in decoded) throw new MonError(`${file}:${decoded.bad.line}:${decoded.bad.column}: ${notUtf8Message(decoded.bad.byte)}`)
    return decoded.text
  }
}
