import {describe, expect, it} from 'vitest'

import {deliverTo, repostOpen} from '../../src/notify/deliver.js'
import {DELIVERY_TIMEOUT_MS} from '../../src/notify/http-post.js'
import {webhookSignature} from '../../src/notify/webhook.js'
import {useReceiver} from '../support/receivers.js'
import {delivery, message, notifier, NOW} from './fixtures.js'

// Every HTTP notifier type against a real receiver on 127.0.0.1: what arrives, byte for byte where it matters.
describe('notifier types (HTTP)', () => {
  const receiver = useReceiver()
  const context = (env: NodeJS.ProcessEnv = {}) => ({now: NOW, env, timeoutMs: 2000})

  it('webhook: the version 1 body with every field, the idempotency key, the headers resolved, a verifiable signature', async () => {
    const n = notifier('webhook', {url: `${receiver().url}/hook`, headers: {Authorization: 'Bearer ${HOOK_TOKEN}'}, signing_secret: '${HOOK_SECRET}'})
    const env = {HOOK_TOKEN: 'tok-abcdef123', HOOK_SECRET: 'sign-secret-xyz'}
    const out = await deliverTo(n, [delivery('id-1')], context(env))
    expect(out.get('id-1')).toEqual({ok: true})
    const got = receiver().requests[0]!
    expect([got.method, got.path]).toEqual(['POST', '/hook'])
    const body = JSON.parse(got.body)
    // SPEC section 7's fields, each and no other, in its order.
    expect(Object.keys(body)).toEqual(['version', 'event', 'alert', 'entity'])
    expect(Object.keys(body.alert)).toEqual(['id', 'target_id', 'entity_id', 'endpoint_id', 'registry_id', 'status', 'detail', 'opened_at', 'resolved_at'])
    expect(Object.keys(body.entity)).toEqual(['id', 'label', 'type', 'owner'])
    expect(body).toEqual({version: '1', event: 'open', alert: message().alert, entity: message().entity})
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.headers['idempotency-key']).toBe('id-1')
    expect(got.headers['user-agent']).toMatch(/^mon\/\d+\.\d+\.\d+/)
    expect(got.headers.authorization).toBe('Bearer tok-abcdef123')
    const timestamp = got.headers['x-mon-timestamp'] as string
    expect(timestamp).toBe(String(NOW.getTime() / 1000))
    expect(got.headers['x-mon-signature']).toBe(`sha256=${webhookSignature('sign-secret-xyz', timestamp, got.body)}`)
    // Recomputed here from scratch, as a receiver would.
    const {createHmac} = await import('node:crypto')
    expect(got.headers['x-mon-signature']).toBe('sha256=' + createHmac('sha256', 'sign-secret-xyz').update(`${timestamp}.${got.body}`).digest('hex'))
  })

  it('webhook headers of any case replace a default once, but never the idempotency key; a missing header variable names the header', async () => {
    const headers = {'Content-Type': 'application/cloudevents+json', 'IDEMPOTENCY-KEY': 'mine', 'X-Team': '${TEAM}'}
    await deliverTo(notifier('webhook', {url: receiver().url, headers}), [delivery('id-h')], context({TEAM: 'ml-platform'}))
    const got = receiver().requests[0]!
    expect(got.headers['content-type']).toBe('application/cloudevents+json')
    expect(got.headers['idempotency-key']).toBe('id-h')
    expect(got.headers['x-team']).toBe('ml-platform')
    // One header of each name reached the receiver.
    expect(got.headers).not.toHaveProperty('Content-Type')
    const out = await deliverTo(notifier('webhook', {url: receiver().url, headers: {'X-Team': ''}}), [delivery('id-i')], context())
    expect(out.get('id-i')).toEqual({ok: false, error: 'headers.X-Team is not set'})
  })

  it('webhook without a signing secret sends no signature headers', async () => {
    await deliverTo(notifier('webhook', {url: receiver().url}), [delivery('id-2', 'resolve')], context())
    expect(receiver().requests[0]!.headers['x-mon-signature']).toBeUndefined()
    expect(receiver().json().alert.resolved_at).toBe('2026-12-01T10:05:00.000Z')
  })

  it('slack: text and blocks (header, fields, detail, context with times)', async () => {
    await deliverTo(notifier('slack', {url: '${SLACK_URL}'}), [delivery('id-3', 'resolve')], context({SLACK_URL: `${receiver().url}/services/x`}))
    expect(receiver().requests[0]!.path).toBe('/services/x')
    expect(receiver().json()).toEqual({
      text: '[mon] RESOLVED litellm/litellm-chat: ok\ndetail: HTTP 503 Service Unavailable in 12 ms',
      blocks: [
        {type: 'header', text: {type: 'plain_text', text: '[mon] RESOLVED litellm/litellm-chat: ok'}},
        {
          type: 'section',
          fields: [
            {type: 'mrkdwn', text: '*Target*\nlitellm-chat'},
            {type: 'mrkdwn', text: '*Status*\nok'},
            {type: 'mrkdwn', text: '*Entity*\nLiteLLM proxy (litellm)'},
            {type: 'mrkdwn', text: '*Owner*\nml-platform'},
          ],
        },
        {type: 'section', text: {type: 'mrkdwn', text: '*Detail*\nHTTP 503 Service Unavailable in 12 ms'}},
        {type: 'context', elements: [{type: 'mrkdwn', text: 'opened 2026-12-01T10:00:00.000Z · resolved 2026-12-01T10:05:00.000Z · alert 0190a000-0000-7000-8000-000000000001'}]},
      ],
    })
  })

  it('slack: what a monitored service answered cannot mention the channel or post a link of its own', async () => {
    const detail = 'status: expected "ok", got "<!channel> <https://evil.example/sso|re-authenticate> & more"'
    await deliverTo(notifier('slack', {url: '${SLACK_URL}'}), [delivery('id-9', 'open', 'n1', {detail})], context({SLACK_URL: `${receiver().url}/services/x`}))
    const body = receiver().requests[0]!.body
    expect(body).not.toContain('<!channel>')
    expect(body).not.toContain('<https://')
    expect(receiver().json().blocks[2].text.text).toBe('*Detail*\nstatus: expected "ok", got "&lt;!channel&gt; &lt;https://evil.example/sso|re-authenticate&gt; &amp; more"')
  })

  it('ntfy: POST {url}/{topic} with Title, Priority, Tags, the bearer token and the idempotency key', async () => {
    const n = notifier('ntfy', {url: `${receiver().url}/`, topic: 'mon-alerts', token: '${NTFY_TOKEN}'})
    await deliverTo(n, [delivery('id-4', 'open'), delivery('id-5', 'resolve')], context({NTFY_TOKEN: 'tk_ntfy_12345'}))
    const byKey = new Map(receiver().requests.map((q) => [q.headers['x-mon-idempotency-key'], q]))
    const open = byKey.get('id-4')!
    expect(open.path).toBe('/mon-alerts')
    expect(open.headers).toMatchObject({title: '[mon] OPEN litellm/litellm-chat: error', priority: '5', tags: 'rotating_light', authorization: 'Bearer tk_ntfy_12345'})
    expect(open.body.split('\n')[0]).toBe('OPEN: litellm-chat (LiteLLM proxy) is error')
    expect(byKey.get('id-5')!.headers).toMatchObject({priority: '3', tags: 'white_check_mark'})
    receiver().clear()
    await deliverTo(notifier('ntfy', {url: receiver().url, topic: 't'}), [delivery('id-6', 'remind', 'n1', {status: 'warn'})], context())
    expect(receiver().requests[0]!.headers).toMatchObject({priority: '4', tags: 'warning'})
    expect(receiver().requests[0]!.headers.authorization).toBeUndefined()
  })

  it('pagerduty: trigger then resolve, dedup_key the alert id, at the configured url', async () => {
    const n = notifier('pagerduty', {url: `${receiver().url}/v2/enqueue`, routing_key: '${PD_KEY}'})
    const env = {PD_KEY: 'R0UT1NGKEY0123456789abcdefabcdef'}
    await deliverTo(n, [delivery('id-7', 'open')], context(env))
    await deliverTo(n, [delivery('id-8', 'resolve')], context(env))
    const [trigger, resolve] = [receiver().json(0), receiver().json(1)]
    expect(receiver().requests[0]!.path).toBe('/v2/enqueue')
    expect(trigger).toEqual({
      routing_key: 'R0UT1NGKEY0123456789abcdefabcdef',
      event_action: 'trigger',
      dedup_key: '0190a000-0000-7000-8000-000000000001',
      payload: {
        summary: '[mon] OPEN litellm/litellm-chat: error HTTP 503 Service Unavailable in 12 ms',
        source: 'litellm-chat',
        severity: 'critical',
        timestamp: '2026-12-01T10:00:00.000Z',
        custom_details: message('open'),
      },
    })
    expect(resolve).toMatchObject({event_action: 'resolve', dedup_key: trigger.dedup_key, payload: {timestamp: '2026-12-01T10:05:00.000Z'}})
    expect(receiver().requests[1]!.headers['idempotency-key']).toBe('id-8')
  })

  it('alertmanager: one POST for the batch, labels, startsAt, endsAt four intervals ahead or now on resolve; re-posts of open alerts', async () => {
    const n = notifier('alertmanager', {url: `${receiver().url}/`})
    const second = {id: 'alert-2', target_id: 'ov-api', entity_id: 'ov', status: 'warn' as const, opened_at: '2026-12-01T09:00:00.000Z'}
    const out = await deliverTo(n, [delivery('id-9', 'open'), delivery('id-10', 'resolve', 'n1', second)], {...context(), intervalMs: (id) => (id === 'alert-2' ? 30_000 : 120_000)})
    expect([...out.values()]).toEqual([{ok: true}, {ok: true}])
    expect(receiver().requests).toHaveLength(1)
    expect(receiver().requests[0]!.path).toBe('/api/v2/alerts')
    expect(receiver().json()).toEqual([
      {
        labels: {alertname: 'mon', alert_id: '0190a000-0000-7000-8000-000000000001', target_id: 'litellm-chat', entity_id: 'litellm', severity: 'critical'},
        annotations: {summary: 'litellm/litellm-chat: error', description: 'HTTP 503 Service Unavailable in 12 ms'},
        startsAt: '2026-12-01T10:00:00.000Z',
        endsAt: '2026-12-01T10:14:00.000Z',
      },
      {
        labels: {alertname: 'mon', alert_id: 'alert-2', target_id: 'ov-api', entity_id: 'ov', severity: 'warning'},
        annotations: {summary: 'ov/ov-api: warn', description: 'HTTP 503 Service Unavailable in 12 ms'},
        startsAt: '2026-12-01T09:00:00.000Z',
        endsAt: NOW.toISOString(),
      },
    ])
    receiver().clear()
    expect(await repostOpen(n, [message().alert], context())).toEqual({ok: true})
    expect(receiver().json()[0].endsAt).toBe('2026-12-01T10:10:00.000Z')
  })

  it('a missing variable fails the attempt naming it; a secret is never in an error', async () => {
    const n = notifier('slack', {url: '${SLACK_WEBHOOK_URL}'})
    expect((await deliverTo(n, [delivery('a')], context())).get('a')).toEqual({ok: false, error: 'SLACK_WEBHOOK_URL is not set'})
    // The URL's secret path comes back in nothing: a refused connection names the host only, and a bad URL not at all.
    const secretPath = 'T000/B000/XXXXsecretXXXX'
    const env = {SLACK_WEBHOOK_URL: `http://127.0.0.1:1/${secretPath}`}
    const refused = (await deliverTo(n, [delivery('b')], context(env))).get('b')
    expect(refused).toMatchObject({ok: false})
    expect(JSON.stringify(refused)).not.toContain('XXXXsecret')
    const hostSecret = (await deliverTo(notifier('webhook', {url: 'http://${H}:1/'}), [delivery('c')], context({H: 'no-such-host-secretname.invalid'}))).get('c')
    expect(hostSecret).toMatchObject({ok: false})
    expect(JSON.stringify(hostSecret)).not.toContain('no-such-host-secretname')
  })

  it('a non-2xx answer is a failure naming the status; a redirect is not followed; only http and https', async () => {
    receiver().answer(500)
    expect((await deliverTo(notifier('webhook', {url: receiver().url}), [delivery('d')], context())).get('d')).toEqual({ok: false, error: 'HTTP 500'})
    receiver().redirect(`${receiver().url}/elsewhere`, 302)
    expect((await deliverTo(notifier('webhook', {url: `${receiver().url}/hook`}), [delivery('e')], context())).get('e')).toEqual({ok: false, error: 'HTTP 302 redirect, not followed'})
    expect(receiver().requests.map((q) => q.path)).toEqual(['/', '/hook'])
    expect((await deliverTo(notifier('webhook', {url: 'ftp://127.0.0.1/x'}), [delivery('f')], context())).get('f')).toEqual({ok: false, error: 'url must be http or https, not ftp'})
  })

  it('a big answer is read at most 64 KiB and dropped', async () => {
    receiver().answer(200, 'x'.repeat(5 * 1024 * 1024))
    expect((await deliverTo(notifier('webhook', {url: receiver().url}), [delivery('g')], context())).get('g')).toEqual({ok: true})
  })

  it('each delivery is bounded: a receiver that never answers fails at the bound, and the default bound is 10 s', async () => {
    expect(DELIVERY_TIMEOUT_MS).toBe(10_000)
    receiver().slow(Infinity)
    const started = Date.now()
    const out = await deliverTo(notifier('webhook', {url: receiver().url}), [delivery('h'), delivery('i')], {...context(), timeoutMs: 300})
    const took = Date.now() - started
    expect([...out.values()]).toEqual([
      {ok: false, error: 'no answer within 300 ms'},
      {ok: false, error: 'no answer within 300 ms'},
    ])
    expect(took).toBeGreaterThanOrEqual(290)
    expect(took).toBeLessThan(2000)
  })
})
