import type {AlertView, Delivery} from '../alert/types.js'
import type {PostRequest} from './http-post.js'
import {clip} from './message-text.js'
import {text} from './settings.js'
import type {RequestContext} from './http-types.js'

/** How many check intervals an open alert's endsAt lies ahead: missing that many re-posts lets Alertmanager resolve it. */
export const ENDS_AFTER_INTERVALS = 4

/**
 * Alertmanager: one POST to `{url}/api/v2/alerts` with every alert of the
 * batch. Open, remind and test (and every run's re-post of an open alert)
 * post `endsAt` four intervals ahead; a resolve posts `endsAt` = now.
 */
export function alertmanagerRequest(values: Record<string, unknown>, deliveries: readonly Delivery[], context: RequestContext): PostRequest {
  const alerts = deliveries.map((d) => alertmanagerAlert(d.message.alert, d.message.event === 'resolve', context))
  return alertmanagerPost(values, alerts, context)
}

/** The re-posts of open alerts (not notifications: Alertmanager wants to hear while an alert fires). */
export function alertmanagerRepost(values: Record<string, unknown>, alerts: readonly AlertView[], context: RequestContext): PostRequest {
  return alertmanagerPost(values, alerts.map((a) => alertmanagerAlert(a, false, context)), context)
}

function alertmanagerPost(values: Record<string, unknown>, alerts: object[], context: RequestContext): PostRequest {
  const base = text(values, 'url', true)!.replace(/\/+$/, '')
  return {url: `${base}/api/v2/alerts`, headers: {'content-type': 'application/json', 'user-agent': context.userAgent}, body: JSON.stringify(alerts)}
}

function alertmanagerAlert(alert: AlertView, resolved: boolean, context: RequestContext): object {
  const now = context.now.getTime()
  return {
    labels: {alertname: 'mon', alert_id: alert.id, target_id: alert.target_id, entity_id: alert.entity_id, severity: alert.status === 'error' ? 'critical' : alert.status === 'warn' ? 'warning' : 'info'},
    annotations: {summary: `${alert.entity_id}/${alert.target_id}: ${alert.status}`, description: clip(alert.detail, 1024)},
    startsAt: alert.opened_at,
    endsAt: new Date(resolved ? now : now + ENDS_AFTER_INTERVALS * context.intervalMs(alert.id)).toISOString(),
  }
}
