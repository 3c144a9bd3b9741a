import type {Delivery} from '../alert/types.js'
import {bodyLines, titleOf} from './message-text.js'
import type {PostResult} from './http-post.js'
import {SettingsError, text} from './settings.js'

export const EMAIL_PORT = 587
const TLS_MODES = ['starttls', 'tls', 'none'] as const

/** The email a delivery sends: its Message-ID is the notification id, so a resent one is recognisably the same. */
export function emailMessage(values: Record<string, unknown>, delivery: Delivery): {from: string; to: string[]; subject: string; text: string; messageId: string} {
  const to = values.to
  const list = Array.isArray(to) ? to.map(String) : typeof to === 'string' ? [to] : []
  if (list.length === 0) throw new SettingsError('to is not set')
  return {
    from: text(values, 'from', true)!,
    to: list,
    subject: titleOf(delivery.message),
    text: bodyLines(delivery.message).join('\n') + '\n',
    messageId: `<${delivery.id}@mon>`,
  }
}

/**
 * Sends one email over SMTP (nodemailer, a connection of its own), bounded
 * by timeoutMs in all: connect, greeting, AUTH, send and the server's accept.
 * `tls`: starttls (required, the default), tls (from the first byte), none.
 */
export async function sendEmail(values: Record<string, unknown>, delivery: Delivery, timeoutMs: number): Promise<PostResult> {
  const mail = emailMessage(values, delivery)
  const tls = text(values, 'tls') ?? 'starttls'
  if (!(TLS_MODES as readonly string[]).includes(tls)) throw new SettingsError(`tls must be one of ${TLS_MODES.join(', ')}, not ${tls}`)
  const username = text(values, 'username')
  const password = text(values, 'password')
  const nodemailer = await import('nodemailer')
  const transport = nodemailer.createTransport({
    host: text(values, 'host', true)!,
    port: Number(text(values, 'port') ?? EMAIL_PORT),
    secure: tls === 'tls',
    requireTLS: tls === 'starttls',
    ignoreTLS: tls === 'none',
    ...(username !== undefined ? {auth: {user: username, pass: password ?? ''}} : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<PostResult>((resolve) => {
    timer = setTimeout(() => resolve({ok: false, error: `no answer within ${timeoutMs} ms`}), timeoutMs)
  })
  const send = transport.sendMail(mail).then(
    (): PostResult => ({ok: true}),
    (err: Error & {responseCode?: number; code?: string}): PostResult => ({ok: false, error: smtpError(err)}),
  )
  try {
    return await Promise.race([send, deadline])
  } finally {
    clearTimeout(timer)
    transport.close()
  }
}

function smtpError(err: Error & {responseCode?: number; code?: string}): string {
  if (err.responseCode) return `SMTP ${err.responseCode}: ${err.message.replace(/^.*?\d{3}\s*/, '')}`
  return err.code ? `SMTP: ${err.message} (${err.code})` : `SMTP: ${err.message}`
}
