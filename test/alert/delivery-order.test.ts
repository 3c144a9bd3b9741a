/**
 * What a hostile review of the alert store found, as regressions on both
 * engines: the order an alert's notifications reach a notifier in, reminders
 * while a receiver is down, a dependant held after it opened, a notify list
 * changed while an alert is open, and one notifier's fault or one unreadable
 * row in a delivery round. Steps and deliveries are driven directly, with a
 * fixed clock, against a real local receiver.
 */
import {describe, expect, it} from 'vitest'

import {dependenciesOf, dependencyGraph, heldByDependency} from '../../src/alert/dependencies.js'
import {BUILTIN_ALERT, type AlertSettings, type Notifier} from '../../src/config/model.js'
import {deliverPending} from '../../src/notify/deliver-pending.js'
import type {SnapshotRow} from '../../src/rows.js'
import {EMPTY_ALERT_CONFIG, type AlertConfig} from '../../src/store/alert-config.js'
import {stepOpenAlerts, stepSnapshotAlerts, type AlertStepContext} from '../../src/store/alert-steps.js'
import type {Driver} from '../../src/store/driver.js'
import {insertNotifications, notificationRow} from '../../src/store/outbox.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {useReceiver} from '../support/receivers.js'
import {message} from '../notify/fixtures.js'
import {T0, at, withMigratedDriver} from '../notify/outbox-rows.js'

let seq = 0
const row = (endpoint: string, entity: string, status: 'ok' | 'error', observed: Date): SnapshotRow => ({
  id: `s-${seq++}`,
  entity_id: entity,
  endpoint_id: endpoint,
  registry_id: null,
  status,
  detail: `${status} detail`,
  payload_json: null,
  latency_ms: null,
  phases_ms_json: null,
  observed_at: observed.toISOString(),
})

const alert = (notify: string[], more: Partial<AlertSettings> = {}): AlertSettings => ({...BUILTIN_ALERT, after: 1, recover_after: 1, notify, ...more})

function context(now: Date, settings: Record<string, AlertSettings>, deps: Record<string, string[]> = {}): AlertStepContext {
  const graph = dependencyGraph(Object.entries(deps).map(([id, depends_on]) => ({id, depends_on})))
  return {
    now,
    settings: (_table, id) => settings[id] ?? BUILTIN_ALERT,
    hold: (entity, open) => (heldByDependency(graph, entity, open) ? 'dependency' : null),
    rank: (entity) => dependenciesOf(graph, entity).size,
    active: (_table, id) => id in settings,
  }
}

function config(notifiers: Notifier[], endpoints: Record<string, AlertSettings>): AlertConfig {
  return {...EMPTY_ALERT_CONFIG, notifiers: new Map(notifiers.map((n) => [n.id, {...n, retired: false}])), settings: {endpoints: new Map(Object.entries(endpoints)), registry_index: new Map()}}
}

/** What the snapshot writer does: the rows' alerts stepped in one transaction with the writers' lock. */
const step = (driver: Driver, rows: SnapshotRow[], ctx: AlertStepContext) =>
  driver.transaction(() => stepSnapshotAlerts(driver, rows, ctx), {lockTimeoutMs: 5000, exclusive: false, snapshotWriters: true})

describe.each(ENGINES)('alert delivery order and what was told, on %s', (engine) => {
  const fresh = useMigratedDb(engine)
  const receiver = useReceiver()
  const seen = () => receiver().requests.map((r) => JSON.parse(r.body)).map((b) => `${b.event ?? b.event_action} ${b.alert?.target_id ?? b.payload?.custom_details?.target_id ?? ''}`.trim())

  it('a resolve waits for its open that is backing off: PagerDuty gets trigger, then resolve, never a trigger after', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const settings = {e1: alert(['pd'])}
      const cfg = config([{id: 'pd', type: 'pagerduty', settings: {routing_key: 'k', url: `${receiver().url}/pd`}}], settings)
      const pass = (now: Date) => deliverPending(driver, {now, env: {}, timeoutMs: 1000, note: () => {}, config: cfg})
      await step(driver, [row('e1', 'x', 'error', T0)], context(T0, settings))
      receiver().answer(429)
      await pass(at(1000))
      await step(driver, [row('e1', 'x', 'ok', at(10_000))], context(at(10_000), settings))
      receiver().answer(202)
      await pass(at(11_000))
      await pass(at(45_000))
      await pass(at(120_000))
      const actions = receiver().requests.map((r) => JSON.parse(r.body).event_action)
      expect(actions).toEqual(['trigger', 'trigger', 'resolve'])
    })
  })

  it('a dependant that opened in an earlier batch than its dependency, held since, resolving with it: never told', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const settings = {a1: alert(['hook']), c1: alert(['hook'])}
      const deps = {a: ['c']}
      const cfg = config([{id: 'hook', type: 'webhook', settings: {url: `${receiver().url}/hook`}}], settings)
      const pass = (now: Date) => deliverPending(driver, {now, env: {}, timeoutMs: 1000, note: () => {}, config: cfg})
      await step(driver, [row('a1', 'a', 'error', T0)], context(T0, settings, deps))
      await step(driver, [row('c1', 'c', 'error', at(5))], context(T0, settings, deps))
      await stepOpenAlerts(driver, context(T0, settings, deps), 5000)
      await pass(at(1000))
      const t2 = at(60_000)
      await step(driver, [row('a1', 'a', 'ok', t2), row('c1', 'c', 'ok', t2)], context(t2, settings, deps))
      await stepOpenAlerts(driver, context(t2, settings, deps), 5000)
      await pass(at(61_000))
      expect(seen()).toEqual(['open c1', 'resolve c1'])
    })
  })

  it('a receiver down for 8 h with remind_every 5m, then back: one reminder, not the backlog', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const settings = {e1: alert(['hook'], {remind_every: 5 * 60_000})}
      const cfg = config([{id: 'hook', type: 'webhook', settings: {url: `${receiver().url}/h`}}], settings)
      const minute = async (m: number) => {
        const now = at(m * 60_000)
        await step(driver, [row('e1', 'x', 'error', now)], context(now, settings))
        await stepOpenAlerts(driver, context(now, settings), 5000)
        await deliverPending(driver, {now: new Date(now.getTime() + 100), env: {}, timeoutMs: 1000, note: () => {}, config: cfg})
      }
      receiver().answer(500)
      for (let m = 0; m <= 8 * 60; m += 5) await minute(m)
      receiver().clear()
      receiver().answer(202)
      for (let m = 8 * 60 + 1; m <= 8 * 60 + 11; m++) await minute(m)
      const events = receiver().requests.map((r) => JSON.parse(r.body).event)
      expect(events.filter((e) => e === 'open')).toHaveLength(1)
      expect(events.filter((e) => e === 'remind').length).toBeLessThanOrEqual(3)
    })
  })

  it('a notify list changed while the alert is open: the resolve goes to whom the open went as well', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const pd: Notifier = {id: 'pd', type: 'pagerduty', settings: {routing_key: 'k', url: `${receiver().url}/pd`}}
      const hook: Notifier = {id: 'hook', type: 'webhook', settings: {url: `${receiver().url}/hook`}}
      const before = {e1: alert(['pd'])}
      const after = {e1: alert(['hook'])}
      await step(driver, [row('e1', 'x', 'error', T0)], context(T0, before))
      await deliverPending(driver, {now: at(1000), env: {}, timeoutMs: 1000, note: () => {}, config: config([pd, hook], before)})
      await step(driver, [row('e1', 'x', 'ok', at(60_000))], context(at(60_000), after))
      await deliverPending(driver, {now: at(61_000), env: {}, timeoutMs: 1000, note: () => {}, config: config([pd, hook], after)})
      const paths = receiver().requests.map((r) => `${r.path} ${JSON.parse(r.body).event_action ?? JSON.parse(r.body).event}`)
      expect(paths.sort()).toEqual(['/hook resolve', '/pd resolve', '/pd trigger'])
    })
  })

  it('an open held for two days still has its 24 hours of retries once the hold ends', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const settings = {a1: alert(['hook']), c1: alert(['hook'])}
      const deps = {a: ['c']}
      const cfg = config([{id: 'hook', type: 'webhook', settings: {url: `${receiver().url}/hook`}}], settings)
      const notes: string[] = []
      const pass = (now: Date) => deliverPending(driver, {now, env: {}, timeoutMs: 1000, note: (l) => notes.push(l), config: cfg})
      await step(driver, [row('c1', 'c', 'error', T0), row('a1', 'a', 'error', T0)], context(T0, settings, deps))
      await pass(at(1000))
      const later = at(48 * 3600_000)
      await step(driver, [row('c1', 'c', 'ok', later), row('a1', 'a', 'error', later)], context(later, settings, deps))
      receiver().answer(503)
      await pass(new Date(later.getTime() + 1000))
      // a1's open (held two days) and c1's resolve: each retried, neither given up.
      expect(notes).toEqual([expect.stringMatching(/^notify: hook: HTTP 503 \(attempt 1; next in 30s\)$/), expect.stringMatching(/^notify: hook: HTTP 503 \(attempt 1; next in 30s\)$/)])
    })
  })

  it('without a config given, delivery reads the notifiers as applied when it starts (one an apply added during the run is not dropped)', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const settings = {e1: alert(['pager'])}
      await step(driver, [row('e1', 'x', 'error', T0)], context(T0, settings))
      await driver.run('INSERT INTO notifiers (id, type, settings_json, created_at) VALUES (?, ?, ?, ?)', ['pager', 'webhook', JSON.stringify({url: `${receiver().url}/pager`}), T0.toISOString()])
      const counts = await deliverPending(driver, {now: at(1000), env: {}, timeoutMs: 1000, note: () => {}})
      expect(counts).toMatchObject({sent: 1, dropped: 0})
      expect(seen()).toEqual(['open e1'])
    })
  })

  it('one notifier that throws fails its own deliveries only; an unreadable row is failed, not claimed for ever', async () => {
    await withMigratedDriver(fresh().db, async (driver) => {
      const settings = {e1: alert(['hook', 'bad'])}
      const cfg = config(
        [
          {id: 'hook', type: 'webhook', settings: {url: `${receiver().url}/hook`}},
          {id: 'bad', type: 'ntfy', settings: {url: receiver().url, topic: 'x\uD800'}},
        ],
        settings,
      )
      await step(driver, [row('e1', 'x', 'error', T0)], context(T0, settings))
      const bad = {...notificationRow({id: 'n-0', alert_id: null, notifier_id: 'hook', message: message('test'), created_at: T0.toISOString()}), message_json: '{"event":"open"'}
      await insertNotifications(driver, [bad])
      for (const t of [1000, 62_000, 124_000]) await deliverPending(driver, {now: at(t), env: {}, timeoutMs: 1000, note: () => {}, config: cfg})
      expect(receiver().requests.filter((r) => r.path === '/hook')).toHaveLength(1)
      const states = await driver.all<{id: string; notifier_id: string; state: string}>('SELECT id, notifier_id, state FROM notifications ORDER BY notifier_id, id')
      expect(states.map((s) => `${s.notifier_id}:${s.state}`).sort()).toEqual(['bad:pending', 'hook:failed', 'hook:sent'])
    })
  })
})
