/**
 * The files and history the moved: tests share: an entity `shop` with a
 * derived endpoint (`shop:health`), one of its own id (`shop-api`), a derived
 * registry entry (`registry:shop`), a dependant (`web`) and a maintenance
 * window; and the same inventory renamed to `store` with `moved:`.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, expect} from 'vitest'

import type {Driver, Engine} from '../../src/store/driver.js'
import {mon, tempDir} from '../support/cli.js'
import {useFreshDb} from '../support/engines.js'
import {withDriver} from '../history/seed.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import type {SnapshotRow} from '../../src/rows.js'
import {uuidv7} from '../../src/time.js'

export const NOW = '2026-11-20T12:00:00.000Z'

export function inventory(id: string, options: {label?: string; moved?: string; extra?: string} = {}): string {
  return `version: 1
entities:
  - id: ${id}
    type: service
    label: ${options.label ?? 'Shop'}
    owner: team-a
    endpoints:
      - kind: health
        url: http://127.0.0.1:9/health
      - id: shop-api
        kind: api
        url: http://127.0.0.1:9/api
    registry:
      - path: registry.json
        authority: team-a
  - id: web
    type: service
    label: Web
    owner: team-a
    depends_on: [${id}]
    endpoints:
      - kind: health
        url: http://127.0.0.1:9/web
${options.extra ?? ''}maintenance:
  - id: nightly
    entities: [${id}]
    cron: "0 3 * * *"
    duration: 30m
    timezone: UTC
${options.moved ? `moved:\n${options.moved}` : ''}`
}

export function writeConfig(dir: string, name: string, text: string): string {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  writeFileSync(path.join(dir, 'registry.json'), '{"models": []}\n')
  return file
}

/** Snapshots per target, in the hours before NOW, with their rollups (insertSnapshots adds them). */
export async function addHistory(driver: Driver, perTarget: number): Promise<void> {
  const rows: SnapshotRow[] = []
  const end = Date.parse(NOW)
  const targets: Array<[string, string | null, string | null]> = [
    ['shop', 'shop:health', null],
    ['shop', 'shop-api', null],
    ['shop', null, 'registry:shop'],
    ['web', 'web:health', null],
  ]
  for (const [entity, endpoint, registry] of targets) {
    for (let i = 0; i < perTarget; i++) {
      const ms = end - (perTarget - i) * 60_000
      rows.push({id: uuidv7(ms), entity_id: entity, endpoint_id: endpoint, registry_id: registry, status: i % 2 ? 'ok' : 'error', detail: 'x', payload_json: null, latency_ms: 5, phases_ms_json: null, observed_at: new Date(ms).toISOString()})
    }
  }
  await insertSnapshots(driver, rows)
  const opened = new Date(end - 3_600_000).toISOString()
  await driver.run(
    "INSERT INTO alerts (id, target_table, target_id, entity_id, status, detail, opened_at, held, open_held) VALUES ('alert-1', 'endpoints', 'shop:health', 'shop', 'error', 'down', ?, NULL, 0)",
    [opened],
  )
  await driver.run("INSERT INTO alert_states (target_table, target_id, failing, passing, observed_at, alert_id) VALUES ('endpoints', 'shop:health', 3, 0, ?, 'alert-1')", [opened])
  await driver.run("INSERT INTO maintenance_adhoc (id, entities_json, start_at, end_at, reason, created_at) VALUES ('adhoc-1', '[\"shop\",\"web\"]', ?, ?, 'deploy', ?)", [opened, NOW, opened])
}

/** Where every id sits: what a rename must carry over, as text to compare. */
export async function whereIds(driver: Driver): Promise<Record<string, unknown>> {
  const all = (sql: string) => driver.all(sql)
  return {
    snapshots: await all('SELECT entity_id, endpoint_id, registry_id, CAST(count(*) AS INTEGER) AS n FROM snapshots GROUP BY entity_id, endpoint_id, registry_id ORDER BY entity_id, endpoint_id, registry_id'),
    rollups: await all('SELECT period, target_table, target_id, entity_id, ok, warn, error FROM rollups ORDER BY period, target_table, target_id, start_at'),
    alerts: await all('SELECT id, target_table, target_id, entity_id, resolved_at FROM alerts ORDER BY id'),
    alert_states: await all('SELECT target_table, target_id, failing, alert_id FROM alert_states ORDER BY target_id'),
    adhoc: await all('SELECT id, entities_json FROM maintenance_adhoc ORDER BY id'),
    entities: await all('SELECT id, label, depends_on_json, retired_at FROM entities ORDER BY id'),
    endpoints: await all('SELECT id, entity_id, activated_at, retired_at FROM endpoints ORDER BY id'),
    registry: await all('SELECT id, entity_id, retired_at FROM registry_index ORDER BY id'),
    windows: await all('SELECT id, entities_json FROM maintenance_windows ORDER BY id'),
  }
}

/**
 * Per test, a fresh database of the engine with `v1` applied (the `shop`
 * inventory unless given) and `perTarget` snapshots of each target, and a
 * directory for the files; both go after the test.
 */
export function useMovedInventory(engine: Engine): (v1?: string, perTarget?: number) => Promise<{dir: string; db: string}> {
  const fresh = useFreshDb(engine)
  const cleanups: Array<() => void> = []
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup()
  })
  return async (v1 = inventory('shop'), perTarget = 5) => {
    const {dir, cleanup} = tempDir('mon-moved-')
    cleanups.push(cleanup)
    const db = fresh().db
    const first = await mon(['apply', '-c', writeConfig(dir, 'v1.yaml', v1), '--db', db], {env: {MON_NOW: NOW}})
    expect(first.code, first.stderr).toBe(0)
    await withDriver(db, (driver) => addHistory(driver, perTarget))
    return {dir, db}
  }
}
