/**
 * The status of some entities as every reader gives it (`mon status`, the
 * status page of `mon report`, `mon mcp`'s status tool): one assembly, so
 * that they cannot drift apart (they did once: one read no registry drift).
 */
import {servesSeen, type ServesSeen} from '../history/drift-view.js'
import {buildStatus, type StatusReport} from '../history/status.js'
import type {InventoryEntity} from '../rows.js'
import type {Driver} from '../store/driver.js'
import {readLatestServes} from '../store/model-lists.js'
import {readObservations} from '../store/window-reads.js'

export interface StatusRead {
  report: StatusReport
  /** Each registry entry's declarations and drift, as the views draw them. */
  serves: Map<string, ServesSeen>
}

/**
 * `inventory` is what is shown; `all` the whole active inventory, whose
 * entity types the drift reads (a registry names entities outside a filter).
 */
export async function readStatus(
  driver: Driver,
  inventory: readonly InventoryEntity[],
  all: readonly InventoryEntity[],
  window: {since: string; until: string; exact: boolean; staleAfterMs: number | null},
): Promise<StatusRead> {
  const serves = servesSeen(await readLatestServes(driver, inventory.flatMap((e) => e.registry.map((r) => r.id))), all)
  const observations = await readObservations(driver, inventory, window)
  return {serves, report: buildStatus(inventory, {...observations, serves}, {since: window.since, until: window.until, staleAfterMs: window.staleAfterMs})}
}
