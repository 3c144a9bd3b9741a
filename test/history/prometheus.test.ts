import {endpoint, reads, registryEntry, figures} from '../support/inventory.js'
import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {parseExposition} from '../../src/check/prometheus-text.js'
import {escapeLabelValue, renderPrometheus} from '../../src/history/prometheus.js'
import {buildStatus} from '../../src/history/status.js'
import type {InventoryEntity, Observation} from '../../src/rows.js'
import {parseExpositionStrict, sampleOf} from './exposition.js'

const inventory: InventoryEntity[] = [
  {
    id: 'mlx:8100',
    type: 'backend',
    label: 'jerry-xl',
    owner: 'ml "core" \\ team\nnight shift',
    slo: null,
    endpoints: [
      // Applied 20 minutes before now (10:30): 19 checks due at one a minute, 10 made.
      endpoint('mlx:8100:health', 'health', {activated_at: '2026-11-26T10:10:00.000Z'}),
      endpoint('mlx:8100:models', 'models'),
    ],
    // Every 5 minutes, applied an hour ago: 11 due, 12 made (coverage is at most 1).
    registry: [registryEntry('registry:mlx:8100', {interval_ms: 300_000, activated_at: '2026-11-26T09:30:00.000Z'})],
  },
]
const latest = new Map<string, Observation>([
  ['mlx:8100:health', {status: 'warn', detail: 'slow', observed_at: '2026-11-26T10:00:00.000Z', latency_ms: 250, phases_ms: {resolve: 0, connect: 1, tls: 0, processing: 248, transfer: 1}}],
  ['registry:mlx:8100', {status: 'ok', detail: 'parsed', observed_at: '2026-11-26T09:59:30.500Z', latency_ms: null, phases_ms: null}],
])
// 6 ok, 2 warn, 2 error; latencies 10..100 ms: p50 = 50 ms, p95 = 100 ms.
const windows = new Map([['mlx:8100:health', figures(6, 2, 2, [100, 90, 80, 70, 60, 50, 40, 30, 20, 10])]])
const registryWindows = new Map([['registry:mlx:8100', figures(12, 0, 0)]])
const report = buildStatus(inventory, {latest, windows: reads(windows, registryWindows)}, {since: '2026-11-25T10:30:00.000Z', until: '2026-11-26T10:30:00.000Z', staleAfterMs: 3_600_000})
const text = renderPrometheus(report, {windowMs: 86_400_000, staleAfterMs: 3_600_000})

describe('renderPrometheus', () => {
  it('parses back strictly, every family a gauge with HELP and TYPE', () => {
    const families = parseExpositionStrict(text)
    for (const f of families.values()) expect(f.type, f.name).toBe('gauge')
    expect([...families.keys()]).toEqual([
      'mon_entity_state',
      'mon_endpoint_state',
      'mon_endpoint_up',
      'mon_endpoint_uptime_ratio',
      'mon_endpoint_warn_ratio',
      'mon_endpoint_checks',
      'mon_endpoint_coverage_ratio',
      'mon_endpoint_latency_p50_seconds',
      'mon_endpoint_latency_p95_seconds',
      'mon_probe_phase_seconds',
      'mon_endpoint_last_check_timestamp_seconds',
      'mon_registry_state',
      'mon_registry_last_check_timestamp_seconds',
      'mon_registry_coverage_ratio',
      'mon_target_stale_after_seconds',
      'mon_status_window_seconds',
      'mon_status_stale_after_seconds',
    ])
    // The check engineer's reader, which `mon check` uses on metrics endpoints, agrees.
    expect(parseExposition(text)).toMatchObject({ok: true})
  })

  it('holds the figures in base units, with the labels and their escapes intact', () => {
    const f = parseExpositionStrict(text)
    const health = {entity: 'mlx:8100', endpoint: 'mlx:8100:health', kind: 'health', type: 'backend', owner: 'ml "core" \\ team\nnight shift'}
    expect(f.get('mon_endpoint_uptime_ratio')!.samples[0]!.labels).toEqual(health)
    expect(sampleOf(f, 'mon_endpoint_uptime_ratio', health)).toBe(0.8)
    expect(sampleOf(f, 'mon_endpoint_warn_ratio', health)).toBe(0.2)
    expect(sampleOf(f, 'mon_endpoint_checks', health)).toBe(10)
    expect(sampleOf(f, 'mon_endpoint_latency_p50_seconds', health)).toBe(0.05)
    expect(sampleOf(f, 'mon_endpoint_latency_p95_seconds', health)).toBe(0.1)
    expect(sampleOf(f, 'mon_probe_phase_seconds', {...health, phase: 'processing'})).toBe(0.248)
    expect(f.get('mon_probe_phase_seconds')!.samples.map((s) => s.labels.phase)).toEqual(['resolve', 'connect', 'tls', 'processing', 'transfer'])
    expect(sampleOf(f, 'mon_endpoint_last_check_timestamp_seconds', health)).toBe(Date.parse('2026-11-26T10:00:00.000Z') / 1000)
    expect(sampleOf(f, 'mon_endpoint_up', health)).toBe(1)
    expect(sampleOf(f, 'mon_status_window_seconds', {})).toBe(86_400)
    expect(sampleOf(f, 'mon_status_stale_after_seconds', {})).toBe(3600)
    expect(sampleOf(f, 'mon_registry_last_check_timestamp_seconds', {registry: 'registry:mlx:8100'})).toBe(Date.parse('2026-11-26T09:59:30.500Z') / 1000)
    expect(sampleOf(f, 'mon_endpoint_coverage_ratio', health)).toBe(Number((10 / 19).toPrecision(15)))
    // 24 hours at one a minute, nothing checked: covered 0, not left out.
    expect(sampleOf(f, 'mon_endpoint_coverage_ratio', {endpoint: 'mlx:8100:models'})).toBe(0)
    expect(sampleOf(f, 'mon_registry_coverage_ratio', {registry: 'registry:mlx:8100'})).toBe(1)
    expect(f.get('mon_target_stale_after_seconds')!.samples.map((s) => [s.labels.target, s.labels.kind, s.value])).toEqual([
      ['mlx:8100:health', 'health', 3600],
      ['mlx:8100:models', 'models', 3600],
      ['registry:mlx:8100', 'registry', 3600],
    ])
  })

  it('gives each target its own stale limit, 3 of its intervals, when --stale-after is not given', () => {
    const own = buildStatus(inventory, {latest, windows: reads(windows, registryWindows)}, {since: report.since, until: '2026-11-26T10:30:00.000Z', staleAfterMs: null})
    const f = parseExpositionStrict(renderPrometheus(own, {windowMs: 86_400_000, staleAfterMs: null}))
    expect(f.has('mon_status_stale_after_seconds')).toBe(false)
    expect(f.get('mon_target_stale_after_seconds')!.samples.map((s) => [s.labels.target, s.value])).toEqual([
      ['mlx:8100:health', 180],
      ['mlx:8100:models', 180],
      ['registry:mlx:8100', 900],
    ])
    // The health check 30 minutes ago is stale after 3 minutes; the registry entry's, 30.5 minutes ago, after 15.
    expect(sampleOf(f, 'mon_endpoint_state', {endpoint: 'mlx:8100:health', state: 'stale'})).toBe(1)
    expect(sampleOf(f, 'mon_registry_state', {registry: 'registry:mlx:8100', state: 'stale'})).toBe(1)
  })

  it('sets exactly one state per series to 1', () => {
    const f = parseExpositionStrict(text)
    const states = (name: string, key: string) => {
      const by = new Map<string, string[]>()
      for (const s of f.get(name)!.samples) {
        if (s.value === 1) by.set(s.labels[key]!, [...(by.get(s.labels[key]!) ?? []), s.labels.state!])
        expect([0, 1]).toContain(s.value)
      }
      return Object.fromEntries(by)
    }
    expect(f.get('mon_endpoint_state')!.samples.length).toBe(8) // 2 endpoints × 4 states
    expect(states('mon_endpoint_state', 'endpoint')).toEqual({'mlx:8100:health': ['warn'], 'mlx:8100:models': ['stale']})
    expect(states('mon_registry_state', 'registry')).toEqual({'registry:mlx:8100': ['ok']})
    expect(states('mon_entity_state', 'entity')).toEqual({'mlx:8100': ['stale']})
    expect(sampleOf(f, 'mon_endpoint_up', {endpoint: 'mlx:8100:models'})).toBe(0)
  })

  it('leaves out figures that have no data instead of inventing them', () => {
    const f = parseExpositionStrict(text)
    const models = {endpoint: 'mlx:8100:models'}
    expect(sampleOf(f, 'mon_endpoint_uptime_ratio', models)).toBeUndefined()
    expect(sampleOf(f, 'mon_endpoint_latency_p50_seconds', models)).toBeUndefined()
    expect(sampleOf(f, 'mon_endpoint_last_check_timestamp_seconds', models)).toBeUndefined()
    expect(sampleOf(f, 'mon_endpoint_checks', models)).toBe(0)
    expect(text).not.toMatch(/NaN/)
  })

  it('escapes label values as the format says', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd')
    expect(text).toContain('owner="ml \\"core\\" \\\\ team\\nnight shift"')
  })

  it('prints only the window figures for an empty inventory', () => {
    const empty = renderPrometheus({since: report.since, exact: true, entities: []}, {windowMs: 60_000, staleAfterMs: 60_000})
    expect([...parseExpositionStrict(empty).keys()]).toEqual(['mon_status_window_seconds', 'mon_status_stale_after_seconds'])
  })

  // .ci/run unpacks Debian's promtool and names it in MON_PROMTOOL; in CI it must be there.
  const promtool = [process.env.MON_PROMTOOL, '/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => p !== undefined && p !== '' && existsSync(p))
  const ci = process.env.CI === 'true' || process.env.CI === '1'
  it.skipIf(!promtool && !ci)('passes promtool check metrics (where promtool is installed; always in CI)', () => {
    if (!promtool) throw new Error('promtool not found: .ci/run sets MON_PROMTOOL, or install Debian package prometheus')
    const out = execFileSync(promtool!, ['check', 'metrics'], {input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe']})
    expect(out.trim()).toBe('')
  })
})

describe('sample values', () => {
  it('drop float noise but keep millisecond timestamps', () => {
    const r = buildStatus(
      [{id: 'e', type: 'tool', label: 'E', owner: 'o', slo: null, endpoints: [endpoint('e:api', 'api')], registry: []}],
      {
        latest: new Map([['e:api', {status: 'ok', detail: 'd', observed_at: '2026-11-26T13:17:12.237Z', latency_ms: 321.57, phases_ms: null}]]),
        windows: reads(new Map([['e:api', figures(1, 0, 0, [321.57])]])),
      },
      {since: '2026-11-25T13:00:00.000Z', until: '2026-11-26T13:00:00.000Z', staleAfterMs: null},
    )
    const out = renderPrometheus(r, {windowMs: 1000, staleAfterMs: 1000})
    expect(out).toContain('mon_endpoint_latency_p50_seconds{entity="e",endpoint="e:api",kind="api",type="tool",owner="o"} 0.32157\n')
    expect(out).toContain('mon_endpoint_last_check_timestamp_seconds{entity="e",endpoint="e:api",kind="api",type="tool",owner="o"} 1795699032.237\n')
  })
})
