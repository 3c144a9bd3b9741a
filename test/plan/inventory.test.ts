import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {applyTo} from '../../src/apply/reconcile.js'
import type {Driver} from '../../src/store/driver.js'
import {applyRuns, readObserved} from '../../src/store/inventory.js'
import {openDriver} from '../../src/store/open.js'
import {endpoint, entity, model, registry} from './fixtures.js'

const options = {provenance: {config_sha256: 'sha', git_commit: null, actor: 'test'}}

describe('inventory writes (SQLite in memory, foreign keys on)', () => {
  let driver: Driver
  beforeEach(async () => {
    driver = await openDriver(':memory:')
  })
  afterEach(async () => {
    await driver.close()
  })

  it('moves an endpoint and a registry entry to an entity created in the same apply', async () => {
    await applyTo(driver, {model: model(entity('old', {endpoints: [endpoint('old', 'health', {id: 'shared:health'})], registry: [registry('old', {id: 'shared:reg'})]}))}, options)
    const moved = model(entity('old'), entity('new', {endpoints: [endpoint('new', 'health', {id: 'shared:health'})], registry: [registry('new', {id: 'shared:reg'})]}))
    const result = await applyTo(driver, {model: moved}, options)
    expect(result.plan.changes.map((c) => `${c.action} ${c.id} ${Object.keys(c.fields).join(',')}`)).toEqual([
      'create new type,label,owner',
      'update shared:health entity_id',
      'update shared:reg entity_id,path',
    ])
    const observed = await readObserved(driver)
    expect(observed.endpoints.map((r) => r.entity_id)).toEqual(['new'])
    expect(observed.registry_index.map((r) => r.entity_id)).toEqual(['new'])
  })

  it('writes a large plan in batches and records one run with its counts', async () => {
    const big = model(...Array.from({length: 1201}, (_, i) => entity(`e${i}`, {endpoints: [endpoint(`e${i}`, 'api')]})))
    const result = await applyTo(driver, {model: big}, options)
    expect(result.plan.summary.create).toBe(2402)
    const observed = await readObserved(driver)
    expect(observed.entities).toHaveLength(1201)
    expect(observed.endpoints).toHaveLength(1201)
    expect(new Set(observed.entities.map((r) => r.applied_at)).size).toBe(1)
    const runs = await applyRuns(driver)
    expect(runs).toEqual([expect.objectContaining({id: result.run_id, created: 2402, updated: 0, retired: 0, revived: 0, config_sha256: 'sha', actor: 'test'})])
  })
})
