import {bodyLines, titleOf} from './message-text.js'
import {text} from './settings.js'
import type {RequestBuilder} from './http-types.js'

export const NTFY_URL = 'https://ntfy.sh'

/**
 * ntfy: a POST of the text to `{url}/{topic}`, with its Title, Priority (an
 * error 5, a warning 4, a resolve or test 3) and Tags headers.
 */
export const ntfyRequest: RequestBuilder = (values, delivery, context) => {
  const message = delivery.message
  const base = (text(values, 'url') ?? NTFY_URL).replace(/\/+$/, '')
  const topic = text(values, 'topic', true)!
  const alerting = message.event === 'open' || message.event === 'remind'
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'user-agent': context.userAgent,
    'x-mon-idempotency-key': delivery.id,
    title: headerText(titleOf(message)),
    priority: alerting ? (message.alert.status === 'error' ? '5' : '4') : '3',
    tags: message.event === 'resolve' ? 'white_check_mark' : message.event === 'test' ? 'test_tube' : message.alert.status === 'error' ? 'rotating_light' : 'warning',
  }
  const token = text(values, 'token')
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  return {url: `${base}/${encodeURIComponent(topic)}`, headers, body: bodyLines(message).join('\n')}
}

/** A header value is bytes: text beyond ASCII goes as RFC 2047 encoded-word, which ntfy decodes. */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`
}
