/**
 * The newest observed_at of each target, for `mon check --due`: one
 * statement per batch of ids, each id an index seek (snapshots'
 * (endpoint_id|registry_id, observed_at) indexes), never a scan of a
 * target's history.
 */
import type {Driver} from './driver.js'
import {batches, placeholders} from './sql.js'

const TARGET_TABLES = {endpoints: 'endpoint_id', registry_index: 'registry_id'} as const

/** Ids per statement: PostgreSQL and SQLite both take many more parameters; this keeps each plan small. */
const IDS_PER_STATEMENT = 500

/** Per table (an endpoint and a registry entry may share an id), target id -> its newest snapshot's observed_at; targets never observed are absent. */
export async function readLatestObservedAt(
  driver: Driver,
  ids: {endpoints: readonly string[]; registry_index: readonly string[]},
): Promise<Record<keyof typeof TARGET_TABLES, Map<string, string>>> {
  const found = {endpoints: new Map<string, string>(), registry_index: new Map<string, string>()}
  for (const [table, column] of Object.entries(TARGET_TABLES) as Array<[keyof typeof TARGET_TABLES, string]>) {
    const latest = found[table]
    for (const batch of batches(ids[table], IDS_PER_STATEMENT)) {
      const rows = await driver.all<{id: string; observed_at: string | null}>(
        `SELECT t.id, (SELECT s.observed_at FROM snapshots s WHERE s.${column} = t.id ORDER BY s.observed_at DESC LIMIT 1) AS observed_at
           FROM ${table} t WHERE t.id IN (${placeholders(batch.length)})`,
        batch,
      )
      for (const row of rows) if (row.observed_at !== null) latest.set(row.id, row.observed_at)
    }
  }
  return found
}
