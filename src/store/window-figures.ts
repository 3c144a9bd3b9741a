/**
 * The one read of window figures behind status, report and slo:
 * readWindowFigures(driver, {endpoints, registry}, {since, until, exact}).
 * Today it reads raw rows only, so every answer is exact; the rollups work
 * (issue 12) answers whole hours and days from rollups behind the same
 * signature, and `exact: true` (--exact) keeps it on raw rows.
 */
import type {InventoryEntity, Observation, WindowReads} from '../rows.js'
import type {Driver} from './driver.js'
import {readLatest, readWindows} from './history.js'

export interface TargetIds {
  endpoints: readonly string[]
  registry: readonly string[]
}

/** A window (ISO, both ends included) and whether it must be read from raw rows only. */
export interface WindowSpan {
  since: string
  until: string
  exact: boolean
}

export function inventoryIds(inventory: readonly InventoryEntity[]): TargetIds {
  return {endpoints: inventory.flatMap((e) => e.endpoints.map((x) => x.id)), registry: inventory.flatMap((e) => e.registry.map((x) => x.id))}
}

export async function readWindowFigures(driver: Driver, ids: TargetIds, window: WindowSpan): Promise<WindowReads> {
  const range = {until: window.until}
  return {
    endpoints: await readWindows(driver, ids.endpoints, window.since, range),
    registry: await readWindows(driver, ids.registry, window.since, {...range, column: 'registry_id'}),
    exact: true,
  }
}

/** Everything buildStatus needs about an inventory: the latest observations and the window figures. */
export async function readObservations(
  driver: Driver,
  inventory: readonly InventoryEntity[],
  window: WindowSpan,
): Promise<{latest: Map<string, Observation>; windows: WindowReads}> {
  const ids = inventoryIds(inventory)
  return {latest: await readLatest(driver, ids), windows: await readWindowFigures(driver, ids, window)}
}

/** readWindowFigures for several windows (mon slo: each SLO's, and the burn-rate hours), keyed by their start. */
export async function readWindowSpans(
  driver: Driver,
  ids: TargetIds,
  spans: ReadonlyArray<{since: string; until: string}>,
  exact: boolean,
): Promise<Map<string, WindowReads>> {
  const reads = new Map<string, WindowReads>()
  for (const span of spans) reads.set(span.since, await readWindowFigures(driver, ids, {...span, exact}))
  return reads
}
