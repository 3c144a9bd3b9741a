/**
 * Delivery after the checks: claim what is due, deliver it in parallel (at
 * most `concurrency` requests in flight, each bounded), record each outcome,
 * and re-post open alerts to Alertmanager. Whichever run claims a
 * notification first delivers it; a run's exit code never depends on this.
 */
import type {Delivery, DeliveryOutcome} from '../alert/types.js'
import {formatDuration} from '../duration.js'
import {plural} from '../plural.js'
import {type AlertConfig, knownNotifierType, readAlertConfig} from '../store/alert-config.js'
import {readOpenAlertViews} from '../store/alert-views.js'
import type {Driver} from '../store/driver.js'
import {anyUndelivered, CLAIM_MS, type Claim, claimNotifications, dropNotifications, type Recorded, recordOutcomes} from '../store/outbox.js'
import {type DeliveryContext, deliverTo, MAX_IN_FLIGHT, repostOpen} from './deliver.js'
import {deliveryAgent} from './http-post.js'
import {limiter} from './limit.js'

export interface DeliverPendingOptions {
  /** Read when delivery starts (not when the run started): claims last 60 s from it. */
  now: Date
  env: NodeJS.ProcessEnv
  /** Each delivery's bound: DELIVERY_TIMEOUT_MS (tests pass less). */
  timeoutMs: number
  /** Requests in flight at most; MAX_IN_FLIGHT by default. */
  concurrency?: number
  /** One line per failure (`notify: ops-slack: HTTP 500 (attempt 2; next in 1m)`), for stderr. */
  note: (line: string) => void
  /** The applied notifiers and settings; by default read when delivery starts, and only if there is something to deliver. */
  config?: AlertConfig
  userAgent?: string
  /** Notifications claimed at a time, at most (see roundLimit). */
  batch?: number
}

export interface DeliveryCounts {
  sent: number
  /** Gave up: 24 h after they were written. */
  failed: number
  /** Failed this time, pending again for a later run. */
  retrying: number
  /** Of a retired or unknown notifier. */
  dropped: number
}

const DEFAULT_BATCH = 1000

/**
 * How many to claim in one round: no more than can be delivered before the
 * claim expires, were every request to take the whole bound (a receiver
 * that hangs). A round of more would outlive its claims, and another run
 * would deliver them again. With the 10 s bound and 16 in flight: 80, one
 * Alertmanager POST per notifier per 80 notifications.
 */
export function roundLimit(batch: number, concurrency: number, timeoutMs: number): number {
  const rounds = Math.max(1, Math.floor(CLAIM_MS / timeoutMs) - 1)
  return Math.max(1, Math.min(batch, concurrency * rounds))
}

export async function deliverPending(driver: Driver, options: DeliverPendingOptions): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = {sent: 0, failed: 0, retrying: 0, dropped: 0}
  const concurrency = options.concurrency ?? MAX_IN_FLIGHT
  const batch = roundLimit(options.batch ?? DEFAULT_BATCH, concurrency, options.timeoutMs)
  // Each round's "now" is the given one plus the time the pass has taken: a later round's claims last their full 60 s.
  const started = performance.now()
  const nowOf = () => new Date(options.now.getTime() + Math.floor(performance.now() - started))
  const open = await readOpenAlertViews(driver)
  // Most runs: nothing waits and nothing fires, so no claim (a write transaction) and no HTTP agent.
  if (open.length === 0 && !(await anyUndelivered(driver))) return counts
  // Read now, not when the run started: an apply meanwhile may have added the notifier a newer run's notifications name.
  const config = options.config ?? (await readAlertConfig(driver))
  const intervals = new Map(open.map((a) => [a.id, a.interval_ms]))
  const agent = await deliveryAgent(options.timeoutMs, concurrency)
  const context: DeliveryContext = {
    now: options.now,
    env: options.env,
    timeoutMs: options.timeoutMs,
    intervalMs: (id) => intervals.get(id) ?? 60_000,
    userAgent: options.userAgent,
    agent,
    limit: limiter(concurrency),
  }
  // Per Alertmanager notifier, the alerts posted this pass already (no re-post for them).
  const posted = new Map<string, Set<string>>()
  try {
    for (;;) {
      const claims = await claimNotifications(driver, {now: nowOf(), limit: batch, dueBy: options.now})
      if (claims.length === 0) break
      const deliverable = await dropUndeliverable(driver, claims, config, counts)
      // Each round says its own time (a webhook's X-Mon-Timestamp, Alertmanager's endsAt), not the pass's start.
      const outcomes = await deliverAll(deliverable, config, {...context, now: nowOf()})
      for (const claim of deliverable) {
        if (claim.alert_id !== null) (posted.get(claim.notifier_id) ?? posted.set(claim.notifier_id, new Set()).get(claim.notifier_id)!).add(claim.alert_id)
      }
      const recordedAt = nowOf()
      for (const r of await recordOutcomes(driver, deliverable, outcomes, recordedAt)) {
        if (r.result === 'lost') continue
        counts[r.result]++
        if (r.result !== 'sent') options.note(failureLine(r, recordedAt))
      }
      // A round that delivered may have let an alert's next notification (its resolve after its open) through.
      if (claims.length < batch && deliverable.length === 0) break
    }
    // Read again: an alert another run resolved meanwhile must not be made to fire again.
    await repostToAlertmanagers(await readOpenAlertViews(driver), posted, config, options.note, {...context, now: nowOf()})
  } finally {
    await agent.close()
  }
  return counts
}

/** Drops the claims no notifier can deliver (retired, unknown, a type this mon does not know); returns the rest. */
async function dropUndeliverable(driver: Driver, claims: readonly Claim[], config: AlertConfig, counts: DeliveryCounts): Promise<Claim[]> {
  const why = new Map<string, string[]>()
  const rest: Claim[] = []
  for (const claim of claims) {
    const notifier = config.notifiers.get(claim.notifier_id)
    const reason = !notifier
      ? `notifier ${claim.notifier_id} is not in the applied file`
      : notifier.retired
        ? `notifier ${claim.notifier_id} is retired`
        : !knownNotifierType(notifier.type)
          ? `notifier ${claim.notifier_id} has type ${notifier.type}, which this mon cannot deliver`
          : null
    if (reason === null) rest.push(claim)
    else why.set(reason, [...(why.get(reason) ?? []), claim.id])
  }
  for (const [reason, ids] of why) counts.dropped += await dropNotifications(driver, ids, reason)
  return rest
}

/** Every notifier's deliveries at once, under the context's one cap on requests in flight. */
async function deliverAll(claims: readonly Claim[], config: AlertConfig, context: DeliveryContext): Promise<Map<string, DeliveryOutcome>> {
  const byNotifier = new Map<string, Delivery[]>()
  for (const {id, notifier_id, message, attempts} of claims) {
    const list = byNotifier.get(notifier_id) ?? []
    list.push({id, notifier_id, message, attempts})
    byNotifier.set(notifier_id, list)
  }
  // One notifier that fails unexpectedly fails its own deliveries, never the round's record of the others'.
  const results = await Promise.all(
    [...byNotifier].map(([id, deliveries]) =>
      deliverTo(config.notifiers.get(id)!, deliveries, context).catch((err: unknown) => {
        const error = `could not deliver: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`
        return new Map(deliveries.map((d) => [d.id, {ok: false, error} as DeliveryOutcome]))
      }),
    ),
  )
  return new Map(results.flatMap((m) => [...m]))
}

/** `notify: ops-slack: HTTP 500 (attempt 2; next in 1m)`. */
function failureLine(r: Recorded, now: Date): string {
  const when = r.result === 'failed' ? 'undelivered after 24h, not retried' : `next in ${formatDuration(Date.parse(r.next_attempt_at!) - now.getTime())}`
  return `notify: ${r.claim.notifier_id}: ${r.error} (attempt ${r.attempts}; ${when})`
}

/**
 * Alertmanager forgets an alert that is not re-posted: each open, unheld
 * alert whose target notifies an Alertmanager notifier is posted again (one
 * POST per notifier), unless this pass posted it already.
 */
async function repostToAlertmanagers(
  open: Awaited<ReturnType<typeof readOpenAlertViews>>,
  posted: ReadonlyMap<string, ReadonlySet<string>>,
  config: AlertConfig,
  note: (line: string) => void,
  context: DeliveryContext,
): Promise<void> {
  const notifiers = [...config.notifiers.values()].filter((n) => n.type === 'alertmanager' && !n.retired)
  await Promise.all(
    notifiers.map(async (notifier) => {
      const alerts = open.filter(
        (a) => a.held === null && !posted.get(notifier.id)?.has(a.id) && (config.settings[a.target_table].get(a.target_id)?.notify ?? []).includes(notifier.id),
      )
      if (alerts.length === 0) return
      const outcome = await repostOpen(notifier, alerts, context)
      if (!outcome.ok) note(`notify: ${notifier.id}: re-post of ${plural(alerts.length, 'open alert')}: ${outcome.error}`)
    }),
  )
}
