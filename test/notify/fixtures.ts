import type {AlertMessage, Delivery, NotificationEvent} from '../../src/alert/types.js'
import type {Notifier, NotifierType} from '../../src/config/model.js'

/** A message as mon check stores it for an alert on litellm's chat endpoint. */
export function message(event: NotificationEvent = 'open', overrides: Partial<AlertMessage['alert']> = {}): AlertMessage {
  return {
    event,
    alert: {
      id: '0190a000-0000-7000-8000-000000000001',
      target_id: 'litellm-chat',
      entity_id: 'litellm',
      endpoint_id: 'litellm-chat',
      registry_id: null,
      status: 'error',
      detail: 'HTTP 503 Service Unavailable in 12 ms',
      opened_at: '2026-12-01T10:00:00.000Z',
      resolved_at: event === 'resolve' ? '2026-12-01T10:05:00.000Z' : null,
      ...overrides,
    },
    entity: {id: 'litellm', label: 'LiteLLM proxy', type: 'service', owner: 'ml-platform'},
  }
}

export function delivery(id: string, event: NotificationEvent = 'open', notifierId = 'n1', overrides: Partial<AlertMessage['alert']> = {}): Delivery {
  return {id, notifier_id: notifierId, message: message(event, overrides), attempts: 0}
}

export function notifier(type: NotifierType, settings: Record<string, unknown>, id = 'n1'): Notifier {
  return {id, type, settings}
}

export const NOW = new Date('2026-12-01T10:06:00.000Z')
