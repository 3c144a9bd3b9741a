import type {Delivery} from '../alert/types.js'
import type {PostRequest} from './http-post.js'
import {MON_VERSION} from '../mon-version.js'

/** What a notifier type needs beside its settings to build a request. */
export interface RequestContext {
  now: Date
  userAgent: string
  /** The target's check interval, for Alertmanager's endsAt. */
  intervalMs: (alertId: string) => number
}

/** A type that sends one HTTP POST per delivery. */
export type RequestBuilder = (values: Record<string, unknown>, delivery: Delivery, context: RequestContext) => PostRequest

/** `mon/0.1.0`, as every delivery's User-Agent. */
export const USER_AGENT = `mon/${MON_VERSION}`

/** The headers every HTTP delivery carries; the id is the idempotency key. */
export function baseHeaders(delivery: Delivery, context: RequestContext): Record<string, string> {
  return {'content-type': 'application/json', 'user-agent': context.userAgent, 'idempotency-key': delivery.id}
}
