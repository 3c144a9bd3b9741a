import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {evaluateSlos, poolFigures, sloDefinitions, sloExitCode, sloSpans, sloTargetIds, type SloDefinition, type SloReport} from '../../src/history/slo.js'
import {renderSloText} from '../../src/history/slo-text.js'
import {LatencyHistogram, poolLatencies, ExactLatencies} from '../../src/latency.js'
import type {SloSettings, WindowFigures, WindowReads} from '../../src/rows.js'
import {NO_PAINT} from '../../src/terminal.js'
import {endpoint, entity, figures, reads, registryEntry} from '../support/inventory.js'

const now = new Date('2026-11-30T14:00:00.000Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const slo = (target: number, window = '1d', latency_p95_ms: number | null = null): SloSettings => ({target, window, window_ms: window === '1d' ? DAY : Number.parseInt(window, 10) * DAY, latency_p95_ms})
const since = (ms: number) => new Date(now.getTime() - ms).toISOString()

/** Window reads per span length: endpoint and registry figures for the SLO's window, 6 h and 1 h. */
function readsBy(spans: Record<number, {endpoints?: Record<string, WindowFigures>; registry?: Record<string, WindowFigures>}>): Map<string, WindowReads> {
  const out = new Map<string, WindowReads>()
  for (const [ms, r] of Object.entries(spans)) out.set(since(Number(ms)), reads(new Map(Object.entries(r.endpoints ?? {})), new Map(Object.entries(r.registry ?? {}))))
  return out
}

describe('sloDefinitions', () => {
  it('takes an entity\'s SLO over all its endpoints and registry entries, and an endpoint\'s over its own checks', () => {
    const e1 = endpoint('a:health', 'health', {slo: slo(0.99)})
    const e2 = endpoint('a:api', 'api')
    const r = registryEntry('a:registry')
    const defs = sloDefinitions([
      entity({id: 'a', type: 'service', label: 'A', owner: 'o', slo: slo(0.995, '30d'), endpoints: [e2, e1], registry: [r]}),
      entity({id: 'b', type: 'service', label: 'B', owner: 'o', endpoints: [endpoint('b:health', 'health')], registry: []}),
    ])
    expect(defs.map((d) => [d.id, d.endpoints.map((x) => x.id), d.registry.map((x) => x.id)])).toEqual([
      ['a', ['a:api', 'a:health'], ['a:registry']],
      ['a:health', ['a:health'], []],
    ])
    expect(sloTargetIds(defs)).toEqual({endpoints: ['a:api', 'a:health'], registry: ['a:registry']})
    // Each window once, shortest first: the burn-rate hours, then the SLO windows.
    expect(sloSpans(defs, now).map((s) => [s.since, s.until])).toEqual([since(HOUR), since(6 * HOUR), since(DAY), since(30 * DAY)].map((s) => [s, now.toISOString()]))
    expect(sloSpans([], now)).toEqual([])
  })
})

describe('evaluateSlos', () => {
  // Checked hourly: a day less the grace (30 s) holds 23 due checks, 6 hours 5, the last hour none yet.
  const hourly = endpoint('h:health', 'health', {interval_ms: HOUR, slo: slo(0.9)})
  const defs = sloDefinitions([entity({id: 'h', type: 'service', label: 'H', owner: 'o', endpoints: [hourly], registry: []})])

  it('counts missed checks against compliance and the burn rates, and spends the budget past zero', () => {
    const report = evaluateSlos(
      defs,
      readsBy({
        [DAY]: {endpoints: {'h:health': figures(18, 2, 1, [120, 80])}},
        [6 * HOUR]: {endpoints: {'h:health': figures(4, 0, 1)}},
        [HOUR]: {endpoints: {'h:health': figures(1, 0, 0)}},
      }),
      now,
    )
    // 21 made of 23 due, 20 good: 20/23 = 86.96% < 90%; the budget of 10% is overspent by 30%.
    expect(report).toEqual({
      exact: true,
      slos: [
        {
          id: 'h:health',
          target: 0.9,
          window: '1d',
          compliance: 20 / 23,
          budget_remaining: expect.closeTo(1 - 3 / 23 / 0.1, 12),
          // 6 h: 1 bad of 5 = 20%, twice the budget; 1 h: one check made where none was due yet, good.
          burn_rate_6h: expect.closeTo(2, 12),
          burn_rate_1h: 0,
          latency_p95_ms: 120,
          ok: false,
        },
      ],
    })
    expect(report.slos[0]!.budget_remaining).toBeCloseTo(-0.3043, 4)
    expect(sloExitCode(report)).toBe(2)
  })

  it('holds at exactly the target, and with checks made beyond the interval never goes over 100%', () => {
    const exact = evaluateSlos(defs, readsBy({[DAY]: {endpoints: {'h:health': figures(207, 0, 23)}}, [6 * HOUR]: {}, [HOUR]: {}}), now)
    expect(exact.slos[0]).toMatchObject({compliance: 0.9, ok: true, burn_rate_1h: null, burn_rate_6h: expect.closeTo(10, 12)})
    expect(exact.slos[0]!.budget_remaining).toBeCloseTo(0, 12)
    const busy = evaluateSlos(defs, readsBy({[DAY]: {endpoints: {'h:health': figures(40, 0, 0)}}, [6 * HOUR]: {}, [HOUR]: {}}), now)
    expect(busy.slos[0]).toMatchObject({compliance: 1, budget_remaining: 1, ok: true})
    expect(sloExitCode(busy)).toBe(0)
  })

  it('breaks on a silent target: nothing made of what was due is 0% compliance', () => {
    const silent = evaluateSlos(defs, readsBy({[DAY]: {}, [6 * HOUR]: {}, [HOUR]: {}}), now)
    expect(silent.slos[0]).toMatchObject({compliance: 0, budget_remaining: expect.closeTo(-9, 12), burn_rate_6h: expect.closeTo(10, 12), burn_rate_1h: null, latency_p95_ms: null, ok: false})
  })

  it('cannot evaluate an SLO none of whose checks is due yet: nulls, exit 1', () => {
    const fresh = endpoint('f:health', 'health', {activated_at: '2026-11-30T13:59:30.000Z', slo: slo(0.99)})
    const report = evaluateSlos(sloDefinitions([entity({id: 'f', type: 'tool', label: 'F', owner: 'o', endpoints: [fresh], registry: []})]), readsBy({[DAY]: {}, [6 * HOUR]: {}, [HOUR]: {}}), now)
    expect(report.slos[0]).toEqual({id: 'f:health', target: 0.99, window: '1d', compliance: null, budget_remaining: null, burn_rate_1h: null, burn_rate_6h: null, latency_p95_ms: null, ok: null})
    expect(sloExitCode(report)).toBe(1)
  })

  it('pools an entity\'s endpoints and registry entries, and breaks on the pooled p95 over its limit', () => {
    // Every 10 minutes (grace 30 s): 143 due a day each.
    const at10m = {interval_ms: 600_000}
    const inventory = [
      entity({
        id: 'p',
        type: 'service',
        label: 'P',
        owner: 'o',
        slo: slo(0.95, '1d', 800),
        endpoints: [endpoint('p:health', 'health', at10m), endpoint('p:api', 'api', at10m)],
        registry: [registryEntry('p:registry', at10m)],
      }),
    ]
    const report = evaluateSlos(
      sloDefinitions(inventory),
      readsBy({
        [DAY]: {endpoints: {'p:health': figures(143, 0, 0, [100, 200]), 'p:api': figures(140, 0, 3, [300, 900])}, registry: {'p:registry': figures(143, 0, 0)}},
        [6 * HOUR]: {},
        [HOUR]: {},
      }),
      now,
    )
    // 426 good of 429 due: 99.3% holds 95%, but the p95 of 100, 200, 300, 900 (rank 4) is 900 ms > 800 ms.
    expect(report.slos[0]).toMatchObject({id: 'p', compliance: 426 / 429, latency_p95_ms: 900, ok: false})
    expect(sloExitCode(report)).toBe(2)
  })

  it('leaves budget and burn rates out for a target of 100%, which has no budget', () => {
    const all = endpoint('z:health', 'health', {interval_ms: HOUR, slo: slo(1)})
    const report = evaluateSlos(sloDefinitions([entity({id: 'z', type: 'tool', label: 'Z', owner: 'o', endpoints: [all], registry: []})]), readsBy({[DAY]: {endpoints: {'z:health': figures(23, 0, 0)}}, [6 * HOUR]: {}, [HOUR]: {}}), now)
    expect(report.slos[0]).toMatchObject({compliance: 1, budget_remaining: null, burn_rate_1h: null, burn_rate_6h: null, ok: true})
  })

  it('says when some figures came from rollups, and refuses reads that miss a window', () => {
    const r = readsBy({[DAY]: {}, [6 * HOUR]: {}, [HOUR]: {}})
    r.set(since(DAY), {...r.get(since(DAY))!, exact: false})
    expect(evaluateSlos(defs, r, now).exact).toBe(false)
    expect(() => evaluateSlos(defs, readsBy({[DAY]: {}}), now)).toThrow(/no figures read for the window since/)
  })
})

describe('sloExitCode', () => {
  const result = (ok: boolean | null) => ({id: 'x', target: 0.9, window: '1d', compliance: null, budget_remaining: null, burn_rate_1h: null, burn_rate_6h: null, latency_p95_ms: null, ok})
  it('is 0 with every SLO holding or none, 2 when one is broken, else 1 when one could not be evaluated', () => {
    const code = (...oks: Array<boolean | null>): number => sloExitCode({exact: true, slos: oks.map(result)})
    expect(code()).toBe(0)
    expect(code(true, true)).toBe(0)
    expect(code(true, false)).toBe(2)
    expect(code(null, false)).toBe(2)
    expect(code(true, null)).toBe(1)
  })
})

describe('SLO properties', () => {
  const span = {since: since(DAY), until: now.toISOString()}
  const target = fc.record({
    interval_ms: fc.constantFrom(10_000, 30_000, 60_000, 300_000, HOUR),
    // Activated anywhere from 2 days before to just now, or unmanaged.
    activated_at: fc.option(fc.integer({min: 0, max: 2 * DAY}).map((ago) => since(ago)), {nil: null}),
  })
  const counts = fc.record({ok: fc.nat(3000), warn: fc.nat(300), error: fc.nat(300)})
  const def = (targets: Array<{interval_ms: number; activated_at: string | null}>, t: number): SloDefinition => ({
    id: 'p',
    slo: slo(t),
    endpoints: targets.map((x, i) => ({id: `e${i}`, ...x})),
    registry: [],
  })
  const readsOf = (cs: Array<{ok: number; warn: number; error: number}>): WindowReads =>
    reads(new Map(cs.map((c, i) => [`e${i}`, figures(c.ok, c.warn, c.error)])))
  const sloTarget = fc.double({min: 0.5, max: 0.9999, noNaN: true})

  it('keeps compliance in [0, 1] and the budget at most 1', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(target, counts), {minLength: 1, maxLength: 5}), sloTarget, (pairs, t) => {
        const d = def(pairs.map(([x]) => x), t)
        const r = readsOf(pairs.map(([, c]) => c))
        const report = evaluateSlos([d], new Map([since(HOUR), since(6 * HOUR), since(DAY)].map((s) => [s, r])), now)
        const s = report.slos[0]!
        if (s.compliance === null) return expect(s.ok).toBeNull()
        expect(s.compliance).toBeGreaterThanOrEqual(0)
        expect(s.compliance).toBeLessThanOrEqual(1)
        expect(s.budget_remaining!).toBeLessThanOrEqual(1 + 1e-12)
        expect(s.ok).toBe(s.compliance + 1e-9 >= t)
      }),
    )
  })

  it('only lowers compliance when checks go missing, and only raises it when a bad check turns good', () => {
    fc.assert(
      fc.property(target, counts, fc.nat(400), (x, c, missing) => {
        const d = def([x], 0.9)
        const before = poolFigures(d, readsOf([c]), span)
        const lost = Math.min(missing, c.ok)
        const after = poolFigures(d, readsOf([{...c, ok: c.ok - lost}]), span)
        const ratio = (f: {good: number; expected: number}) => (f.expected === 0 ? 1 : f.good / f.expected)
        expect(ratio(after)).toBeLessThanOrEqual(ratio(before) + 1e-12)
        const healed = poolFigures(d, readsOf([{...c, ok: c.ok + Math.min(1, c.error), error: c.error - Math.min(1, c.error)}]), span)
        expect(ratio(healed)).toBeGreaterThanOrEqual(ratio(before) - 1e-12)
      }),
    )
  })
})

describe('poolLatencies', () => {
  it('stays exact over exact parts, and within the histogram\'s accuracy over mixed ones', () => {
    expect(poolLatencies([new ExactLatencies([300, 100]), new ExactLatencies([900, 200])]).percentile(95)).toBe(900)
    const mixed = poolLatencies([new ExactLatencies([100, 200]), new LatencyHistogram().add(300).add(900)])
    expect(mixed.count).toBe(4)
    expect(Math.abs(mixed.percentile(95)! - 900) / 900).toBeLessThanOrEqual(0.005)
    expect(poolLatencies([]).percentile(95)).toBeNull()
  })
})

describe('renderSloText', () => {
  const report: SloReport = {
    exact: true,
    slos: [
      {id: 'ok:1', target: 0.995, window: '30d', compliance: 0.9981, budget_remaining: 0.62, burn_rate_1h: 0, burn_rate_6h: 0.35, latency_p95_ms: 412.4, ok: true},
      {id: 'bad:1', target: 0.99, window: '7d', compliance: 0.9712, budget_remaining: -1.88, burn_rate_1h: 12.5, burn_rate_6h: 4, latency_p95_ms: 912, ok: false},
      {id: 'new:1', target: 0.9, window: '1d', compliance: null, budget_remaining: null, burn_rate_1h: null, burn_rate_6h: null, latency_p95_ms: null, ok: null},
    ],
  }
  it('prints a head line and one row per SLO, the broken ones first', () => {
    const text = renderSloText(report, {paint: NO_PAINT, limits: new Map([['ok:1', 800], ['bad:1', 800]])})
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^3 SLOs: 1 ok, 1 broken, 1 unknown /)
    expect(lines[2]).toMatch(/^STATE +SLO +TARGET +WINDOW +COMPLIANCE +BUDGET LEFT +BURN 1H +BURN 6H +P95$/)
    expect(lines[3]).toMatch(/^broken +bad:1 +99\.00% +7d +97\.12% +-188\.00% +12\.50 +4\.00 +912 ms > 800 ms$/)
    expect(lines[4]).toMatch(/^unknown +new:1 +90\.00% +1d +no checks due yet +– +– +– +–$/)
    expect(lines[5]).toMatch(/^ok +ok:1 +99\.50% +30d +99\.81% +62\.00% +0\.00 +0\.35 +412 ms ≤ 800 ms$/)
  })

  it('says so when no SLO is defined', () => {
    expect(renderSloText({exact: true, slos: []}, {paint: NO_PAINT, limits: new Map()})).toMatch(/^No SLOs defined: add `slo:`/)
  })
})
