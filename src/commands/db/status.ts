import {MonCommand, dbFlag} from '../../base-command.js'
import {type MigrationReport, migrationReport, renderStatus} from '../../store/migration-report.js'

export default class DbStatus extends MonCommand {
  static override summary = 'List the migrations: applied (with when), pending, or unknown to this mon.'
  static override description = `Reads the migration log; never writes. "unknown" marks a migration logged by a newer mon, which this mon will not write to.`
  static override examples = ['<%= config.bin %> db status', '<%= config.bin %> db status --db postgres://mon@127.0.0.1/mon --json']
  static override flags = {db: dbFlag}

  async run(): Promise<MigrationReport> {
    const {flags} = await this.parse(DbStatus)
    const {migrationStatus} = await import('../../store/migrator.js')
    return this.withDriver(
      flags.db,
      async (driver) => {
        const report = migrationReport(driver.target, driver.engine, await migrationStatus(driver))
        if (!this.jsonEnabled()) this.log(renderStatus(report))
        return report
      },
    )
  }
}
