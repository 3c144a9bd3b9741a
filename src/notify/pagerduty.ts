import {clip, titleOf} from './message-text.js'
import {text} from './settings.js'
import {baseHeaders, type RequestBuilder} from './http-types.js'

export const PAGERDUTY_URL = 'https://events.pagerduty.com/v2/enqueue'

/**
 * PagerDuty Events API v2: `trigger` on open, remind and test (PagerDuty
 * folds a repeat into the incident of its `dedup_key`, the alert id), and
 * `resolve` on resolve.
 */
export const pagerdutyRequest: RequestBuilder = (values, delivery, context) => {
  const {event, alert, entity} = delivery.message
  const body = {
    routing_key: text(values, 'routing_key', true)!,
    event_action: event === 'resolve' ? 'resolve' : 'trigger',
    dedup_key: alert.id,
    payload: {
      // PagerDuty bounds the summary to 1024 characters.
      summary: clip(`${titleOf(delivery.message)} ${alert.detail}`, 1024),
      source: alert.target_id,
      severity: event === 'test' ? 'info' : alert.status === 'error' ? 'critical' : 'warning',
      timestamp: event === 'resolve' ? (alert.resolved_at ?? context.now.toISOString()) : alert.opened_at,
      custom_details: {event, alert, entity},
    },
  }
  return {url: text(values, 'url') ?? PAGERDUTY_URL, headers: baseHeaders(delivery, context), body: JSON.stringify(body)}
}
