import {bodyLines, clip, titleOf} from './message-text.js'
import {text} from './settings.js'
import {baseHeaders, type RequestBuilder} from './http-types.js'

/** Slack's incoming webhook: `text` (notifications, fallback) and readable `blocks`. */
export const slackRequest: RequestBuilder = (values, delivery, context) => {
  const message = delivery.message
  const {alert, entity} = message
  const title = titleOf(message)
  const times = [`opened ${alert.opened_at}`, ...(alert.resolved_at ? [`resolved ${alert.resolved_at}`] : []), `alert ${alert.id}`]
  const body = {
    text: `${title}\n${bodyLines(message)[1]}`,
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
