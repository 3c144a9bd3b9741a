/**
 * Status math, pure: from the active inventory and what the snapshots say
 * about it, the state, uptime and latency percentiles of every endpoint,
 * registry entry and entity. No I/O here; src/store/history.ts reads the rows.
 */
import {MonError} from '../errors.js'
import {didYouMean} from '../config/suggest.js'
import type {Phases} from '../phases.js'
import type {InventoryEndpoint, InventoryEntity, InventoryRegistry, InventoryTarget, Observation, WindowFigures, WindowReads, LatestReads} from '../rows.js'
import {worstStatus, type HealthStatus} from '../status.js'
import {ExactLatencies} from '../latency.js'
import {coverageOf, expectedOutsideMaintenance, staleAfterMs} from './coverage.js'
import type {DriftRow} from '../check/drift.js'
import type {ServesSeen} from './drift-view.js'

export {percentile} from '../latency.js'

// ---- inputs ----------------------------------------------------------------

export interface StatusOptions {
  /** The uptime window (ISO): from --since back from now, to now. */
  since: string
  until: string
  /** --stale-after in ms; null: each target is stale after 3 of its intervals. */
  staleAfterMs: number | null
}

// ---- outputs (the `status --json` shape) -------------------------------------

export interface StatusCounts {
  ok: number
  warn: number
  error: number
}

/** What endpoints and registry entries both report about their schedule and their window. */
export interface TargetStatus {
  id: string
  status: HealthStatus
  detail: string | null
  observed_at: string | null
  /** How often it should be checked, and how long it may go unobserved before it is stale. */
  interval_ms: number
  stale_after_ms: number
  /** Snapshots in the window. */
  checks: number
  /** Share of the window's snapshots that were ok or warn, 0..1; null without snapshots. */
  uptime: number | null
  /** Checks made over checks expected in the window (from the interval and the activation), at most 1; null when none was expected yet. */
  coverage: number | null
  /** The window's snapshots by status, so that warn can be told apart from ok. */
  counts: StatusCounts
}

export interface EndpointStatus extends TargetStatus {
  kind: string
  /** The latest check's latency and where it went (see phases.ts); null without one. */
  latency_ms: number | null
  phases_ms: Phases | null
  p50_ms: number | null
  p95_ms: number | null
}

export interface RegistryStatus extends TargetStatus {
  /**
   * What its latest snapshot found drifting between what `serves:` declares
   * and what the entities list (SPEC section 8): [] when nothing; null when
   * the entry has no `serves`, or that snapshot compared nothing.
   */
  drift: DriftRow[] | null
}

export interface EntityStatus {
  id: string
  type: string
  label: string
  owner: string
  status: HealthStatus
  endpoints: EndpointStatus[]
  registry: RegistryStatus[]
}

export interface StatusReport {
  since: string
  /** True when the window figures came from raw rows only (--exact, or no rollups to read). */
  exact: boolean
  entities: EntityStatus[]
}

const EMPTY_WINDOW: WindowFigures = {ok: 0, warn: 0, error: 0, latency: new ExactLatencies([])}

/** The latest observation decides the state, unless it is missing or older than the target's stale limit. */
function currentState(latest: Observation | undefined, staleAfter: number, until: string): HealthStatus {
  if (!latest || Date.parse(latest.observed_at) < Date.parse(until) - staleAfter) return 'stale'
  return latest.status
}

function targetStatus(target: InventoryTarget, latest: Observation | undefined, window: WindowFigures | undefined, options: StatusOptions): TargetStatus {
  const w = window ?? EMPTY_WINDOW
  const checks = w.ok + w.warn + w.error
  const staleAfter = staleAfterMs(target, options.staleAfterMs)
  return {
    id: target.id,
    status: currentState(latest, staleAfter, options.until),
    detail: latest?.detail ?? null,
    observed_at: latest?.observed_at ?? null,
    interval_ms: target.interval_ms,
    stale_after_ms: staleAfter,
    checks,
    uptime: checks === 0 ? null : (w.ok + w.warn) / checks,
    coverage: coverageOf(checks, expectedOutsideMaintenance(target, options, w.maintenance)),
    counts: {ok: w.ok, warn: w.warn, error: w.error},
  }
}

export function endpointStatus(
  endpoint: InventoryEndpoint,
  latest: Observation | undefined,
  window: WindowFigures | undefined,
  options: StatusOptions,
): EndpointStatus {
  const {id, status, detail, observed_at, ...rest} = targetStatus(endpoint, latest, window, options)
  const latency = (window ?? EMPTY_WINDOW).latency
  return {
    id,
    kind: endpoint.kind,
    status,
    detail,
    observed_at,
    latency_ms: latest?.latency_ms ?? null,
    phases_ms: latest?.phases_ms ?? null,
    ...rest,
    p50_ms: latency.percentile(50),
    p95_ms: latency.percentile(95),
  }
}

export function registryStatus(
  entry: InventoryRegistry,
  latest: Observation | undefined,
  window: WindowFigures | undefined,
  options: StatusOptions,
  serves?: ServesSeen,
): RegistryStatus {
  return {...targetStatus(entry, latest, window, options), drift: serves?.drift ?? null}
}

export interface Observations {
  /** Newest snapshot per endpoint id and per registry id. */
  latest: LatestReads
  /** Window figures per endpoint and per registry entry. */
  windows: WindowReads
  /** Per registry entry with `serves`, what its latest snapshot kept (drift-view.ts); absent: no drift is shown. */
  serves?: ReadonlyMap<string, ServesSeen>
}

/**
 * The order a reader works through: what failed, then what is degraded, then
 * what we know nothing recent about, then what is fine. Not STATUS_ORDER
 * (which ranks stale above warn for the worst of several states): a warning
 * is a live problem someone can act on now, a stale target usually a check
 * that has not run.
 */
export const ATTENTION_ORDER: readonly HealthStatus[] = ['error', 'warn', 'stale', 'ok']

/** Problems first, in ATTENTION_ORDER, then by id. */
export function byAttention<T extends {id: string; status: HealthStatus}>(a: T, b: T): number {
  return ATTENTION_ORDER.indexOf(a.status) - ATTENTION_ORDER.indexOf(b.status) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** An entity with nothing to observe has nothing fresh to show: stale. Entities come problems first (byAttention). */
export function buildStatus(inventory: readonly InventoryEntity[], seen: Observations, options: StatusOptions): StatusReport {
  const entities = inventory.map((entity): EntityStatus => {
    const endpoints = entity.endpoints.map((e) => endpointStatus(e, seen.latest.endpoints.get(e.id), seen.windows.endpoints.get(e.id), options))
    const registry = entity.registry.map((r) => registryStatus(r, seen.latest.registry.get(r.id), seen.windows.registry.get(r.id), options, seen.serves?.get(r.id)))
    const status = worstStatus([...endpoints, ...registry].map((x) => x.status)) ?? 'stale'
    return {id: entity.id, type: entity.type, label: entity.label, owner: entity.owner, status, endpoints, registry}
  })
  return {since: options.since, exact: seen.windows.exact, entities: entities.sort(byAttention)}
}

// ---- filters -----------------------------------------------------------------

export interface InventoryFilter {
  types?: readonly string[]
  owners?: readonly string[]
  /** Entity, endpoint or registry IDs. An entity ID keeps the whole entity; a child ID keeps that child only. */
  only?: readonly string[]
}

/** Narrows the inventory; an --only ID that names nothing active is an error, not an empty answer. */
export function filterInventory(inventory: readonly InventoryEntity[], filter: InventoryFilter): InventoryEntity[] {
  const only = filter.only && filter.only.length > 0 ? new Set(filter.only) : null
  if (only) {
    const known = new Set<string>()
    for (const e of inventory) {
      known.add(e.id)
      for (const x of e.endpoints) known.add(x.id)
      for (const x of e.registry) known.add(x.id)
    }
    const unknown = [...only].filter((id) => !known.has(id))
    if (unknown.length > 0) {
      throw new MonError(`--only: no active entity, endpoint or registry entry with id ${unknown.map((id) => `"${id}"`).join(', ')}${didYouMean(unknown, [...known])}`)
    }
  }
  const result: InventoryEntity[] = []
  for (const entity of inventory) {
    if (filter.types?.length && !filter.types.includes(entity.type)) continue
    if (filter.owners?.length && !filter.owners.includes(entity.owner)) continue
    if (!only || only.has(entity.id)) {
      result.push(entity)
      continue
    }
    const endpoints = entity.endpoints.filter((x) => only.has(x.id))
    const registry = entity.registry.filter((x) => only.has(x.id))
    if (endpoints.length + registry.length > 0) result.push({...entity, endpoints, registry})
  }
  return result
}

export function statusSummary(report: StatusReport): Record<HealthStatus, number> {
  const summary: Record<HealthStatus, number> = {ok: 0, warn: 0, stale: 0, error: 0}
  for (const e of report.entities) summary[e.status]++
  return summary
}
