import {afterEach, describe, expect, it} from 'vitest'

import {deliverTo} from '../../src/notify/deliver.js'
import {mailBody, mailHeader, type SmtpReceiver, startSmtpReceiver} from '../support/smtp-receiver.js'
import {delivery, notifier, NOW} from './fixtures.js'

// The email notifier through a real SMTP server (smtp-server) on 127.0.0.1.
describe('email notifier', () => {
  let smtp: SmtpReceiver | undefined
  afterEach(async () => {
    await smtp?.close()
    smtp = undefined
  })
  const settings = (port: number) => ({host: '127.0.0.1', port, tls: 'none', from: 'mon@example.com', to: ['ops@example.com', 'oncall@example.com'], username: 'mon', password: '${SMTP_PASSWORD}'})

  it('authenticates, and sends subject, body, from, to and a Message-ID from the notification id', async () => {
    smtp = await startSmtpReceiver({auth: {user: 'mon', pass: 'smtp-pass-9876'}})
    const out = await deliverTo(notifier('email', settings(smtp.port)), [delivery('0190b000-0000-7000-8000-00000000000e')], {now: NOW, env: {SMTP_PASSWORD: 'smtp-pass-9876'}, timeoutMs: 5000})
    expect(out.get('0190b000-0000-7000-8000-00000000000e')).toEqual({ok: true})
    const [mail] = smtp.messages
    expect(mail).toMatchObject({from: 'mon@example.com', to: ['ops@example.com', 'oncall@example.com'], user: 'mon'})
    expect(mailHeader(mail!.raw, 'Subject')).toBe('[mon] OPEN litellm/litellm-chat: error')
    expect(mailHeader(mail!.raw, 'Message-ID')).toBe('<0190b000-0000-7000-8000-00000000000e@mon>')
    expect(mailHeader(mail!.raw, 'From')).toBe('mon@example.com')
    expect(mailHeader(mail!.raw, 'To')).toBe('ops@example.com, oncall@example.com')
    expect(mailBody(mail!.raw)).toBe(
      [
        'OPEN: litellm-chat (LiteLLM proxy) is error',
        'detail: HTTP 503 Service Unavailable in 12 ms',
        'opened: 2026-12-01T10:00:00.000Z',
        'entity: litellm (service, owner ml-platform)',
        'alert: 0190a000-0000-7000-8000-000000000001',
        '',
      ].join('\n'),
    )
  })

  it('a wrong password or a rejected message is a failed attempt, with no secret in its line', async () => {
    smtp = await startSmtpReceiver({auth: {user: 'mon', pass: 'the-right-one'}})
    const out = await deliverTo(notifier('email', settings(smtp.port)), [delivery('x')], {now: NOW, env: {SMTP_PASSWORD: 'wrong-pass-1234'}, timeoutMs: 5000})
    const failed = out.get('x')!
    expect(failed).toMatchObject({ok: false, error: expect.stringMatching(/^SMTP 535/)})
    expect(JSON.stringify(failed)).not.toContain('wrong-pass-1234')
    smtp.reject(550)
    const rejected = await deliverTo(notifier('email', settings(smtp.port)), [delivery('y')], {now: NOW, env: {SMTP_PASSWORD: 'the-right-one'}, timeoutMs: 5000})
    expect(rejected.get('y')).toMatchObject({ok: false, error: expect.stringMatching(/^SMTP 550/)})
    expect(smtp.messages).toHaveLength(0)
  })

  it('no server is a failed attempt, and an unknown tls mode is named', async () => {
    const out = await deliverTo(notifier('email', {...settings(1), password: 'x'}), [delivery('z')], {now: NOW, env: {}, timeoutMs: 2000})
    expect(out.get('z')).toMatchObject({ok: false, error: expect.stringMatching(/ECONNREFUSED/)})
    const bad = await deliverTo(notifier('email', {...settings(1), tls: 'maybe'}), [delivery('w')], {now: NOW, env: {SMTP_PASSWORD: 'p'}, timeoutMs: 2000})
    expect(bad.get('w')).toEqual({ok: false, error: 'tls must be one of starttls, tls, none, not maybe'})
  })
})
