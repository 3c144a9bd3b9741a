/**
 * Migration 0013 on SQLite: the snapshots are copied into the clustered
 * table a target at a time, every row kept (registry rows and an entity's
 * own too), with progress on a terminal; the down copies them back into
 * 0012's table and names what it would leave behind (rows of an endpoint
 * deleted by hand, which 0012's foreign key refuses).
 */
import {pathToFileURL} from 'node:url'

import {describe, expect, it} from 'vitest'

import {FIELDS} from '../../src/config/fields.js'
import {type MigrationContext, migrationContext} from '../../src/store/migration-context.js'
import {migrate, migrationFiles} from '../../src/store/migrator.js'
import {mon} from '../support/cli.js'
import {useFreshDb} from '../support/engines.js'
import {withDriver} from '../history/seed.js'
import type {Driver} from '../../src/store/driver.js'

const COLUMNS = 'id, entity_id, endpoint_id, status, detail, payload_json, observed_at, latency_ms, registry_id, phases_ms_json'

/** Rows at 0012 of two endpoints, a registry entry and the entity alone, inserted out of key order. */
async function seed012(driver: Driver): Promise<Array<Record<string, unknown>>> {
  await migrate(driver, {to: '0012-snapshot-size'})
  await driver.run("INSERT INTO entities (id, type, label, owner) VALUES ('orders', 'service', 'Orders', 'team')")
  for (const id of ['orders:b', 'orders:a']) await driver.run("INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, 'orders', 'api', 'http://127.0.0.1:9/')", [id])
  await driver.run("INSERT INTO registry_index (id, entity_id, registry_path, authority) VALUES ('orders:registry', 'orders', 'r.json', 'test')")
  const rows = []
  for (let m = 0; m < 5; m++) {
    for (const [endpoint, registry] of [['orders:b', null], [null, 'orders:registry'], ['orders:a', null], [null, null]]) {
      const at = new Date(Date.parse('2026-11-01T00:00:00.000Z') + m * 60_000).toISOString()
      rows.push({id: `id-${m}-${endpoint ?? registry ?? 'entity'}`, entity_id: 'orders', endpoint_id: endpoint, status: 'ok', detail: `200 OK in ${m} ms`, payload_json: m === 0 ? '~{}' : '=', observed_at: at, latency_ms: m + 0.25, registry_id: registry, phases_ms_json: '[0,0,0,1,0]'})
    }
  }
  for (const r of rows) await driver.run(`INSERT INTO snapshots (${COLUMNS}) VALUES (${COLUMNS.split(', ').map(() => '?').join(', ')})`, COLUMNS.split(', ').map((c) => r[c as keyof typeof r] as string | number | null))
  return rows
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.id) < String(b.id) ? -1 : 1)

describe('migration 0013 on sqlite', () => {
  const current = useFreshDb('sqlite')

  it('copies every snapshot into the clustered table a target at a time, with progress, and the down copies them back', async () => {
    const lines: Array<string | null> = []
    await withDriver(current().db, async (driver) => {
      const rows = await seed012(driver)
      const file = migrationFiles().find((f) => f.name === '0013-snapshot-layout')!
      const {up, down} = (await import(pathToFileURL(file.path).href)) as {up: (p: {context: MigrationContext}) => Promise<void>; down: (p: {context: MigrationContext}) => Promise<void>}
      const context = migrationContext(driver, FIELDS, (line) => lines.push(line))
      await driver.transaction(() => up({context}))
      const [table] = await driver.all<{sql: string}>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'")
      expect(table!.sql).toMatch(/PRIMARY KEY \(endpoint_id, observed_at, id\)\s*\) WITHOUT ROWID$/)
      // In key order: no endpoint ('') first, then each endpoint in time order.
      const stored = await driver.all<Record<string, unknown>>(`SELECT ${COLUMNS} FROM snapshots`)
      expect(stored.map((r) => `${String(r.endpoint_id)}|${String(r.observed_at).slice(14, 16)}`).slice(0, 11)).toEqual([
        '|00', '|00', '|01', '|01', '|02', '|02', '|03', '|03', '|04', '|04', 'orders:a|00',
      ])
      expect(stored.map((r) => ({...r, endpoint_id: r.endpoint_id === '' ? null : r.endpoint_id})).sort(byId)).toEqual([...rows].sort(byId))
      await driver.transaction(() => down({context}))
      expect((await driver.all<Record<string, unknown>>(`SELECT ${COLUMNS} FROM snapshots`)).sort(byId)).toEqual([...rows].sort(byId))
    })
    expect(lines).toEqual(['snapshots: 15 of 20 copied into the new layout…', 'snapshots: 20 of 20 copied into the new layout…', null, 'snapshots: 15 of 20 copied into the new layout…', 'snapshots: 20 of 20 copied into the new layout…', null])
  })

  it('rolling back asks for --force when an endpoint was deleted by hand, and then leaves only its snapshots behind', async () => {
    await withDriver(current().db, async (driver) => {
      await seed012(driver)
      await migrate(driver)
      await driver.run("DELETE FROM endpoints WHERE id = 'orders:b'")
    })
    const refused = await mon(['db', 'rollback', '--to', '0012', '--db', current().db])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/0013-snapshot-layout drops the snapshots of endpoints deleted since the upgrade .*pass --force to do it$/m)
    expect(await withDriver(current().db, (d) => d.all("SELECT 1 FROM snapshots WHERE endpoint_id = 'orders:b'"))).toHaveLength(5)
    const forced = await mon(['db', 'rollback', '--to', '0012', '--force', '--db', current().db])
    expect(forced.code, forced.stderr).toBe(0)
    await withDriver(current().db, async (driver) => {
      const left = await driver.all<{endpoint_id: string | null; registry_id: string | null}>('SELECT endpoint_id, registry_id FROM snapshots')
      expect(left).toHaveLength(15)
      expect(left.filter((r) => r.endpoint_id === 'orders:b')).toEqual([])
      expect(left.filter((r) => r.endpoint_id === null && r.registry_id === 'orders:registry')).toHaveLength(5)
    })
  })
})
