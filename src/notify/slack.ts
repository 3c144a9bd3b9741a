import type {AlertMessage} from '../alert/types.js'
import {bodyLines, clip, titleOf} from './message-text.js'
import {text} from './settings.js'
import {baseHeaders, type RequestBuilder} from './http-types.js'

/**
 * Slack's control characters, escaped as Slack asks: a monitored service's
 * answer reaches the detail, and must not `<!channel>` the channel or post a
 * link under words of its choosing.
 */
export function slackEscape(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/** Slack's incoming webhook: `text` (notifications, fallback) and readable `blocks`. */
export const slackRequest: RequestBuilder = (values, delivery, context) => {
  const message = delivery.message
  const {alert, entity} = escaped(message)
  const title = titleOf(message)
  const times = [`opened ${alert.opened_at}`, ...(alert.resolved_at ? [`resolved ${alert.resolved_at}`] : []), `alert ${alert.id}`]
  const body = {
    text: slackEscape(`${title}\n${bodyLines(message)[1]}`),
    blocks: [
      // Slack bounds a header's text to 150 characters and a section's to 3000.
      {type: 'header', text: {type: 'plain_text', text: clip(title, 150)}},
      {
        type: 'section',
        fields: [
          {type: 'mrkdwn', text: `*Target*\n${alert.target_id}`},
          {type: 'mrkdwn', text: `*Status*\n${message.event === 'resolve' ? 'ok' : alert.status}`},
          {type: 'mrkdwn', text: `*Entity*\n${entity.label} (${entity.id})`},
          {type: 'mrkdwn', text: `*Owner*\n${entity.owner}`},
        ],
      },
      {type: 'section', text: {type: 'mrkdwn', text: clip(`*Detail*\n${alert.detail}`, 3000)}},
      {type: 'context', elements: [{type: 'mrkdwn', text: times.join(' · ')}]},
    ],
  }
  return {url: text(values, 'url', true)!, headers: baseHeaders(delivery, context), body: JSON.stringify(body)}
}

/** Every text of the message a mrkdwn field shows, escaped. */
function escaped(message: AlertMessage): AlertMessage {
  const alert = Object.fromEntries(Object.entries(message.alert).map(([k, v]) => [k, typeof v === 'string' ? slackEscape(v) : v])) as unknown as AlertMessage['alert']
  const entity = Object.fromEntries(Object.entries(message.entity).map(([k, v]) => [k, typeof v === 'string' ? slackEscape(v) : v])) as unknown as AlertMessage['entity']
  return {...message, alert, entity}
}
