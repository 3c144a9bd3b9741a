/**
 * The newest snapshot of each of a few targets, with its payload as judged:
 * what a check compares its answer with (a model list, an MCP tool list,
 * SPEC section 8) and what a registry's `serves` is compared with. One seek
 * per target on its (target, observed_at) key, so it costs the same whatever
 * the history holds; only targets that need it are asked for.
 */
import type {Status} from '../status.js'
import type {Driver} from './driver.js'
import {parseObject} from '../config/fields.js'
import {expandPayloads} from './payload-bases.js'

export interface LatestPayload {
  status: Status
  observed_at: string
  /** The payload as the check judged it; null when none was stored or it does not parse. */
  payload: Record<string, unknown> | null
}

interface Row {
  id: string
  endpoint_id: string | null
  registry_id: string | null
  status: Status
  observed_at: string
  latency_ms: number | string | null
  phases_ms_json: string | null
  payload_json: string | null
  detail: string | null
}

const COLUMN = {endpoints: 'endpoint_id', registry_index: 'registry_id'} as const

/** A target's newest `limit` snapshots, newest first, their payloads as judged. One driver never runs two statements at once: a call awaits each. */
async function newest(driver: Driver, table: keyof typeof COLUMN, id: string, limit: number): Promise<Row[]> {
  const other = table === 'endpoints' ? 'registry_id IS NULL' : driver.noEndpoint('endpoint_id')
  const rows = await driver.all<Row>(
    `SELECT id, NULLIF(endpoint_id, '') AS endpoint_id, registry_id, status, observed_at, latency_ms, phases_ms_json, payload_json, detail
       FROM snapshots WHERE ${COLUMN[table]} = ? AND ${other} ORDER BY observed_at DESC, id DESC LIMIT ?`,
    [id, limit],
  )
  // expandPayloads keeps the rows' order.
  return expandPayloads(driver, rows)
}

/** Per target id, its newest snapshot, whatever its status; targets never checked are absent. */
export async function readLatestPayloads(driver: Driver, table: keyof typeof COLUMN, ids: readonly string[]): Promise<Map<string, LatestPayload>> {
  const found = new Map<string, LatestPayload>()
  for (const id of new Set(ids)) {
    const [row] = await newest(driver, table, id, 1)
    if (row) found.set(id, {status: row.status, observed_at: row.observed_at, payload: parseObject(row.payload_json)})
  }
  return found
}

/** How far back a target's history is searched for the latest snapshot that holds a list: past it, there is none to compare with. */
const LOOK_BACK = 50

/**
 * Per target id, the payload of its newest snapshot that holds one of `keys`
 * (a model list, an MCP tool list), whatever its status: an error that read
 * a list (a model missing from it) read one, so a change is told once, and a
 * run that could not read one (the server down) is skipped over, so the list
 * after an outage is compared with the last one before it. Among the newest
 * LOOK_BACK snapshots; the newest alone is read first, as it most often holds one.
 */
export async function readLatestHolding(driver: Driver, table: keyof typeof COLUMN, ids: readonly string[], keys: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const holds = (payload: Record<string, unknown> | null): payload is Record<string, unknown> => payload !== null && keys.some((key) => Object.hasOwn(payload, key))
  const found = new Map<string, Record<string, unknown>>()
  for (const id of new Set(ids)) {
    for (const limit of [1, LOOK_BACK]) {
      const rows = await newest(driver, table, id, limit)
      const payload = rows.map((row) => parseObject(row.payload_json)).find(holds)
      if (payload) found.set(id, payload)
      if (payload || rows.length < limit) break
    }
  }
  return found
}
