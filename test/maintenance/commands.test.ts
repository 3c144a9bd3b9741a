/**
 * `mon maintenance start|list|end` through the commands, on both engines,
 * with a fixed clock (MON_NOW). The file's windows are rows as mon apply
 * writes them (table maintenance_windows, migration 0016).
 */
import {describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {seed} from '../check/seed.js'
import {withDriver} from '../history/seed.js'

const NOW = '2026-11-30T21:30:00.000Z'
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()
const MIN = 60_000

async function seedAll(db: string): Promise<void> {
  await seed(db, [{id: 'litellm'}, {id: 'ov:9000'}, {id: 'old', retired: true}])
  await withDriver(db, async (d) => {
    const row = 'INSERT INTO maintenance_windows (id, entities_json, cron, duration, timezone, start_at, end_at, reason, created_at, retired_at, applied_at, applied_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    // 23:00 in Berlin (22:00 UTC in winter) for 2 h: across midnight there.
    await d.run(row, ['nightly', '["ov:9000"]', '0 23 * * *', '2h', 'Europe/Berlin', null, null, 'backup', NOW, null, NOW, 'h'])
    await d.run(row, ['db-move', '["litellm"]', null, null, 'UTC', '2026-11-30T21:00:00.000Z', '2026-11-30T23:30:00.000Z', null, NOW, null, NOW, 'h'])
    await d.run(row, ['gone', '["litellm"]', null, null, 'UTC', '2026-11-30T21:00:00.000Z', '2026-11-30T23:30:00.000Z', null, NOW, NOW, NOW, 'h'])
  })
}

const adhocRows = (db: string) => withDriver(db, (d) => d.all<Record<string, unknown>>('SELECT id, entities_json, start_at, end_at, reason, created_at FROM maintenance_adhoc ORDER BY id'))

describe.each(ENGINES)('mon maintenance on %s', (engine) => {
  const fresh = useMigratedDb(engine)
  const run = (args: string[], now = NOW) => mon([...args, '--db', fresh().db], {env: {MON_NOW: now}})

  it('start records an ad-hoc window from now for --for, and prints {id, entities, start, end, reason}', async () => {
    await seedAll(fresh().db)
    const r = await run(['maintenance', 'start', 'ov:9000', 'litellm', '--for', '30m', '--reason', 'db move', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out).sort()).toEqual(['end', 'entities', 'id', 'reason', 'start'])
    expect(out).toMatchObject({entities: ['litellm', 'ov:9000'], start: NOW, end: later(30 * MIN), reason: 'db move'})
    expect(out.id).toMatch(/^adhoc-[0-9a-f]{8}$/)
    expect(await adhocRows(fresh().db)).toEqual([{id: out.id, entities_json: '["litellm","ov:9000"]', start_at: NOW, end_at: later(30 * MIN), reason: 'db move', created_at: NOW}])
    const text = await run(['maintenance', 'start', 'litellm', '--for', '1h'])
    expect(text.stdout).toMatch(new RegExp(`^maintenance adhoc-[0-9a-f]{8} for litellm: ${NOW} to ${later(60 * MIN)}\\n$`))
  })

  it('start refuses an unknown or retired entity, a --for out of 1m..30d, or a reason over 500 characters, in one line, writing nothing', async () => {
    await seedAll(fresh().db)
    const cases: Array<[string[], string]> = [
      [['litelm', '--for', '30m'], `Error: no active entity "litelm" in ${fresh().db}; did you mean "litellm"?`],
      [['litellm', 'old', '--for', '30m'], `Error: no active entity "old" (retired) in ${fresh().db}`],
      [['litellm', '--for', '30s'], 'Error: --for: from 1m to 30d (got 30s; see --help)'],
      [['litellm', '--for', '31d'], 'Error: --for: from 1m to 30d (got 31d; see --help)'],
      [['litellm', '--for', '30m', '--reason', 'x'.repeat(501)], 'Error: --reason: at most 500 characters (got 501; see --help)'],
    ]
    for (const [args, line] of cases) {
      const r = await run(['maintenance', 'start', ...args])
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr.trim().split('\n')).toEqual([line])
      expect(r.stdout).toBe('')
    }
    expect(await adhocRows(fresh().db)).toEqual([])
  })

  it("list shows the file's active windows and the ad-hoc ones, whether each is on now, and a cron window's current or next occurrence", async () => {
    await seedAll(fresh().db)
    const started = JSON.parse((await run(['maintenance', 'start', 'litellm', '--for', '2h', '--json'], later(60 * MIN))).stdout)
    const r = await run(['maintenance', 'list', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).windows).toEqual([
      {id: 'db-move', source: 'file', entities: ['litellm'], active: true, start: '2026-11-30T21:00:00.000Z', end: '2026-11-30T23:30:00.000Z', reason: null, cron: null, timezone: null},
      {id: 'nightly', source: 'file', entities: ['ov:9000'], active: false, start: '2026-11-30T22:00:00.000Z', end: '2026-12-01T00:00:00.000Z', reason: 'backup', cron: '0 23 * * *', timezone: 'Europe/Berlin'},
      {id: started.id, source: 'adhoc', entities: ['litellm'], active: false, start: later(60 * MIN), end: later(180 * MIN), reason: null, cron: null, timezone: null},
    ])
    // 00:30 in Berlin: the nightly window that started at 23:00 there is on, until 01:00.
    const atNight = JSON.parse((await run(['maintenance', 'list', '--json'], '2026-11-30T23:30:00.000Z')).stdout).windows
    expect(atNight.map((w: {id: string; active: boolean; end: string}) => [w.id, w.active, w.end])).toEqual([
      ['db-move', false, '2026-11-30T23:30:00.000Z'],
      ['nightly', true, '2026-12-01T00:00:00.000Z'],
      [started.id, true, later(180 * MIN)],
    ])
    const text = (await run(['maintenance', 'list'])).stdout.split('\n')
    expect(text[0]).toMatch(/^ID +SOURCE +ENTITIES +WHEN +SCHEDULE +REASON$/)
    expect(text[1]).toMatch(/^db-move +file +litellm +active until 2026-11-30T23:30:00\.000Z$/)
    expect(text[2]).toMatch(/^nightly +file +ov:9000 +next 2026-11-30T22:00:00\.000Z to 2026-12-01T00:00:00\.000Z +cron "0 23 \* \* \*" Europe\/Berlin +backup$/)
  })

  it('end ends an ad-hoc window now; a file window, an unknown id or one already ended is one line, exit 1, and changes nothing', async () => {
    await seedAll(fresh().db)
    const {id} = JSON.parse((await run(['maintenance', 'start', 'litellm', '--for', '2h', '--json'])).stdout)
    const ended = await run(['maintenance', 'end', id, '--json'], later(10 * MIN))
    expect(ended.code, ended.stderr).toBe(0)
    expect(JSON.parse(ended.stdout)).toEqual({id, entities: ['litellm'], start: NOW, end: later(10 * MIN), reason: null})
    const before = await adhocRows(fresh().db)
    expect(before[0]).toMatchObject({end_at: later(10 * MIN)})
    const cases: Array<[string, string]> = [
      [id, `Error: maintenance window "${id}" already ended at ${later(10 * MIN)}`],
      ['nightly', 'Error: maintenance window "nightly" is declared in monitors.yaml: remove it there (then mon apply)'],
      ['nigthly', `Error: no maintenance window "nigthly" in ${fresh().db}; did you mean "nightly"? (mon maintenance list shows them)`],
    ]
    for (const [arg, line] of cases) {
      const r = await run(['maintenance', 'end', arg], later(20 * MIN))
      expect(r.code, arg).toBe(1)
      expect(r.stderr.trim().split('\n')).toEqual([line])
    }
    expect(await adhocRows(fresh().db)).toEqual(before)
    // Listed for 7 days after it ended, then no more.
    const listed = async (now: string) => JSON.parse((await run(['maintenance', 'list', '--json'], now)).stdout).windows.map((w: {id: string}) => w.id)
    expect(await listed(later(10 * MIN + 7 * 86_400_000 - 1))).toContain(id)
    expect(await listed(later(10 * MIN + 7 * 86_400_000))).not.toContain(id)
  })
})
