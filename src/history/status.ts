/**
 * Status math, pure: from the active inventory and what the snapshots say
 * about it, the state, uptime and latency percentiles of every endpoint,
 * registry entry and entity. No I/O here; src/store/history.ts reads the rows.
 */
import {MonError} from '../errors.js'
import {didYouMean} from '../config/suggest.js'
import type {Phases} from '../phases.js'
import type {InventoryEndpoint, InventoryEntity, InventoryRegistry, Observation, WindowFigures} from '../rows.js'
import {worstStatus, type HealthStatus} from '../status.js'
import {ExactLatencies} from '../latency.js'

export {percentile} from '../latency.js'

// ---- inputs ----------------------------------------------------------------

export interface StatusOptions {
  /** Start of the uptime window (ISO). */
  since: string
  /** An observation older than this (ISO) is stale. */
  staleBefore: string
}

// ---- outputs (the `status --json` shape) -------------------------------------

export interface StatusCounts {
  ok: number
  warn: number
  error: number
}

export interface EndpointStatus {
  id: string
  kind: string
  status: HealthStatus
  detail: string | null
  observed_at: string | null
  /** The latest check's latency and where it went (see phases.ts); null without one. */
  latency_ms: number | null
  phases_ms: Phases | null
  /** Snapshots in the window. */
  checks: number
  /** Share of the window's snapshots that were ok or warn, 0..1; null without snapshots. */
  uptime: number | null
  p50_ms: number | null
  p95_ms: number | null
  /** The window's snapshots by status, so that warn can be told apart from ok. */
  counts: StatusCounts
}

export interface RegistryStatus {
  id: string
  status: HealthStatus
  detail: string | null
  observed_at: string | null
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
  entities: EntityStatus[]
}

const EMPTY_WINDOW: WindowFigures = {ok: 0, warn: 0, error: 0, latency: new ExactLatencies([])}

/** The latest observation decides the state, unless it is missing or older than staleBefore. */
function currentState(latest: Observation | undefined, staleBefore: string): HealthStatus {
  if (!latest || latest.observed_at < staleBefore) return 'stale'
  return latest.status
}

export function endpointStatus(
  endpoint: InventoryEndpoint,
  latest: Observation | undefined,
  window: WindowFigures | undefined,
  options: Pick<StatusOptions, 'staleBefore'>,
): EndpointStatus {
  const w = window ?? EMPTY_WINDOW
  const checks = w.ok + w.warn + w.error
  return {
    id: endpoint.id,
    kind: endpoint.kind,
    status: currentState(latest, options.staleBefore),
    detail: latest?.detail ?? null,
    observed_at: latest?.observed_at ?? null,
    latency_ms: latest?.latency_ms ?? null,
    phases_ms: latest?.phases_ms ?? null,
    checks,
    uptime: checks === 0 ? null : (w.ok + w.warn) / checks,
    p50_ms: w.latency.percentile(50),
    p95_ms: w.latency.percentile(95),
    counts: {ok: w.ok, warn: w.warn, error: w.error},
  }
}

export function registryStatus(
  entry: InventoryRegistry,
  latest: Observation | undefined,
  options: Pick<StatusOptions, 'staleBefore'>,
): RegistryStatus {
  return {
    id: entry.id,
    status: currentState(latest, options.staleBefore),
    detail: latest?.detail ?? null,
    observed_at: latest?.observed_at ?? null,
  }
}

export interface Observations {
  /** Newest snapshot per endpoint id and per registry id. */
  latest: ReadonlyMap<string, Observation>
  /** Window figures per endpoint id. */
  windows: ReadonlyMap<string, WindowFigures>
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
    const endpoints = entity.endpoints.map((e) => endpointStatus(e, seen.latest.get(e.id), seen.windows.get(e.id), options))
    const registry = entity.registry.map((r) => registryStatus(r, seen.latest.get(r.id), options))
    const status = worstStatus([...endpoints, ...registry].map((x) => x.status)) ?? 'stale'
    return {id: entity.id, type: entity.type, label: entity.label, owner: entity.owner, status, endpoints, registry}
  })
  return {since: options.since, entities: entities.sort(byAttention)}
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
