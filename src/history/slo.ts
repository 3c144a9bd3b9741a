/**
 * SLO math, pure (`mon slo`, the status page): per SLO, the share of its
 * expected checks that were good over its window, the error budget left,
 * and how fast the last 1 and 6 hours burn it. A check that was due and not
 * made counts as a bad one, so a target that stopped being checked cannot
 * hold its SLO by silence.
 */
import type {InventoryEntity, InventoryTarget, SloSettings, WindowFigures, WindowReads} from '../rows.js'
import {poolLatencies, type LatencyDistribution} from '../latency.js'
import {expectedOutsideMaintenance, type TimeSpan} from './coverage.js'

const HOUR_MS = 3_600_000
/** The burn-rate windows, after the multiwindow alerts of Google's SRE workbook. */
export const BURN_WINDOWS = {burn_rate_1h: HOUR_MS, burn_rate_6h: 6 * HOUR_MS} as const

/** One `slo:` as applied, with the targets whose checks it pools: all an entity's, or one endpoint's. */
export interface SloDefinition {
  /** The entity's or the endpoint's id. */
  id: string
  slo: SloSettings
  endpoints: readonly InventoryTarget[]
  registry: readonly InventoryTarget[]
}

/** The `mon slo --json` shape, per SLO. Null where nothing was expected yet (or, for burn rates, a target of 100% leaves no budget to burn). */
export interface SloResult {
  id: string
  target: number
  window: string
  compliance: number | null
  budget_remaining: number | null
  burn_rate_1h: number | null
  burn_rate_6h: number | null
  latency_p95_ms: number | null
  /** Compliance at or over the target and the p95 within its limit; null when it could not be evaluated. */
  ok: boolean | null
}

export interface SloReport {
  /** True when only raw rows were read. */
  exact: boolean
  slos: SloResult[]
}

/** Every SLO in the inventory: an entity's first, then its endpoints' own, in inventory order. */
export function sloDefinitions(inventory: readonly InventoryEntity[]): SloDefinition[] {
  const defs: SloDefinition[] = []
  for (const entity of inventory) {
    if (entity.slo) defs.push({id: entity.id, slo: entity.slo, endpoints: entity.endpoints, registry: entity.registry})
    for (const e of entity.endpoints) if (e.slo) defs.push({id: e.id, slo: e.slo, endpoints: [e], registry: []})
  }
  return defs
}

/** The windows to read: each SLO's, and the burn-rate hours; each back from now, once. */
export function sloSpans(defs: readonly SloDefinition[], now: Date): TimeSpan[] {
  const lengths = new Set<number>(defs.length === 0 ? [] : Object.values(BURN_WINDOWS))
  for (const d of defs) lengths.add(d.slo.window_ms)
  return [...lengths].sort((a, b) => a - b).map((ms) => spanOf(now, ms))
}

/** The targets whose figures the SLOs need, once each. */
export function sloTargetIds(defs: readonly SloDefinition[]): {endpoints: string[]; registry: string[]} {
  return {
    endpoints: [...new Set(defs.flatMap((d) => d.endpoints.map((t) => t.id)))],
    registry: [...new Set(defs.flatMap((d) => d.registry.map((t) => t.id)))],
  }
}

function spanOf(now: Date, ms: number): TimeSpan {
  return {since: new Date(now.getTime() - ms).toISOString(), until: now.toISOString()}
}

/** What one SLO's targets add up to over one span: good checks, expected checks (made or missed), latencies. */
export interface PooledFigures {
  good: number
  expected: number
  latency: LatencyDistribution
}

/**
 * A target's expected checks are at least the checks it made (a target
 * checked more often than its interval is not over 100%), less those taken
 * in maintenance, as in coverage.
 */
export function poolFigures(def: SloDefinition, reads: WindowReads, span: TimeSpan): PooledFigures {
  let good = 0
  let expected = 0
  const latencies: LatencyDistribution[] = []
  const add = (target: InventoryTarget, w: WindowFigures | undefined) => {
    const made = w ? w.ok + w.warn + w.error : 0
    good += w ? w.ok + w.warn : 0
    expected += Math.max(expectedOutsideMaintenance(target, span, w?.maintenance), made)
    if (w && w.latency.count > 0) latencies.push(w.latency)
  }
  for (const t of def.endpoints) add(t, reads.endpoints.get(t.id))
  for (const t of def.registry) add(t, reads.registry.get(t.id))
  return {good, expected, latency: poolLatencies(latencies)}
}

/** Compliance below the target by no more than float noise still holds it (995/1000 against 99.5%). */
const EPSILON = 1e-9

/** The error rate over the span divided by the budget; null without expected checks or without a budget. */
function burnRate(f: PooledFigures, target: number): number | null {
  if (f.expected === 0 || target >= 1) return null
  return (1 - f.good / f.expected) / (1 - target)
}

export function evaluateSlo(def: SloDefinition, figures: {window: PooledFigures; burn_rate_1h: PooledFigures; burn_rate_6h: PooledFigures}): SloResult {
  const {target, window, latency_p95_ms: limit} = def.slo
  const w = figures.window
  const compliance = w.expected === 0 ? null : w.good / w.expected
  const p95 = w.latency.count === 0 ? null : w.latency.percentile(95)
  const budget = compliance === null || target >= 1 ? null : 1 - (1 - compliance) / (1 - target)
  const latencyHolds = limit === null || p95 === null || p95 <= limit
  return {
    id: def.id,
    target,
    window,
    compliance,
    budget_remaining: budget,
    burn_rate_1h: burnRate(figures.burn_rate_1h, target),
    burn_rate_6h: burnRate(figures.burn_rate_6h, target),
    latency_p95_ms: p95,
    ok: compliance === null ? null : compliance + EPSILON >= target && latencyHolds,
  }
}

/** reads: window figures per span's `since` (sloSpans); every span ends at now. */
export function evaluateSlos(defs: readonly SloDefinition[], reads: ReadonlyMap<string, WindowReads>, now: Date): SloReport {
  const pooled = (def: SloDefinition, ms: number) => {
    const span = spanOf(now, ms)
    const r = reads.get(span.since)
    if (!r) throw new Error(`evaluateSlos: no figures read for the window since ${span.since}`)
    return poolFigures(def, r, span)
  }
  const slos = defs.map((def) =>
    evaluateSlo(def, {window: pooled(def, def.slo.window_ms), burn_rate_1h: pooled(def, BURN_WINDOWS.burn_rate_1h), burn_rate_6h: pooled(def, BURN_WINDOWS.burn_rate_6h)}),
  )
  return {exact: [...reads.values()].every((r) => r.exact), slos}
}

/** An SLO's state in words: ok, broken, or unknown (nothing due yet). */
export function sloState(s: SloResult): 'ok' | 'broken' | 'unknown' {
  return s.ok === null ? 'unknown' : s.ok ? 'ok' : 'broken'
}

/** 0 when every SLO holds (or there is none), 2 when one is broken, else 1 when one could not be evaluated. */
export function sloExitCode(report: SloReport): 0 | 1 | 2 {
  if (report.slos.some((s) => s.ok === false)) return 2
  if (report.slos.some((s) => s.ok === null)) return 1
  return 0
}
