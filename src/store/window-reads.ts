/**
 * What status, report and slo read about an inventory, all through
 * readWindowFigures (window-figures.ts): the latest observations with the
 * status window's figures, and mon slo's several windows.
 */
import type {InventoryEntity, LatestReads, WindowReads} from '../rows.js'
import type {Driver} from './driver.js'
import {readLatest} from './history.js'
import {readWindowFigures, type WindowTargets} from './window-figures.js'

export function inventoryIds(inventory: readonly InventoryEntity[]): WindowTargets {
  return {endpoints: inventory.flatMap((e) => e.endpoints.map((x) => x.id)), registry: inventory.flatMap((e) => e.registry.map((x) => x.id))}
}

/** Everything buildStatus needs about an inventory: the latest observations and the window figures. */
export async function readObservations(
  driver: Driver,
  inventory: readonly InventoryEntity[],
  window: {since: string; until: string; exact: boolean},
): Promise<{latest: LatestReads; windows: WindowReads}> {
  const ids = inventoryIds(inventory)
  // Both at once: PostgreSQL runs the window's first statements while this process reads the latest rows.
  const [latest, windows] = await Promise.all([readLatest(driver, ids), readWindowFigures(driver, ids, window)])
  return {latest, windows}
}

/** readWindowFigures for several windows (mon slo: each SLO's, and the burn-rate hours), keyed by their start. */
export async function readWindowSpans(
  driver: Driver,
  ids: WindowTargets,
  spans: ReadonlyArray<{since: string; until: string}>,
  exact: boolean,
): Promise<Map<string, WindowReads>> {
  const reads = new Map<string, WindowReads>()
  for (const span of spans) reads.set(span.since, await readWindowFigures(driver, ids, {...span, exact}))
  return reads
}
