/**
 * The notifications outbox (migration 0015): rows written in the transaction
 * that changed an alert, claimed by whichever run delivers first, and
 * recorded by that claimer only. A claim lasts CLAIM_MS: a run that died
 * between claim and record leaves a claim that the next run takes over.
 */
import type {AlertMessage, DeliveryOutcome, NotificationEvent, NotificationState} from '../alert/types.js'
import {canonicalJson} from '../canonical-json.js'
import type {Driver, SqlValue} from './driver.js'
import {batches, placeholders} from './sql.js'

/** How long a claim holds a notification before another run may take it over. */
export const CLAIM_MS = 60_000
/** The wait after a first failed attempt; doubled after each further one, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 30_000
export const MAX_BACKOFF_MS = 10 * 60_000
/** A notification still undelivered this long after it was written is failed, not retried. */
export const GIVE_UP_MS = 24 * 60 * 60_000
/** How long a claim or a record waits for SQLite's write lock. */
const LOCK_WAIT_MS = 10_000

/** A row of `notifications` as written. */
export interface NotificationRow {
  id: string
  alert_id: string | null
  notifier_id: string
  event: NotificationEvent
  state: NotificationState
  attempts: number
  message_json: string
  created_at: string
  next_attempt_at: string
  claimed_until: string | null
  sent_at: string | null
  last_error: string | null
}

const COLUMNS = ['id', 'alert_id', 'notifier_id', 'event', 'state', 'attempts', 'message_json', 'created_at', 'next_attempt_at', 'claimed_until', 'sent_at', 'last_error'] as const

/** A new notification: pending and due at once (or as given, e.g. dropped while held). */
export function notificationRow(fields: {id: string; alert_id: string | null; notifier_id: string; message: AlertMessage; created_at: string; state?: NotificationState; last_error?: string | null}): NotificationRow {
  return {
    id: fields.id,
    alert_id: fields.alert_id,
    notifier_id: fields.notifier_id,
    event: fields.message.event,
    state: fields.state ?? 'pending',
    attempts: 0,
    message_json: canonicalJson(fields.message),
    created_at: fields.created_at,
    next_attempt_at: fields.created_at,
    claimed_until: null,
    sent_at: null,
    last_error: fields.last_error ?? null,
  }
}

/** Writes notifications (inside the caller's transaction, if any). */
export async function insertNotifications(driver: Driver, rows: readonly NotificationRow[]): Promise<void> {
  const tuple = `(${placeholders(COLUMNS.length)})`
  for (const batch of batches(rows, Math.floor(500 / COLUMNS.length))) {
    await driver.run(
      `INSERT INTO notifications (${COLUMNS.join(', ')}) VALUES ${batch.map(() => tuple).join(', ')}`,
      batch.flatMap((r) => COLUMNS.map((c) => r[c] as SqlValue)),
    )
  }
}

/** A notification this run claimed: it alone may record its outcome (matched by claimed_until). */
export interface Claim {
  id: string
  alert_id: string | null
  notifier_id: string
  event: NotificationEvent
  /** Attempts before this one. */
  attempts: number
  message: AlertMessage
  created_at: string
  claimed_until: string
}

/**
 * Claims up to `limit` due notifications: pending ones whose time has come
 * and whose alert is not held (or that have no alert), and in-flight ones
 * whose claim expired. Concurrent claimers never share a row: PostgreSQL
 * skips rows another claimer has locked; SQLite's write transaction runs
 * one claimer at a time. `dueBy` (default `now`) bounds which pending rows
 * are due.
 */
export async function claimNotifications(driver: Driver, options: {now: Date; limit: number; dueBy?: Date}): Promise<Claim[]> {
  const now = options.now.toISOString()
  // A pass of several rounds claims what was due when it began, so that it never retries what it just tried.
  const dueBy = (options.dueBy ?? options.now).toISOString()
  const until = new Date(options.now.getTime() + CLAIM_MS).toISOString()
  // The first condition is the partial index's (notifications_due): the table keeps every notification ever sent, the index only the open ones.
  // An alert's notifications reach each notifier in the order they were written: one waits while an earlier one
  // to the same notifier is undelivered (a resolve overtaking a backed-off open would leave PagerDuty's incident open).
  const due = `SELECT n.id FROM notifications n
    WHERE n.state IN ('pending', 'in_flight')
      AND ((n.state = 'pending' AND n.next_attempt_at <= ?
            AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = n.alert_id AND a.held IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM notifications o WHERE o.alert_id = n.alert_id AND o.notifier_id = n.notifier_id
              AND o.state IN ('pending', 'in_flight') AND ${EARLIER}))
        OR (n.state = 'in_flight' AND n.claimed_until < ?))
    ORDER BY n.next_attempt_at, n.id LIMIT ?${driver.skipLocked}`
  const rows = await driver.transaction(
    () =>
      driver.all<Omit<Claim, 'message'> & {message_json: string}>(
        `UPDATE notifications SET state = 'in_flight', claimed_until = ? WHERE id IN (${due})
         RETURNING id, alert_id, notifier_id, event, attempts, message_json, created_at, claimed_until`,
        [until, dueBy, now, options.limit],
      ),
    {lockTimeoutMs: LOCK_WAIT_MS, exclusive: false},
  )
  const claims: Claim[] = []
  const unreadable: string[] = []
  for (const {message_json, ...claim} of rows) {
    const message = readMessage(message_json)
    if (message === null) unreadable.push(claim.id)
    else claims.push({...claim, attempts: Number(claim.attempts), message})
  }
  // A row edited by hand into something unreadable would otherwise be claimed again every minute, for ever.
  for (const batch of batches(unreadable)) {
    await driver.run(`UPDATE notifications SET state = 'failed', claimed_until = NULL, last_error = ? WHERE id IN (${placeholders(batch.length)})`, ['message_json does not read as a message', ...batch])
  }
  return claims.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function readMessage(text: string): AlertMessage | null {
  try {
    const value = JSON.parse(text) as AlertMessage
    return value !== null && typeof value === 'object' && typeof value.alert === 'object' && value.alert !== null && typeof value.entity === 'object' && value.entity !== null ? value : null
  } catch {
    return null
  }
}

/** The order of one alert's events written at once (an open and its resolve in one step): open, remind, resolve. */
const RANK = (column: string) => `CASE ${column} WHEN 'open' THEN 0 WHEN 'remind' THEN 1 ELSE 2 END`
/** `o` was written before `n`. */
const EARLIER = `(o.created_at < n.created_at OR (o.created_at = n.created_at AND ${RANK('o.event')} < ${RANK('n.event')}))`

/** Whether any notification waits (pending or claimed): a run with none and no open alert has nothing to deliver. */
export async function anyUndelivered(driver: Driver): Promise<boolean> {
  return (await driver.all(`SELECT 1 AS one FROM notifications WHERE state IN ('pending', 'in_flight') LIMIT 1`)).length > 0
}

/** What recording did with one claim. */
export interface Recorded {
  claim: Claim
  /** sent; retrying (pending again, due at next_attempt_at); failed (gave up after 24 h); lost (another run took the claim over). */
  result: 'sent' | 'retrying' | 'failed' | 'lost'
  /** Attempts so far, this one included. */
  attempts: number
  error?: string
  next_attempt_at?: string
}

/** The wait after the n-th failed attempt (n >= 1): 30 s, 1 m, 2 m, ... at most 10 m. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_BACKOFF_MS)
}

/**
 * Records each claim's outcome, if this run still holds its claim. A claim
 * with no outcome (not attempted) is left to expire. One transaction.
 */
export async function recordOutcomes(driver: Driver, claims: readonly Claim[], outcomes: ReadonlyMap<string, DeliveryOutcome>, now: Date): Promise<Recorded[]> {
  const at = now.toISOString()
  return driver.transaction(
    async () => {
      const recorded: Recorded[] = []
      for (const claim of claims) {
        const outcome = outcomes.get(claim.id)
        if (!outcome) continue
        const attempts = claim.attempts + 1
        const mine = 'WHERE id = ? AND state = ? AND claimed_until = ?'
        const key = [claim.id, 'in_flight', claim.claimed_until]
        if (outcome.ok) {
          const n = await driver.run(`UPDATE notifications SET state = 'sent', sent_at = ?, attempts = attempts + 1, claimed_until = NULL ${mine}`, [at, ...key])
          recorded.push({claim, result: n === 1 ? 'sent' : 'lost', attempts})
          continue
        }
        const giveUp = now.getTime() - Date.parse(claim.created_at) >= GIVE_UP_MS
        const next = new Date(now.getTime() + backoffMs(attempts)).toISOString()
        const n = await driver.run(
          `UPDATE notifications SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = NULL ${mine}`,
          [giveUp ? 'failed' : 'pending', outcome.error, giveUp ? at : next, ...key],
        )
        if (n !== 1) recorded.push({claim, result: 'lost', attempts, error: outcome.error})
        else if (giveUp) recorded.push({claim, result: 'failed', attempts, error: outcome.error})
        else recorded.push({claim, result: 'retrying', attempts, error: outcome.error, next_attempt_at: next})
      }
      return recorded
    },
    {lockTimeoutMs: LOCK_WAIT_MS, exclusive: false},
  )
}

/**
 * Drops notifications that will never be delivered (their notifier is
 * retired or unknown), saying why in last_error. Only pending or in-flight
 * ones: what was sent stays sent. Returns how many were dropped.
 */
export async function dropNotifications(driver: Driver, ids: readonly string[], why: string): Promise<number> {
  let dropped = 0
  for (const batch of batches(ids, 400)) {
    dropped += await driver.run(
      `UPDATE notifications SET state = 'dropped', last_error = ?, claimed_until = NULL WHERE id IN (${placeholders(batch.length)}) AND state IN ('pending', 'in_flight')`,
      [why, ...batch],
    )
  }
  return dropped
}

/**
 * An alert that resolved while held all along was never told: its pending
 * notifications are dropped (its resolve's are written `dropped`, with
 * notificationRow's state). Inside the caller's transaction. Returns how many.
 */
export async function dropPendingOf(driver: Driver, alertIds: readonly string[], why: string): Promise<number> {
  let dropped = 0
  for (const batch of batches(alertIds, 400)) {
    dropped += await driver.run(
      `UPDATE notifications SET state = 'dropped', last_error = ? WHERE alert_id IN (${placeholders(batch.length)}) AND state = 'pending'`,
      [why, ...batch],
    )
  }
  return dropped
}
