/** `mon alerts` through the command, on both engines, from alert rows the test writes. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {migrate} from '../../src/store/migrator.js'
import {mon} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {withDriver} from '../history/seed.js'
import {FIXTURE_A1, FIXTURE_NOW, insertAlertFixture} from './rows.js'

describe.each(ENGINES)('mon alerts on %s', (engine) => {
  let fresh: FreshDb
  const run = (args: string[]) => mon(['alerts', ...args, '--db', fresh.db], {env: {MON_NOW: FIXTURE_NOW}})

  beforeAll(async () => {
    fresh = await freshDb(engine)
    await withDriver(fresh.db, async (driver) => {
      await migrate(driver)
      await insertAlertFixture(driver)
    })
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  it('--json: the open alerts oldest first, exactly the SPEC fields (and the allowed extras)', async () => {
    const r = await run(['--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const {alerts} = JSON.parse(r.stdout)
    expect(alerts).toEqual([
      {
        ...FIXTURE_A1,
        notifications: [
          {notifier_id: 'hook', event: 'open', state: 'sent', attempts: 1, next_attempt_at: '2026-12-01T10:00:00.000Z', last_error: null},
          {notifier_id: 'slack', event: 'open', state: 'failed', attempts: 5, next_attempt_at: '2026-12-01T11:30:00.000Z', last_error: 'HTTP 500'},
          {notifier_id: 'hook', event: 'remind', state: 'in_flight', attempts: 0, next_attempt_at: '2026-12-01T11:00:00.000Z', last_error: null},
        ],
      },
      {
        id: 'a2',
        target_table: 'registry_index',
        target_id: 'registry:db',
        entity_id: 'db',
        endpoint_id: null,
        registry_id: 'registry:db',
        status: 'warn',
        detail: 'stale registry',
        opened_at: '2026-12-01T10:30:00.000Z',
        resolved_at: null,
        held: 'maintenance',
        notifications: [{notifier_id: 'hook', event: 'open', state: 'pending', attempts: 0, next_attempt_at: '2026-12-01T10:30:00.000Z', last_error: null}],
      },
    ])
  })

  it('--all --json: resolved ones after, newest first, held null once resolved, bounded by --limit', async () => {
    const all = JSON.parse((await run(['--all', '--json'])).stdout).alerts
    expect(all.map((a: {id: string}) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5'])
    expect(all[2]).toMatchObject({id: 'a3', resolved_at: '2026-12-01T08:20:00.000Z', held: null})
    expect(all[2].notifications.map((n: {event: string; state: string}) => `${n.event} ${n.state}`)).toEqual(['open dropped', 'resolve dropped'])
    const limited = JSON.parse((await run(['--all', '--limit', '1', '--json'])).stdout).alerts
    expect(limited.map((a: {id: string}) => a.id)).toEqual(['a1', 'a2', 'a3'])
  })

  it('text: a row per alert with its hold and notifications, and a line per notification in trouble', async () => {
    const r = await run([])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      [
        '2 open alerts',
        '  error  web:health   since 2h ago  sent 1 · pending 0 · failed 1 · in flight 1                     HTTP 500 in 12 ms',
        '      slack open: failed after 5 attempts: HTTP 500',
        '  warn   registry:db  since 1h ago  sent 0 · pending 1 · failed 0                held: maintenance  stale registry',
        '',
      ].join('\n'),
    )
    const all = await run(['--all'])
    expect(all.stdout.split('\n')[0]).toBe('2 open alerts, 3 resolved (newest first)')
    expect(all.stdout.split('\n').slice(4)).toEqual([
      '  error  web:api      resolved 3h ago after 20m   sent 0 · pending 0 · failed 0 · dropped 2                       web:api down',
      '  error  db:health    resolved 4h ago after 5m    no notifiers                                                    db:health down',
      '  error  web:health   resolved 12h ago after 45m  sent 2 · pending 0 · failed 0                                   web:health down',
      '',
    ])
  })

  it('an empty database says so; a bad --limit is a usage error', async () => {
    const empty = await freshDb(engine)
    try {
      await withDriver(empty.db, (driver) => migrate(driver))
      const r = await mon(['alerts', '--db', empty.db])
      expect(r).toMatchObject({code: 0, stdout: 'No open alerts.\n'})
      expect(JSON.parse((await mon(['alerts', '--all', '--json', '--db', empty.db])).stdout)).toEqual({alerts: []})
    } finally {
      await empty.cleanup()
    }
    const bad = await run(['--limit', '0'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe('Error: --limit must be between 1 and 100000 (got "0") (see --help)\n')
  })
})
