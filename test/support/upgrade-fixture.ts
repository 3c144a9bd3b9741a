/**
 * Databases written by earlier releases, for the upgrade guarantee: each
 * fixture in test/fixtures/upgrade/ is every row an earlier release wrote
 * (as JSON, so that it loads into either engine), the migrations it had run,
 * and the monitors.yaml it applied. See test/fixtures/upgrade/README.md.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import type {Driver, SqlValue} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {ROOT} from './cli.js'

export interface ReleaseFixture {
  file: string
  release: string
  note: string
  migrations: string[]
  config: string
  tables: Record<string, Array<Record<string, SqlValue>>>
}

const DIR = path.join(ROOT, 'test/fixtures/upgrade')

/** Parents first, for the foreign keys. Notifiers and windows came with 0016: only fixtures from then on hold them. */
export const HISTORY_TABLES = ['entities', 'endpoints', 'registry_index', 'notifiers', 'maintenance_windows', 'snapshots', 'apply_runs'] as const

export function releaseFixtures(): ReleaseFixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({file, ...(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Omit<ReleaseFixture, 'file'>)}))
}

/** Migrates an empty database to the fixture's level and writes its rows back, as that release left them. */
export async function loadRelease(driver: Driver, fixture: ReleaseFixture): Promise<void> {
  await migrate(driver, {to: fixture.migrations.at(-1)})
  // A fixture writes a snapshot of no endpoint as null; SQLite's clustered table (0013 on) keys it as ''.
  const noEndpoint = driver.clusteredSnapshots && fixture.migrations.includes('0013-snapshot-layout') ? '' : null
  await driver.transaction(async () => {
    for (const table of HISTORY_TABLES) {
      for (const row of fixture.tables[table] ?? []) {
        const columns = Object.keys(row)
        const value = (c: string) => (table === 'snapshots' && c === 'endpoint_id' && row[c] === null ? noEndpoint : (row[c] ?? null))
        await driver.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map(value))
      }
    }
  })
}

/** Every row of the history tables, ordered by id, with numbers as numbers: what an upgrade must keep. */
export async function historyRows(driver: Driver, table: 'snapshots' | 'apply_runs'): Promise<Array<Record<string, unknown>>> {
  const rows = await driver.all(`SELECT * FROM ${table} ORDER BY id`)
  // SQLite's clustered snapshots (migration 0013) store no endpoint as '' in their key column; the store reads it as NULL.
  const value = (k: string, v: unknown) => (typeof v === 'string' && /^(created|updated|retired|revived)$/.test(k) ? Number(v) : k === 'endpoint_id' && v === '' ? null : v)
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, value(k, v)])))
}
