import {writeFile} from 'node:fs/promises'

import {Flags} from '@oclif/core'

import {MonCommand, dbFlag} from '../base-command.js'
import {MonError, messageOf} from '../errors.js'

export default class Export extends MonCommand {
  static override summary = 'Write the applied, active state as a monitors.yaml.'
  static override description = `Reads the database, not the file: every active row that apply wrote (retired and unmanaged rows are left out), as YAML that validates.
Applying the export to the same database is a no-op. Entities come out sorted by id; defaults and derived ids are left out.`

  static override examples = [
    {command: '<%= config.bin %> export > monitors.yaml', description: 'Recover the file from the database.'},
    {command: '<%= config.bin %> export --db postgres://mon@db:5432/mon --out exported.yaml', description: 'Write a file.'},
  ]

  static override flags = {
    db: dbFlag,
    out: Flags.string({char: 'o', description: 'Write to FILE instead of stdout.'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Export)
    const {readObserved} = await import('../store/inventory.js')
    const {modelFromRows} = await import('../plan/rows.js')
    const {modelToYaml} = await import('../config/serialize.js')
    const model = await this.withCurrentSchema(
      flags.db,
      async (driver) => {
        return modelFromRows(await readObserved(driver))
      },
    )
    const yaml = modelToYaml(model)
    const counts = {
      entities: model.entities.length,
      endpoints: model.entities.reduce((n, e) => n + e.endpoints.length, 0),
      registry_index: model.entities.reduce((n, e) => n + e.registry.length, 0),
    }
    if (flags.out) {
      try {
        await writeFile(flags.out, yaml)
      } catch (err) {
        throw new MonError(`cannot write ${flags.out}: ${messageOf(err)}`)
      }
      this.note(`Wrote ${flags.out}: ${plural(counts.entities, 'entity', 'entities')}, ${plural(counts.endpoints, 'endpoint')}, ${plural(counts.registry_index, 'registry entry', 'registry entries')}.`)
    }
    if (this.jsonEnabled()) this.logJson({out: flags.out ?? null, counts, yaml})
    else if (!flags.out) process.stdout.write(yaml)
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
