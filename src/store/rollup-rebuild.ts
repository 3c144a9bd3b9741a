/**
 * `mon db rollup --rebuild` and `--verify`, target by target (rollup-pass.ts):
 * each unit of a target's raw rows (a few days) makes its hours and days in
 * one pass, so memory holds one unit's rows whatever the history's length.
 * A day whose raw rows start mid-day (prune cut it, or --since) adds its
 * earlier hours as stored, which are all that is left of them. A week is
 * summed from its stored days in the unit it ends in (when its days are all
 * made), so a week the raw rows start in the middle of keeps its earlier days.
 */
import {type Rollup, type RollupKey, type RollupPeriod, DAY_MS, WEEK_MS, dayStart, emptyRollup, mergeRollup, rollupKeyText, sameCounts, sameRollup, weekStart} from '../rollup.js'
import type {Driver, TransactionOptions} from './driver.js'
import {type PassTarget, type PassUnit, decoded, passSpan, passTargets, passUnits, storedRowsOf, storedWeeksOf, unitFromRaw} from './rollup-pass.js'
import {type StoredRollup, writeRollups} from './rollups.js'
import {batches, placeholders} from './sql.js'

/**
 * Each rebuild step takes the write lock first (SQLite: BEGIN IMMEDIATE,
 * waiting for a mon check's batch instead of failing when it reads before it
 * writes), but not mon's exclusive lock, which a check does not take either.
 */
const WRITE: TransactionOptions = {lockTimeoutMs: 30_000, exclusive: false}

/** Units go into one transaction until it has held the lock this long: well under a second, so that a mon check meanwhile waits little. */
const TRANSACTION_MS = 250

export interface RollupRangeOptions {
  /** From the hour this falls in, but never before the oldest hour the raw rows cover whole (the default). */
  since?: string
  /** Called as targets are done, with how many are done of how many. */
  onTarget?: (done: number, total: number) => void
  /** How long a transaction goes on taking units (default TRANSACTION_MS); 0: a unit to each (the concurrency tests). */
  transactionMs?: number
}

/**
 * Runs `work` on each unit, as many to a transaction as fit in
 * `transactionMs` (at least one). Writing, each transaction first holds
 * rollup writes (Driver.lockWrites), before any raw row is read, so that a
 * mon check's batch is either read by the rebuild or added after it, and
 * between two of them hands the lock over to a waiting writer.
 */
async function inTransactions(
  driver: Driver,
  units: Iterator<PassUnit>,
  {write, transactionMs}: {write: boolean; transactionMs: number},
  work: (unit: PassUnit) => Promise<void>,
  onCommit: (done: PassUnit[]) => void,
): Promise<void> {
  let next = units.next()
  while (!next.done) {
    const done: PassUnit[] = []
    await driver.transaction(async () => {
      if (write) await driver.lockWrites('rollups')
      const started = performance.now()
      do {
        await work(next.value)
        done.push(next.value)
        next = units.next()
      } while (!next.done && performance.now() - started < transactionMs)
    }, write ? WRITE : {})
    onCommit(done)
    if (write && !next.done && driver.handOverMs > 0) await new Promise((resolve) => setTimeout(resolve, driver.handOverMs))
  }
}

/** The pass over every target's units, with progress per target. */
async function pass(driver: Driver, options: RollupRangeOptions, write: boolean, work: (unit: PassUnit, pace: {perDay: number}) => Promise<void>): Promise<void> {
  const span = await passSpan(driver, options.since)
  if (!span) return
  const targets = await passTargets(driver, span)
  // One check a minute (the default interval) until the first unit says otherwise.
  const pace = {perDay: 1440}
  let finished = 0
  const transactionMs = options.transactionMs ?? TRANSACTION_MS
  await inTransactions(driver, passUnits(targets, span, pace), {write, transactionMs}, (unit) => work(unit, pace), (done) => {
    const ended = done.filter((u) => u.last).length
    if (ended > 0) options.onTarget?.((finished += ended), targets.length)
  })
}

/** Whether a stored row already holds a rollup as made (its histogram compared as text, which mon writes one way): then it is not written again. */
function storedAs(row: StoredRollup | undefined, made: Rollup): boolean {
  if (!row || row.entity_id !== made.entity_id || row.latency_histogram !== made.histogram.encode()) return false
  const counts = {...made, ok: Number(row.ok), warn: Number(row.warn), error: Number(row.error), latency_count: Number(row.latency_count), latency_sum: Number(row.latency_sum), maintenance: Number(row.maintenance)}
  return sameCounts(counts, made)
}

/** Deletes these stored rows of one target. */
async function deleteRows(driver: Driver, target: PassTarget, rows: readonly StoredRollup[]): Promise<void> {
  for (const period of ['hour', 'day', 'week'] as const) {
    const starts = rows.filter((r) => r.period === period).map((r) => r.start_at)
    for (const chunk of batches(starts)) {
      await driver.run(`DELETE FROM rollups WHERE period = ? AND target_table = ? AND target_id = ? AND start_at IN (${placeholders(chunk.length)})`, [
        period,
        target.target_table,
        target.target_id,
        ...chunk,
      ])
    }
  }
}

/**
 * Recomputes the hourly and daily rollups from the raw rows (and the weekly from the days), target by
 * target, and makes the stored ones of the span what they should be: a row
 * that already is stays as it is (a rebuild of sound rollups writes
 * nearly nothing), another is written over in place, and a row of a key no
 * longer made is deleted. Returns how many rollups it made.
 */
export async function rebuildRollups(driver: Driver, options: RollupRangeOptions = {}): Promise<number> {
  let made = 0
  await pass(driver, options, true, async (unit, pace) => {
    const {target} = unit
    const day = dayStart(unit.from)
    const stored = await storedRowsOf(driver, target, day, unit.to)
    const {hours, days} = await unitFromRaw(driver, unit, pace)
    // The day's hours before the unit (prune or --since left them out of it) count in their day as stored: they are all that is left of them.
    const before = decoded(stored.filter((r) => r.period === 'hour' && r.start_at < unit.from))
    if (before.length > 0) {
      const key: RollupKey = {period: 'day', target_table: target.target_table, target_id: target.target_id, start_at: day}
      if (days[0]?.start_at !== day) days.unshift(emptyRollup(key, target.entity_id))
      for (const hour of before) mergeRollup(days[0]!, hour)
    }
    const fresh = [...hours, ...days]
    const byKey = new Map(stored.map((r) => [rollupKeyText(r), r]))
    for (const r of fresh) byKey.delete(rollupKeyText(r))
    await deleteRows(driver, target, [...byKey.values()].filter((r) => r.period === 'day' || r.start_at >= unit.from))
    const kept = new Map(stored.map((r) => [rollupKeyText(r), r]))
    await writeRollups(driver, fresh.filter((r) => !storedAs(kept.get(rollupKeyText(r)), r)))
    made += fresh.length + (await rebuildWeeks(driver, unit))
  })
  return made
}

/**
 * The weeks ending in this unit (its last: every week left) made again from
 * their stored days, all rebuilt by now: written where they differ, deleted
 * where no day counts anything. Returns how many weeks it made.
 */
async function rebuildWeeks(driver: Driver, unit: PassUnit): Promise<number> {
  const {stored, days, weeks} = await weeksOf(driver, unit)
  const byKey = new Map(stored.map((r) => [rollupKeyText(r), r]))
  const made = weeksOfDays(unit.target, decoded(days), weeks).filter((w) => !isEmpty(w))
  for (const w of made) byKey.delete(rollupKeyText(w))
  await deleteRows(driver, unit.target, [...byKey.values()])
  const kept = new Map(stored.map((r) => [rollupKeyText(r), r]))
  await writeRollups(driver, made.filter((w) => !storedAs(kept.get(rollupKeyText(w)), w)))
  return made.length
}

/** The starts of the weeks a unit finishes: those ending after its first day and by its end, or after it for a target's last unit. */
function weeksEnding(unit: PassUnit): string[] {
  const out: string[] = []
  for (let w = Date.parse(weekStart(unit.from)); w < Date.parse(unit.to); w += WEEK_MS) {
    if (unit.last || w + WEEK_MS <= Date.parse(unit.to)) out.push(new Date(w).toISOString())
  }
  return out
}

const checks = (r: StoredRollup) => Number(r.ok) + Number(r.warn) + Number(r.error) + Number(r.latency_count) + Number(r.maintenance)

/**
 * The weeks a unit finishes, and the stored days and weeks rows of them;
 * without a week that `prune --rollups-older-than` cut: one that starts
 * before the target's oldest stored day and counts more than its stored
 * days, whose row is then all that is left of the days it lost (as a day
 * keeps the hours prune took: see passSpan).
 */
async function weeksOf(driver: Driver, unit: PassUnit): Promise<{weeks: string[]; days: StoredRollup[]; stored: StoredRollup[]}> {
  let weeks = weeksEnding(unit)
  if (weeks.length === 0) return {weeks, days: [], stored: []}
  const rows = await storedWeeksOf(driver, unit.target, weeks[0]!, new Date(Date.parse(weeks.at(-1)!) + WEEK_MS).toISOString())
  const [oldest] = await driver.all<{first: string | null}>(
    "SELECT min(start_at) AS first FROM rollups WHERE period = 'day' AND target_table = ? AND target_id = ?",
    [unit.target.target_table, unit.target.target_id],
  )
  const firstDay = oldest?.first ?? null
  const cut = new Set<string>()
  for (const week of rows.filter((r) => r.period === 'week')) {
    if (firstDay === null || week.start_at >= firstDay) continue
    const ofDays = rows.filter((r) => r.period === 'day' && weekStart(r.start_at) === week.start_at).reduce((n, r) => n + checks(r), 0)
    if (checks(week) > ofDays) cut.add(week.start_at)
  }
  if (cut.size > 0) weeks = weeks.filter((w) => !cut.has(w))
  const kept = (r: StoredRollup) => !cut.has(r.period === 'week' ? r.start_at : weekStart(r.start_at))
  return {weeks, days: rows.filter((r) => r.period === 'day' && kept(r)), stored: rows.filter((r) => r.period === 'week' && kept(r))}
}

/** Each of these weeks' sum of these days (an empty rollup for a week of none). */
function weeksOfDays(target: PassTarget, days: readonly Rollup[], weeks: readonly string[]): Rollup[] {
  const out = new Map(weeks.map((w) => [w, emptyRollup({period: 'week', target_table: target.target_table, target_id: target.target_id, start_at: w}, target.entity_id)]))
  for (const day of days) {
    const week = out.get(weekStart(day.start_at))
    if (week) mergeRollup(week, day)
  }
  return [...out.values()]
}

/** A rollup that disagrees with what it is made of: an hour with the raw rows, a day with its hours, a week with its days. */
export interface RollupMismatch {
  period: RollupPeriod
  target_table: Rollup['target_table']
  target_id: string
  start_at: string
}

const isEmpty = (r: Rollup) => r.ok + r.warn + r.error + r.maintenance === 0 && r.latency_count === 0

/** Compares expected with stored rollups by key; a missing row equals an empty one. */
function mismatches(expected: readonly Rollup[], stored: readonly Rollup[]): RollupMismatch[] {
  const out: RollupMismatch[] = []
  const byKey = new Map(expected.map((r) => [rollupKeyText(r), r]))
  const mismatch = (r: Rollup) => out.push({period: r.period, target_table: r.target_table, target_id: r.target_id, start_at: r.start_at})
  for (const s of stored) {
    const e = byKey.get(rollupKeyText(s))
    byKey.delete(rollupKeyText(s))
    if (e ? !sameRollup(e, s) : !isEmpty(s)) mismatch(s)
  }
  for (const e of byKey.values()) if (!isEmpty(e)) mismatch(e)
  return out
}

/** Each day's sum of these hours. */
function daysOfHours(target: PassTarget, hours: readonly Rollup[]): Rollup[] {
  const days = new Map<string, Rollup>()
  for (const hour of hours) {
    const start = dayStart(hour.start_at)
    if (!days.has(start)) days.set(start, emptyRollup({period: 'day', target_table: target.target_table, target_id: target.target_id, start_at: start}, target.entity_id))
    mergeRollup(days.get(start)!, hour)
  }
  return [...days.values()]
}

/** Oldest day first (a week by its last day); in a day, its hours before it, then the day, then the week it ends; then by target. */
function inOrder(a: RollupMismatch, b: RollupMismatch): number {
  const day = (m: RollupMismatch) => (m.period === 'week' ? new Date(Date.parse(m.start_at) + WEEK_MS - DAY_MS).toISOString() : dayStart(m.start_at))
  const key = (m: RollupMismatch) => `${day(m)}|${{hour: 0, day: 1, week: 2}[m.period]}|${m.start_at}|${m.target_table}|${m.target_id}`
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0
}

/**
 * Every hourly rollup that disagrees with the raw rows, every daily one
 * that disagrees with its stored hours (an hour that does not read left out
 * of its day), every weekly one that disagrees with its stored days, and
 * every one whose histogram does not read, oldest first.
 */
export async function verifyRollups(driver: Driver, options: RollupRangeOptions = {}): Promise<RollupMismatch[]> {
  const out: RollupMismatch[] = []
  // Each unit in a read transaction: on SQLite, raw rows and rollups of one moment, whatever a mon check commits meanwhile.
  await pass(driver, options, false, async (unit, pace) => {
    const {hours} = await unitFromRaw(driver, unit, pace)
    const unreadable: RollupKey[] = []
    const stored = decoded(await storedRowsOf(driver, unit.target, dayStart(unit.from), unit.to), unreadable)
    const storedHours = stored.filter((r) => r.period === 'hour')
    const storedDays = stored.filter((r) => r.period === 'day')
    // Hours before the unit (the day's part that prune or --since left out) count in their day but are not compared.
    const named = unreadable.filter((k) => k.period === 'day' || k.start_at >= unit.from)
    const seen = new Set(named.map(rollupKeyText))
    out.push(...named)
    const found = [
      ...mismatches(
        hours,
        storedHours.filter((h) => h.start_at >= unit.from),
      ),
      ...mismatches(daysOfHours(unit.target, storedHours), storedDays),
    ]
    out.push(...found.filter((m) => !seen.has(rollupKeyText(m))))
    const weeks = await weeksOf(driver, unit)
    const weekUnreadable: RollupKey[] = []
    const storedWeeks = decoded(weeks.stored, weekUnreadable)
    out.push(...weekUnreadable)
    const unreadableWeeks = new Set(weekUnreadable.map(rollupKeyText))
    // A day that does not read is named by its unit, and left out of its week.
    const days = decoded(weeks.days, [])
    out.push(...mismatches(weeksOfDays(unit.target, days, weeks.weeks), storedWeeks).filter((m) => !unreadableWeeks.has(rollupKeyText(m))))
  })
  return out.sort(inOrder)
}
