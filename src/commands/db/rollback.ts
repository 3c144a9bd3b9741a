import {Flags} from '@oclif/core'

import {MonCommand} from '../../base-command.js'
import * as flag from '../../flags.js'
import type {Output} from '../../output.js'
import {type MigrationReport, migrationReport, renderRolledBack} from '../../store/migration-report.js'

export default class DbRollback extends MonCommand<typeof DbRollback> {
  static override summary = 'Roll back applied migrations: the last one, or down to --to.'
  static override description = `Runs the migrations' down steps, newest first, each in one transaction under the write lock. Without --to, only the last applied migration is rolled back. --to NAME keeps NAME applied and rolls back everything after it; --to 0 rolls back every migration. A rollback whose down steps drop columns or tables that hold data (check settings, latencies, apply history, retirement marks, or with 0001-initial every table) names what would be lost and needs --force.`
  static override examples = [
    '<%= config.bin %> db rollback',
    '<%= config.bin %> db rollback --to 0004-apply-runs',
    '<%= config.bin %> db rollback --to 4',
    '<%= config.bin %> db rollback --to 0 --force --json',
  ]
  static override flags = {
    db: flag.db,
    'lock-timeout': flag.lockTimeout,
    force: Flags.boolean({description: 'Allow a rollback that drops data (the refusal names what would be lost).'}),
    to: Flags.string({description: 'Roll back to this migration (a name or its number; it stays applied), or 0 for all.'}),
  }

  protected async execute(): Promise<Output<MigrationReport & {reverted: string[]}>> {
    const {flags} = this
    const {migrationStatus, rollback} = await import('../../store/migrator.js')
    const {report, reverted} = await this.withDriver(flags.db, async (driver) => {
      const reverted = await rollback(driver, {to: flags.to, force: flags.force, lockTimeoutMs: flags['lock-timeout'].ms})
      return {report: migrationReport(driver.target, driver.engine, await migrationStatus(driver)), reverted}
    })
    return {data: {...report, reverted}, views: {text: () => `${renderRolledBack(report, reverted)}\n`}}
  }
}
