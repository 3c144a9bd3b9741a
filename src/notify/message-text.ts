import type {AlertMessage, NotificationEvent} from '../alert/types.js'

/** How each event is named in a title: OPEN, REMIND, RESOLVED, TEST. */
const EVENT_WORD: Record<NotificationEvent, string> = {open: 'OPEN', remind: 'REMIND', resolve: 'RESOLVED', test: 'TEST'}

/** `[mon] OPEN litellm/litellm-api: error`: the email subject, and every type's title. */
export function titleOf(message: AlertMessage): string {
  const {alert} = message
  return `[mon] ${EVENT_WORD[message.event]} ${alert.entity_id}/${alert.target_id}: ${message.event === 'resolve' ? 'ok' : alert.status}`
}

/** The lines of a plain-text body: what, why, since when. */
export function bodyLines(message: AlertMessage): string[] {
  const {alert, entity} = message
  const lines = [
    `${EVENT_WORD[message.event]}: ${alert.target_id} (${entity.label}) is ${message.event === 'resolve' ? 'ok again' : alert.status}`,
    `detail: ${alert.detail}`,
    `opened: ${alert.opened_at}`,
  ]
  if (alert.resolved_at) lines.push(`resolved: ${alert.resolved_at}`)
  lines.push(`entity: ${entity.id} (${entity.type}, owner ${entity.owner})`, `alert: ${alert.id}`)
  return lines
}

/** Cut to at most max characters, marked with an ellipsis: receivers bound their fields. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…'
}
