import type {Agent} from 'undici'

import type {AlertView, Delivery, DeliveryOutcome} from '../alert/types.js'
import {redactor} from '../check/redact.js'
import type {Notifier, NotifierType} from '../config/model.js'
import {alertmanagerRepost, alertmanagerRequest} from './alertmanager.js'
import {sendEmail} from './email.js'
import {boundedPost, deliveryAgent, type PostRequest, type PostResult} from './http-post.js'
import {type RequestBuilder, type RequestContext, USER_AGENT} from './http-types.js'
import {limiter, type Limiter} from './limit.js'
import {ntfyRequest} from './ntfy.js'
import {pagerdutyRequest} from './pagerduty.js'
import {resolveSettings, SettingsError} from './settings.js'
import {slackRequest} from './slack.js'
import {webhookRequest} from './webhook.js'

/** The check interval assumed where none is given (Alertmanager's endsAt). */
export const DEFAULT_INTERVAL_MS = 60_000
/** The most requests of a pass in flight at once. */
export const MAX_IN_FLIGHT = 16

export interface DeliveryContext {
  now: Date
  env: NodeJS.ProcessEnv
  /** Each delivery's bound (DELIVERY_TIMEOUT_MS; tests pass less). */
  timeoutMs: number
  /** The target's check interval, for Alertmanager's endsAt; DEFAULT_INTERVAL_MS when absent. */
  intervalMs?: (alertId: string) => number
  /** mon/<version> unless given. */
  userAgent?: string
  /** A pass's shared Agent and cap on requests in flight; each call makes its own when absent. */
  agent?: Agent
  limit?: Limiter
}

const PER_DELIVERY: Record<Exclude<NotifierType, 'alertmanager' | 'email'>, RequestBuilder> = {
  webhook: webhookRequest,
  slack: slackRequest,
  ntfy: ntfyRequest,
  pagerduty: pagerdutyRequest,
}

/**
 * Delivers to one notifier: one request per delivery, in parallel (email: one
 * SMTP session each), except Alertmanager, which gets one POST for them all.
 * Every outcome's error is one line with each resolved secret redacted.
 */
export async function deliverTo(notifier: Notifier, deliveries: readonly Delivery[], context: DeliveryContext): Promise<Map<string, DeliveryOutcome>> {
  if (deliveries.length === 0) return new Map()
  const ids = deliveries.map((d) => d.id)
  return withTransport(notifier, context, ids, async (values, {run, post, request}) => {
    if (notifier.type === 'alertmanager') {
      const outcome = await run(() => post(alertmanagerRequest(values, deliveries, request)))
      return ids.map(() => outcome)
    }
    const type = notifier.type
    return Promise.all(
      deliveries.map((d) =>
        run(async () => {
          try {
            return type === 'email' ? await sendEmail(values, d, context.timeoutMs) : await post(PER_DELIVERY[type](values, d, request))
          } catch (err) {
            if (err instanceof SettingsError) return {ok: false, error: err.message}
            throw err
          }
        }),
      ),
    )
  })
}

/** Alertmanager's re-post of alerts still open (not notifications, so not recorded): one POST. */
export async function repostOpen(notifier: Notifier, alerts: readonly AlertView[], context: DeliveryContext): Promise<DeliveryOutcome> {
  if (notifier.type !== 'alertmanager' || alerts.length === 0) return {ok: true}
  const outcomes = await withTransport(notifier, context, [''], async (values, {run, post, request}) => [
    await run(() => post(alertmanagerRepost(values, alerts, request))),
  ])
  return outcomes.get('')!
}

interface Transport {
  run: Limiter
  post: (request: PostRequest) => Promise<PostResult>
  request: RequestContext
}

/**
 * Resolves the notifier's settings, sets up the Agent and the cap, runs fn
 * (one result per id, in order) and redacts every error; a setting that
 * cannot be resolved fails them all with the same line.
 */
async function withTransport(
  notifier: Notifier,
  context: DeliveryContext,
  ids: readonly string[],
  fn: (values: Record<string, unknown>, transport: Transport) => Promise<PostResult[]>,
): Promise<Map<string, DeliveryOutcome>> {
  const all = (outcomes: readonly PostResult[], hide: (t: string) => string) =>
    new Map(ids.map((id, i) => {
      const o = outcomes[i]!
      return [id, o.ok ? o : {ok: false as const, error: oneLine(hide(o.error))}]
    }))
  let resolved
  try {
    resolved = resolveSettings(notifier.settings, context.env)
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err
    return all(ids.map(() => ({ok: false, error: err.message})), (t) => t)
  }
  const hide = redactor(resolved.secrets)
  const agent = context.agent ?? (await deliveryAgent(context.timeoutMs, Math.min(ids.length, MAX_IN_FLIGHT)))
  const transport: Transport = {
    run: context.limit ?? limiter(MAX_IN_FLIGHT),
    post: (r) => boundedPost(agent, r, context.timeoutMs),
    request: {now: context.now, userAgent: context.userAgent ?? USER_AGENT, intervalMs: context.intervalMs ?? (() => DEFAULT_INTERVAL_MS)},
  }
  try {
    let outcomes: PostResult[]
    try {
      outcomes = await fn(resolved.values, transport)
    } catch (err) {
      if (!(err instanceof SettingsError)) throw err
      outcomes = ids.map(() => ({ok: false, error: err.message}))
    }
    return all(outcomes, (t) => hide.cut(t))
  } finally {
    if (!context.agent) await agent.close()
  }
}

/** A stored error is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}
