/** Reading alerts back, on both engines, from rows the test writes. */
import {describe, expect, it} from 'vitest'

import {readAlerts, readIncidents} from '../../src/store/alert-reads.js'
import type {Driver} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {withDriver} from '../history/seed.js'
import {FIXTURE_A1, insertAlert, insertAlertFixture} from './rows.js'

describe.each(ENGINES)('alert reads on %s', (engine) => {
  const fresh = useMigratedDb(engine)
  const withAlerts = <T>(fn: (driver: Driver) => Promise<T>) =>
    withDriver(fresh().db, async (driver) => {
      await migrate(driver)
      await insertAlertFixture(driver)
      return fn(driver)
    })

  it('lists the open alerts oldest first, each with its notifications oldest first', async () => {
    const alerts = await withAlerts((driver) => readAlerts(driver, {all: false, limit: 100}))
    expect(alerts.map((a) => a.id)).toEqual(['a1', 'a2'])
    expect(alerts[0]).toEqual({
      ...FIXTURE_A1,
      notifications: [
        {id: 'n1', notifier_id: 'hook', event: 'open', state: 'sent', attempts: 1, created_at: '2026-12-01T10:00:00.000Z', next_attempt_at: '2026-12-01T10:00:00.000Z', sent_at: '2026-12-01T10:00:00.000Z', last_error: null},
        {id: 'n2', notifier_id: 'slack', event: 'open', state: 'failed', attempts: 5, created_at: '2026-12-01T10:00:00.000Z', next_attempt_at: '2026-12-01T11:30:00.000Z', sent_at: null, last_error: 'HTTP 500'},
        {id: 'n3', notifier_id: 'hook', event: 'remind', state: 'in_flight', attempts: 0, created_at: '2026-12-01T11:00:00.000Z', next_attempt_at: '2026-12-01T11:00:00.000Z', sent_at: null, last_error: null},
      ],
    })
    expect(alerts[1]).toMatchObject({id: 'a2', target_table: 'registry_index', endpoint_id: null, registry_id: 'registry:db', status: 'warn', held: 'maintenance'})
    expect(alerts[1]!.notifications.map((n) => [n.id, n.state])).toEqual([['n4', 'pending']])
  })

  it('with all: the resolved ones after, newest first, bounded by limit, held null once resolved', async () => {
    const [all, two] = await withAlerts(async (driver) => [await readAlerts(driver, {all: true, limit: 100}), await readAlerts(driver, {all: true, limit: 2})])
    expect(all.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5'])
    expect(all[2]).toMatchObject({resolved_at: '2026-12-01T08:20:00.000Z', held: null})
    expect(all[2]!.notifications.map((n) => `${n.event}:${n.state}`)).toEqual(['open:dropped', 'resolve:dropped'])
    expect(all[3]!.notifications).toEqual([])
    expect(two.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4'])
  })

  it('reads none from an empty database, and reads many open alerts past one statement of ids', async () => {
    await withDriver(fresh().db, async (driver) => {
      await migrate(driver)
      expect(await readAlerts(driver, {all: true, limit: 100})).toEqual([])
      await driver.transaction(async () => {
        for (let i = 0; i < 600; i++) {
          const id = `x${String(i).padStart(4, '0')}`
          await insertAlert(driver, {id, target_id: `t${i}`, entity_id: 'e', opened_at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString()})
          await driver.run("INSERT INTO notifications (id, alert_id, notifier_id, event, state, attempts, message_json, created_at, next_attempt_at) VALUES (?, ?, 'hook', 'open', 'pending', 0, '{}', ?, ?)", [`n${id}`, id, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'])
        }
      })
      const alerts = await readAlerts(driver, {all: false, limit: 1})
      expect(alerts).toHaveLength(600)
      expect(alerts.every((a, i) => a.id === `x${String(i).padStart(4, '0')}` && a.notifications.length === 1 && a.notifications[0]!.id === `n${a.id}`)).toBe(true)
    })
  })

  it('incidents: per entity, newest first, those open or resolved within the window, the latest perEntity', async () => {
    await withAlerts(async (driver) => {
      const since = async (iso: string, perEntity = 10) =>
        Object.fromEntries([...(await readIncidents(driver, {since: iso, perEntity}))].map(([e, list]) => [e, list.map((i) => i.id)]))
      expect(await since('2026-11-30T12:00:00.000Z')).toEqual({db: ['a2', 'a4'], web: ['a1', 'a3', 'a5']})
      // Resolved before the window: left out; resolved at its start: in.
      expect(await since('2026-12-01T08:20:00.000Z')).toEqual({db: ['a2'], web: ['a1', 'a3']})
      expect(await since('2026-11-30T12:00:00.000Z', 1)).toEqual({db: ['a2'], web: ['a1']})
      const [first] = (await readIncidents(driver, {since: '2026-12-01T00:00:00.000Z', perEntity: 10})).get('db')!
      expect(first).toEqual({id: 'a2', target_table: 'registry_index', target_id: 'registry:db', entity_id: 'db', status: 'warn', opened_at: '2026-12-01T10:30:00.000Z', resolved_at: null})
    })
  })
})
