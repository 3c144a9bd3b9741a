/**
 * The down of migration 0013 for the details kept in payload bodies
 * (src/stored-detail.ts): every such detail written back into its column
 * and every body stripped of its parts, so that 0012's code reads them;
 * a `=N` reference (a Date offset of its own, which 0012 does not read) is
 * written as its whole payload, which never serves as a base.
 */
import type {Driver, SqlValue} from './driver.js'
import {SAME_AS_BASE, expandPayload, isBaseSql, isReference, isReferenceSql, referredBody} from '../stored-payload.js'
import {fillDetail, splitDetail} from '../stored-detail.js'
import {storedEndpointIds} from './snapshot-keys.js'

/** Rows a page of the walk reads. */
const PAGE = 5000

/** Each target's rows that hold or read a body, oldest first, a page at a time; returns the rows rewritten. */
export async function expandStoredDetails(driver: Driver): Promise<number> {
  const registry = await driver.all<{id: string}>(`SELECT DISTINCT registry_id AS id FROM snapshots WHERE registry_id IS NOT NULL AND ${driver.noEndpoint('endpoint_id')}`)
  const targets: Array<{sql: string; params: SqlValue[]}> = [
    ...(await storedEndpointIds(driver)).map((id) => ({sql: 'endpoint_id = ? AND registry_id IS NULL', params: [id]})),
    ...registry.map((r) => ({sql: `registry_id = ? AND ${driver.noEndpoint('endpoint_id')}`, params: [r.id]})),
  ]
  let rewritten = 0
  for (const target of targets) {
    let parts: string[] | null = null
    let base: string | null = null
    let after = {observed_at: '', id: ''}
    for (;;) {
      const rows = await driver.all<{observed_at: string; id: string; detail: string | null; latency_ms: number | string | null; phases_ms_json: string | null; payload_json: string}>(
        `SELECT observed_at, id, detail, latency_ms, phases_ms_json, payload_json FROM snapshots
          WHERE ${target.sql} AND (observed_at, id) > (?, ?) AND (${isReferenceSql()} OR ${isBaseSql()})
          ORDER BY observed_at, id LIMIT ${PAGE}`,
        [...target.params, after.observed_at, after.id],
      )
      if (rows.length === 0) break
      for (const row of rows) {
        let payload = row.payload_json
        if (!isReference(row.payload_json)) {
          base = row.payload_json
          const split = splitDetail(row.payload_json)
          parts = split.parts
          payload = split.body
        } else if (row.payload_json !== SAME_AS_BASE) {
          const body = referredBody(row.payload_json, base)
          const timings = {latency_ms: row.latency_ms === null ? null : Number(row.latency_ms), phases_ms_json: row.phases_ms_json, observed_at: row.observed_at}
          payload = body === null ? row.payload_json : (expandPayload(splitDetail(body).body, timings) ?? row.payload_json)
        }
        const detail = row.detail === null && parts !== null ? fillDetail(parts, row.latency_ms === null ? null : Number(row.latency_ms)) : row.detail
        if (payload === row.payload_json && detail === row.detail) continue
        rewritten += await driver.run(`UPDATE snapshots SET payload_json = ?, detail = ? WHERE ${target.sql} AND observed_at = ? AND id = ?`, [payload, detail, ...target.params, row.observed_at, row.id])
      }
      after = rows.at(-1)!
    }
  }
  return rewritten
}
