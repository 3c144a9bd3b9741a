/**
 * readLatestMentioning, on both engines: only the newest snapshot of each
 * active target counts (a reference read through its base), the text test
 * folds case and takes LIKE's wildcards and JSON's escapes literally, and
 * retired targets, retired entities and other kinds are left out.
 */
import {describe, expect, it} from 'vitest'

import type {SnapshotRow} from '../../src/rows.js'
import {migrate} from '../../src/store/migrator.js'
import {activeTargetsOf, readLatestMentioning} from '../../src/store/latest-bodies.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {uuidv7} from '../../src/time.js'
import {withDriver} from '../history/seed.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'

const T0 = Date.parse('2026-12-01T10:00:00.000Z')

function snapshot(endpoint: string, entity: string, minute: number, models: string[]): SnapshotRow {
  const ms = T0 + minute * 60_000
  return {id: uuidv7(ms), entity_id: entity, endpoint_id: endpoint, registry_id: null, status: 'ok', detail: `${models.length} models`, payload_json: JSON.stringify({latency_ms: 5, attempts: 1, models}), latency_ms: 5, phases_ms_json: null, observed_at: new Date(ms).toISOString()}
}

describe.each(ENGINES)('readLatestMentioning on %s', (engine) => {
  const fresh = useMigratedDb(engine)
  it('reads the newest text of each active target of the kind that mentions the string, and nothing else', async () => {
    await withDriver(fresh().db, async (driver) => {
      await migrate(driver)
      for (const [id, retired] of [['a', null], ['b', null], ['gone', '2026-11-01T00:00:00.000Z']] as const) {
        await driver.run('INSERT INTO entities (id, type, label, owner, retired_at) VALUES (?, ?, ?, ?, ?)', [id, 'backend', id, 'ml', retired])
      }
      const endpoint = (id: string, entity: string, kind: string, retired: string | null = null) =>
        driver.run('INSERT INTO endpoints (id, entity_id, kind, url, retired_at) VALUES (?, ?, ?, ?, ?)', [id, entity, kind, 'http://127.0.0.1:9/', retired])
      await endpoint('a:models', 'a', 'models')
      await endpoint('a:old', 'a', 'models', '2026-11-01T00:00:00.000Z')
      await endpoint('a:api', 'a', 'api')
      await endpoint('b:models', 'b', 'models')
      await endpoint('gone:models', 'gone', 'models')
      const odd = 'We!rd_100% "model" \\ x'
      await insertSnapshots(driver, [
        snapshot('a:models', 'a', 0, ['Qwen3-8B', odd]),
        snapshot('a:old', 'a', 0, ['qwen3-8b']),
        snapshot('a:api', 'a', 0, ['qwen3-8b']),
        snapshot('b:models', 'b', 0, ['qwen3-8b']),
        snapshot('gone:models', 'gone', 0, ['qwen3-8b']),
      ])
      // a:models answers the same again (a reference to its base); b:models no longer lists the model.
      await insertSnapshots(driver, [snapshot('a:models', 'a', 1, ['Qwen3-8B', odd]), snapshot('b:models', 'b', 1, ['llama'])])
      const stored = await driver.all<{p: string}>("SELECT substr(payload_json, 1, 1) AS p FROM snapshots WHERE endpoint_id = 'a:models' ORDER BY observed_at")
      expect(stored.map((r) => r.p)).toEqual(['~', '='])

      const read = (mentions: string) => readLatestMentioning(driver, 'endpoints', {kind: 'models', mentions})
      const models = ['Qwen3-8B', odd]
      expect(await read('"qwen3-8b"')).toEqual([{target: 'a:models', entity_id: 'a', fields: {attempts: 1, models}}])
      expect(await read(JSON.stringify(odd))).toEqual([{target: 'a:models', entity_id: 'a', fields: {attempts: 1, models}}])
      // LIKE's wildcards and escape are literal: none of these is in any text.
      for (const wild of ['"qwen3%"', '"qwen3_8b"', '"we!rd%100!% \\"model\\" \\\\ x"', '"%"']) expect(await read(wild)).toEqual([])
      expect((await readLatestMentioning(driver, 'endpoints', {mentions: '"qwen3-8b"'})).map((r) => r.target)).toEqual(['a:api', 'a:models'])
      expect(await activeTargetsOf(driver, ['a', 'gone'])).toEqual({
        endpoints: [{id: 'a:api', entity_id: 'a'}, {id: 'a:models', entity_id: 'a'}, {id: 'gone:models', entity_id: 'gone'}],
        registry_index: [],
      })
    })
  })
})
