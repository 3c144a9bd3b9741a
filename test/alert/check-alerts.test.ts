/**
 * Alerts end to end through `mon check`, on both engines: a target whose
 * answers the test switches (a local receiver answering 200 or 500), a
 * webhook notifier at another local receiver, and what arrives there.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'
import {startReceiver, type Receiver} from '../support/receivers.js'
import {SECRETS, alertConfig} from './alert-yaml.js'

let target: Receiver
let hook: Receiver
let broken: MisbehavingServer
beforeAll(async () => {
  target = await startReceiver({status: 200})
  hook = await startReceiver()
  broken = await startMisbehavingServer()
})
afterAll(async () => {
  await target.close()
  await hook.close()
  await broken.close()
})


/** Events at the hook, in order: [event, alert id]. */
function events(r: Receiver): Array<[string, string]> {
  return r.requests.filter((q) => q.path === '/hook').map((q) => {
    const body = JSON.parse(q.body)
    return [body.event, body.alert.id]
  })
}

describe.each(ENGINES)('alerts through mon check on %s', (engine) => {
  const current = useMigratedDb(engine)
  let dir: string
  let cleanupDir: () => void
  beforeAll(() => {
    ;({dir, cleanup: cleanupDir} = tempDir('mon-alerts-'))
  })
  afterAll(() => cleanupDir())

  async function applied(yaml: string): Promise<string> {
    const config = path.join(dir, `${engine}-monitors.yaml`)
    writeFileSync(config, yaml)
    const r = await mon(['apply', '--db', current().db, '--config', config], {env: SECRETS})
    expect(r.stderr, r.stdout).toBe('')
    expect(r.code).toBe(0)
    return config
  }

  const check = (args: string[] = [], env: Record<string, string> = {}) => mon(['check', '--db', current().db, '--json', ...args], {env: {...SECRETS, ...env}})
  const alerts = async (args: string[] = [], env: Record<string, string> = {}) => {
    const r = await mon(['alerts', '--db', current().db, '--json', ...args], {env})
    expect(r.code, r.stderr).toBe(0)
    return JSON.parse(r.stdout).alerts as Array<Record<string, any>>
  }

  it('a flapping endpoint (fail, fail, ok, fail, fail, fail, ok, ok) opens and resolves exactly as after 2 / recover_after 1 say, with the versioned body', async () => {
    hook.clear()
    hook.answer(202)
    await applied(alertConfig(hook.url, `${target.url}/svc`))
    for (const fails of [true, true, false, true, true, true, false, false]) {
      target.answer(fails ? 500 : 200)
      const r = await check()
      expect(r.code).toBe(fails ? 2 : 0)
    }
    const seen = events(hook)
    expect(seen.map(([event]) => event)).toEqual(['open', 'resolve', 'open', 'resolve'])
    expect(seen[0]![1]).toBe(seen[1]![1])
    expect(seen[2]![1]).toBe(seen[3]![1])
    expect(seen[0]![1]).not.toBe(seen[2]![1])
    const first = JSON.parse(hook.requests[0]!.body)
    expect(first).toEqual({
      version: '1',
      event: 'open',
      alert: {
        id: seen[0]![1],
        target_id: 'svc:api',
        entity_id: 'svc',
        endpoint_id: 'svc:api',
        registry_id: null,
        status: 'error',
        detail: 'expected 2xx, got 500',
        opened_at: expect.stringMatching(/Z$/),
        resolved_at: null,
      },
      entity: {id: 'svc', label: 'Service', type: 'service', owner: 'ops'},
    })
    const resolve = JSON.parse(hook.requests[1]!.body)
    expect(resolve.alert).toMatchObject({resolved_at: expect.stringMatching(/Z$/), detail: expect.stringMatching(/^200 OK in \d+ ms$/)})
    // Each delivery carries its own idempotency key, the secret header, and a signature.
    const keys = hook.requests.map((q) => q.headers['idempotency-key'])
    expect(new Set(keys).size).toBe(4)
    expect(hook.requests[0]!.headers.authorization).toBe(`Bearer ${SECRETS.HOOK_TOKEN}`)
    expect(hook.requests[0]!.headers['x-mon-signature']).toMatch(/^sha256=[0-9a-f]{64}$/)
    const all = await alerts(['--all'])
    expect(all.map((a) => [a.resolved_at !== null, a.notifications.map((n: any) => `${n.event}:${n.state}:${n.attempts}`)])).toEqual([
      [true, ['open:sent:1', 'resolve:sent:1']],
      [true, ['open:sent:1', 'resolve:sent:1']],
    ])
  })

  it('a receiver that is down, then slow past the bound, then back: delivered once, with its attempts in mon alerts', async () => {
    hook.clear()
    await applied(alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1']}))
    target.answer(500)
    const start = Date.now()
    const at = (minutes: number) => ({MON_NOW: new Date(start + minutes * 60_000).toISOString(), MON_TEST_DELIVERY_TIMEOUT_MS: '600'})
    await hook.down()
    const down = await check([], at(0))
    expect(down.stderr).toMatch(/notify: hook: .*refused.*\(attempt 1; next in 30s\)/)
    await hook.up()
    hook.slow(2000)
    const slow = await check([], at(1))
    expect(slow.stderr).toMatch(/notify: hook: no answer within 600 ms \(attempt 2; next in 1m\)/)
    hook.slow(0)
    const back = await check([], at(3))
    expect(back.stderr).toContain('notify: 1 sent')
    const again = await check([], at(10))
    expect(again.stderr).not.toContain('sent')
    const [alert] = await alerts()
    expect(alert!.notifications).toMatchObject([{notifier_id: 'hook', event: 'open', state: 'sent', attempts: 3}])
    // The slow attempt reached the receiver before its answer was too late: the same key, which a receiver drops.
    const keys = hook.requests.map((q) => q.headers['idempotency-key'])
    expect(keys.length).toBe(2)
    expect(new Set(keys).size).toBe(1)
  })

  it('--no-notify records the open and sends nothing; the next run sends it', async () => {
    hook.clear()
    hook.answer(202)
    await applied(alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1']}))
    target.answer(500)
    const quiet = await check(['--no-notify'])
    expect(quiet.stderr).toContain('alerts: 1 opened, 0 resolved, 1 notifications queued')
    expect(hook.requests).toHaveLength(0)
    expect((await alerts())[0]!.notifications).toMatchObject([{state: 'pending', attempts: 0}])
    await check()
    expect(events(hook).map(([e]) => e)).toEqual(['open'])
  })

  it('reminds every remind_every while open, counted from the last one sent', async () => {
    hook.clear()
    hook.answer(202)
    await applied(alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1', 'remind_every: 1h']}))
    target.answer(500)
    const start = Date.now()
    const at = (minutes: number) => ({MON_NOW: new Date(start + minutes * 60_000).toISOString()})
    for (const minutes of [0, 30, 61, 90, 125]) await check([], at(minutes))
    expect(events(hook).map(([e]) => e)).toEqual(['open', 'remind', 'remind'])
  })

  it('maintenance holds the open; the open is sent when the window ends; a resolve while held drops both', async () => {
    hook.clear()
    hook.answer(202)
    await applied(alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1']}))
    const started = await mon(['maintenance', 'start', 'svc', '--for', '30m', '--json', '--db', current().db])
    expect(started.code, started.stderr).toBe(0)
    const window = JSON.parse(started.stdout).id as string
    target.answer(500)
    await check()
    expect(hook.requests).toHaveLength(0)
    const [held] = await alerts()
    expect(held).toMatchObject({held: 'maintenance', notifications: [{event: 'open', state: 'pending'}]})
    const shown = await mon(['history', 'svc', '--db', current().db, '--json'])
    expect(JSON.parse(shown.stdout).snapshots[0].maintenance).toBe(window)
    expect((await mon(['maintenance', 'end', window, '--db', current().db])).code).toBe(0)
    await check()
    expect(events(hook).map(([e]) => e)).toEqual(['open'])
    expect((await alerts())[0]!.held).toBeNull()

    // Held all along, then resolved: nothing is ever sent.
    hook.clear()
    target.answer(200)
    await check()
    const again = await mon(['maintenance', 'start', 'svc', '--for', '30m', '--json', '--db', current().db])
    expect(again.code).toBe(0)
    hook.clear()
    target.answer(500)
    await check()
    target.answer(200)
    await check()
    expect(hook.requests).toHaveLength(0)
    const [latest] = await alerts(['--all'])
    expect(latest!.notifications.map((n: any) => `${n.event}:${n.state}`)).toEqual(['open:dropped', 'resolve:dropped'])
  })

  it('an open alert on a dependency holds its dependants, transitively; one still open is sent when the dependency resolves', async () => {
    hook.clear()
    hook.answer(202)
    // svc depends on mid, mid on base; svc always fails, base fails while the target receiver says so.
    const entities = [
      '  - id: mid',
      '    type: gateway',
      '    label: Mid',
      '    owner: ops',
      '    depends_on: [base]',
      '  - id: base',
      '    type: backend',
      '    label: Base',
      '    owner: ops',
      '    endpoints:',
      `      - url: ${target.url}/base`,
      '        kind: api',
    ].join('\n')
    const yaml = alertConfig(hook.url, `${broken.http}/status/500`, {alert: ['after: 1'], entities}).replace(
      '    owner: ops\n    endpoints:',
      '    owner: ops\n    depends_on: [mid]\n    endpoints:',
    )
    await applied(yaml)
    target.answer(500)
    await check()
    expect(events(hook)).toHaveLength(1)
    expect(JSON.parse(hook.requests[0]!.body).entity.id).toBe('base')
    const open = await alerts()
    expect(Object.fromEntries(open.map((a) => [a.entity_id, a.held]))).toEqual({base: null, svc: 'dependency'})
    expect(open.find((a) => a.entity_id === 'svc')!.notifications).toMatchObject([{event: 'open', state: 'pending'}])
    target.answer(200)
    await check()
    const after = hook.requests.map((q) => JSON.parse(q.body)).map((b) => `${b.event}:${b.entity.id}`)
    expect(after.slice(1).sort()).toEqual(['open:svc', 'resolve:base'])
    expect((await alerts()).map((a) => [a.entity_id, a.held])).toEqual([['svc', null]])
  })

  it('an open alert whose target is retired from the file resolves on the next run, told to whom its open went', async () => {
    hook.clear()
    hook.answer(202)
    const keep = ['  - id: keep', '    type: service', '    label: Keep', '    owner: ops', '    endpoints:', `      - url: ${broken.http}/ok`, '        kind: api'].join('\n')
    const yaml = alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1'], entities: keep})
    await applied(yaml)
    target.answer(500)
    await check()
    const svc = yaml.slice(yaml.indexOf('  - id: svc'), yaml.indexOf('  - id: keep'))
    await applied(yaml.replace(svc, ''))
    await check()
    expect(events(hook).map(([e]) => e)).toEqual(['open', 'resolve'])
    expect(JSON.parse(hook.requests[1]!.body).alert.detail).toBe('no longer monitored: retired from monitors.yaml')
    expect(await alerts()).toEqual([])
  })

  it('no secret in any table, any output, or a delivery error', async () => {
    hook.clear()
    await applied(alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1']}))
    target.answer(500)
    hook.answer(500, `echo ${SECRETS.HOOK_TOKEN}`)
    const r = await check()
    hook.answer(202)
    const listed = await mon(['alerts', '--db', current().db, '--all'])
    const json = await mon(['alerts', '--db', current().db, '--all', '--json'])
    const dump = await mon(['export', '--db', current().db])
    for (const text of [r.stdout, r.stderr, listed.stdout, listed.stderr, json.stdout, dump.stdout]) {
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret)
    }
    const {withDriver} = await import('../history/seed.js')
    await withDriver(current().db, async (driver) => {
      for (const table of ['notifiers', 'notifications', 'alerts', 'alert_states', 'snapshots', 'endpoints']) {
        const rows = JSON.stringify(await driver.all(`SELECT * FROM ${table}`))
        for (const secret of Object.values(SECRETS)) expect(rows, table).not.toContain(secret)
      }
    })
  })
})
