
import {Flags} from '@oclif/core'

import {writeOutFile} from '../atomic-write.js'
import {MonCommand} from '../base-command.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'
import {plural} from '../plural.js'
import {schemaBeside} from '../starter.js'

export default class Export extends MonCommand<typeof Export> {
  static override summary = 'Write the applied, active state as a monitors.yaml.'
  static override description = `Reads the database, not the file: every active row that apply wrote (retired and unmanaged rows are left out), as YAML that validates.
Applying the export to the same database is a no-op. Entities come out sorted by id; check settings most endpoints share are written once under defaults.check, and values equal to a default and derived ids are left out. The $schema modeline points at ./schemas/monitors.schema.json when that copy (as mon init writes it) is beside the output (--out FILE, or the current directory for stdout), and is left out otherwise.`

  static override examples = [
    {command: '<%= config.bin %> export > monitors.yaml', description: 'Recover the file from the database.'},
    {command: '<%= config.bin %> export --db postgres://mon@db:5432/mon --out exported.yaml', description: 'Write a file.'},
  ]

  static override flags = {
    db: flag.db,
    out: Flags.string({char: 'o', description: 'Write to FILE instead of stdout.'}),
  }

  protected async execute(): Promise<Output<{out: string | null; counts: Record<string, number>; yaml: string}>> {
    const {flags} = this
    const {readObserved} = await import('../store/inventory.js')
    const {modelFromRows} = await import('../plan/rows.js')
    const {modelToYaml} = await import('../config/serialize.js')
    const model = await this.withCurrentSchema(flags.db, async (driver) => modelFromRows(await readObserved(driver)), {readOnly: true})
    // A modeline to a schema that is not there helps no editor; stdout most often lands in the current directory.
    const yaml = modelToYaml(model, {schema: schemaBeside(flags.out ?? 'monitors.yaml')})
    const counts = {
      entities: model.entities.length,
      endpoints: model.entities.reduce((n, e) => n + e.endpoints.length, 0),
      registry_index: model.entities.reduce((n, e) => n + e.registry.length, 0),
    }
    if (flags.out) {
      await writeOutFile(flags.out, yaml)
      this.note(`Wrote ${flags.out}: ${plural(counts.entities, 'entity', 'entities')}, ${plural(counts.endpoints, 'endpoint')}, ${plural(counts.registry_index, 'registry entry', 'registry entries')}.`)
    }
    // With --out the file holds the YAML, and stdout stays empty.
    return {data: {out: flags.out ?? null, counts, yaml}, views: {text: () => (flags.out ? '' : yaml)}}
  }
}
