import {describe, expect, it} from 'vitest'

import {planChanges} from '../../src/plan/diff.js'
import {fieldView} from '../../src/config/fields.js'
import {canonicalJson} from '../../src/canonical-json.js'
import {BUILTIN_ALERT} from '../../src/config/model.js'
import {rowStateHashes} from '../../src/plan/fingerprint.js'
import {parseSavedPlan, savedPlan} from '../../src/plan/render-json.js'
import {desiredRows, modelFromRows} from '../../src/plan/rows.js'
import {appliedState, emptyState, entity, model, specModel, T0} from './fixtures.js'

describe('desiredRows', () => {
  it('writes check settings as canonical JSON that keeps ${VAR} header values as written', () => {
    const rows = desiredRows(specModel())
    const health = rows.endpoints.find((r) => r.id === 'mlx:8100:health')!
    expect(health.check_json).toBe(
      '{"degraded_after":300,"headers":{"Authorization":"Bearer ${MLX_TOKEN}"},"interval":60000,"json":[],"retries":0,"status":null,"timeout":2000}',
    )
    expect(rows.registry_index[0]).toEqual({id: 'registry:mlx:8100', entity_id: 'mlx:8100', registry_path: './registries/mlx:8100.json', authority: 'reg', format: 'json', interval: '1m', alert_json: canonicalJson(BUILTIN_ALERT), serves_json: null})
  })

  it('gives the same check_json whatever order the keys were written in', () => {
    const a = specModel()
    const b = specModel()
    const check = b.entities[0]!.endpoints[1]!.check
    b.entities[0]!.endpoints[1]!.check = Object.fromEntries(Object.entries(check).reverse()) as typeof check
    expect(desiredRows(b)).toEqual(desiredRows(a))
  })

  it('fieldView names a registry path `path` and reads an unparseable check_json as nulls', () => {
    expect(fieldView('registry_index', {entity_id: 'e', registry_path: 'p', authority: 'a', format: 'json', interval: '5m'})).toEqual({
      entity_id: 'e',
      path: 'p',
      authority: 'a',
      format: 'json',
      interval: '5m',
      ...Object.fromEntries(['notify', 'on', 'after', 'recover_after', 'remind_every'].map((key) => [`alert.${key}`, null])),
    })
    expect(fieldView('endpoints', {entity_id: 'e', kind: 'api', url: 'u', method: null, check_json: '{nope'})).toMatchObject({method: null, 'check.timeout': null, 'check.json': null})
  })
})

describe('modelFromRows (export)', () => {
  it('gives back a model whose apply is a no-op', () => {
    const m = specModel()
    const observed = appliedState(m)
    const exported = modelFromRows(observed)
    expect(planChanges(exported, observed).changes).toEqual([])
    expect(exported.entities.map((e) => e.id)).toEqual(['mlx:8100', 'ov:9000'])
    expect(exported.entities[0]!.endpoints.map((e) => e.id)).toEqual(['mlx:8100:health', 'mlx:8100:models'])
    expect(exported.entities[0]!.endpoints[0]!.check.headers).toEqual({Authorization: 'Bearer ${MLX_TOKEN}'})
    expect(exported.entities[0]!.registry[0]!.path).toBe('./registries/mlx:8100.json')
  })

  it('leaves out retired and unmanaged rows', () => {
    const observed = appliedState(specModel())
    observed.entities[0]!.retired_at = T0
    observed.endpoints.find((r) => r.id === 'ov:9000:health')!.applied_at = null
    const exported = modelFromRows(observed)
    expect(exported.entities.map((e) => e.id)).toEqual(['ov:9000'])
    expect(exported.entities[0]!.endpoints).toEqual([])
  })
})

describe('saved plans', () => {
  const source = {config: 'monitors.yaml', config_sha256: 'abc', git_commit: null, created_at: T0}

  it('round-trips: the parsed plan executes the same changes', () => {
    const observed = appliedState(model(entity('gone'), entity('kept')))
    const plan = planChanges(specModel(), observed)
    const text = JSON.stringify(savedPlan(plan, source, rowStateHashes(observed)))
    const back = parseSavedPlan(text, 'plan.json')
    expect(back.plan.changes).toEqual(plan.changes.map((c) => (c.action === 'retire' ? {...c, snapshots_kept: null} : c)))
    expect(back.plan.base).toBe(plan.base)
    expect(back.source).toEqual(source)
    expect(back.observed.entities.gone).toMatch(/^[0-9a-f]{16}$/)
    expect(text).toContain('Bearer ${MLX_TOKEN}')
  })

  it('refuses files that are not saved plans, or are damaged', () => {
    const plan = planChanges(specModel(), emptyState())
    const good = savedPlan(plan, source, rowStateHashes(emptyState()))
    expect(() => parseSavedPlan('not json', 'p.json')).toThrow(/p.json is not a saved plan: it is not JSON/)
    expect(() => parseSavedPlan(JSON.stringify({format_version: '1'}), 'p.json')).toThrow(/"kind" is not "mon-plan"/)
    expect(() => parseSavedPlan(JSON.stringify({...good, format_version: '9'}), 'p.json')).toThrow(/format_version "9" is not 1/)
    const noRow = structuredClone(good)
    delete noRow.changes[0]!.row
    expect(() => parseSavedPlan(JSON.stringify(noRow), 'p.json')).toThrow(/changes\[0\] has no row to write/)
    const badColumn = structuredClone(good) as unknown as {changes: Array<{row: Record<string, unknown>}>}
    badColumn.changes[0]!.row.label = 7
    expect(() => parseSavedPlan(JSON.stringify(badColumn), 'p.json')).toThrow(/changes\[0\].row.label is missing/)
  })
})
