/**
 * Status, uptime, coverage and SLOs leave out snapshots taken in maintenance
 * (SPEC 7), through the commands on both engines, with a fixed clock.
 * Applied at 10:00, read at 14:00: two endpoints checked every minute, each
 * with 30 errors from 11:00 to 11:30; `in` took them in a maintenance window,
 * `out` did not. 239 checks are due in the four hours (less 6 s of grace).
 *   in:   210 counted, all ok: uptime 100%, coverage 210 / (239 - 30) = 1, SLO compliance 1
 *   out:  240 counted, 30 errors: uptime 210/240, coverage 1, SLO compliance 210/240
 */
import {describe, expect, it} from 'vitest'

import type {SnapshotRow} from '../../src/rows.js'
import {ENGINES} from '../support/engines.js'
import {useAppliedHistory} from './applied-history.js'
import {MIN} from './seed.js'

const CONFIG = `version: 1
entities:
  - id: svc
    type: service
    label: A service
    owner: team
    endpoints:
      - id: in
        kind: health
        url: http://127.0.0.1:9/in
        slo:
          target: 99%
          window: 1d
      - id: out
        kind: health
        url: http://127.0.0.1:9/out
        slo:
          target: 99%
          window: 1d
`
const APPLIED = Date.parse('2026-11-30T10:00:00.000Z')
const NOW = '2026-11-30T14:00:00.000Z'
const DOWN_ID = '01900000-0000-7000-8000-000000000120'

function history(): SnapshotRow[] {
  const rows: SnapshotRow[] = []
  for (let m = 0; m < 240; m++) {
    const down = m >= 60 && m < 90
    for (const [n, endpoint] of ['in', 'out'].entries()) {
      rows.push({
        id: `01900000-0000-7000-8000-${String(m * 2 + n).padStart(12, '0')}`,
        entity_id: 'svc',
        endpoint_id: endpoint,
        registry_id: null,
        status: down ? 'error' : 'ok',
        detail: down ? 'HTTP 503' : 'HTTP 200',
        payload_json: null,
        latency_ms: down ? 5000 : 100 + (m % 10),
        phases_ms_json: null,
        observed_at: new Date(APPLIED + m * MIN + 2000).toISOString(),
        maintenance: down && endpoint === 'in' ? 'db-move' : null,
      })
    }
  }
  return rows
}

describe.each(ENGINES)('snapshots in maintenance in status, slo, history and show on %s', (engine) => {
  const {at} = useAppliedHistory(engine, {config: CONFIG, appliedAt: new Date(APPLIED).toISOString(), now: NOW, rows: history})

  it('a window of errors during maintenance leaves uptime at 100% and coverage whole; rollups and --exact agree', async () => {
    for (const exact of [[], ['--exact']]) {
      const r = await at(['status', '--json', '--since', '5h', ...exact])
      expect(r.code, r.stderr).toBe(0)
      const [inside, outside] = JSON.parse(r.stdout).entities[0].endpoints
      expect(inside).toMatchObject({id: 'in', checks: 210, uptime: 1, coverage: 1, counts: {ok: 210, warn: 0, error: 0}, p95_ms: expect.any(Number)})
      expect(inside.p95_ms).toBeLessThan(120) // the 5 s latencies in maintenance are left out
      expect(outside).toMatchObject({id: 'out', checks: 240, uptime: 210 / 240, coverage: 1, counts: {ok: 210, warn: 0, error: 30}})
    }
  })

  it('an SLO expects the checks taken in maintenance fewer, and counts none of them bad', async () => {
    for (const exact of [[], ['--exact']]) {
      const r = await at(['slo', '--json', ...exact])
      const out = JSON.parse(r.stdout)
      expect(out.slos.map((s: {id: string; compliance: number}) => [s.id, s.compliance])).toEqual([
        ['in', 1],
        ['out', 210 / 240],
      ])
      expect(r.code).toBe(2) // `out` breaks its 99%
    }
  })

  it('history --json and show name the window a snapshot was taken in', async () => {
    const r = await at(['history', 'in', '--json', '--since', '5h', '--limit', '1000'])
    expect(r.code, r.stderr).toBe(0)
    const snapshots = JSON.parse(r.stdout).snapshots as Array<{id: string; status: string; maintenance: string | null}>
    expect(snapshots.filter((s) => s.maintenance === 'db-move').length).toBe(30)
    expect(snapshots.filter((s) => s.maintenance === null).length).toBe(210)
    const shown = await at(['show', DOWN_ID, '--json'])
    expect(shown.code, shown.stderr).toBe(0)
    expect(JSON.parse(shown.stdout)).toMatchObject({id: DOWN_ID, endpoint_id: 'in', status: 'error', maintenance: 'db-move'})
    expect((await at(['show', DOWN_ID])).stdout).toMatch(/^ {2}maintenance +db-move$/m)
    const outside = await at(['show', '01900000-0000-7000-8000-000000000121'])
    expect(outside.stdout).not.toContain('maintenance')
  })
})
