/** The outbox on both engines: claims, expiry, backoff, giving up, and only the claimer records. */
import {describe, expect, it} from 'vitest'

import type {Driver} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {backoffMs, claimNotifications, dropNotifications, dropPendingOf, recordOutcomes} from '../../src/store/outbox.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {message} from './fixtures.js'
import {at, migratedDriver, pending, T0, withMigratedDriver} from './outbox-rows.js'

const stateOf = async (driver: Driver, id: string) => (await driver.all('SELECT state, attempts, next_attempt_at, claimed_until, sent_at, last_error FROM notifications WHERE id = ?', [id]))[0]

describe.each(ENGINES)('outbox on %s', (engine) => {
  const fresh = useMigratedDb(engine)

  it('claims due rows once, with their message; a claim expires after 60 s and is claimed again', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 3)
      const first = await claimNotifications(driver, {now: T0, limit: 2})
      expect(first.map((c) => c.id)).toEqual(['n-0000', 'n-0001'])
      expect(first[0]).toMatchObject({notifier_id: 'hook', event: 'open', attempts: 0, claimed_until: at(60_000).toISOString(), message: message()})
      expect((await claimNotifications(driver, {now: T0, limit: 10})).map((c) => c.id)).toEqual(['n-0002'])
      expect(await claimNotifications(driver, {now: at(59_999), limit: 10})).toEqual([])
      // At 60 s the claim is still held (claimed_until < now is expired); a moment later it is not.
      expect(await claimNotifications(driver, {now: at(60_000), limit: 10})).toEqual([])
      const again = await claimNotifications(driver, {now: at(60_001), limit: 10})
      expect(again.map((c) => c.id)).toEqual(['n-0000', 'n-0001', 'n-0002'])
      // The old claimer's record is refused: the claim is someone else's now.
      const lost = await recordOutcomes(driver, first, new Map([['n-0000', {ok: true}]]), at(60_002))
      expect(lost.map((r) => r.result)).toEqual(['lost'])
      expect((await stateOf(driver, 'n-0000'))!.state).toBe('in_flight')
      const won = await recordOutcomes(driver, again, new Map([['n-0000', {ok: true}]]), at(60_002))
      expect(won.map((r) => r.result)).toEqual(['sent'])
      expect(await stateOf(driver, 'n-0000')).toMatchObject({state: 'sent', attempts: 1, sent_at: at(60_002).toISOString(), claimed_until: null})
    })
  })

  it('a failure backs off 30 s, doubling to 10 min; after 24 h it is failed, not retried', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000])
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 1)
      let now = T0
      for (const wait of [30_000, 60_000, 120_000]) {
        const claims = await claimNotifications(driver, {now, limit: 10})
        expect(claims).toHaveLength(1)
        const [rec] = await recordOutcomes(driver, claims, new Map([['n-0000', {ok: false, error: 'HTTP 500'}]]), now)
        expect(rec).toMatchObject({result: 'retrying', error: 'HTTP 500', next_attempt_at: new Date(now.getTime() + wait).toISOString()})
        expect(await stateOf(driver, 'n-0000')).toMatchObject({state: 'pending', last_error: 'HTTP 500', claimed_until: null})
        // Not due a millisecond before its time.
        expect(await claimNotifications(driver, {now: new Date(now.getTime() + wait - 1), limit: 10})).toEqual([])
        now = new Date(now.getTime() + wait)
      }
      expect((await stateOf(driver, 'n-0000'))!.attempts).toBe(3)
      const late = at(24 * 3600_000)
      const claims = await claimNotifications(driver, {now: late, limit: 10})
      const [rec] = await recordOutcomes(driver, claims, new Map([['n-0000', {ok: false, error: 'HTTP 503'}]]), late)
      expect(rec).toMatchObject({result: 'failed', attempts: 4})
      expect(await stateOf(driver, 'n-0000')).toMatchObject({state: 'failed', attempts: 4, last_error: 'HTTP 503'})
      expect(await claimNotifications(driver, {now: at(48 * 3600_000), limit: 10})).toEqual([])
    })
  })

  it('a held alert’s notifications wait; a claim without outcome is left to expire; drops keep what was sent', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await driver.run(
        `INSERT INTO alerts (id, target_table, target_id, entity_id, status, detail, opened_at, held, open_held) VALUES ('a1', 'endpoints', 'e', 'x', 'error', 'd', ?, 'maintenance', 1)`,
        [T0.toISOString()],
      )
      await pending(driver, 2, {alert_id: 'a1'})
      expect(await claimNotifications(driver, {now: T0, limit: 10})).toEqual([])
      await driver.run(`UPDATE alerts SET held = NULL WHERE id = 'a1'`)
      const claims = await claimNotifications(driver, {now: T0, limit: 10})
      expect(claims).toHaveLength(2)
      await recordOutcomes(driver, claims, new Map([['n-0000', {ok: true}]]), T0)
      expect((await stateOf(driver, 'n-0001'))!.state).toBe('in_flight')
      expect(await dropNotifications(driver, ['n-0000', 'n-0001'], 'notifier hook is retired')).toBe(1)
      expect((await stateOf(driver, 'n-0000'))!.state).toBe('sent')
      expect(await stateOf(driver, 'n-0001')).toMatchObject({state: 'dropped', last_error: 'notifier hook is retired'})
    })
  })

  it('an alert that resolved while held drops its pending notifications, nothing else', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      await pending(driver, 2, {alert_id: 'a1'})
      await driver.run("UPDATE notifications SET state = 'sent' WHERE id = 'n-0001'")
      await driver.run("UPDATE notifications SET id = 'x-' || id, alert_id = 'a2' WHERE id = 'n-0000'")
      await pending(driver, 1, {alert_id: 'a1'})
      expect(await dropPendingOf(driver, ['a1'], 'resolved while held')).toBe(1)
      const states = await driver.all('SELECT id, alert_id, state, last_error FROM notifications ORDER BY id')
      expect(states).toEqual([
        {id: 'n-0000', alert_id: 'a1', state: 'dropped', last_error: 'resolved while held'},
        {id: 'n-0001', alert_id: 'a1', state: 'sent', last_error: null},
        {id: 'x-n-0000', alert_id: 'a2', state: 'pending', last_error: null},
      ])
    })
  })

  it('two connections claiming at once never share a row (20 times)', async () => {
    const a = await migratedDriver(fresh().db)
    const b = await openDriver(fresh().db)
    try {
      for (let round = 0; round < 20; round++) {
        await a.run('DELETE FROM notifications')
        const ids = await pending(a, 40)
        const [x, y] = await Promise.all([claimNotifications(a, {now: T0, limit: 25}), claimNotifications(b, {now: T0, limit: 25})])
        const xs = new Set(x.map((c) => c.id))
        expect(y.filter((c) => xs.has(c.id))).toEqual([])
        // Whichever went first took 25; the other what was left (on PostgreSQL, rows locked meanwhile are skipped, not waited for).
        expect(x.length + y.length).toBeLessThanOrEqual(ids.length)
        expect(x.length + y.length).toBeGreaterThanOrEqual(25)
        const claimed = await a.all<{n: number}>("SELECT count(*) AS n FROM notifications WHERE state = 'in_flight'")
        expect(claimed[0]!.n).toBe(x.length + y.length)
      }
    } finally {
      await b.close()
      await a.close()
    }
  })
})
