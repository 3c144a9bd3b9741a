import {existsSync} from 'node:fs'

import {Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {MonError} from '../errors.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'
import {plural, pluralWord} from '../plural.js'
import {writeStarter} from '../starter.js'
import {describeDb} from '../store/open.js'

export default class Init extends MonCommand<typeof Init> {
  static override summary = 'Write a starter monitors.yaml and create and migrate the database.'
  static override description = `Refuses (exit 1) when monitors.yaml or the database already exists, unless --force.
With --force, monitors.yaml is overwritten; an existing database is never emptied, only migrated.`

  static override examples = [
    {command: '<%= config.bin %> init', description: 'monitors.yaml and monitor.db in this directory.'},
    {command: '<%= config.bin %> init --db postgres://mon@db:5432/mon', description: 'Start with a shared PostgreSQL.'},
  ]

  static override flags = {
    config: flag.config,
    db: flag.db,
    'lock-timeout': flag.lockTimeout,
    force: Flags.boolean({description: 'Overwrite monitors.yaml; migrate a database that exists (its data is kept).'}),
  }

  protected async execute(): Promise<Output<{config: string; schema: string | null; db: string; migrated: string[]}>> {
    const {flags} = this
    if (!flags.force) await this.refuseExisting()
    const {migrate} = await import('../store/migrator.js')
    const migrated = await this.withDriver(flags.db, (driver) => migrate(driver, {lockTimeoutMs: flags['lock-timeout'].ms}), {create: true})
    const schema = await writeStarter(flags.config)
    const db = describeDb(flags.db)
    const ran = migrated.length > 0 ? `ran ${plural(migrated.length, 'migration')}` : 'already up to date'
    const text = [
      `Wrote ${flags.config} (1 example entity with 2 endpoints)${schema ? ` and ${schema} (for editors)` : ''}.`,
      `Database ${db}: ${ran}.`,
      `Next: edit ${flags.config}, then mon validate, mon plan and mon apply.`,
    ]
    return {data: {config: flags.config, schema, db, migrated}, views: {text: () => `${text.join('\n')}\n`}}
  }

  /** Without --force nothing is written over: not the file, nor a database that exists or already holds a mon schema. */
  private async refuseExisting(): Promise<void> {
    const {flags} = this
    const existing: string[] = []
    if (existsSync(flags.config)) existing.push(flags.config)
    const {migrationStatus} = await import('../store/migrator.js')
    const {existingDatabase} = await import('../store/open.js')
    const database = await existingDatabase(flags.db, async (driver) => (await migrationStatus(driver)).some((m) => m.status !== 'pending'))
    if (database !== null) existing.push(database)
    if (existing.length === 0) return
    const what = `${existing.join(' and ')} already ${pluralWord(existing.length, 'exists', 'exist')}`
    throw new MonError(`${what}; nothing was written (use --force to overwrite the file and keep and migrate the database)`)
  }
}
