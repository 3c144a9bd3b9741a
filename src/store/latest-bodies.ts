/**
 * The newest snapshot of many targets with the fields of its stored body:
 * what `mon mcp`'s where_is_model reads of every `kind: models` endpoint
 * (`payload.models`) and every registry entry (`payload.declared`), SPEC
 * section 8. A list field is the same in a body and in the payload it
 * stands for (only the timings and a Date header differ), so the stored
 * text is parsed as it is: a body, the base a reference reads, or a whole
 * payload. Per 500 targets one statement (each target's newest row one
 * backward seek of its (target, observed_at) key, as readLatest does) and
 * one more for the bases of the rows that are references: no history is
 * walked, whatever it holds. readLatestPayloads (latest-payloads.ts) is the
 * same for a few targets, expanded exactly as judged.
 */
import type {Status} from '../status.js'
import {BODY_PREFIX, isBase, isReference, referredBody} from '../stored-payload.js'
import type {Driver} from './driver.js'
import {newestBases} from './payload-bases.js'
import {batches, placeholders} from './sql.js'

export interface LatestBody {
  status: Status
  observed_at: string
  /** The stored body's fields; null when none was stored or it does not parse. */
  fields: Record<string, unknown> | null
}

const TABLES = {endpoints: 'endpoint_id', registry_index: 'registry_id'} as const

/**
 * Per target id, its newest snapshot. `wanted` (optional) sees each stored
 * text before it is parsed: a text it refuses is not parsed and its target
 * reads with `fields: null` (a cheap "does it mention this model" test).
 */
export async function readLatestBodies(
  driver: Driver,
  table: keyof typeof TABLES,
  ids: readonly string[],
  wanted: (text: string) => boolean = () => true,
): Promise<Map<string, LatestBody>> {
  const column = TABLES[table]
  const rows: Array<{target: string; status: Status; observed_at: string; payload_json: string | null}> = []
  for (const batch of batches([...new Set(ids)])) {
    rows.push(
      ...(await driver.all<(typeof rows)[number]>(
        // The newest row's key, then the row by its key: SQLite's clustered table (0013) has no index on id alone.
        `SELECT l.target, s.status, s.observed_at, s.payload_json
           FROM (SELECT t.id AS target,
                        (SELECT x.observed_at FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC LIMIT 1) AS latest_at,
                        (SELECT x.id FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC, x.id DESC LIMIT 1) AS latest_id
                   FROM ${table} t WHERE t.id IN (${placeholders(batch.length)})) l
           JOIN snapshots s ON s.${column} = l.target AND s.observed_at = l.latest_at AND s.id = l.latest_id`,
        batch,
      )),
    )
  }
  const bases = await newestBases(driver, column, table, rows.filter((r) => isReference(r.payload_json)).map((r) => r.target))
  const found = new Map<string, LatestBody>()
  for (const row of rows) {
    const text = isReference(row.payload_json) ? referredBody(row.payload_json, bases.get(row.target)) : row.payload_json
    found.set(row.target, {status: row.status, observed_at: row.observed_at, fields: text === null || !wanted(text) ? null : parseFields(text)})
  }
  return found
}

function parseFields(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(isBase(text) ? text.slice(BODY_PREFIX.length) : text) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}
