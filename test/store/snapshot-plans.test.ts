/**
 * Migration 0013's layout keeps SQLite's snapshots in one table clustered by
 * (endpoint_id, observed_at, id), with no index by id, entity or time alone:
 * every statement the store sends about snapshots must still seek or range
 * over a key. This runs each read and write path (status and slo windows,
 * latest, --due, where_is_model's newest texts, history of an endpoint, a registry entry and an entity,
 * show, a spool replay, rollup rebuild and verify, prune and its count),
 * records the statements, and asks EXPLAIN QUERY PLAN for each: none may
 * scan the snapshots table whole, on SQLite's clustered table or PostgreSQL's
 * heap and indexes.
 */
import {describe, expect, it} from 'vitest'

import type {SnapshotRow} from '../../src/rows.js'
import type {Driver, SqlValue} from '../../src/store/driver.js'
import {readHistory, readLatest, readSnapshot} from '../../src/store/history.js'
import {readLatestMentioning} from '../../src/store/latest-bodies.js'
import {readLatestObservedAt} from '../../src/store/latest-observed.js'
import {migrate} from '../../src/store/migrator.js'
import {countSnapshotsBefore, pruneSnapshotsBefore} from '../../src/store/prune.js'
import {rebuildRollups, verifyRollups} from '../../src/store/rollup-rebuild.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {readHourFigures, readWindowFigures} from '../../src/store/window-figures.js'
import {uuidv7} from '../../src/time.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {withDriver} from '../history/seed.js'

const T0 = Date.parse('2026-11-01T00:00:00.000Z')
const MIN = 60_000

function row(target: {endpoint_id?: string; registry_id?: string}, minute: number, body: number): SnapshotRow {
  const at = T0 + minute * MIN + (target.endpoint_id ? 10 : 20)
  return {
    id: uuidv7(at),
    entity_id: 'orders',
    endpoint_id: target.endpoint_id ?? null,
    registry_id: target.registry_id ?? null,
    status: minute % 7 === 0 ? 'error' : 'ok',
    detail: 'ok',
    payload_json: JSON.stringify({latency_ms: 12.5, attempts: 1, body}),
    latency_ms: 12.5,
    phases_ms_json: null,
    observed_at: new Date(at).toISOString(),
  }
}

/** The driver, recording every statement about snapshots that goes through it. */
function recording(driver: Driver, seen: Map<string, readonly SqlValue[]>): Driver {
  const record = (sql: string, params: readonly SqlValue[] = []) => {
    if (/\bsnapshots\b/.test(sql) && !/^\s*INSERT INTO snapshots/.test(sql)) seen.set(sql, params)
  }
  return new Proxy(driver, {
    get(target, key) {
      if (key === 'all') return (sql: string, params?: readonly SqlValue[]) => (record(sql, params), target.all(sql, params))
      if (key === 'run') return (sql: string, params?: readonly SqlValue[]) => (record(sql, params), target.run(sql, params))
      const value = Reflect.get(target, key) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** A step that reads the whole snapshots table: SQLite's SCAN of it, or a PostgreSQL sequential scan even with those disabled. */
const WHOLE_TABLE = {sqlite: /^SCAN (snapshots|s|x)\b(?! USING)/, postgres: /Seq Scan on snapshots/}

describe.each(ENGINES)('the snapshot layout on %s', (engine) => {
  const current = useFreshDb(engine)

  it('answers every statement about snapshots by a key or index, never a scan of the table', async () => {
    const seen = new Map<string, readonly SqlValue[]>()
    await withDriver(current().db, async (plain) => {
      await migrate(plain)
      await plain.run("INSERT INTO entities (id, type, label, owner) VALUES ('orders', 'service', 'Orders', 'team')")
      for (const id of ['orders:api', 'orders:health']) await plain.run("INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, 'orders', 'api', 'http://127.0.0.1:9/')", [id])
      await plain.run("INSERT INTO registry_index (id, entity_id, registry_path, authority) VALUES ('orders:registry', 'orders', 'r.json', 'test')")
      const driver = recording(plain, seen)
      const rows = Array.from({length: 120}, (_, m) => [row({endpoint_id: 'orders:api'}, m, m % 30), row({endpoint_id: 'orders:health'}, m, 1), row({registry_id: 'orders:registry'}, m, m % 50)]).flat()
      for (let i = 0; i < rows.length; i += 60) await insertSnapshots(driver, rows.slice(i, i + 60))
      await insertSnapshots(driver, rows.slice(0, 30), {skipExisting: true})
      const ids = {endpoints: ['orders:api', 'orders:health'], registry: ['orders:registry']}
      const until = new Date(T0 + 120 * MIN).toISOString()
      await readWindowFigures(driver, ids, {since: new Date(T0 + 30 * MIN).toISOString(), until})
      await readWindowFigures(driver, ids, {since: new Date(T0 + 30 * MIN).toISOString(), until, exact: true})
      await readHourFigures(driver, ids.endpoints, new Date(T0 + 30 * MIN).toISOString(), until)
      await readLatest(driver, ids)
      await readLatestObservedAt(driver, {endpoints: ids.endpoints, registry_index: ids.registry})
      // mon mcp's where_is_model: every target's newest text, tested by the database.
      expect((await readLatestMentioning(driver, 'endpoints', {kind: 'api', mentions: '"body"'})).map((r) => r.target)).toEqual(ids.endpoints)
      await readLatestMentioning(driver, 'registry_index', {mentions: '"body"'})
      const since = new Date(T0).toISOString()
      for (const target of [{table: 'endpoints', id: 'orders:api'}, {table: 'registry_index', id: 'orders:registry'}, {table: 'entities', id: 'orders'}] as const) {
        expect((await readHistory(driver, target, {since, limit: 10, payload: true})).length).toBe(10)
      }
      for (const r of [rows[4]!, rows[5]!]) expect((await readSnapshot(driver, r.id))?.payload_json).toBe(r.payload_json)
      await rebuildRollups(driver)
      expect(await verifyRollups(driver)).toEqual([])
      const cut = new Date(T0 + 60 * MIN).toISOString()
      expect(await countSnapshotsBefore(driver, cut)).toBe(180)
      expect((await pruneSnapshotsBefore(driver, cut, {batchSize: 50, adaptive: false})).deleted).toBe(180)
    })
    expect(seen.size).toBeGreaterThan(20)
    const scans: string[] = []
    await withDriver(current().db, async (driver) => {
      const explain = async (sql: string, params: readonly SqlValue[]) =>
        engine === 'sqlite'
          ? (await driver.all<{detail: string}>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((p) => p.detail)
          : (await driver.all<{'QUERY PLAN': string}>(`EXPLAIN ${sql}`, params)).map((p) => p['QUERY PLAN'])
      // PostgreSQL plans a table this small as a sequential scan: disabled, it must find an index wherever one serves.
      if (engine === 'postgres') await driver.exec('SET enable_seqscan = off')
      for (const [sql, params] of seen) {
        // A base is looked up in the partial index of bases, not by walking the target's rows back to it.
        const plan = await explain(sql, params)
        if (process.env.SHOW_PLANS) console.log(`${sql.replace(/\s+/g, ' ')}\n    ${plan.join('\n    ')}`)
        if (engine === 'sqlite' && /substr\((s\.)?payload_json, 1, 1\) = '~'/.test(sql) && /DESC LIMIT 1/.test(sql)) expect(plan.join('\n'), sql).toContain('snapshots_payload_bases')
        if (plan.some((step) => WHOLE_TABLE[engine].test(step.trim().replace(/^->\s*/, '')))) scans.push(`${sql}\n${plan.join('\n')}`)
      }
    })
    expect(scans).toEqual([])
  })
})
