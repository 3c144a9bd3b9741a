/**
 * A window's part read added up per target by the database: one row per
 * target for a range of raw snapshots or of rollups, its latencies or stored
 * histograms joined by string_agg (SQLite 3.44+ and PostgreSQL), instead of
 * one row per snapshot or rollup. A 30-day status of 1,000 targets reads
 * about 110,000 rows that way in a few thousand, and what costs per row in
 * the drivers (an object, a parsed field each) goes. Text that does not split
 * into as many parts as the database counted (a hand edit with the
 * separator in it) is read row by row instead, as before, so that nothing
 * reads differently.
 */
import {LatencyHistogram} from '../latency.js'
import type {RollupPeriod, RollupTable, TimeRange} from '../rollup.js'
import type {Status} from '../status.js'
import type {Driver, SqlValue} from './driver.js'
import {TARGET_COLUMN, addStoredHistogram} from './rollups.js'
import {placeholders} from './sql.js'

/** Counts per status of a target's snapshots in a range, and of those taken in maintenance (in no status). */
export interface StatusCounts {
  ok: number
  warn: number
  error: number
  maintenance: number
}

export function rangeSql(column: string, range: TimeRange): {sql: string; params: SqlValue[]} {
  return range.to === null ? {sql: `${column} >= ?`, params: [range.from]} : {sql: `${column} >= ? AND ${column} < ?`, params: [range.from, range.to]}
}

type Count = number | string

/**
 * One statement of a window read and what its rows add. readParts runs each
 * statement one ahead of the adding, so that PostgreSQL computes the next
 * while this process adds up the last (SQLite runs in this thread either way).
 */
export type WindowPart = () => Promise<Adding>
/** What adds up the rows a statement answered. */
type Adding = () => Promise<void>

export async function readParts(parts: readonly WindowPart[]): Promise<void> {
  let next = parts[0]?.()
  for (let i = 0; i < parts.length; i++) {
    const add = await next!
    next = parts[i + 1]?.()
    // Awaited on the next turn; if this part's adding throws first, its failure is not left unhandled.
    next?.catch(() => {})
    await add()
  }
}

type RawSumsRow = {target_id: string; ok: Count; warn: Count; error: Count; maintenance: Count; latency_count: Count; latencies: string | null}

/**
 * The raw snapshots of these targets in `range`: per target, its counts per
 * status and its latencies (`onTarget` gets each; a target with no snapshot
 * there is not called). CAST of a DOUBLE PRECISION to TEXT is the engine's
 * exact shortest form on both engines, so each latency reads back as the
 * driver would have given it.
 */
export function rawSums(
  driver: Driver,
  table: RollupTable,
  ids: readonly string[],
  range: TimeRange,
  onTarget: (id: string, counts: StatusCounts, latencies: readonly number[]) => void,
): WindowPart {
  const column = TARGET_COLUMN[table]
  const where = rangeSql('observed_at', range)
  // A snapshot taken in maintenance counts only as such: in no status, its latency in no figure.
  const counted = (status: Status) => `sum(CASE WHEN status = '${status}' AND maintenance IS NULL THEN 1 ELSE 0 END) AS ${status}`
  const latency = 'CASE WHEN maintenance IS NULL THEN latency_ms END'
  return async () => {
    const rows = await driver.all<RawSumsRow>(
      `SELECT ${column} AS target_id, ${counted('ok')}, ${counted('warn')}, ${counted('error')}, count(maintenance) AS maintenance,
              count(${latency}) AS latency_count, string_agg(CAST(${latency} AS TEXT), ',') AS latencies
         FROM snapshots WHERE ${column} IN (${placeholders(ids.length)}) AND ${where.sql}
        GROUP BY ${column}`,
      [...ids, ...where.params],
    )
    return async () => {
      for (const row of rows) {
        const parts = row.latencies === null ? [] : row.latencies.split(',')
        if (parts.length !== Number(row.latency_count)) {
          await readRawRows(driver, table, row.target_id, range, onTarget)
          continue
        }
        onTarget(row.target_id, {ok: Number(row.ok), warn: Number(row.warn), error: Number(row.error), maintenance: Number(row.maintenance)}, parts.map(Number))
      }
    }
  }
}

/** rawSums for one target, a row per snapshot. */
async function readRawRows(driver: Driver, table: RollupTable, id: string, range: TimeRange, onTarget: (id: string, counts: StatusCounts, latencies: readonly number[]) => void): Promise<void> {
  const where = rangeSql('observed_at', range)
  const rows = await driver.all<{status: Status; latency_ms: number | string | null; maintenance: string | null}>(
    `SELECT status, latency_ms, maintenance FROM snapshots WHERE ${TARGET_COLUMN[table]} = ? AND ${where.sql}`,
    [id, ...where.params],
  )
  const counts = {ok: 0, warn: 0, error: 0, maintenance: 0}
  const latencies: number[] = []
  for (const row of rows) {
    if (row.maintenance !== null) {
      counts.maintenance++
      continue
    }
    if (row.status === 'ok' || row.status === 'warn' || row.status === 'error') counts[row.status]++
    if (row.latency_ms !== null) latencies.push(Number(row.latency_ms))
  }
  onTarget(id, counts, latencies)
}

/** A target's figures that rollups add into: counts per status and buckets. */
export type HistogramFigures = StatusCounts & {latency: LatencyHistogram}

type RollupSumsRow = {target_id: string; ok: Count; warn: Count; error: Count; maintenance: Count; parts: Count; histograms: string}

/**
 * The rollups of one period of these targets whose start is in `range`,
 * added into each target's figures (`into`). Throws UnreadableRollupError,
 * naming the row, for a stored histogram that does not read.
 */
export function rollupSums(driver: Driver, table: RollupTable, period: RollupPeriod, ids: readonly string[], range: TimeRange, into: (id: string) => HistogramFigures): WindowPart {
  const where = rangeSql('start_at', range)
  return async () => {
    const rows = await driver.all<RollupSumsRow>(
      `SELECT target_id, sum(ok) AS ok, sum(warn) AS warn, sum(error) AS error, sum(maintenance) AS maintenance, count(*) AS parts, string_agg(latency_histogram, ';') AS histograms
         FROM rollups WHERE period = ? AND target_table = ? AND target_id IN (${placeholders(ids.length)}) AND ${where.sql}
        GROUP BY target_id`,
      [period, table, ...ids, ...where.params],
    )
    return async () => {
      for (const row of rows) {
        const f = into(row.target_id)
        const parts = row.histograms.split(';')
        if (parts.length !== Number(row.parts)) {
          await readRollupRows(driver, {table, period, id: row.target_id, range}, f)
          continue
        }
        try {
          for (const part of parts) f.latency.addEncoded(part)
        } catch (err) {
          // Each part is one row's text (none holds the separator): reading them one by one names the row that does not read.
          await readRollupRows(driver, {table, period, id: row.target_id, range}, {ok: 0, warn: 0, error: 0, maintenance: 0, latency: new LatencyHistogram()})
          throw err
        }
        f.ok += Number(row.ok)
        f.warn += Number(row.warn)
        f.error += Number(row.error)
        f.maintenance += Number(row.maintenance)
      }
    }
  }
}

/** rollupSums for one target, a row per rollup. */
async function readRollupRows(driver: Driver, key: {table: RollupTable; period: RollupPeriod; id: string; range: TimeRange}, f: HistogramFigures): Promise<void> {
  const where = rangeSql('start_at', key.range)
  const rows = await driver.all<{start_at: string; ok: Count; warn: Count; error: Count; maintenance: Count; latency_histogram: string}>(
    `SELECT start_at, ok, warn, error, maintenance, latency_histogram FROM rollups WHERE period = ? AND target_table = ? AND target_id = ? AND ${where.sql}`,
    [key.period, key.table, key.id, ...where.params],
  )
  for (const row of rows) {
    f.ok += Number(row.ok)
    f.warn += Number(row.warn)
    f.error += Number(row.error)
    f.maintenance += Number(row.maintenance)
    addStoredHistogram(f.latency, {period: key.period, target_table: key.table, target_id: key.id, start_at: row.start_at, latency_histogram: row.latency_histogram})
  }
}
