/**
 * What a registry's `serves:` is compared with (SPEC section 8), as stored:
 * the active `kind: models` endpoints of the entities it names, the latest
 * snapshot of each (any status: a backend that is down has no list, and
 * check/drift.ts says so), and the latest declarations of every active
 * registry entry with `serves`. check/execute.ts turns them into lists.
 */
import type {Driver} from './driver.js'
import {type LatestPayload, readLatestPayloads} from './latest-payloads.js'
import {batches, placeholders} from './sql.js'

export interface StoredServes {
  /** Per entity id asked for, the ids of its active `kind: models` endpoints (an entity with none is absent). */
  modelsEndpoints: Map<string, string[]>
  /** Per models endpoint id (less those skipped), its latest snapshot; one never checked is absent. */
  latestModels: Map<string, LatestPayload>
  /** Every active registry entry with `serves`, by id: those never checked too. */
  registries: string[]
  /** Per active registry entry with `serves`, its latest snapshot. */
  latestRegistries: Map<string, LatestPayload>
}

/**
 * One statement per 500 entities for the endpoints, then one seek per
 * endpoint and per registry entry; `skip` names the endpoints this run
 * checked and `skipRegistries` the entries it read, whose lists and
 * declarations the run already has (theirs are not read again).
 */
export async function readStoredServes(driver: Driver, entityIds: readonly string[], skip: ReadonlySet<string>, skipRegistries: ReadonlySet<string> = new Set()): Promise<StoredServes> {
  const modelsEndpoints = await readModelsEndpoints(driver, entityIds)
  const unchecked = [...modelsEndpoints.values()].flat().filter((id) => !skip.has(id))
  const registries = await driver.all<{id: string}>(
    `SELECT r.id FROM registry_index r JOIN entities e ON e.id = r.entity_id
      WHERE r.serves_json IS NOT NULL AND r.retired_at IS NULL AND e.retired_at IS NULL ORDER BY r.id`,
  )
  return {
    modelsEndpoints,
    latestModels: await readLatestPayloads(driver, 'endpoints', unchecked),
    registries: registries.map((r) => r.id),
    latestRegistries: await readLatestPayloads(driver, 'registry_index', registries.map((r) => r.id).filter((id) => !skipRegistries.has(id))),
  }
}

/** Per entity id asked for, the ids of its active `kind: models` endpoints, by id (an entity with none is absent): one statement per 500 entities. */
export async function readModelsEndpoints(driver: Driver, entityIds: readonly string[]): Promise<Map<string, string[]>> {
  const modelsEndpoints = new Map<string, string[]>()
  for (const batch of batches([...new Set(entityIds)])) {
    const rows = await driver.all<{id: string; entity_id: string}>(
      `SELECT p.id, p.entity_id FROM endpoints p JOIN entities e ON e.id = p.entity_id
        WHERE p.kind = 'models' AND p.retired_at IS NULL AND e.retired_at IS NULL AND p.entity_id IN (${placeholders(batch.length)})
        ORDER BY p.id`,
      batch,
    )
    for (const row of rows) modelsEndpoints.set(row.entity_id, [...(modelsEndpoints.get(row.entity_id) ?? []), row.id])
  }
  return modelsEndpoints
}

/** The latest snapshot of each of these registry entries that has `serves` (the others are absent): what `status` shows as drift. */
export async function readLatestServes(driver: Driver, registryIds: readonly string[]): Promise<Map<string, LatestPayload>> {
  const ids: string[] = []
  for (const batch of batches([...new Set(registryIds)])) {
    const rows = await driver.all<{id: string}>(`SELECT id FROM registry_index WHERE serves_json IS NOT NULL AND id IN (${placeholders(batch.length)})`, batch)
    ids.push(...rows.map((r) => r.id))
  }
  return readLatestPayloads(driver, 'registry_index', ids)
}
