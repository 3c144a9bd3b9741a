import {endpoint, reads, registryEntry, latestOf} from '../support/inventory.js'
import {ExactLatencies} from '../../src/latency.js'
import {describe, expect, it} from 'vitest'

import {
  buildStatus,
  endpointStatus,
  filterInventory,
  percentile,
  statusSummary,
} from '../../src/history/status.js'
import type {InventoryEntity, Observation, WindowFigures} from '../../src/rows.js'
import {worstStatus} from '../../src/status.js'
import {durationFlag} from '../../src/duration.js'
import {hourBuckets, isoBefore} from '../../src/history/window.js'

const ep = (id: string, kind = 'health') => endpoint(id, kind)
const obs = (status: Observation['status'], observed_at: string, detail = `${status} detail`): Observation => ({
  status,
  detail,
  observed_at,
  latency_ms: 1,
  phases_ms: {resolve: 0, connect: 0.25, tls: 0, processing: 0.5, transfer: 0.25},
})
const win = (ok: number, warn: number, error: number, latencies: number[]): WindowFigures => ({ok, warn, error, latency: new ExactLatencies(latencies)})

describe('percentile (nearest rank)', () => {
  it('takes the value at rank ceil(p/100 × n)', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    expect(percentile(ten, 50)).toBe(50) // rank 5
    expect(percentile(ten, 95)).toBe(100) // rank ceil(9.5) = 10
    expect(percentile(ten, 90)).toBe(90) // rank 9 exactly
    const twenty = Array.from({length: 20}, (_, i) => i + 1)
    expect(percentile(twenty, 50)).toBe(10) // rank 10
    expect(percentile(twenty, 95)).toBe(19) // rank 19
    expect(percentile([1, 3, 5], 50)).toBe(3) // rank ceil(1.5) = 2
    expect(percentile([1, 3, 5], 95)).toBe(5) // rank ceil(2.85) = 3
    expect(percentile([7], 50)).toBe(7)
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([1, 2], 0)).toBe(1) // rank 0 clamps to the first
  })

  it('is null without values', () => {
    expect(percentile([], 50)).toBeNull()
  })
})

describe('worstStatus', () => {
  it('ranks ok < warn < stale < error', () => {
    expect(worstStatus(['ok', 'warn'])).toBe('warn')
    expect(worstStatus(['warn', 'stale', 'ok'])).toBe('stale')
    expect(worstStatus(['stale', 'error'])).toBe('error')
    expect(worstStatus(['ok'])).toBe('ok')
    expect(worstStatus([])).toBeNull()
  })
})

describe('endpointStatus', () => {
  const staleBefore = '2026-11-26T09:00:00.000Z'
  // Stale after an hour (--stale-after 1h), at 10:00, over the 24 hours before.
  const options = {since: '2026-11-25T10:00:00.000Z', until: '2026-11-26T10:00:00.000Z', staleAfterMs: 3_600_000}

  it('computes uptime with warn counted as up, and percentiles from unsorted latencies', () => {
    // 7 ok, 2 warn, 1 error: uptime 9/10; latencies given out of order.
    const s = endpointStatus(ep('a:health'), obs('warn', '2026-11-26T09:59:00.000Z', 'slow'), win(7, 2, 1, [30, 10, 20, 50, 40, 60, 70, 80, 90, 100]), options)
    expect(s).toEqual({
      id: 'a:health',
      kind: 'health',
      status: 'warn',
      detail: 'slow',
      observed_at: '2026-11-26T09:59:00.000Z',
      latency_ms: 1,
      phases_ms: {resolve: 0, connect: 0.25, tls: 0, processing: 0.5, transfer: 0.25},
      interval_ms: 60_000,
      stale_after_ms: 3_600_000,
      checks: 10,
      uptime: 0.9,
      // 10 of the 1439 checks due in 24 hours at one a minute (the last one's grace not yet over).
      coverage: 10 / 1439,
      p50_ms: 50,
      p95_ms: 100,
      counts: {ok: 7, warn: 2, error: 1},
    })
  })

  it('counts snapshots without a latency in uptime but not in percentiles', () => {
    const s = endpointStatus(ep('a:health'), obs('error', '2026-11-26T09:59:00.000Z'), win(1, 0, 3, [12]), options)
    expect(s.checks).toBe(4)
    expect(s.uptime).toBe(0.25)
    expect(s.p50_ms).toBe(12)
    expect(s.p95_ms).toBe(12)
  })

  it('is stale when the latest observation is older than --stale-after, keeping its detail and time', () => {
    const s = endpointStatus(ep('a:health'), obs('ok', '2026-11-26T08:59:59.999Z', '200 OK in 3 ms'), win(5, 0, 0, [3]), options)
    expect(s.status).toBe('stale')
    expect(s.detail).toBe('200 OK in 3 ms')
    expect(s.observed_at).toBe('2026-11-26T08:59:59.999Z')
    expect(s.uptime).toBe(1)
  })

  it('is not stale at exactly the limit', () => {
    expect(endpointStatus(ep('a'), obs('ok', staleBefore), undefined, options).status).toBe('ok')
  })

  it('is stale, with no figures, when never observed', () => {
    expect(endpointStatus(ep('a'), undefined, undefined, options)).toEqual({
      id: 'a',
      kind: 'health',
      status: 'stale',
      detail: null,
      observed_at: null,
      latency_ms: null,
      phases_ms: null,
      interval_ms: 60_000,
      stale_after_ms: 3_600_000,
      checks: 0,
      uptime: null,
      coverage: 0,
      p50_ms: null,
      p95_ms: null,
      counts: {ok: 0, warn: 0, error: 0},
    })
  })
})

describe('stale per target', () => {
  const at = {since: '2026-11-25T10:00:00.000Z', until: '2026-11-26T10:00:00.000Z', staleAfterMs: null}
  it('is stale after 3 of the target\'s own intervals without --stale-after, at exactly the limit not yet', () => {
    const every30s = endpoint('a', 'health', {interval_ms: 30_000})
    expect(endpointStatus(every30s, obs('ok', '2026-11-26T09:58:30.000Z'), undefined, at)).toMatchObject({status: 'ok', stale_after_ms: 90_000})
    expect(endpointStatus(every30s, obs('ok', '2026-11-26T09:58:29.999Z'), undefined, at).status).toBe('stale')
    const hourly = endpoint('b', 'health', {interval_ms: 3_600_000})
    expect(endpointStatus(hourly, obs('warn', '2026-11-26T07:30:00.000Z'), undefined, at)).toMatchObject({status: 'warn', stale_after_ms: 10_800_000})
  })

  it('gives registry entries checks, uptime, counts and coverage like endpoints', () => {
    const entry = registryEntry('r', {interval_ms: 300_000, activated_at: '2026-11-26T09:00:00.000Z'})
    // An hour at one every 5 minutes less the grace: 11 due, 8 made, 6 of them up.
    const r = buildStatus([{id: 'e', type: 'tool', label: 'E', owner: 'o', slo: null, endpoints: [], registry: [entry]}], {latest: latestOf(new Map([['r', obs('ok', '2026-11-26T09:55:00.000Z')]])), windows: reads(new Map(), new Map([['r', win(5, 1, 2, [])]]))}, at)
    expect(r.entities[0]!.registry[0]).toEqual({
      id: 'r',
      status: 'ok',
      detail: 'ok detail',
      observed_at: '2026-11-26T09:55:00.000Z',
      interval_ms: 300_000,
      stale_after_ms: 900_000,
      checks: 8,
      uptime: 0.75,
      coverage: 8 / 11,
      counts: {ok: 5, warn: 1, error: 2},
      drift: null,
    })
    // An entry with `serves`: the drift its latest snapshot kept.
    const drift = [{model: 'm', entity_id: 'b', problem: 'not_served' as const}]
    const serves = new Map([['r', {declared: [{model: 'm', entity_id: 'b'}], drift, types: new Map()}]])
    const withServes = buildStatus([{id: 'e', type: 'tool', label: 'E', owner: 'o', slo: null, endpoints: [], registry: [entry]}], {latest: latestOf(), windows: reads(), serves}, at)
    expect(withServes.entities[0]!.registry[0]!.drift).toEqual(drift)
  })

  it('says whether only raw rows were read', () => {
    expect(buildStatus([], {latest: latestOf(), windows: reads(new Map(), new Map(), false)}, at).exact).toBe(false)
    expect(buildStatus([], {latest: latestOf(), windows: reads()}, at).exact).toBe(true)
  })
})

describe('buildStatus', () => {
  const inventory: InventoryEntity[] = [
    {id: 'e', type: 'backend', label: 'E', owner: 'team-a', slo: null, endpoints: [ep('e:health')], registry: []},
    {id: 'a', type: 'service', label: 'A', owner: 'team-a', slo: null, endpoints: [ep('a:health'), ep('a:api', 'api')], registry: [registryEntry('registry:a')]},
    {id: 'b', type: 'backend', label: 'B', owner: 'team-b', slo: null, endpoints: [ep('b:health')], registry: []},
    {id: 'c', type: 'tool', label: 'C', owner: 'team-a', slo: null, endpoints: [], registry: []},
    {id: 'd', type: 'gateway', label: 'D', owner: 'team-b', slo: null, endpoints: [ep('d:health')], registry: []},
  ]
  const fresh = '2026-11-26T10:00:00.000Z'
  const old = '2026-11-26T07:00:00.000Z'
  const latest = new Map<string, Observation>([
    ['a:health', obs('ok', fresh)],
    ['a:api', obs('warn', fresh)],
    ['registry:a', obs('error', fresh, 'registry file missing')],
    ['b:health', obs('ok', old)],
    ['d:health', obs('warn', fresh)],
    ['e:health', obs('ok', fresh)],
  ])
  const windows = new Map([['a:health', win(3, 1, 0, [5, 6, 7, 8])]])
  const report = buildStatus(inventory, {latest: latestOf(latest), windows: reads(windows)}, {since: '2026-11-25T10:00:00.000Z', until: '2026-11-26T10:00:00.000Z', staleAfterMs: 3_600_000})

  it('gives each entity the worst of its endpoints and registry entries, problems first: error, warn, stale, ok, then by id', () => {
    expect(report.since).toBe('2026-11-25T10:00:00.000Z')
    expect(report.entities.map((e) => [e.id, e.status])).toEqual([
      ['a', 'error'], // ok, warn, registry error
      ['d', 'warn'],
      ['b', 'stale'], // its only endpoint was last seen 3 h ago
      ['c', 'stale'], // nothing to observe
      ['e', 'ok'],
    ])
    expect(report.entities[0]!.registry).toEqual([
      {
        id: 'registry:a',
        status: 'error',
        detail: 'registry file missing',
        observed_at: fresh,
        interval_ms: 60_000,
        stale_after_ms: 3_600_000,
        checks: 0,
        uptime: null,
        coverage: 0,
        counts: {ok: 0, warn: 0, error: 0},
        drift: null,
      },
    ])
    expect(report.entities[0]!.endpoints[0]).toMatchObject({uptime: 1, checks: 4, p50_ms: 6, p95_ms: 8})
    expect(statusSummary(report)).toEqual({ok: 1, warn: 1, stale: 2, error: 1})
  })

  it('filters by type, owner and --only', () => {
    expect(filterInventory(inventory, {types: ['service', 'tool']}).map((e) => e.id)).toEqual(['a', 'c'])
    expect(filterInventory(inventory, {owners: ['team-b']}).map((e) => e.id)).toEqual(['b', 'd'])
    expect(filterInventory(inventory, {owners: ['team-b'], types: ['gateway']}).map((e) => e.id)).toEqual(['d'])
    expect(filterInventory(inventory, {only: ['b']}).map((e) => e.id)).toEqual(['b'])
    const narrowed = filterInventory(inventory, {only: ['a:api']})
    expect(narrowed.map((e) => [e.id, e.endpoints.map((x) => x.id), e.registry.length])).toEqual([['a', ['a:api'], 0]])
    expect(filterInventory(inventory, {only: ['registry:a']})[0]!.registry.map((r) => r.id)).toEqual(['registry:a'])
    expect(filterInventory(inventory, {}).length).toBe(5)
  })

  it('rejects an --only ID that names nothing', () => {
    expect(() => filterInventory(inventory, {only: ['a', 'nope']})).toThrow(/--only: no active entity, endpoint or registry entry with id "nope"/)
  })
})

describe('windows', () => {
  it('reads duration flags and rejects bad or zero ones with the flag name', () => {
    expect(durationFlag('since', '24h')).toBe(86_400_000)
    expect(() => durationFlag('since', 'yesterday')).toThrow(/^--since: "yesterday" is not a duration/)
    expect(() => durationFlag('older-than', '0d')).toThrow(/^--older-than: must be longer than 0/)
    expect(isoBefore(new Date('2026-11-26T10:00:00.000Z'), 3_600_000)).toBe('2026-11-26T09:00:00.000Z')
  })

  it('lays hour buckets that end with the current hour', () => {
    const b = hourBuckets(new Date('2026-11-26T10:41:02.220Z'), 4, 6)
    expect(b.map((x) => x.start)).toEqual([
      '2026-11-25T11:00:00.000Z',
      '2026-11-25T17:00:00.000Z',
      '2026-11-25T23:00:00.000Z',
      '2026-11-26T05:00:00.000Z',
    ])
    expect(b.at(-1)!.hours).toEqual(['2026-11-26T05', '2026-11-26T06', '2026-11-26T07', '2026-11-26T08', '2026-11-26T09', '2026-11-26T10'])
    expect(b.at(-1)!.end).toBe('2026-11-26T11:00:00.000Z')
  })
})
