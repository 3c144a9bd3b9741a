/** readAlertConfig: migration 0016's rows read back in their stored forms, on both engines. */
import {describe, expect, it} from 'vitest'

import {BUILTIN_ALERT} from '../../src/config/model.js'
import {alertSettingsOf, readAlertConfig} from '../../src/store/alert-config.js'
import type {Driver} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {withDriver} from '../history/seed.js'
import {ENGINES, useFreshDb} from '../support/engines.js'

const AT = '2026-11-26T10:00:00.000Z'

describe.each(ENGINES)('readAlertConfig on %s', (engine) => {
  const fresh = useFreshDb(engine)
  const entity = (driver: Driver, id: string, dependsOn: string | null, retiredAt: string | null = null) =>
    driver.run('INSERT INTO entities (id, type, label, owner, depends_on_json, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, 'service', id, 'ops', dependsOn, AT, retiredAt])

  it('reads notifiers (retired too), depends_on, active file windows and each active target’s merged settings', () => withDriver(fresh().db, async (driver) => {
    await migrate(driver)
    await entity(driver, 'api', '["db","queue"]')
    await entity(driver, 'db', null)
    await entity(driver, 'queue', '[]')
    await entity(driver, 'old', '["db"]', AT)
    const merged = {after: 3, notify: ['ops-slack'], on: 'warn', recover_after: 2, remind_every: 3_600_000}
    await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, alert_json) VALUES (?, ?, ?, ?, ?)', ['api:health', 'api', 'health', 'http://127.0.0.1/h', JSON.stringify(merged)])
    await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, alert_json) VALUES (?, ?, ?, ?, ?)', ['db:health', 'db', 'health', 'http://127.0.0.1/d', null])
    await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, alert_json) VALUES (?, ?, ?, ?, ?)', ['db:bad', 'db', 'health', 'http://127.0.0.1/b', '{not json'])
    await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, alert_json, retired_at) VALUES (?, ?, ?, ?, ?, ?)', ['db:gone', 'db', 'health', 'http://127.0.0.1/g', null, AT])
    await driver.run('INSERT INTO registry_index (id, entity_id, registry_path, authority, alert_json) VALUES (?, ?, ?, ?, ?)', ['registry:api', 'api', 'r.json', 'http://127.0.0.1', JSON.stringify({...merged, remind_every: null})])
    await driver.run('INSERT INTO notifiers (id, type, settings_json, created_at, retired_at) VALUES (?, ?, ?, ?, ?)', ['ops-slack', 'slack', '{"url":"${SLACK_WEBHOOK_URL}"}', AT, null])
    await driver.run('INSERT INTO notifiers (id, type, settings_json, created_at, retired_at) VALUES (?, ?, ?, ?, ?)', ['old-hook', 'webhook', '{"headers":{"Authorization":"${HOOK_TOKEN}"},"url":"http://127.0.0.1:9/"}', AT, AT])
    await driver.run(
      'INSERT INTO maintenance_windows (id, entities_json, cron, duration, timezone, start_at, end_at, reason, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['nightly', '["api","db"]', '0 2 * * *', '30m', 'Europe/Berlin', null, null, 'backups', AT, null],
    )
    await driver.run(
      'INSERT INTO maintenance_windows (id, entities_json, cron, duration, timezone, start_at, end_at, reason, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['move', '["db"]', null, null, 'UTC', '2026-12-01T20:00:00.000Z', '2026-12-01T22:00:00.000Z', null, AT, null],
    )
    await driver.run(
      'INSERT INTO maintenance_windows (id, entities_json, cron, duration, timezone, start_at, end_at, reason, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['retired', '["db"]', null, null, 'UTC', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', null, AT, AT],
    )

    const config = await readAlertConfig(driver)
    expect([...config.notifiers.values()]).toEqual([
      {id: 'old-hook', type: 'webhook', settings: {headers: {Authorization: '${HOOK_TOKEN}'}, url: 'http://127.0.0.1:9/'}, retired: true},
      {id: 'ops-slack', type: 'slack', settings: {url: '${SLACK_WEBHOOK_URL}'}, retired: false},
    ])
    // An empty list and a retired entity hold nothing.
    expect([...config.dependsOn]).toEqual([['api', ['db', 'queue']]])
    expect(config.windows).toEqual([
      {id: 'move', entities: ['db'], cron: null, duration: null, timezone: 'UTC', start: '2026-12-01T20:00:00.000Z', end: '2026-12-01T22:00:00.000Z', reason: null, source: 'file'},
      {id: 'nightly', entities: ['api', 'db'], cron: '0 2 * * *', duration: 1_800_000, timezone: 'Europe/Berlin', start: null, end: null, reason: 'backups', source: 'file'},
    ])
    expect([...config.settings.endpoints]).toEqual([
      ['api:health', merged],
      ['db:bad', BUILTIN_ALERT],
      ['db:health', BUILTIN_ALERT],
    ])
    expect([...config.settings.registry_index]).toEqual([['registry:api', {...merged, remind_every: null}]])
  }))

  it('a database from before migration 0016 reads as empty maps', () => withDriver(fresh().db, async (driver) => {
    await migrate(driver, {to: '0015-alerts'})
    expect(await driver.hasTable('notifiers')).toBe(false)
    const config = await readAlertConfig(driver)
    expect(config.notifiers.size).toBe(0)
    expect(config.dependsOn.size).toBe(0)
    expect(config.windows).toEqual([])
    expect(config.settings.endpoints.size).toBe(0)
    expect(config.settings.registry_index.size).toBe(0)
  }))
})

describe('alertSettingsOf', () => {
  it('fills what a stored form lacks or has wrong from the built-in, key by key', () => {
    expect(alertSettingsOf(null)).toEqual(BUILTIN_ALERT)
    expect(alertSettingsOf('[1]')).toEqual(BUILTIN_ALERT)
    expect(alertSettingsOf('{"after":0,"on":"loud","notify":["a",3],"remind_every":null}')).toEqual({...BUILTIN_ALERT, notify: ['a']})
    expect(alertSettingsOf('{"after":5,"recover_after":4,"remind_every":60000}')).toEqual({...BUILTIN_ALERT, after: 5, recover_after: 4, remind_every: 60_000})
  })
})
