/** Plain-data inventory and window figures for the pure status, report and Prometheus tests. */
import {ExactLatencies} from '../../src/latency.js'
import type {InventoryEndpoint, InventoryEntity, InventoryRegistry, WindowFigures, WindowReads} from '../../src/rows.js'

export const endpoint = (id: string, kind: string, extra: Partial<InventoryEndpoint> = {}): InventoryEndpoint => ({
  id,
  kind,
  interval_ms: 60_000,
  activated_at: null,
  slo: null,
  ...extra,
})

export const registryEntry = (id: string, extra: Partial<InventoryRegistry> = {}): InventoryRegistry => ({id, interval_ms: 60_000, activated_at: null, ...extra})

export const entity = (fields: Omit<InventoryEntity, 'slo'> & Partial<Pick<InventoryEntity, 'slo'>>): InventoryEntity => ({slo: null, ...fields})

export const figures = (ok: number, warn: number, error: number, latencies: number[] = []): WindowFigures => ({ok, warn, error, latency: new ExactLatencies(latencies)})

/** Window reads as readWindowFigures returns them, from raw rows unless `exact` says otherwise. */
export const reads = (
  endpoints: ReadonlyMap<string, WindowFigures> = new Map(),
  registry: ReadonlyMap<string, WindowFigures> = new Map(),
  exact = true,
): WindowReads => ({endpoints, registry, exact})
