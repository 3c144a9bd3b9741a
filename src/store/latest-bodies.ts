/**
 * The newest snapshot of every active target of a table whose stored text
 * mentions a string: what `mon mcp`'s where_is_model reads of every `kind:
 * models` endpoint (`payload.models`) and every registry entry
 * (`payload.declared`), SPEC section 8. A list field is the same in a body
 * and in the payload it stands for (only the timings and a Date header
 * differ), so the stored text is parsed as it is: a body, the base a
 * reference reads, or a whole payload. One statement per table, in which
 * each target's newest stored text is one backward seek of its (target,
 * observed_at) key and a reference's base one seek of the bases' partial
 * index; the database tests the text, so only the rows that mention it come
 * back and are parsed. No history is walked, whatever
 * it holds. readLatestPayloads (latest-payloads.ts) is the same for a few
 * named targets, expanded exactly as judged.
 */
import {BODY_PREFIX, isBase} from '../stored-payload.js'
import type {Driver} from './driver.js'
import {newestBaseSql} from './payload-bases.js'
import {batches, placeholders} from './sql.js'

export interface LatestBody {
  target: string
  entity_id: string
  /** The stored body's fields; null when it does not parse. */
  fields: Record<string, unknown> | null
}

const COLUMN = {endpoints: 'endpoint_id', registry_index: 'registry_id'} as const
const ESCAPE = '!'

/**
 * The newest snapshot of each active target (of active entities; endpoints
 * of `kind` only, when given) whose stored text holds `mentions`, compared
 * as lower() makes them (SQLite folds ASCII letters only, PostgreSQL by its
 * locale): the caller decides the exact match on the fields.
 */
export async function readLatestMentioning(driver: Driver, table: keyof typeof COLUMN, options: {mentions: string; kind?: string}): Promise<LatestBody[]> {
  const column = COLUMN[table]
  const kind = options.kind === undefined ? '' : ' AND t.kind = ?'
  // A reference's text is its base's: where the newest row is a body, that is the newest base too.
  const text = `CASE WHEN substr(m.stored, 1, 1) = '=' THEN (${newestBaseSql(driver, column, 'm.target')}) ELSE m.stored END`
  const rows = await driver.all<Omit<LatestBody, 'fields'> & {text: string}>(
    // The newest row's stored text is one backward seek of the target's (target, observed_at) key; the base only for the rows
    // that are references, and again only for the few that pass the test.
    `WITH m AS MATERIALIZED (
       SELECT t.id AS target, t.entity_id,
              (SELECT x.payload_json FROM snapshots x WHERE x.${column} = t.id ORDER BY x.observed_at DESC, x.id DESC LIMIT 1) AS stored
         FROM ${table} t JOIN entities e ON e.id = t.entity_id
        WHERE t.retired_at IS NULL AND e.retired_at IS NULL${kind})
     SELECT m.target, m.entity_id, ${text} AS text FROM m WHERE lower(${text}) LIKE lower(?) ESCAPE '${ESCAPE}' ORDER BY m.target`,
    [...(options.kind === undefined ? [] : [options.kind]), `%${likeEscaped(options.mentions)}%`],
  )
  return rows.map(({text, ...row}) => ({...row, fields: parseFields(text)}))
}

/** The active endpoints and registry entries of some entities, with the entity of each. */
export async function activeTargetsOf(driver: Driver, entityIds: readonly string[]): Promise<Record<keyof typeof COLUMN, Array<{id: string; entity_id: string}>>> {
  const found: Record<keyof typeof COLUMN, Array<{id: string; entity_id: string}>> = {endpoints: [], registry_index: []}
  for (const table of ['endpoints', 'registry_index'] as const) {
    for (const batch of batches(entityIds)) {
      found[table].push(...(await driver.all<{id: string; entity_id: string}>(`SELECT id, entity_id FROM ${table} WHERE retired_at IS NULL AND entity_id IN (${placeholders(batch.length)}) ORDER BY id`, batch)))
    }
  }
  return found
}

function likeEscaped(text: string): string {
  return text.replace(/[!%_]/g, (c) => `${ESCAPE}${c}`)
}

function parseFields(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(isBase(text) ? text.slice(BODY_PREFIX.length) : text) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}
