/**
 * The one read of window figures behind status, report and slo:
 * readWindowFigures(driver, {endpoints, registry}, {since, until, exact}).
 * Here it reads raw rows only, so every answer is exact; the rollups work
 * (issue 12) answers whole hours and days from rollups behind the same
 * signature, and `exact: true` (--exact) keeps it on raw rows.
 */
import {ExactLatencies} from '../latency.js'
import type {WindowFigures} from '../rows.js'
import type {Status} from '../status.js'
import type {Driver} from './driver.js'

export interface WindowTargets {
  endpoints: readonly string[]
  registry: readonly string[]
}

export interface WindowOptions {
  /** The window's start: any ISO time. */
  since: string
  /** Now: where the window ends (raw rows are read up to the newest). */
  until: string
  /** Read raw rows only (exact percentiles). */
  exact?: boolean
}

export interface WindowRead {
  endpoints: Map<string, WindowFigures>
  registry: Map<string, WindowFigures>
  /** Whether only raw rows were read. */
  exact: boolean
}

const COLUMN = {endpoints: 'endpoint_id', registry: 'registry_id'} as const

/** Counts and latencies per target of the window: one range scan of its (target, observed_at) index each. */
export async function readWindowFigures(driver: Driver, targets: WindowTargets, options: WindowOptions): Promise<WindowRead> {
  const read: WindowRead = {endpoints: new Map(), registry: new Map(), exact: true}
  for (const key of ['endpoints', 'registry'] as const) {
    for (const id of targets[key]) read[key].set(id, await readExact(driver, COLUMN[key], id, options))
  }
  return read
}

async function readExact(driver: Driver, column: string, id: string, window: WindowOptions): Promise<WindowFigures> {
  const rows = await driver.all<{status: Status; latency_ms: number | string | null}>(
    `SELECT status, latency_ms FROM snapshots WHERE ${column} = ? AND observed_at >= ?`,
    [id, window.since],
  )
  const w = {ok: 0, warn: 0, error: 0, latencies: new Float64Array(rows.length)}
  let n = 0
  for (const row of rows) {
    if (row.status === 'ok' || row.status === 'warn' || row.status === 'error') w[row.status]++
    if (row.latency_ms !== null) w.latencies[n++] = Number(row.latency_ms)
  }
  return {ok: w.ok, warn: w.warn, error: w.error, latency: new ExactLatencies(w.latencies.subarray(0, n))}
}
