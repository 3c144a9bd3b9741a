/** deliverPending against real receivers, on both engines: nothing lost, nothing sent twice. */
import {describe, expect, it} from 'vitest'

import {BUILTIN_ALERT, type Notifier} from '../../src/config/model.js'
import {deliverPending, type DeliverPendingOptions, roundLimit} from '../../src/notify/deliver-pending.js'
import {type AlertConfig, EMPTY_ALERT_CONFIG} from '../../src/store/alert-config.js'
import type {Driver} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {claimNotifications} from '../../src/store/outbox.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {useReceiver} from '../support/receivers.js'
import {at, migratedDriver, pending, T0, withMigratedDriver} from './outbox-rows.js'

function config(notifiers: Array<Notifier & {retired?: boolean}>, endpoints: Record<string, string[]> = {}): AlertConfig {
  return {
    ...EMPTY_ALERT_CONFIG,
    notifiers: new Map(notifiers.map((n) => [n.id, {...n, retired: n.retired ?? false}])),
    settings: {endpoints: new Map(Object.entries(endpoints).map(([id, notify]) => [id, {...BUILTIN_ALERT, notify}])), registry_index: new Map()},
  }
}

const rows = (driver: Driver) => driver.all<{id: string; state: string; attempts: number; last_error: string | null}>('SELECT id, state, attempts, last_error FROM notifications ORDER BY id')

describe.each(ENGINES)('deliverPending on %s', (engine) => {
  const fresh = useMigratedDb(engine)
  const receiver = useReceiver()
  const hook = () => config([{id: 'hook', type: 'webhook', settings: {url: `${receiver().url}/hook`}}])

  async function pass(driver: Driver, now: Date, extra: Partial<DeliverPendingOptions> = {}) {
    const notes: string[] = []
    const counts = await deliverPending(driver, {now, env: {}, timeoutMs: 1000, note: (l) => notes.push(l), config: hook(), ...extra})
    return {counts, notes}
  }

  it('a receiver that is down, then back: retried after the backoff, delivered once', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 2)
      await receiver().down()
      const first = await pass(driver, T0)
      expect(first.counts).toEqual({sent: 0, failed: 0, retrying: 2, dropped: 0})
      expect(first.notes).toEqual(Array(2).fill(`notify: hook: connection refused by 127.0.0.1:${receiver().port} (attempt 1; next in 30s)`))
      await receiver().up()
      // Backoff counts from when the attempt was recorded, a few ms after the pass began.
      expect((await pass(driver, at(29_999))).counts.sent).toBe(0)
      expect(receiver().requests).toHaveLength(0)
      expect((await pass(driver, at(40_000))).counts).toEqual({sent: 2, failed: 0, retrying: 0, dropped: 0})
      expect((await pass(driver, at(100_000))).counts.sent).toBe(0)
      expect(
        receiver()
          .requests.map((q) => q.headers['idempotency-key'])
          .sort(),
      ).toEqual(['n-0000', 'n-0001'])
      expect((await rows(driver)).map((n) => [n.state, Number(n.attempts)])).toEqual([
        ['sent', 2],
        ['sent', 2],
      ])
    })
  })

  it('slow past the bound: one attempt recorded, retried later; a 500 then a 200', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 1)
      receiver().slow(Infinity)
      const slow = await pass(driver, T0, {timeoutMs: 200})
      expect(slow.notes).toEqual(['notify: hook: no answer within 200 ms (attempt 1; next in 30s)'])
      receiver().answer(500)
      expect((await pass(driver, at(40_000))).notes).toEqual(['notify: hook: HTTP 500 (attempt 2; next in 1m)'])
      receiver().answer(200)
      expect((await pass(driver, at(110_000))).counts.sent).toBe(1)
      expect(await rows(driver)).toMatchObject([{state: 'sent', attempts: 3, last_error: 'HTTP 500'}])
      // The receiver saw each attempt, all with the one idempotency key.
      expect(receiver().requests.map((q) => q.headers['idempotency-key'])).toEqual(['n-0000', 'n-0000', 'n-0000'])
    })
  })

  it('a claim of a run that died is delivered once its 60 s are up', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 1)
      expect(await claimNotifications(driver, {now: T0, limit: 10})).toHaveLength(1)
      expect((await pass(driver, at(59_000))).counts.sent).toBe(0)
      expect((await pass(driver, at(60_001))).counts.sent).toBe(1)
      expect(receiver().requests).toHaveLength(1)
    })
  })

  it('drops those of a retired or unknown notifier, saying why', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 1, {notifier_id: 'old'})
      await driver.run("UPDATE notifications SET id = 'gone-1', notifier_id = 'gone'")
      await pending(driver, 1, {notifier_id: 'old'})
      const {counts} = await pass(driver, T0, {config: config([{id: 'old', type: 'webhook', settings: {url: receiver().url}, retired: true}])})
      expect(counts).toEqual({sent: 0, failed: 0, retrying: 0, dropped: 2})
      expect((await rows(driver)).map((n) => [n.id, n.state, n.last_error])).toEqual([
        ['gone-1', 'dropped', 'notifier gone is not in the applied file'],
        ['n-0000', 'dropped', 'notifier old is retired'],
      ])
      expect(receiver().requests).toHaveLength(0)
    })
  })

  it('at most `concurrency` requests in flight, over several claim batches', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 30)
      receiver().slow(100)
      const {counts} = await pass(driver, T0, {concurrency: 4, batch: 12})
      expect(counts.sent).toBe(30)
      expect(receiver().peak()).toBe(4)
      expect(new Set(receiver().requests.map((q) => q.headers['idempotency-key'])).size).toBe(30)
    })
  })

  it('claims no more a round than the claim outlives were every request to hang: 80 at the 10 s bound', async () => {
    expect([roundLimit(1000, 16, 10_000), roundLimit(1000, 16, 1000), roundLimit(1000, 16, 30_000), roundLimit(50, 16, 1000)]).toEqual([80, 944, 16, 50])
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 100, {notifier_id: 'am'})
      const am = config([{id: 'am', type: 'alertmanager', settings: {url: receiver().url}}])
      expect((await pass(driver, T0, {config: am, timeoutMs: 10_000})).counts.sent).toBe(100)
      expect(receiver().requests.map((q) => JSON.parse(q.body).length)).toEqual([80, 20])
    })
  })

  it('two passes at once, on two connections, deliver each notification once', async () => {
    const a = await migratedDriver(fresh().db)
    const b = await openDriver(fresh().db)
    try {
      await pending(a, 40)
      receiver().slow(20)
      const [x, y] = await Promise.all([pass(a, T0, {batch: 10}), pass(b, T0, {batch: 10})])
      expect(x.counts.sent + y.counts.sent).toBe(40)
      const keys = receiver().requests.map((q) => q.headers['idempotency-key'])
      expect(keys).toHaveLength(40)
      expect(new Set(keys).size).toBe(40)
    } finally {
      await b.close()
      await a.close()
    }
  })

  it('re-posts open, unheld alerts to Alertmanager notifiers their target notifies, once per pass', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await driver.run(
        `INSERT INTO alerts (id, target_table, target_id, entity_id, status, detail, opened_at, held) VALUES
        ('a1', 'endpoints', 'e1', 'x', 'error', 'HTTP 503', ?, NULL),
        ('a2', 'endpoints', 'e2', 'x', 'warn', 'slow', ?, 'dependency'),
        ('a3', 'endpoints', 'e3', 'x', 'error', 'down', ?, NULL)`,
        [T0.toISOString(), T0.toISOString(), T0.toISOString()],
      )
      const am = config([{id: 'am', type: 'alertmanager', settings: {url: receiver().url}}], {e1: ['am'], e2: ['am'], e3: ['other']})
      // This pass delivers a1's open notification: that post is its re-post too.
      await pending(driver, 1, {alert_id: 'a1', notifier_id: 'am'})
      expect((await pass(driver, T0, {config: am})).counts.sent).toBe(1)
      expect(receiver().requests).toHaveLength(1)
      receiver().clear()
      await pass(driver, at(120_000), {config: am})
      expect(receiver().requests.map((q) => q.path)).toEqual(['/api/v2/alerts'])
      expect(receiver().json()).toEqual([expect.objectContaining({labels: expect.objectContaining({alert_id: 'a1'}), startsAt: T0.toISOString()})])
      // Four intervals after the re-post's own time: the pass's start, plus the little the pass took.
      const endsAt = Date.parse(receiver().json()[0].endsAt) - at(120_000 + 4 * 60_000).getTime()
      expect(endsAt).toBeGreaterThanOrEqual(0)
      expect(endsAt).toBeLessThan(5000)
    })
  })
})
