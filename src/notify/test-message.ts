/**
 * `mon notify test`: one test message to one notifier, recorded in the
 * outbox as sent or failed (never retried: the operator is watching).
 */
import type {AlertMessage, DeliveryOutcome} from '../alert/types.js'
import type {Notifier} from '../config/model.js'
import type {Driver} from '../store/driver.js'
import {insertNotifications, notificationRow} from '../store/outbox.js'
import {uuidv7} from '../time.js'
import {deliverTo} from './deliver.js'

export function testMessage(id: string, now: Date): AlertMessage {
  return {
    event: 'test',
    alert: {
      id,
      target_id: 'mon-test',
      entity_id: 'mon',
      endpoint_id: null,
      registry_id: null,
      status: 'ok',
      detail: 'A test message from mon notify test: this notifier works.',
      opened_at: now.toISOString(),
      resolved_at: null,
    },
    entity: {id: 'mon', label: 'mon notify test', type: 'test', owner: 'mon'},
  }
}

export async function sendTestMessage(
  driver: Driver,
  notifier: Notifier,
  context: {now: Date; env: NodeJS.ProcessEnv; timeoutMs: number; userAgent?: string},
): Promise<{notification_id: string; outcome: DeliveryOutcome}> {
  const id = uuidv7(context.now.getTime())
  const message = testMessage(id, context.now)
  const outcome = (await deliverTo(notifier, [{id, notifier_id: notifier.id, message, attempts: 0}], context)).get(id)!
  // PagerDuty and Alertmanager keep a test as an incident or a firing alert: resolve it at once (same dedup key, same alert).
  if (outcome.ok && (notifier.type === 'pagerduty' || notifier.type === 'alertmanager')) {
    const resolved: AlertMessage = {...message, event: 'resolve', alert: {...message.alert, resolved_at: context.now.toISOString()}}
    await deliverTo(notifier, [{id: `${id}-resolve`, notifier_id: notifier.id, message: resolved, attempts: 0}], context)
  }
  const at = context.now.toISOString()
  const row = notificationRow({id, alert_id: null, notifier_id: notifier.id, message, created_at: at})
  await insertNotifications(driver, [
    outcome.ok ? {...row, state: 'sent', attempts: 1, sent_at: at} : {...row, state: 'failed', attempts: 1, last_error: outcome.error},
  ])
  return {notification_id: id, outcome}
}
