/**
 * Intervals, SLOs and activation through the commands, on both engines:
 * apply writes them, plan shows a change field by field and a hand edit as
 * drift, export round-trips them, activated_at moves only on create and
 * revival, readActiveInventory hands them to the history views, and
 * migration 0010 backfills activation from the history an earlier release left.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {readActiveInventory} from '../../src/store/history.js'
import {migrate} from '../../src/store/migrator.js'
import {withDriver} from '../history/seed.js'
import {ROOT, mon, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {useMigratedDbs} from '../support/migrated-db.js'

/** Intervals and SLOs at every level: an entity SLO, an endpoint SLO with a fraction target, intervals of 10s, 30s (the default here) and 5m. */
const FILE = readFileSync(path.join(ROOT, 'test/fixtures/good/schedules.yaml'), 'utf8')
const T1 = '2026-11-01T00:00:00.000Z'
const T2 = '2026-11-02T00:00:00.000Z'
const T3 = '2026-11-03T00:00:00.000Z'

describe.each(ENGINES)('intervals, SLOs and activation on %s', (engine) => {
  const migrated = useMigratedDbs()
  let fresh: FreshDb
  let dir: {dir: string; cleanup: () => void}
  let file: string
  const write = (text: string) => writeFileSync(file, text)
  const run = (args: string[], now = T1) => mon([...args, '--db', fresh.db], {env: {MON_NOW: now}})
  const plan = async () => {
    const r = await run(['plan', '-c', file, '--json', '--detailed-exitcode'])
    return {code: r.code, plan: JSON.parse(r.stdout) as {changes: Array<{table: string; id: string; action: string; drift: boolean; fields: Record<string, unknown>}>}}
  }
  beforeEach(async () => {
    fresh = await migrated(engine)
    dir = tempDir('mon-schedules-')
    file = path.join(dir.dir, 'monitors.yaml')
    write(FILE)
    expect((await run(['apply', '-c', file])).code).toBe(0)
  })
  afterEach(async () => {
    await fresh.cleanup()
    dir.cleanup()
  })

  it('stores them as the field table says, and the history views read them in numbers', async () => {
    await withDriver(fresh.db, async (driver) => {
      expect(await driver.all('SELECT id, slo_json FROM entities')).toEqual([{id: 'ov:9000', slo_json: '{"latency_p95":"800ms","target":"99.5%","window":"30d"}'}])
      const endpoints = await driver.all<{id: string; check_json: string; slo_json: string | null; activated_at: string}>('SELECT id, check_json, slo_json, activated_at FROM endpoints ORDER BY id')
      expect(endpoints.map((e) => [e.id, JSON.parse(e.check_json).interval, e.slo_json, e.activated_at])).toEqual([
        ['ov:9000:health', 10_000, '{"target":"99.9%","window":"7d"}', T1],
        ['ov:9000:models', 30_000, null, T1],
      ])
      expect(await driver.all('SELECT id, interval, activated_at FROM registry_index')).toEqual([{id: 'registry:ov:9000', interval: '5m', activated_at: T1}])
      const [ov] = await readActiveInventory(driver)
      expect(ov!.slo).toEqual({target: 0.995, window: '30d', window_ms: 30 * 86_400_000, latency_p95_ms: 800})
      expect(ov!.endpoints).toEqual([
        {id: 'ov:9000:health', kind: 'health', interval_ms: 10_000, activated_at: T1, slo: {target: 0.999, window: '7d', window_ms: 7 * 86_400_000, latency_p95_ms: null}},
        {id: 'ov:9000:models', kind: 'models', interval_ms: 30_000, activated_at: T1, slo: null},
      ])
      expect(ov!.registry).toEqual([{id: 'registry:ov:9000', interval_ms: 300_000, activated_at: T1}])
    })
    expect((await plan()).code).toBe(0)
  })

  it('plan shows a changed interval and SLO field by field; a hand-edited interval is drift', async () => {
    write(FILE.replace('interval: 10s', 'interval: 2m').replace('target: 0.999', 'target: 99.95%').replace('interval: 5m', 'interval: 1800s'))
    const changed = await plan()
    expect(changed.code).toBe(2)
    expect(changed.plan.changes.map((c) => [c.id, c.action, c.drift, c.fields])).toEqual([
      ['ov:9000:health', 'update', false, {'check.interval': {before: 10_000, after: 120_000}, 'slo.target': {before: '99.9%', after: '99.95%'}}],
      ['registry:ov:9000', 'update', false, {interval: {before: '5m', after: '30m'}}],
    ])
    write(FILE)
    await withDriver(fresh.db, (driver) => driver.run("UPDATE registry_index SET interval = '10s' WHERE id = 'registry:ov:9000'"))
    const drift = await plan()
    expect(drift.code).toBe(2)
    expect(drift.plan.changes.map((c) => [c.id, c.action, c.drift, c.fields])).toEqual([['registry:ov:9000', 'update', true, {interval: {before: '10s', after: '5m'}}]])
    const text = await run(['plan', '-c', file])
    expect(text.stdout).toContain('interval: "10s" -> "5m"')
  })

  it('export writes them back as the shortest file that plans clean', async () => {
    const exported = await run(['export'])
    expect(exported.code).toBe(0)
    // One endpoint each at 10s and 30s: a tie keeps the built-in 1m as the default, and both say their own.
    expect(exported.stdout).not.toContain('defaults:')
    expect(exported.stdout).toContain('    slo:\n      target: 99.5%\n      window: 30d\n      latency_p95: 800ms\n')
    expect(exported.stdout).toContain('        slo:\n          target: 99.9%\n          window: 7d\n')
    expect(exported.stdout).toContain('        check:\n          interval: 10s\n')
    expect(exported.stdout).toContain('        check:\n          interval: 30s\n')
    expect(exported.stdout).toContain('        interval: 5m\n')
    write(exported.stdout)
    expect((await plan()).code).toBe(0)
  })

  it('activated_at is set on create and on revival, never on an update', async () => {
    write(FILE.replace('interval: 10s', 'interval: 2m'))
    expect((await run(['apply', '-c', file], T2)).code).toBe(0)
    const activation = () => withDriver(fresh.db, (driver) => driver.all<{id: string; activated_at: string; applied_at: string}>('SELECT id, activated_at, applied_at FROM endpoints ORDER BY id'))
    expect(await activation()).toEqual([
      {id: 'ov:9000:health', activated_at: T1, applied_at: T2},
      {id: 'ov:9000:models', activated_at: T1, applied_at: T1},
    ])
    // Retired at T2, revived at T3: its expected checks start again at T3.
    write(FILE.replace(/      - kind: models\n        url: \S+\n/, ''))
    expect((await run(['apply', '-c', file], T2)).code).toBe(0)
    write(FILE)
    expect((await run(['apply', '-c', file], T3)).code).toBe(0)
    expect((await activation()).map((r) => [r.id, r.activated_at])).toEqual([
      ['ov:9000:health', T1],
      ['ov:9000:models', T3],
    ])
  })
})

describe.each(ENGINES)('migration 0010 on %s', (engine) => {
  let fresh: FreshDb
  beforeEach(async () => {
    fresh = await freshDb(engine)
  })
  afterEach(async () => {
    await fresh.cleanup()
  })

  it('backfills activated_at with the earliest of the first snapshot and applied_at; undone by its down', async () => {
    await withDriver(fresh.db, async (driver) => {
      await migrate(driver, {to: '0009-snapshot-phases'})
      await driver.run("INSERT INTO entities (id, type, label, owner) VALUES ('e', 'service', 'E', 'o')")
      const endpoint = (id: string, appliedAt: string | null) =>
        driver.run('INSERT INTO endpoints (id, entity_id, kind, url, applied_at) VALUES (?, ?, ?, ?, ?)', [id, 'e', 'api', 'http://127.0.0.1:9/', appliedAt])
      await endpoint('checked-first', T3) // snapshots from before its last apply: the first one
      await endpoint('applied-first', T1) // applied, then checked: the apply
      await endpoint('unmanaged', null) // checked, never applied: the first snapshot
      await endpoint('never', null)
      await driver.run("INSERT INTO registry_index (id, entity_id, registry_path, authority, applied_at) VALUES ('r', 'e', 'r.json', 'a', ?)", [T3])
      const snapshot = (id: string, column: string, target: string, at: string) =>
        driver.run(`INSERT INTO snapshots (id, entity_id, ${column}, status, detail, observed_at) VALUES (?, 'e', ?, 'ok', '', ?)`, [id, target, at])
      await snapshot('s1', 'endpoint_id', 'checked-first', T2)
      await snapshot('s2', 'endpoint_id', 'checked-first', T1)
      await snapshot('s3', 'endpoint_id', 'applied-first', T2)
      await snapshot('s4', 'endpoint_id', 'unmanaged', T2)
      await snapshot('s5', 'registry_id', 'r', T2)
      expect(await migrate(driver)).toContain('0010-intervals-slos-activation')
      expect(await driver.all('SELECT id, activated_at FROM endpoints ORDER BY id')).toEqual([
        {id: 'applied-first', activated_at: T1},
        {id: 'checked-first', activated_at: T1},
        {id: 'never', activated_at: null},
        {id: 'unmanaged', activated_at: T2},
      ])
      expect(await driver.all('SELECT id, interval, activated_at FROM registry_index')).toEqual([{id: 'r', interval: '1m', activated_at: T2}])
    })
    const back = await mon(['db', 'rollback', '--to', '0009', '--db', fresh.db])
    expect(back.stderr).toBe('')
    expect(back.code).toBe(0)
  })
})
