/**
 * Intervals, activation and SLOs from the file through apply to status, slo
 * and the Prometheus output, on both engines, with a fixed clock (MON_NOW).
 * Hand-computed: applied at 10:00, read at 14:00 (four hours).
 *   ov:9000:health    every minute, 240 checks, 5 errors at 11:00: 239 due (4 h less 6 s of grace), coverage 100%
 *   ov:9000:models    every minute, nothing between 12:00 and 13:00: 180 of 239, coverage 75.31%, latencies 300..900 ms
 *   registry:ov:9000  every 5 minutes, 48 checks: 47 due (4 h less 30 s)
 */
import {describe, expect, it} from 'vitest'

import type {SnapshotRow} from '../../src/rows.js'
import {ENGINES} from '../support/engines.js'
import {useAppliedHistory} from './applied-history.js'
import {parseExpositionStrict, sampleOf} from './exposition.js'
import {MIN, withDriver} from './seed.js'


const CONFIG = `version: 1
entities:
  - id: ov:9000
    type: backend
    label: OpenVINO Model Server
    owner: ov
    slo:
      target: 99%
      window: 1d
      latency_p95: 800ms
    endpoints:
      - kind: health
        url: http://127.0.0.1:9/health
        slo:
          target: 0.999
          window: 1d
      - kind: models
        url: http://127.0.0.1:9/models
    registry:
      - path: ./registry.json
        authority: ov
        interval: 5m
`
const APPLIED = Date.parse('2026-11-30T10:00:00.000Z')
const NOW = '2026-11-30T14:00:00.000Z'

function history(): SnapshotRow[] {
  const rows: SnapshotRow[] = []
  const row = (id: string, ref: {endpoint?: string; registry?: string}, status: 'ok' | 'error', latency: number | null, t: number): SnapshotRow => ({
    id,
    entity_id: 'ov:9000',
    endpoint_id: ref.endpoint ?? null,
    registry_id: ref.registry ?? null,
    status,
    detail: status,
    payload_json: null,
    latency_ms: latency,
    phases_ms_json: null,
    observed_at: new Date(t).toISOString(),
  })
  for (let m = 0; m < 240; m++) {
    const t = APPLIED + m * MIN + 2000
    const id = (n: number) => `01900000-0000-7000-8000-${String(m * 3 + n).padStart(12, '0')}`
    const down = m >= 60 && m < 65
    rows.push(row(id(0), {endpoint: 'ov:9000:health'}, down ? 'error' : 'ok', down ? null : 100 + (m % 10), t))
    if (m < 120 || m >= 180) rows.push(row(id(1), {endpoint: 'ov:9000:models'}, 'ok', 300 + (m % 7) * 100, t))
    if (m % 5 === 0) rows.push(row(id(2), {registry: 'registry:ov:9000'}, 'ok', null, t))
  }
  return rows
}

describe.each(ENGINES)('schedules and SLOs from the file to status and slo on %s', (engine) => {
  const {at, db} = useAppliedHistory(engine, {config: CONFIG, files: {'registry.json': '{}'}, appliedAt: new Date(APPLIED).toISOString(), now: NOW, rows: history})

  it('gives coverage from each target\'s interval since it was applied, and its own stale limit', async () => {
    const r = await at(['status', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [entity] = JSON.parse(r.stdout).entities
    const [health, models] = entity.endpoints
    expect(health).toMatchObject({id: 'ov:9000:health', status: 'ok', checks: 240, coverage: 1, stale_after_ms: 180_000})
    expect(models).toMatchObject({id: 'ov:9000:models', checks: 180, coverage: 180 / 239})
    expect(entity.registry[0]).toMatchObject({id: 'registry:ov:9000', checks: 48, coverage: 1, interval_ms: 300_000, stale_after_ms: 900_000})
    const text = (await at(['status'])).stdout
    expect(text).toMatch(/ov:9000:models +models +100\.00% up of 180 +coverage 75\.31% \(gaps\) /)
    const f = parseExpositionStrict((await at(['status', '--format', 'prometheus'])).stdout)
    expect(sampleOf(f, 'mon_endpoint_coverage_ratio', {endpoint: 'ov:9000:models'})).toBe(Number((180 / 239).toPrecision(15)))
    expect(sampleOf(f, 'mon_target_stale_after_seconds', {target: 'registry:ov:9000'})).toBe(900)
  })

  it('breaks both SLOs, counting the missed hour against the entity\'s, and exits 2', async () => {
    const r = await at(['slo', '--json', '--exact'])
    expect(r.code, r.stderr).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.exact).toBe(true)
    // Entity: 235 + 180 + 48 good of 240 + 239 + 48 expected; its p95 (rank 395 of 415 latencies) is a models one, 900 ms > 800 ms.
    expect(out.slos[0]).toMatchObject({id: 'ov:9000', target: 0.99, window: '1d', compliance: 463 / 527, latency_p95_ms: 900, burn_rate_1h: 0, ok: false})
    expect(out.slos[0].budget_remaining).toBeCloseTo(1 - (1 - 463 / 527) / 0.01, 9)
    // Health: 235 good of 240; the last hour was clean, the last 6 hours hold the whole history.
    expect(out.slos[1]).toMatchObject({id: 'ov:9000:health', target: 0.999, compliance: 235 / 240, latency_p95_ms: 109, burn_rate_1h: 0, ok: false})
    expect(out.slos[1].burn_rate_6h).toBeCloseTo((5 / 240) / 0.001, 9)
    const text = await at(['slo'])
    expect(text.code).toBe(2)
    expect(text.stdout).toMatch(/^broken +ov:9000 +99\.00% +1d +87\.85% +-1114\.43% +0\.00 +12\.14 +90[0-9] ms > 800 ms$/m) // p95 from the rollups histogram: within 1% of the exact 900
  })
  it('exits 1 naming a stored SLO that does not read, and status warns and leaves it out', async () => {
    const stored = await withDriver(db(), (d) => d.all<{slo_json: string}>("SELECT slo_json FROM endpoints WHERE id = 'ov:9000:health'"))
    await withDriver(db(), (d) => d.run("UPDATE endpoints SET slo_json = '{\"target\": 99' WHERE id = 'ov:9000:health'"))
    try {
      const r = await at(['slo', '--json'])
      expect(r.code).toBe(1)
      expect(r.stderr.trim().split('\n')).toEqual(['Error: the stored slo of endpoint ov:9000:health does not read (edited by hand?); mon apply stores it again'])
      const status = await at(['status', '--json'])
      expect(status.code, status.stderr).toBe(0)
      expect(status.stderr).toContain('Warning: the stored slo of endpoint ov:9000:health does not read and is left out')
    } finally {
      await withDriver(db(), (d) => d.run("UPDATE endpoints SET slo_json = ? WHERE id = 'ov:9000:health'", [stored[0]!.slo_json]))
    }
  })
})
