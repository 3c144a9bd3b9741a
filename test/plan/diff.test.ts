import {describe, expect, it} from 'vitest'

import {massRetire, planChanges, withSnapshotCounts} from '../../src/plan/diff.js'
import {baseFingerprint, fingerprint} from '../../src/plan/fingerprint.js'
import type {ObservedState} from '../../src/plan/types.js'
import {appliedState, check, emptyState, endpoint, entity, model, registry, specModel, T0} from './fixtures.js'

const brief = (plan: ReturnType<typeof planChanges>) => plan.changes.map((c) => `${c.action} ${c.table} ${c.id}`)

describe('planChanges', () => {
  it('creates every row of a file against an empty database, with every set field as an after value', () => {
    const plan = planChanges(specModel(), emptyState())
    expect(brief(plan)).toEqual([
      'create entities mlx:8100',
      'create entities ov:9000',
      'create endpoints mlx:8100:health',
      'create endpoints mlx:8100:models',
      'create endpoints ov:9000:health',
      'create registry_index registry:mlx:8100',
    ])
    expect(plan.summary).toEqual({create: 6, update: 0, move: 0, retire: 0, revive: 0})
    const mlx = plan.changes[0]!
    expect(mlx.fields).toEqual({
      type: {before: null, after: 'backend'},
      label: {before: null, after: 'jerry-xl'},
      owner: {before: null, after: 'mlx'},
      docs_ref: {before: null, after: 'docs/mlx.md'},
    })
    const health = plan.changes[2]!
    expect(health.entity_id).toBe('mlx:8100')
    expect(health.fields['check.timeout']).toEqual({before: null, after: 2000})
    expect(health.fields['check.headers.Authorization']).toEqual({before: null, after: 'Bearer ${MLX_TOKEN}'})
    const reg = plan.changes[5]!
    expect(reg.fields.path).toEqual({before: null, after: './registries/mlx:8100.json'})
    expect(reg.fields).not.toHaveProperty('registry_path')
    expect(plan.unmanaged).toEqual([])
    expect(plan.mass_retire).toEqual({retiring: 0, active: 0, triggered: false, table: 'entities'})
  })

  it('sees no change in a registry path spelled another way for the same file (./x, x, a/../x), but sees a different file', () => {
    const applied = appliedState(model(entity('a', {registry: [registry('a', {path: './registries/a.json'})]})))
    for (const path of ['registries/a.json', 'registries/../registries/a.json', './registries/./a.json']) {
      expect(brief(planChanges(model(entity('a', {registry: [registry('a', {path})]})), applied)), path).toEqual([])
      // Beside another change the path is not listed as changed either.
      const other = planChanges(model(entity('a', {registry: [registry('a', {path, authority: 'other'})]})), applied)
      expect(Object.keys(other.changes[0]!.fields), path).toEqual(['authority'])
    }
    expect(brief(planChanges(model(entity('a', {registry: [registry('a', {path: './registries/b.json'})]})), applied))).toEqual(['update registry_index registry:a'])
    // A URL or an absolute path is compared as written.
    const url = appliedState(model(entity('a', {registry: [registry('a', {path: 'https://r.example/a.json'})]})))
    expect(brief(planChanges(model(entity('a', {registry: [registry('a', {path: 'https://r.example/./a.json'})]})), url))).toEqual(['update registry_index registry:a'])
  })

  it('finds nothing to do when the database holds what the file says', () => {
    const m = specModel()
    const plan = planChanges(m, appliedState(m))
    expect(plan.changes).toEqual([])
    expect(plan.summary).toEqual({create: 0, update: 0, move: 0, retire: 0, revive: 0})
  })

  it('lists pending migrations without refusing to plan', () => {
    const plan = planChanges(specModel(), emptyState(), {pendingMigrations: ['0001-initial', '0002-x']})
    expect(plan.migrations.pending).toEqual(['0001-initial', '0002-x'])
  })

  it('updates only the changed fields and counts the unchanged ones', () => {
    const before = specModel()
    const after = specModel()
    after.entities[0]!.label = 'jerry-xxl'
    const plan = planChanges(after, appliedState(before))
    expect(brief(plan)).toEqual(['update entities mlx:8100'])
    expect(plan.changes[0]!.fields).toEqual({label: {before: 'jerry-xl', after: 'jerry-xxl'}})
    expect(plan.changes[0]!.unchanged_fields).toBe(5)
    expect(plan.changes[0]!.drift).toBe(false)
    expect(plan.changes[0]!.adopt).toBe(false)
    expect(plan.changes[0]!.row).toMatchObject({id: 'mlx:8100', label: 'jerry-xxl'})
  })

  it('shows check settings as separate fields: a new timeout, a new header, a removed header', () => {
    const before = model(entity('a', {endpoints: [endpoint('a', 'health', {check: check({timeout: 5000, headers: {'X-Old': 'x'}})})]}))
    const after = model(entity('a', {endpoints: [endpoint('a', 'health', {check: check({timeout: 2000, headers: {Authorization: 'Bearer ${T}'}})})]}))
    const plan = planChanges(after, appliedState(before))
    expect(brief(plan)).toEqual(['update endpoints a:health'])
    expect(plan.changes[0]!.fields).toEqual({
      'check.timeout': {before: 5000, after: 2000},
      'check.headers.Authorization': {before: null, after: 'Bearer ${T}'},
      'check.headers.X-Old': {before: 'x', after: null},
    })
    // entity_id, kind, url, method, status, degraded_after, retries, interval, json, and the 5 alert settings
    expect(plan.changes[0]!.unchanged_fields).toBe(14)
  })

  it('retires a managed entity that left the file, and its endpoints and registry entries with it', () => {
    const m = specModel()
    const observed = appliedState(m)
    const plan = planChanges(model(m.entities[1]!), observed)
    expect(brief(plan)).toEqual([
      'retire entities mlx:8100',
      'retire endpoints mlx:8100:health',
      'retire endpoints mlx:8100:models',
      'retire registry_index registry:mlx:8100',
    ])
    expect(plan.changes.every((c) => !c.drift && c.row === undefined)).toBe(true)
    const counted = withSnapshotCounts(plan, new Map([['endpoints:mlx:8100:health', 1204]]))
    expect(counted.changes.map((c) => c.snapshots_kept)).toEqual([0, 1204, 0, 0])
    expect(withSnapshotCounts(plan, null).changes[0]!.snapshots_kept).toBeNull()
  })

  it('leaves rows that are already retired alone', () => {
    const m = specModel()
    const observed = appliedState(m)
    for (const table of ['entities', 'endpoints', 'registry_index'] as const) {
      for (const row of observed[table].filter((r) => r.id.includes('mlx'))) row.retired_at = T0
    }
    expect(planChanges(model(m.entities[1]!), observed).changes).toEqual([])
  })

  it('revives a retired row that is back in the file, with its field changes', () => {
    const m = specModel()
    const observed = appliedState(m)
    observed.entities[0]!.retired_at = T0
    const back = specModel()
    back.entities[0]!.owner = 'mlx-team'
    const plan = planChanges(back, observed)
    expect(brief(plan)).toEqual(['revive entities mlx:8100'])
    expect(plan.changes[0]!.fields).toEqual({owner: {before: 'mlx', after: 'mlx-team'}})
    expect(plan.summary.revive).toBe(1)
  })

  it('lists an unmanaged row that is not in the file and never touches it', () => {
    const m = specModel()
    const observed = appliedState(m)
    observed.entities.push({id: 'legacy', type: 'tool', label: 'old', owner: 'x', docs_ref: null, notes: null, slo_json: null, created_at: null, retired_at: null, applied_at: null, applied_hash: null})
    observed.endpoints.push({id: 'legacy:api', entity_id: 'legacy', kind: 'api', url: 'http://127.0.0.1/', method: null, check_json: null, slo_json: null, retired_at: null, applied_at: null, applied_hash: null})
    const plan = planChanges(m, observed)
    expect(plan.changes).toEqual([])
    expect(plan.unmanaged).toEqual([
      {table: 'entities', id: 'legacy'},
      {table: 'endpoints', id: 'legacy:api'},
    ])
  })

  it('adopts an unmanaged row that the file names, even when every field already matches', () => {
    const m = specModel()
    const observed = appliedState(m)
    observed.entities[1]!.applied_at = null
    observed.entities[1]!.applied_hash = null
    const plan = planChanges(m, observed)
    expect(brief(plan)).toEqual(['update entities ov:9000'])
    expect(plan.changes[0]).toMatchObject({adopt: true, drift: false, fields: {}, unchanged_fields: 6})
  })

  it('reports a hand edit of a managed row as drift, and plans to undo it', () => {
    const m = specModel()
    const observed = appliedState(m)
    observed.entities[0]!.owner = 'someone-else'
    const plan = planChanges(m, observed)
    expect(brief(plan)).toEqual(['update entities mlx:8100'])
    expect(plan.changes[0]).toMatchObject({drift: true, fields: {owner: {before: 'someone-else', after: 'mlx'}}})
  })

  it('records a hand edit that happens to match the file, so it stops showing as drift', () => {
    const before = specModel()
    const after = specModel()
    after.entities[0]!.label = 'by-hand'
    const observed = appliedState(before)
    observed.entities[0]!.label = 'by-hand'
    const plan = planChanges(after, observed)
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({action: 'update', drift: true, fields: {}})
  })

  it('does not call a retirement drift, nor look for drift in retired rows', () => {
    const m = specModel()
    const observed = appliedState(m)
    observed.entities[1]!.label = 'edited'
    const plan = planChanges(model(m.entities[0]!), observed)
    expect(plan.changes.find((c) => c.id === 'ov:9000')).toMatchObject({action: 'retire', drift: false})
  })

  it('prints the same plan whatever order the rows come in', () => {
    const m = specModel()
    const observed = appliedState(m)
    observed.entities[0]!.label = 'x'
    const reversed: ObservedState = {
      entities: [...observed.entities].reverse(),
      endpoints: [...observed.endpoints].reverse(),
      registry_index: [...observed.registry_index].reverse(),
      notifiers: [...observed.notifiers].reverse(),
      maintenance_windows: [...observed.maintenance_windows].reverse(),
    }
    const file = model(...[...m.entities].reverse(), entity('new'))
    const a = planChanges(model(...m.entities, entity('new')), observed)
    const b = planChanges(file, reversed)
    expect(b).toEqual(a)
    expect(brief(a)).toEqual(['create entities new', 'update entities mlx:8100'])
  })
})

describe('mass-retire guard', () => {
  const many = (n: number) => model(...Array.from({length: n}, (_, i) => entity(`e${i}`)))
  const retiring = (total: number, kept: number) => {
    const observed = appliedState(many(total))
    const plan = planChanges(model(...many(total).entities.slice(0, kept)), observed)
    return massRetire(plan.changes, observed)
  }
  it('triggers when more than half of the active entities, and at least two, would go', () => {
    expect(retiring(3, 1)).toEqual({retiring: 2, active: 3, triggered: true, table: 'entities'})
    expect(retiring(2, 0)).toEqual({retiring: 2, active: 2, triggered: true, table: 'entities'})
    expect(retiring(10, 0).triggered).toBe(true)
  })
  it('lets exactly half, or a single entity, go', () => {
    expect(retiring(4, 2)).toEqual({retiring: 2, active: 4, triggered: false, table: 'entities'})
    expect(retiring(1, 0)).toEqual({retiring: 1, active: 1, triggered: false, table: 'entities'})
    expect(retiring(2, 1).triggered).toBe(false)
  })
  it('judges each table on its own: every entity kept but most endpoints or registry entries dropped triggers it', () => {
    const full = model(
      entity('a', {endpoints: [endpoint('a', 'health'), endpoint('a', 'api')], registry: [registry('a')]}),
      entity('b', {endpoints: [endpoint('b', 'health')], registry: [registry('b')]}),
    )
    const observed = appliedState(full)
    const bare = model(entity('a'), entity('b'))
    expect(planChanges(bare, observed).mass_retire).toEqual({retiring: 3, active: 3, triggered: true, table: 'endpoints'})
    const noRegistry = model(...full.entities.map((e) => ({...e, registry: []})))
    expect(planChanges(noRegistry, observed).mass_retire).toEqual({retiring: 2, active: 2, triggered: true, table: 'registry_index'})
    // One endpoint of three is not a mass retirement.
    const oneLess = model({...full.entities[0]!, endpoints: [full.entities[0]!.endpoints[0]!]}, full.entities[1]!)
    expect(planChanges(oneLess, observed).mass_retire.triggered).toBe(false)
  })
  it('counts only active managed entities', () => {
    const observed = appliedState(many(4))
    observed.entities[3]!.retired_at = T0
    observed.entities[2]!.applied_at = null
    const plan = planChanges(model(), observed)
    expect(plan.mass_retire).toEqual({retiring: 2, active: 2, triggered: true, table: 'entities'})
  })
})

describe('fingerprints', () => {
  it('applied_hash depends on every managed column and nothing else', () => {
    const row = {id: 'a', type: 'service', label: 'l', owner: 'o', docs_ref: null, notes: null}
    const h = fingerprint('entities', row)
    expect(fingerprint('entities', {...row, created_at: 'x', retired_at: 'y'})).toBe(h)
    for (const key of ['type', 'label', 'owner', 'docs_ref', 'notes']) {
      expect(fingerprint('entities', {...row, [key]: 'changed'})).not.toBe(h)
    }
  })

  it('the base changes with any row or bookkeeping change, not with row order', () => {
    const m = specModel()
    const observed = appliedState(m)
    const base = baseFingerprint(observed)
    expect(baseFingerprint({...observed, endpoints: [...observed.endpoints].reverse()})).toBe(base)
    const touched = structuredClone(observed)
    touched.endpoints[0]!.retired_at = T0
    expect(baseFingerprint(touched)).not.toBe(base)
    const adopted = structuredClone(observed)
    adopted.registry_index[0]!.applied_hash = 'x'
    expect(baseFingerprint(adopted)).not.toBe(base)
    expect(baseFingerprint(emptyState())).not.toBe(base)
    expect(planChanges(m, observed).base).toBe(base)
  })
})
