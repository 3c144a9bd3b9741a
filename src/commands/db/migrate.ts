import {Flags} from '@oclif/core'

import {MonCommand} from '../../base-command.js'
import * as flag from '../../flags.js'
import type {Output} from '../../output.js'
import {type MigrationReport, migrationReport, renderMigrated} from '../../store/migration-report.js'

export default class DbMigrate extends MonCommand<typeof DbMigrate> {
  static override summary = 'Apply pending database migrations.'
  static override description = `Creates the database when it does not exist (SQLite), then applies every pending migration, each in one transaction under the write lock, so that concurrent runs apply each migration once. Migrating an up-to-date database changes nothing. Refuses a database migrated by a newer mon.`
  static override examples = [
    '<%= config.bin %> db migrate',
    '<%= config.bin %> db migrate --db sqlite:/var/lib/mon/monitor.db',
    '<%= config.bin %> db migrate --to 0003-check-settings',
    'MON_DB=postgres://mon:secret@db.internal:5432/mon <%= config.bin %> db migrate --json',
  ]
  static override flags = {
    db: flag.db,
    'lock-timeout': flag.lockTimeout,
    to: Flags.string({description: 'Stop after this migration (a name or its number); default: apply all.'}),
  }

  protected async execute(): Promise<Output<MigrationReport & {applied: string[]}>> {
    const {flags} = this
    const {migrate, migrationStatus} = await import('../../store/migrator.js')
    const {report, applied} = await this.withDriver(flags.db, async (driver) => {
      const applied = await migrate(driver, {to: flags.to, lockTimeoutMs: flags['lock-timeout'].ms})
      return {report: migrationReport(driver.target, driver.engine, await migrationStatus(driver)), applied}
    }, {create: true})
    return {data: {...report, applied}, views: {text: () => `${renderMigrated(report, applied)}\n`}}
  }
}
