
import {mkdir, readdir} from 'node:fs/promises'
import path from 'node:path'

import {Flags} from '@oclif/core'

import {writeOutFile} from '../atomic-write.js'
import {MonCommand} from '../base-command.js'
import type {SplitExport} from '../config/split.js'
import {MonError, UsageError, messageOf} from '../errors.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'
import {andMore, plural, pluralWord} from '../plural.js'
import {schemaBeside} from '../starter.js'

export default class Export extends MonCommand<typeof Export> {
  static override summary = 'Write the applied, active state as a monitors.yaml.'
  static override description = `Reads the database, not the file: every active row that apply wrote (retired and unmanaged rows are left out), as YAML that validates.
Applying the export to the same database is a no-op. Entities come out sorted by id; check settings most endpoints share are written once under defaults.check, and values equal to a default and derived ids are left out. The $schema modeline points at ./schemas/monitors.schema.json when that copy (as mon init writes it) is beside the output (--out FILE, or the current directory for stdout), and is left out otherwise.
--split (with --out FILE) writes FILE as the main file (version, defaults, notifiers, maintenance, include: [monitors.d/*.yaml]) and one monitors.d/<owner>.yaml per owner beside it, each listed on stderr. It refuses, writing nothing, when monitors.d/ holds a YAML file it would not write (the main file would include it).`

  static override examples = [
    {command: '<%= config.bin %> export > monitors.yaml', description: 'Recover the file from the database.'},
    {command: '<%= config.bin %> export --db postgres://mon@db:5432/mon --out exported.yaml', description: 'Write a file.'},
    {command: '<%= config.bin %> export --split --out monitors.yaml', description: 'One file per owner in monitors.d/, included by monitors.yaml.'},
  ]

  static override flags = {
    db: flag.db,
    out: Flags.string({char: 'o', description: 'Write to FILE instead of stdout.'}),
    split: Flags.boolean({description: 'Write one monitors.d/<owner>.yaml per owner beside --out FILE, which includes them.'}),
  }

  protected async execute(): Promise<Output<{out: string | null; counts: Record<string, number>; yaml: string; files?: Array<{file: string; owner: string; entities: number}>}>> {
    const {flags} = this
    // Before the database is opened: a split export is files, never stdout.
    if (flags.split && !flags.out) throw new UsageError('--split needs --out FILE: it writes the main file there and monitors.d/ beside it')
    const {readObserved} = await import('../store/inventory.js')
    const {modelFromRows} = await import('../plan/rows.js')
    const {modelToYaml} = await import('../config/serialize.js')
    const model = await this.withCurrentSchema(flags.db, async (driver) => modelFromRows(await readObserved(driver)), {readOnly: true})
    // A modeline to a schema that is not there helps no editor; stdout most often lands in the current directory.
    const schema = schemaBeside(flags.out ?? 'monitors.yaml')
    const counts = {
      entities: model.entities.length,
      endpoints: model.entities.reduce((n, e) => n + e.endpoints.length, 0),
      registry_index: model.entities.reduce((n, e) => n + e.registry.length, 0),
    }
    if (flags.split) {
      const {splitModel} = await import('../config/split.js')
      const split = splitModel(model, {schema})
      const files = await this.writeSplit(flags.out!, split)
      return {data: {out: flags.out!, counts, yaml: split.main, files}, views: {text: () => ''}}
    }
    const yaml = modelToYaml(model, {schema})
    if (flags.out) {
      await writeOutFile(flags.out, yaml)
      this.note(`Wrote ${flags.out}: ${plural(counts.entities, 'entity', 'entities')}, ${plural(counts.endpoints, 'endpoint')}, ${plural(counts.registry_index, 'registry entry', 'registry entries')}.`)
    }
    // With --out the file holds the YAML, and stdout stays empty.
    return {data: {out: flags.out ?? null, counts, yaml}, views: {text: () => (flags.out ? '' : yaml)}}
  }

  /**
   * Writes each owner's file, then the main file that includes them, each
   * whole or not at all, and names every file written on stderr. Refuses
   * first, writing nothing, when monitors.d/ holds a YAML file this export
   * would not write: the main file's glob would include it.
   */
  private async writeSplit(out: string, split: SplitExport): Promise<Array<{file: string; owner: string; entities: number}>> {
    const {SPLIT_DIR} = await import('../config/split.js')
    const dir = path.join(path.dirname(out), SPLIT_DIR)
    const named = (file: string) => path.join(path.dirname(out), file)
    const writing = new Set(split.parts.map((part) => path.basename(part.file)))
    const present = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return []
      throw new MonError(`cannot write ${dir}: ${err.code === 'ENOTDIR' ? 'it is not a directory' : messageOf(err)}`)
    })
    const strays = present.filter((name) => name.endsWith('.yaml') && !name.startsWith('.') && !writing.has(name)).sort()
    if (strays.length > 0) {
      const listed = andMore(strays.slice(0, 5).map((name) => path.join(dir, name)), strays.length)
      throw new MonError(`refusing to export into ${dir}: it holds ${listed}, which this export would not write and ${out} would include. Nothing was written; remove ${pluralWord(strays.length, 'it', 'them')} or export elsewhere`)
    }
    await mkdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw new MonError(`cannot write ${dir}: ${err.code === 'ENOENT' ? `directory ${path.dirname(path.resolve(dir))} does not exist` : messageOf(err)}`)
    })
    for (const part of split.parts) {
      await writeOutFile(named(part.file), part.yaml)
      this.note(`Wrote ${named(part.file)}: ${plural(part.entities, 'entity', 'entities')} of owner ${part.owner}.`)
    }
    await writeOutFile(out, split.main)
    this.note(`Wrote ${out}: the main file, including ${SPLIT_DIR}/*.yaml (${plural(split.parts.length, 'file')}).`)
    return split.parts.map(({file, owner, entities}) => ({file: named(file), owner, entities}))
  }
}
