/**
 * SQLite and PostgreSQL give the same answers on the same history (issue 12):
 * one generated history (test/support/synthetic-history.ts: 9 endpoints and 3
 * registry entries × 3 days, with gaps, outages, slow spells, every status
 * and SLOs) applied with `mon apply` and written by mon's own snapshot writer
 * into a database of each engine; then each read command's JSON is compared
 * whole across the engines: status and slo, from rollups and with --exact,
 * and the rollup rows themselves (made by mon's upkeep as the rows went in).
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {fleetConfig, generateSnapshots, type FleetShape} from '../support/synthetic-history.js'
import {withDriver} from '../history/seed.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {ROLLUP_COLUMNS} from '../../src/store/rollups.js'
import type {Engine} from '../../src/store/driver.js'
import type {SnapshotRow} from '../../src/rows.js'

// The history ends at 14:37:20.5, so that every window starts and ends inside an hour.
const END = Date.parse('2026-11-30T14:37:20.500Z')
const SHAPE: FleetShape = {endpoints: 9, registry: 3, days: 3, end: END}
const NOW = {MON_NOW: new Date(END).toISOString()}

describe.skipIf(!ENGINES.includes('postgres'))('the same generated history on SQLite and PostgreSQL', () => {
  const dbs = new Map<Engine, FreshDb>()
  const files = tempDir('mon-engines-')
  const config = path.join(files.dir, 'monitors.yaml')
  const rows: SnapshotRow[] = [...generateSnapshots(SHAPE)]
  const read = async (engine: Engine, args: string[]) => {
    const r = await mon([...args, '--json', '--db', dbs.get(engine)!.db, '--config', config], {env: NOW})
    expect(r.stderr).toBe('')
    return {code: r.code, json: JSON.parse(r.stdout) as unknown}
  }
  /** The command's JSON on each engine: they must be equal, and it is returned for a look at what it holds. */
  const agree = async (args: string[]) => {
    const [sqlite, postgres] = [await read('sqlite', args), await read('postgres', args)]
    expect(postgres).toEqual(sqlite)
    return sqlite
  }

  beforeAll(async () => {
    writeFileSync(path.join(files.dir, 'registry.json'), '{"models": [{"id": "a"}]}\n')
    writeFileSync(config, fleetConfig(SHAPE, {baseUrl: 'http://127.0.0.1:9', registryPath: './registry.json', schedules: true}))
    for (const engine of ['sqlite', 'postgres'] as const) {
      const fresh = await freshDb(engine)
      dbs.set(engine, fresh)
      const applied = await mon(['apply', '--db', fresh.db, '--config', config], {env: {MON_NOW: new Date(END - SHAPE.days * 86_400_000).toISOString()}})
      expect(applied.code, applied.stderr).toBe(0)
    }
    // As mon check writes them: a run's results in batches, each in its own transaction (of 5,000 rows, 10 or so
    // in all, so later batches still add to rollup rows earlier ones made; with 1,000 PostgreSQL took 11 s, with
    // 5,000 7 s). Both engines at once (each its own database and connection): PostgreSQL's share is mostly the
    // server's work and round trips.
    await Promise.all(
      [...dbs.values()].map((fresh) =>
        withDriver(fresh.db, async (driver) => {
          for (let i = 0; i < rows.length; i += 5000) await insertSnapshots(driver, rows.slice(i, i + 5000))
        }),
      ),
    )
  }, 120_000)
  afterAll(async () => {
    for (const fresh of dbs.values()) await fresh.cleanup()
    files.cleanup()
  })

  it('holds a history worth comparing: every status, gaps, and registry entries', () => {
    const statuses = new Set(rows.map((r) => r.status))
    expect([...statuses].sort()).toEqual(['error', 'ok', 'warn'])
    expect(rows.some((r) => r.registry_id !== null)).toBe(true)
    expect(rows.some((r) => r.latency_ms === null)).toBe(true)
    // Fewer snapshots than 12 targets × 3 days × 1,440 minutes: the gaps.
    expect(rows.length).toBeLessThan(12 * 3 * 1440)
    expect(rows.length).toBeGreaterThan(0.8 * 12 * 3 * 1440)
  })

  it('stores the same rollup rows, each equal to its snapshots (db rollup --verify)', async () => {
    const rollups = async (engine: Engine) =>
      withDriver(dbs.get(engine)!.db, (driver) =>
        driver.all<Record<string, unknown>>(`SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups ORDER BY period, target_table, target_id, start_at`),
      )
    const [sqlite, postgres] = [await rollups('sqlite'), await rollups('postgres')]
    expect(sqlite.length).toBeGreaterThan(12 * 3 * 24)
    expect(postgres).toEqual(sqlite)
    for (const engine of ['sqlite', 'postgres'] as const) {
      const verified = await mon(['db', 'rollup', '--verify', '--db', dbs.get(engine)!.db], {env: NOW})
      expect(verified.code, verified.stdout).toBe(0)
    }
  })

  // Rollups with raw edges (mon's default), and raw rows only (--exact): each the same on both engines.
  describe.each([
    ['read from rollups', []],
    ['read from raw rows only (--exact)', ['--exact']],
  ])('%s', (_how: string, exact: string[]) => {
    it.each(['1h', '1d', '3d', '30d'])('status --json --since %s', async (since) => {
      const {code, json} = await agree(['status', '--since', since, ...exact])
      expect(code).toBe(0)
      const targets = (json as {entities: {endpoints: {checks: number; coverage: number}[]; registry: {checks: number}[]}[]}).entities.flatMap((e) => [...e.endpoints, ...e.registry])
      expect(targets).toHaveLength(12)
      expect(targets.every((t) => t.checks > 0)).toBe(true)
    })

    it('slo --json', async () => {
      const {code, json} = await agree(['slo', ...exact])
      // Some SLOs of this history are broken (exit 2), some hold.
      expect(code).toBe(2)
      const slos = (json as {slos: {ok: boolean}[]}).slos
      expect(slos.length).toBeGreaterThanOrEqual(3)
      expect(slos.some((slo) => slo.ok)).toBe(true)
      expect(slos.some((slo) => !slo.ok)).toBe(true)
    })
  })
})
