/**
 * The pass `mon db rollup --rebuild` and `--verify` make over the raw
 * snapshots: target by target (endpoints and registry entries), each
 * target's rows read in time order from its own index, a few days at a time
 * (a "unit"), and summed into hours and days as they go by.
 */
import {type Rollup, type RollupKey, type RollupTable, DAY_MS, HOUR_MS, addSnapshot, dayStart, emptyRollup, hourStart, periodCeil} from '../rollup.js'
import type {Status} from '../status.js'
import type {Driver} from './driver.js'
import {ROLLUP_COLUMNS, type StoredRollup, UnreadableRollupError, TARGET_COLUMN, fromStored} from './rollups.js'
import {snapshotSpan} from './snapshot-keys.js'

/** A target whose rollups are rebuilt or verified; its entity from the inventory, not from each snapshot. */
export interface PassTarget {
  target_table: RollupTable
  target_id: string
  entity_id: string
}

/** Where a pass starts (an hour) and ends (the end of the day of the newest raw row or rollup). */
export interface PassSpan {
  first: string
  end: string
}

/** A stretch of one target's history: hours [from, to), days from the one `from` falls in; `to` is the start of a day. */
export interface PassUnit {
  target: PassTarget
  from: string
  to: string
  /** The last unit of its target: progress counts targets. */
  last: boolean
}

/** About a week of one-a-minute checks a unit, so that a unit's rows (memory, and time under the write lock) stay bounded. */
const UNIT_ROWS = 10_080
const UNIT_MAX_DAYS = 7

/** Where the raw rows start and end, and where rebuild and verify begin; null when there is nothing to do. */
export async function passSpan(driver: Driver, since: string | undefined): Promise<PassSpan | null> {
  // Per stored target (snapshot-keys.ts): SQLite's clustered table (0013) keeps no index by time alone.
  const raw = await snapshotSpan(driver)
  const [rolled] = await driver.all<{last: string | null}>("SELECT max(start_at) AS last FROM rollups WHERE period = 'hour'")
  const ends = [raw?.last, rolled?.last].filter((x): x is string => typeof x === 'string').sort()
  if (ends.length === 0 || !raw?.first) return null
  let first = hourStart(raw.first)
  // Rollups older than the oldest raw row mean prune ran: that row's hour may have lost its earlier part, so start after it.
  const older = await driver.all("SELECT 1 FROM rollups WHERE period = 'hour' AND start_at < ? LIMIT 1", [first])
  if (older.length > 0) first = periodCeil(new Date(Date.parse(first) + 1).toISOString(), 'hour')
  // --since never reaches before that: rebuilt from no raw rows, pruned hours would be emptied, and they are all that is left of them.
  if (since !== undefined && hourStart(since) > first) first = hourStart(since)
  const last = hourStart(ends.at(-1)!)
  // To the end of the last day: a day is rewritten whole, with the hours a mon check adds meanwhile after the newest row.
  return first <= last ? {first, end: new Date(Date.parse(dayStart(last)) + DAY_MS).toISOString()} : null
}

/**
 * Every target: the inventory's endpoints and registry entries, and any
 * target of a stored rollup in the span that is in neither (a hand edit),
 * which has no raw rows, so its rollups are rebuilt empty or named by verify.
 */
export async function passTargets(driver: Driver, span: PassSpan): Promise<PassTarget[]> {
  const out: PassTarget[] = []
  for (const table of ['endpoints', 'registry_index'] as const) {
    for (const r of await driver.all<{id: string; entity_id: string}>(`SELECT id, entity_id FROM ${table} ORDER BY id`)) out.push({target_table: table, target_id: r.id, entity_id: r.entity_id})
  }
  const strays = await driver.all<PassTarget>(
    `SELECT DISTINCT target_table, target_id, entity_id FROM rollups WHERE period IN ('hour', 'day', 'week') AND start_at >= ? AND start_at < ?
        AND NOT (target_table = 'endpoints' AND target_id IN (SELECT id FROM endpoints))
        AND NOT (target_table = 'registry_index' AND target_id IN (SELECT id FROM registry_index))
      ORDER BY target_table, target_id`,
    [dayStart(span.first), span.end],
  )
  const seen = new Set<string>()
  for (const s of strays) if (!seen.has(`${s.target_table}|${s.target_id}`) && seen.add(`${s.target_table}|${s.target_id}`)) out.push(s)
  return out
}

/**
 * Each target's units, oldest first, each a whole number of days (but the
 * first, which starts at span.first): as many days as hold about UNIT_ROWS
 * at the rate the last unit read (`rowsRead`), between one day and a week.
 */
export function* passUnits(targets: readonly PassTarget[], span: PassSpan, pace: {perDay: number}): Generator<PassUnit> {
  for (const target of targets) {
    for (let from = span.first; from < span.end; ) {
      const days = Math.max(1, Math.min(UNIT_MAX_DAYS, Math.floor(UNIT_ROWS / Math.max(1, pace.perDay))))
      const to = new Date(Math.min(Date.parse(dayStart(from)) + days * DAY_MS, Date.parse(span.end))).toISOString()
      yield {target, from, to, last: to === span.end}
      from = to
    }
  }
}

/** A raw row as a rollup reads it: status, latency_ms, observed_at, maintenance (arrays, not objects: millions of them). */
type RawRow = [status: Status, latency_ms: number | string | null, observed_at: string, maintenance: string | null]

/**
 * A unit's hourly and daily rollups from its raw rows, read in time order
 * from the target's index (the plain range form stays efficient however the
 * table is laid out); `pace` learns the rows per day for the next unit's size.
 */
export async function unitFromRaw(driver: Driver, unit: PassUnit, pace: {perDay: number}): Promise<{hours: Rollup[]; days: Rollup[]}> {
  const {target} = unit
  const column = TARGET_COLUMN[target.target_table] as string | undefined
  const rows = column
    ? await driver.allArrays<RawRow>(`SELECT status, latency_ms, observed_at, maintenance FROM snapshots WHERE ${column} = ? AND observed_at >= ? AND observed_at < ? ORDER BY observed_at`, [
        target.target_id,
        unit.from,
        unit.to,
      ])
    : []
  pace.perDay = (rows.length * DAY_MS) / Math.max(HOUR_MS, Date.parse(unit.to) - Date.parse(unit.from))
  return sumRows(target, rows)
}

/** Rows in time order summed into their hours and days in one pass: a new rollup where the row passes the end of the current one. */
function sumRows(target: PassTarget, rows: readonly RawRow[]): {hours: Rollup[]; days: Rollup[]} {
  const hours: Rollup[] = []
  const days: Rollup[] = []
  let hour: Rollup | undefined
  let day: Rollup | undefined
  let hourEnd = ''
  let dayEnd = ''
  for (const [status, latency_ms, at, maintenance] of rows) {
    if (hour === undefined || at >= hourEnd) {
      hour = emptyRollup({period: 'hour', target_table: target.target_table, target_id: target.target_id, start_at: hourStart(at)}, target.entity_id)
      hours.push(hour)
      hourEnd = new Date(Date.parse(hour.start_at) + HOUR_MS).toISOString()
      if (day === undefined || at >= dayEnd) {
        day = emptyRollup({period: 'day', target_table: target.target_table, target_id: target.target_id, start_at: dayStart(at)}, target.entity_id)
        days.push(day)
        dayEnd = new Date(Date.parse(day.start_at) + DAY_MS).toISOString()
      }
    }
    const latency = latency_ms === null ? null : Number(latency_ms)
    addSnapshot(hour, status, latency, maintenance)
    addSnapshot(day!, status, latency, maintenance)
  }
  return {hours, days}
}

/** A target's stored rollups of both periods in [from, to), as stored: a histogram is decoded only where it is needed. */
export async function storedRowsOf(driver: Driver, target: PassTarget, from: string, to: string): Promise<StoredRollup[]> {
  return driver.all<StoredRollup>(
    `SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups WHERE period IN ('hour', 'day') AND target_table = ? AND target_id = ? AND start_at >= ? AND start_at < ? ORDER BY period, start_at`,
    [target.target_table, target.target_id, from, to],
  )
}

/** A target's stored days and weeks in [from, to), as stored: what its weeks are made of and compared with. */
export async function storedWeeksOf(driver: Driver, target: PassTarget, from: string, to: string): Promise<StoredRollup[]> {
  return driver.all<StoredRollup>(
    `SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups WHERE period IN ('day', 'week') AND target_table = ? AND target_id = ? AND start_at >= ? AND start_at < ? ORDER BY period, start_at`,
    [target.target_table, target.target_id, from, to],
  )
}

/** Stored rows read; with `unreadable`, a row whose histogram does not read goes there instead of throwing. */
export function decoded(rows: readonly StoredRollup[], unreadable?: RollupKey[]): Rollup[] {
  const out: Rollup[] = []
  for (const row of rows) {
    try {
      out.push(fromStored(row))
    } catch (err) {
      if (!unreadable || !(err instanceof UnreadableRollupError)) throw err
      unreadable.push(err.key)
    }
  }
  return out
}
