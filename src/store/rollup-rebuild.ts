/**
 * `mon db rollup --rebuild` and `--verify`: the hourly rollups recomputed
 * from raw snapshots an hour at a time (memory bounded by one hour of
 * snapshots, whatever the history's length), and each day's rollup summed
 * from its stored hours, so that a day whose early hours were pruned from
 * the raw rows keeps them.
 */
import {type Rollup, type RollupKey, type RollupSource, DAY_MS, HOUR_MS, dayStart, emptyRollup, hourStart, mergeRollup, periodCeil, rollupKeyText, rollupsOf, sameRollup} from '../rollup.js'
import type {Driver} from './driver.js'
import {snapshotSpan, snapshotsBetween} from './snapshot-keys.js'
import {ROLLUP_COLUMNS, type StoredRollup, UnreadableRollupError, fromStored, writeRollups} from './rollups.js'

/**
 * Each rebuild step takes the write lock first (SQLite: BEGIN IMMEDIATE,
 * waiting for a mon check's batch instead of failing when it reads before it
 * writes), but not mon's exclusive lock, which a check does not take either.
 */
const WRITE = {lockTimeoutMs: 30_000, exclusive: false}

export interface RollupRangeOptions {
  /** From the hour this falls in, but never before the oldest hour the raw rows cover whole (the default). */
  since?: string
  /** Called after each day with its start and how many days are done of how many. */
  onDay?: (done: number, total: number) => void
}

/** Where the raw rows start and end, and where rebuild and verify begin; null when there is nothing to do. */
async function hourSpan(driver: Driver, since: string | undefined): Promise<{first: string; last: string} | null> {
  const raw = await snapshotSpan(driver)
  const [rolled] = await driver.all<{last: string | null}>("SELECT max(start_at) AS last FROM rollups WHERE period = 'hour'")
  const ends = [raw?.last, rolled?.last].filter((x): x is string => typeof x === 'string').sort()
  if (ends.length === 0) return null
  if (!raw?.first) return null
  let first = hourStart(raw.first)
  // Rollups older than the oldest raw row mean prune ran: that row's hour may have lost its earlier part, so start after it.
  const older = await driver.all("SELECT 1 FROM rollups WHERE period = 'hour' AND start_at < ? LIMIT 1", [first])
  if (older.length > 0) first = periodCeil(new Date(Date.parse(first) + 1).toISOString(), 'hour')
  // --since never reaches before that: rebuilt from no raw rows, pruned hours would be emptied, and they are all that is left of them.
  if (since !== undefined && hourStart(since) > first) first = hourStart(since)
  const last = hourStart(ends.at(-1)!)
  return first <= last ? {first, last} : null
}

/** The hourly rollups one hour of raw rows makes. */
async function hourFromRaw(driver: Driver, start: string): Promise<Map<string, Rollup>> {
  const end = new Date(Date.parse(start) + HOUR_MS).toISOString()
  // Per target (snapshot-keys.ts): SQLite's clustered table (0013) has no index by time alone.
  const rows = await snapshotsBetween<RollupSource>(driver, "entity_id, NULLIF(endpoint_id, '') AS endpoint_id, registry_id, status, latency_ms, observed_at", start, end)
  return rollupsOf(rows, ['hour'])
}

/** The stored rollups of a range; with `unreadable`, a row whose histogram does not read is put there instead of thrown (verify names it). */
async function storedRollups(driver: Driver, period: 'hour' | 'day', from: string, to: string, unreadable?: RollupMismatch[]): Promise<Rollup[]> {
  const rows = await driver.all<StoredRollup>(`SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups WHERE period = ? AND start_at >= ? AND start_at < ?`, [period, from, to])
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

/** Each target's day summed from its stored hours (an unreadable hour left out when `unreadable` is given). */
async function dayFromHours(driver: Driver, day: string, unreadable?: RollupMismatch[]): Promise<Map<string, Rollup>> {
  const out = new Map<string, Rollup>()
  for (const hour of await storedRollups(driver, 'hour', day, new Date(Date.parse(day) + DAY_MS).toISOString(), unreadable)) {
    const key: RollupKey = {period: 'day', target_table: hour.target_table, target_id: hour.target_id, start_at: day}
    const text = rollupKeyText(key)
    if (!out.has(text)) out.set(text, emptyRollup(key, hour.entity_id))
    mergeRollup(out.get(text)!, hour)
  }
  return out
}

/** The days from the one `first` falls in to the one `last` falls in, with the hours of each within [first, last]. */
function* daysOf(span: {first: string; last: string}): Generator<{day: string; hours: string[]}> {
  for (let day = Date.parse(dayStart(span.first)); day <= Date.parse(span.last); day += DAY_MS) {
    const hours: string[] = []
    for (let h = Math.max(day, Date.parse(span.first)); h < day + DAY_MS && h <= Date.parse(span.last); h += HOUR_MS) hours.push(new Date(h).toISOString())
    yield {day: new Date(day).toISOString(), hours}
  }
}

function dayCount(span: {first: string; last: string}): number {
  return Math.floor((Date.parse(span.last) - Date.parse(dayStart(span.first))) / DAY_MS) + 1
}

/**
 * Recomputes the hourly rollups from the raw rows, each hour in a
 * transaction of its own (the write lock is held for one hour's rows at a
 * time), then each touched day from its hours. Returns how many rollup
 * rows it wrote.
 */
export async function rebuildRollups(driver: Driver, options: RollupRangeOptions = {}): Promise<number> {
  const span = await hourSpan(driver, options.since)
  if (!span) return 0
  const total = dayCount(span)
  let written = 0
  let done = 0
  for (const {day, hours} of daysOf(span)) {
    for (const hour of hours) {
      written += await driver.transaction(async () => {
        // Hold rollup writes first: a mon check adding to them, even making a row this hour had not got, waits until the hour is rewritten (or is waited for and its snapshots then read).
        await driver.lockWrites('rollups')
        const fresh = await hourFromRaw(driver, hour)
        await driver.run("DELETE FROM rollups WHERE period = 'hour' AND start_at = ?", [hour])
        await writeRollups(driver, fresh.values())
        return fresh.size
      }, WRITE)
    }
    written += await driver.transaction(async () => {
      const fresh = await dayFromHours(driver, day)
      await driver.run("DELETE FROM rollups WHERE period = 'day' AND start_at = ?", [day])
      await writeRollups(driver, fresh.values())
      return fresh.size
    }, WRITE)
    options.onDay?.(++done, total)
  }
  return written
}

/** A rollup that disagrees with what it is made of: an hour with the raw rows, a day with its hours. */
export interface RollupMismatch {
  period: 'hour' | 'day'
  target_table: Rollup['target_table']
  target_id: string
  start_at: string
}

const isEmpty = (r: Rollup) => r.ok + r.warn + r.error === 0 && r.latency_count === 0

/** Compares expected with stored rollups by key; a missing row equals an empty one. */
function mismatches(expected: Map<string, Rollup>, stored: readonly Rollup[]): RollupMismatch[] {
  const out: RollupMismatch[] = []
  const seen = new Set<string>()
  const mismatch = (r: Rollup) => out.push({period: r.period, target_table: r.target_table, target_id: r.target_id, start_at: r.start_at})
  for (const s of stored) {
    const text = rollupKeyText(s)
    seen.add(text)
    const e = expected.get(text)
    if (e ? !sameRollup(e, s) : !isEmpty(s)) mismatch(s)
  }
  for (const [text, e] of expected) if (!seen.has(text) && !isEmpty(e)) mismatch(e)
  return out
}

/** The stored rollups of a range that do not read, then those that disagree with what they should be. */
async function verifyRange(driver: Driver, period: 'hour' | 'day', from: string, to: string, expected: () => Promise<Map<string, Rollup>>): Promise<RollupMismatch[]> {
  const unreadable: RollupMismatch[] = []
  const stored = await storedRollups(driver, period, from, to, unreadable)
  const named = new Set(unreadable.map(rollupKeyText))
  return [...unreadable, ...mismatches(await expected(), stored).filter((m) => !named.has(rollupKeyText(m)))]
}

/** Every hourly rollup that disagrees with the raw rows, and every daily one that disagrees with its hours, oldest first. */
export async function verifyRollups(driver: Driver, options: RollupRangeOptions = {}): Promise<RollupMismatch[]> {
  const span = await hourSpan(driver, options.since)
  if (!span) return []
  const total = dayCount(span)
  const out: RollupMismatch[] = []
  let done = 0
  for (const {day, hours} of daysOf(span)) {
    for (const hour of hours) {
      const end = new Date(Date.parse(hour) + HOUR_MS).toISOString()
      out.push(...(await verifyRange(driver, 'hour', hour, end, () => hourFromRaw(driver, hour))))
    }
    out.push(...(await verifyRange(driver, 'day', day, new Date(Date.parse(day) + 1).toISOString(), () => dayFromHours(driver, day, []))))
    options.onDay?.(++done, total)
  }
  return out
}
