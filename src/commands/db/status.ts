import {MonCommand} from '../../base-command.js'
import * as flag from '../../flags.js'
import type {Output} from '../../output.js'
import {type MigrationReport, migrationReport, renderStatus} from '../../store/migration-report.js'

export default class DbStatus extends MonCommand<typeof DbStatus> {
  static override summary = 'List the migrations: applied (with when), pending, or unknown to this mon.'
  static override description = `Reads the migration log; never writes. "unknown" marks a migration logged by a newer mon, which this mon will not write to.`
  static override examples = ['<%= config.bin %> db status', '<%= config.bin %> db status --db postgres://mon@127.0.0.1/mon --json']
  static override flags = {db: flag.db}

  protected async execute(): Promise<Output<MigrationReport>> {
    const {migrationStatus} = await import('../../store/migrator.js')
    const report = await this.withDriver(this.flags.db, async (driver) => migrationReport(driver.target, driver.engine, await migrationStatus(driver)), {readOnly: true})
    return {data: report, views: {text: () => `${renderStatus(report)}\n`}}
  }
}
