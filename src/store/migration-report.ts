import type {Engine} from './driver.js'
import type {MigrationState} from './migrator.js'
import {plural} from '../plural.js'

/** What `mon db migrate|status|rollback --json` print; the text forms below render the same facts. */
export interface MigrationReport {
  database: string
  engine: Engine
  migrations: MigrationState[]
  pending: string[]
  unknown: string[]
}

export function migrationReport(database: string, engine: Engine, migrations: MigrationState[]): MigrationReport {
  return {
    database,
    engine,
    migrations,
    pending: migrations.filter((m) => m.status === 'pending').map((m) => m.name),
    unknown: migrations.filter((m) => m.status === 'unknown').map((m) => m.name),
  }
}


function list(names: string[]): string {
  return names.map((n) => `  ${n}`).join('\n')
}

export function renderMigrated(report: MigrationReport, applied: string[]): string {
  const where = `${report.database} (${report.engine})`
  if (applied.length === 0) {
    return `${where} is up to date: ${plural(report.migrations.length - report.pending.length, 'migration')} applied, none pending.`
  }
  return `Applied ${plural(applied.length, 'migration')} to ${where}:\n${list(applied)}`
}

export function renderRolledBack(report: MigrationReport, reverted: string[]): string {
  const where = `${report.database} (${report.engine})`
  const now = `${plural(report.migrations.length - report.pending.length, 'migration')} applied, ${report.pending.length} pending.`
  if (reverted.length === 0) return `Nothing to roll back on ${where}: ${now}`
  return `Rolled back ${plural(reverted.length, 'migration')} on ${where}:\n${list(reverted)}\nNow ${now}`
}

export function renderStatus(report: MigrationReport): string {
  const width = Math.max(...report.migrations.map((m) => m.name.length), 4)
  const lines = report.migrations.map((m) => {
    const note = m.status === 'unknown' ? '  (from a newer mon)' : ''
    return `  ${m.status.padEnd(7)}  ${m.name.padEnd(width)}  ${m.executed_at ?? ''}`.trimEnd() + note
  })
  const applied = report.migrations.filter((m) => m.status === 'applied').length
  const summary = `${applied} applied, ${report.pending.length} pending${report.unknown.length > 0 ? `, ${report.unknown.length} unknown` : ''}.`
  return [`Database ${report.database} (${report.engine}): ${summary}`, ...lines].join('\n')
}
