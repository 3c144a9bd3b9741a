/**
 * The tools' answers on both engines, in process (the stdio session is
 * mcp.test.ts, on SQLite): the same fleet applied and recorded gives the same
 * where_is_model, inventory, history and alerts on PostgreSQL as on SQLite,
 * through a read-only driver.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {alertsAnswer, historyAnswer, inventoryAnswer, statusAnswer, whereIsModelAnswer} from '../../src/assistant/answers.js'
import type {Driver} from '../../src/store/driver.js'
import {openReadOnly} from '../../src/store/open.js'
import {tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {NOW, QWEN_ANSWER, recordFleet} from './fleet.js'

describe.each(ENGINES)('the answers on %s', (engine) => {
  const work = tempDir('mon-mcp-answers-')
  let fresh: FreshDb
  let driver: Driver
  beforeAll(async () => {
    fresh = await freshDb(engine)
    await recordFleet(work.dir, fresh.db)
    driver = await openReadOnly(fresh.db)
  })
  afterAll(async () => {
    await driver?.close()
    await fresh?.cleanup()
    work.cleanup()
  })

  it('where_is_model: exact, case-insensitive and none', async () => {
    expect(await whereIsModelAnswer(driver, {model: 'qwen3-8b'})).toEqual(QWEN_ANSWER)
    expect(await whereIsModelAnswer(driver, {model: 'LLAMA-3.1-8B'})).toMatchObject({match: 'case-insensitive', models: ['llama-3.1-8b'], total: 2})
    expect(await whereIsModelAnswer(driver, {model: 'gpt-x'})).toMatchObject({match: 'none', entities: [], total: 0})
  })

  it('inventory, status, history and alerts read the same rows', async () => {
    const now = new Date(NOW)
    expect((await inventoryAnswer(driver, {limit: 100})).entities.map((e) => `${e.id}:${e.endpoints.length}:${e.registry.length}`)).toEqual(['gw:1:0', 'mlx:2:0', 'ov:1:0', 'reg:0:1'])
    expect((await statusAnswer(driver, {}, now)).entities.map((e) => `${e.id} ${e.status}`)).toEqual(['ov error', 'mlx warn', 'gw ok', 'reg ok'])
    expect((await historyAnswer(driver, {id: 'registry:reg', since: '1h', limit: 5}, now)).snapshots.map((s) => `${s.registry_id} ${s.status} ${s.detail}`)).toEqual(['registry:reg ok 2 entries'])
    expect((await alertsAnswer(driver, {all: false})).alerts.map((a) => a.id)).toEqual(['a1'])
  })
})
