/** `mon notify test`: through the command, against a real receiver, on both engines. */
import {describe, expect, it} from 'vitest'

import {canonicalJson} from '../../src/canonical-json.js'
import type {Driver} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {mon} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {useReceiver} from '../support/receivers.js'
import {migratedDriver} from './outbox-rows.js'

const NOW = '2026-12-01T12:00:00.000Z'

async function addNotifier(driver: Driver, id: string, type: string, settings: Record<string, unknown>, retired = false): Promise<void> {
  await driver.run('INSERT INTO notifiers (id, type, settings_json, created_at, retired_at) VALUES (?, ?, ?, ?, ?)', [id, type, canonicalJson(settings), NOW, retired ? NOW : null])
}

describe.each(ENGINES)('mon notify test on %s', (engine) => {
  const fresh = useMigratedDb(engine)
  const receiver = useReceiver()

  async function seed(): Promise<void> {
    const driver = await migratedDriver(fresh().db)
    try {
      await addNotifier(driver, 'hook', 'webhook', {url: `${receiver().url}/hook`, headers: {Authorization: 'Bearer ${HOOK_TOKEN}'}})
      await addNotifier(driver, 'old-hook', 'webhook', {url: receiver().url}, true)
    } finally {
      await driver.close()
    }
  }
  const notifications = async () => {
    const driver = await openDriver(fresh().db)
    try {
      return await driver.all<Record<string, unknown>>('SELECT alert_id, notifier_id, event, state, attempts, sent_at, last_error, message_json FROM notifications')
    } finally {
      await driver.close()
    }
  }
  const run = (args: string[], env: Record<string, string> = {}) => mon(['notify', 'test', ...args, '--db', fresh().db], {env: {MON_NOW: NOW, ...env}})

  it('sends a test event, records it sent, exits 0', async () => {
    await seed()
    const res = await run(['hook', '--json'], {HOOK_TOKEN: 'hook-token-123456'})
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    const out = JSON.parse(res.stdout)
    expect(out).toEqual({notifier_id: 'hook', type: 'webhook', notification_id: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'sent'})
    expect(receiver().requests).toHaveLength(1)
    const body = receiver().json()
    expect(body).toMatchObject({version: '1', event: 'test', alert: {id: out.notification_id, target_id: 'mon-test', status: 'ok'}})
    expect(receiver().requests[0]!.headers['idempotency-key']).toBe(out.notification_id)
    expect(receiver().requests[0]!.headers.authorization).toBe('Bearer hook-token-123456')
    const [row] = await notifications()
    expect(row).toMatchObject({alert_id: null, notifier_id: 'hook', event: 'test', state: 'sent', attempts: 1, sent_at: NOW, last_error: null})
    expect(row!.message_json).not.toContain('hook-token')
    expect((await run(['hook'], {HOOK_TOKEN: 'hook-token-123456'})).stdout).toBe('Sent a test message to hook (webhook).\n')
  })

  it('to PagerDuty: the test trigger is resolved at once, with the same dedup key (no incident is left open)', async () => {
    const driver = await migratedDriver(fresh().db)
    try {
      await addNotifier(driver, 'pd', 'pagerduty', {routing_key: '${PD_KEY}', url: `${receiver().url}/enqueue`})
    } finally {
      await driver.close()
    }
    const res = await run(['pd'], {PD_KEY: 'pd-routing-key-0123'})
    expect(res.code, res.stderr).toBe(0)
    const sent = receiver().requests.map((r) => JSON.parse(r.body))
    expect(sent.map((b) => b.event_action)).toEqual(['trigger', 'resolve'])
    expect(sent[1].dedup_key).toBe(sent[0].dedup_key)
  })

  it('a receiver error: exit 1, one line, recorded failed and never retried; no secret anywhere', async () => {
    await seed()
    receiver().answer(500)
    const res = await run(['hook'], {HOOK_TOKEN: 'hook-token-123456'})
    expect([res.code, res.stdout, res.stderr]).toEqual([1, '', 'Error: notifier hook: HTTP 500\n'])
    expect(await notifications()).toMatchObject([{state: 'failed', attempts: 1, last_error: 'HTTP 500'}])
    const missing = await run(['hook'])
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: notifier hook: HOOK_TOKEN is not set\n'])
    // A secret echoed in an error is hidden: here the URL's host is the secret.
    const driver = await openDriver(fresh().db)
    try {
      await addNotifier(driver, 'secret-host', 'webhook', {url: 'http://${HOST_SECRET}:1/'})
    } finally {
      await driver.close()
    }
    const hidden = await run(['secret-host'], {HOST_SECRET: 'secret-host-name.invalid'})
    expect(hidden.code).toBe(1)
    expect(hidden.stderr).not.toContain('secret-host-name')
    expect(JSON.stringify(await notifications())).not.toContain('secret-host-name')
  })

  it('an unknown id (with did-you-mean) or a retired one: exit 1, one line, nothing sent or recorded', async () => {
    await seed()
    const unknown = await run(['hok'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^Error: no notifier "hok" in .*; did you mean "hook"\?\n$/)
    const retired = await run(['old-hook'])
    expect([retired.code, retired.stderr]).toEqual([1, 'Error: notifier "old-hook" is retired (it is no longer in the applied file): nothing is sent to it\n'])
    expect(receiver().requests).toHaveLength(0)
    expect(await notifications()).toEqual([])
  })

  it('a receiver slower than the bound fails at the bound (MON_TEST_DELIVERY_TIMEOUT_MS)', async () => {
    await seed()
    receiver().slow(Infinity)
    const res = await run(['hook'], {HOOK_TOKEN: 'hook-token-123456', MON_TEST_DELIVERY_TIMEOUT_MS: '300'})
    expect([res.code, res.stderr]).toEqual([1, 'Error: notifier hook: no answer within 300 ms\n'])
  })
})
