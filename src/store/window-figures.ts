/**
 * Window reads over rollups: the whole weeks, days and hours of a window
 * from the rollups table, the partial hours at its edges from raw snapshots, in
 * batched IN queries across all targets, each added up per target by the
 * database (window-sums.ts). What is read grows with the number of targets,
 * not with the window's length: a 30-day window reads 3-4 weekly rollups, up
 * to 12 daily ones, up to 46 hourly ones and up to two hours of raw rows per
 * target.
 */
import {MIN_INTERVAL_MS} from '../config/model.js'
import {ExactLatencies, LatencyHistogram} from '../latency.js'
import {type RollupPeriod, type TimeRange, PERIOD_MS, hourStart, periodCeil, planWindow} from '../rollup.js'
import type {HourFigures, WindowFigures} from '../rows.js'
import type {Driver} from './driver.js'
import {batches, placeholders, ROWS_PER_STATEMENT} from './sql.js'
import {type HistogramFigures, type StatusCounts, type WindowPart, rangeSql, rawSums, readParts, rollupSums} from './window-sums.js'

export interface WindowTargets {
  endpoints: readonly string[]
  registry: readonly string[]
}

export interface WindowOptions {
  /** The window's start: any ISO time, not necessarily on the hour. */
  since: string
  /** Now: the hour it falls in is read raw. */
  until: string
  /** Read raw rows only (exact percentiles). */
  exact?: boolean
}

export interface WindowRead {
  endpoints: Map<string, WindowFigures>
  registry: Map<string, WindowFigures>
  /** Whether only raw rows were read: asked for, or a window with no whole hour. */
  exact: boolean
}

const RESULT_KEY = {endpoints: 'endpoints', registry_index: 'registry'} as const

/** Counts per status and the latencies of each target's snapshots since `since`, from rollups and raw edges, or raw rows only. */
export async function readWindowFigures(driver: Driver, targets: WindowTargets, options: WindowOptions): Promise<WindowRead> {
  const plan = options.exact ? {raw: [{from: options.since, to: null}], hours: [], days: [], weeks: []} : planWindow(options.since, options.until)
  const exact = plan.hours.length === 0 && plan.days.length === 0 && plan.weeks.length === 0
  const read: WindowRead = {endpoints: new Map(), registry: new Map(), exact}
  for (const table of ['endpoints', 'registry_index'] as const) {
    const ids = table === 'endpoints' ? targets.endpoints : targets.registry
    const out = read[RESULT_KEY[table]]
    if (exact) {
      for (const id of ids) out.set(id, {ok: 0, warn: 0, error: 0, maintenance: 0, latency: new ExactLatencies([])})
      const since = {from: options.since, to: null}
      await readParts(batches(ids, exactBatch(options)).map((chunk) => rawSums(driver, table, chunk, since, (id, counts, latencies) => out.set(id, {...counts, latency: new ExactLatencies(latencies)}))))
      continue
    }
    const figures = new Map<string, HistogramFigures>(ids.map((id) => [id, {ok: 0, warn: 0, error: 0, maintenance: 0, latency: new LatencyHistogram()}]))
    const figure = (id: string) => figures.get(id)!
    const addRaw = (id: string, counts: StatusCounts, latencies: readonly number[]) => {
      const f = figure(id)
      f.ok += counts.ok
      f.warn += counts.warn
      f.error += counts.error
      f.maintenance += counts.maintenance
      for (const ms of latencies) f.latency.add(ms)
    }
    const parts: WindowPart[] = []
    for (const range of plan.raw) for (const chunk of batches(ids)) parts.push(rawSums(driver, table, chunk, range, addRaw))
    for (const [period, ranges] of [['hour', plan.hours], ['day', plan.days], ['week', plan.weeks]] as const) {
      for (const range of ranges) for (const chunk of batches(ids, rollupBatch(period, range))) parts.push(rollupSums(driver, table, period, chunk, range, figure))
    }
    await readParts(parts)
    for (const [id, f] of figures) out.set(id, f)
  }
  return read
}

/** Rollup rows a statement of readWindowFigures adds up at most: PostgreSQL groups that many in memory (work_mem) instead of sorting them on disk. */
const ROLLUP_ROWS_PER_STATEMENT = 2000

/** Targets per statement over a range of whole periods: as many as keep its rollup rows under ROLLUP_ROWS_PER_STATEMENT. */
function rollupBatch(period: RollupPeriod, range: TimeRange): number {
  const periods = (Date.parse(range.to ?? range.from) - Date.parse(range.from)) / PERIOD_MS[period]
  return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(ROLLUP_ROWS_PER_STATEMENT / Math.max(1, periods))))
}

/** Raw rows a statement of an exact read adds up at most: no target is checked more often than every 10 s. */
const EXACT_ROWS_PER_STATEMENT = 20_000

/** Targets per statement of an exact read: as many as keep its latencies bounded, so a short window is a few statements and a long one stays in memory. */
function exactBatch(options: WindowOptions): number {
  const rowsPerTarget = Math.max(1, Math.ceil((Date.parse(options.until) - Date.parse(options.since)) / MIN_INTERVAL_MS))
  return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(EXACT_ROWS_PER_STATEMENT / rowsPerTarget)))
}

/**
 * Per endpoint, its snapshots since `since` (but those taken in maintenance, as rollups count them) added up per UTC hour (keyed by
 * the first 13 characters of the ISO hour, `2026-11-26T10`): whole hours
 * before the hour of `until` from hourly rollups, the edges from raw rows;
 * without `until`, raw rows only.
 */
export async function readHourFigures(driver: Driver, endpointIds: readonly string[], since: string, until?: string): Promise<Map<string, Map<string, HourFigures>>> {
  const firstHour = periodCeil(since, 'hour')
  const lastHour = until === undefined ? firstHour : hourStart(until)
  const whole = firstHour < lastHour
  const raw: TimeRange[] = whole ? [{from: since, to: firstHour}, {from: lastHour, to: null}].filter((r) => r.to === null || r.from < r.to) : [{from: since, to: null}]
  const result = new Map<string, Map<string, HourFigures>>(endpointIds.map((id) => [id, new Map()]))
  const add = (id: string, hour: string, f: {ok?: number; warn?: number; error?: number; latency_sum: number; latency_count: number}) => {
    const hours = result.get(id)!
    const h = hours.get(hour) ?? {ok: 0, warn: 0, error: 0, latency_sum: 0, latency_count: 0}
    h.ok += f.ok ?? 0
    h.warn += f.warn ?? 0
    h.error += f.error ?? 0
    h.latency_sum += f.latency_sum
    h.latency_count += f.latency_count
    hours.set(hour, h)
  }
  for (const chunk of batches(endpointIds)) {
    const inList = `IN (${placeholders(chunk.length)})`
    for (const range of raw) {
      const where = rangeSql('observed_at', range)
      const rows = await driver.all<{target_id: string; hour: string; status: string; n: number | string; latency_sum: number | string | null; latency_count: number | string}>(
        `SELECT endpoint_id AS target_id, substr(observed_at, 1, 13) AS hour, status, CAST(count(*) AS INTEGER) AS n,
                sum(latency_ms) AS latency_sum, CAST(count(latency_ms) AS INTEGER) AS latency_count
           FROM snapshots WHERE endpoint_id ${inList} AND ${where.sql} AND maintenance IS NULL
          GROUP BY endpoint_id, substr(observed_at, 1, 13), status`,
        [...chunk, ...where.params],
      )
      for (const row of rows) {
        const counts = row.status === 'ok' || row.status === 'warn' || row.status === 'error' ? {[row.status]: Number(row.n)} : {}
        add(row.target_id, row.hour, {...counts, latency_sum: Number(row.latency_sum ?? 0), latency_count: Number(row.latency_count)})
      }
    }
    if (!whole) continue
    const rows = await driver.all<{target_id: string; start_at: string; ok: number | string; warn: number | string; error: number | string; latency_sum: number | string; latency_count: number | string}>(
      `SELECT target_id, start_at, ok, warn, error, latency_sum, latency_count FROM rollups
        WHERE period = 'hour' AND target_table = 'endpoints' AND target_id ${inList} AND start_at >= ? AND start_at < ?`,
      [...chunk, firstHour, lastHour],
    )
    for (const row of rows) {
      // An hour of no snapshots (a row made to lock, then nothing counted) is not a bar.
      if (Number(row.ok) + Number(row.warn) + Number(row.error) === 0 && Number(row.latency_count) === 0) continue
      add(row.target_id, row.start_at.slice(0, 13), {ok: Number(row.ok), warn: Number(row.warn), error: Number(row.error), latency_sum: Number(row.latency_sum), latency_count: Number(row.latency_count)})
    }
  }
  return result
}
