/** A generated history for the rollup tests: a few targets, checks at irregular times, a wide latency spread. */
import {expect} from 'vitest'

import {type Rollup, type RollupPeriod, PERIODS, rollupsOf, sameRollup} from '../../src/rollup.js'
import {type StoredRollup, ROLLUP_COLUMNS, fromStored} from '../../src/store/rollups.js'
import type {Driver} from '../../src/store/driver.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import type {SnapshotRow} from '../../src/rows.js'
import type {Status} from '../../src/status.js'
import {seed} from '../check/seed.js'
import {withDriver} from '../history/seed.js'
import {prng} from '../support/synthetic-history.js'

export {withDriver}

export const ENDPOINTS = ['svc:a', 'svc:b', 'svc:c']
export const REGISTRY = ['registry:svc']
/** Where every generated history ends: "now" for the reads. */
export const END = Date.parse('2026-11-30T14:37:12.345Z')

/** The inventory the generated snapshots belong to. */
export async function seedInventory(db: string): Promise<void> {
  await seed(db, [
    {
      id: 'svc',
      endpoints: ENDPOINTS.map((id) => ({id, kind: 'api' as const, url: 'http://127.0.0.1:9/'})),
      registry: REGISTRY.map((id) => ({id, path: './registry.json'})),
    },
  ])
}

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed: the generated history's. */
export const random = prng

let sequence = 0

/** One snapshot of a target at a time, with a status and a latency. */
export function snapshot(target: string, at: number, status: Status, latency_ms: number | null): SnapshotRow {
  const registry = REGISTRY.includes(target)
  sequence++
  return {
    id: `${new Date(at).toISOString()}-${String(sequence).padStart(8, '0')}`,
    entity_id: 'svc',
    endpoint_id: registry ? null : target,
    registry_id: registry ? target : null,
    status,
    detail: status,
    payload_json: null,
    latency_ms,
    phases_ms_json: null,
    observed_at: new Date(at).toISOString(),
  }
}

/**
 * `days` of history before END: per target a check every `everyMs` give or
 * take a third of it, latencies log-normal from about 0.2 ms to 20 s, some
 * without a latency (a registry entry, a refused connection).
 */
export function generateHistory(days: number, everyMs: number, seedValue = 1): SnapshotRow[] {
  const next = random(seedValue)
  const rows: SnapshotRow[] = []
  for (const target of [...ENDPOINTS, ...REGISTRY]) {
    for (let at = END - days * 86_400_000; at <= END; at += everyMs * (0.67 + next() * 0.66)) {
      const r = next()
      const status: Status = r < 0.85 ? 'ok' : r < 0.93 ? 'warn' : 'error'
      const normal = Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next())
      const latency = REGISTRY.includes(target) || (status === 'error' && next() < 0.5) ? null : Math.round(Math.exp(4 + 2.2 * normal) * 1000) / 1000
      rows.push(snapshot(target, Math.floor(at), status, latency))
    }
  }
  return rows.sort((a, b) => (a.observed_at < b.observed_at ? -1 : 1))
}

/** Inserts rows as mon check does: batches of 200 through insertSnapshots (so with their rollups), waiting for another writer's lock. */
export async function insertAsCheck(driver: Driver, rows: readonly SnapshotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await insertSnapshots(driver, rows.slice(i, i + 200), {lockTimeoutMs: 30_000})
}

/** The inventory, then these rows as mon check writes them: a database with a history and its rollups. */
export async function seedHistory(db: string, rows: readonly SnapshotRow[]): Promise<void> {
  await seedInventory(db)
  await withDriver(db, (driver) => insertAsCheck(driver, rows))
}

/** Whether the database has migration 0015's maintenance columns: the migration tests read rollups of databases from before it. */
async function hasMaintenance(driver: Driver): Promise<boolean> {
  const sql =
    driver.engine === 'sqlite'
      ? "SELECT 1 FROM pragma_table_info('rollups') WHERE name = 'maintenance'"
      : "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'rollups' AND column_name = 'maintenance'"
  return (await driver.all(sql)).length > 0
}

/** The rollups that count something (a row made only to be locked counts nothing), by key. */
export async function storedRollups(driver: Driver): Promise<Map<string, Rollup>> {
  const maintenance = await hasMaintenance(driver)
  const columns = ROLLUP_COLUMNS.map((c) => (c === 'maintenance' && !maintenance ? '0 AS maintenance' : c))
  const rows = await driver.all<StoredRollup>(`SELECT ${columns.join(', ')} FROM rollups WHERE ok + warn + error${maintenance ? ' + maintenance' : ''} > 0 OR latency_count > 0`)
  return new Map(rows.map((row) => [`${row.period}|${row.target_table}|${row.target_id}|${row.start_at}`, fromStored(row)]))
}

/** The stored rollups (of `periods`: hours, days and weeks by default) are exactly what the raw rows add up to; returns how many there are. */
export async function expectRollupsOfRaw(driver: Driver, periods: readonly RollupPeriod[] = PERIODS): Promise<number> {
  const raw = await driver.all<SnapshotRow>(`SELECT entity_id, endpoint_id, registry_id, status, latency_ms, observed_at${(await hasMaintenance(driver)) ? ', maintenance' : ''} FROM snapshots`)
  const expected = rollupsOf(raw, periods)
  const stored = new Map([...(await storedRollups(driver))].filter(([, r]) => periods.includes(r.period)))
  expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort())
  for (const [key, r] of expected) expect(sameRollup(stored.get(key)!, r), key).toBe(true)
  return stored.size
}
