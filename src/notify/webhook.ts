import {createHmac} from 'node:crypto'

import {headerMap, text} from './settings.js'
import {baseHeaders, type RequestBuilder} from './http-types.js'

/**
 * The versioned webhook (SPEC section 7): `{version: '1', event, alert, entity}`.
 * With `signing_secret`: `X-Mon-Timestamp` (Unix seconds) and
 * `X-Mon-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so a
 * receiver can check the sender and refuse an old timestamp (a replay).
 */
export const webhookRequest: RequestBuilder = (values, delivery, context) => {
  const {event, alert, entity} = delivery.message
  const body = JSON.stringify({version: '1', event, alert, entity})
  const headers = {...baseHeaders(delivery, context), ...headerMap(values, 'headers')}
  const secret = text(values, 'signing_secret')
  if (secret !== undefined) {
    const timestamp = String(Math.floor(context.now.getTime() / 1000))
    headers['x-mon-timestamp'] = timestamp
    headers['x-mon-signature'] = `sha256=${webhookSignature(secret, timestamp, body)}`
  }
  return {url: text(values, 'url', true)!, headers, body}
}

/** The hex HMAC-SHA256 a receiver recomputes to verify a webhook. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}
