import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {seed} from '../check/seed.js'
import {startMisbehavingServer} from '../support/misbehaving-server.js'

import {mon} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {uuidv7} from '../../src/time.js'
import {migrate} from '../../src/store/migrator.js'
import {MIN, withDriver} from './seed.js'

/** What judge.ts stores for a 500 with a JSON body, phases included, and a header that tries to drive the terminal. */
const FAILED = {
  latency_ms: 1529.4,
  attempts: 1,
  phases_ms: {resolve: 0.12, connect: 0.2, tls: 0, processing: 1520, transfer: 9.08},
  http_status: 500,
  headers: {'content-type': 'application/json', server: 'evil\u001b]0;pwned\u0007'},
  bytes: 36,
  body: {error: 'internal', status: 'fail'},
  truncated: false,
  assertions: [
    {path: 'status', ok: false, severity: 'error', message: 'status: expected "pass", got "fail"', actual: 'fail'},
    {path: 'error', ok: true, severity: 'warn', actual: 'internal'},
  ],
}
/** A body cut when it was stored, longer than history prints. */
const CUT = {latency_ms: 12, attempts: 1, http_status: 200, headers: {}, bytes: 40_000, body: `${'x'.repeat(3000)}\u001b[2J`, truncated: true}

describe.each(ENGINES)('mon show and mon history --payload on %s', (engine) => {
  let fresh: FreshDb
  const ids = {failed: '', cut: '', old: ''}
  const run = (args: string[]) => mon([...args, '--db', fresh.db])

  beforeAll(async () => {
    fresh = await freshDb(engine)
    const now = Date.now()
    await withDriver(fresh.db, async (driver) => {
      await migrate(driver)
      const at = new Date(now - 60 * MIN).toISOString()
      await driver.run('INSERT INTO entities (id, type, label, owner, created_at, applied_at) VALUES (?, ?, ?, ?, ?, ?)', ['orders', 'service', 'Orders', 'team', at, at])
      await driver.run('INSERT INTO endpoints (id, entity_id, kind, url, method, applied_at) VALUES (?, ?, ?, ?, ?, ?)', ['orders:health', 'orders', 'health', 'http://127.0.0.1:9/', 'GET', at])
      const snap = async (key: keyof typeof ids, ago: number, status: string, detail: string, latency: number | null, payload: object | null) => {
        ids[key] = uuidv7(now - ago)
        await driver.run(
          'INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [ids[key], 'orders', 'orders:health', null, status, detail, payload === null ? null : JSON.stringify(payload), latency, new Date(now - ago).toISOString()],
        )
      }
      await snap('failed', MIN, 'error', 'expected 2xx, got 500', 1529.4, FAILED)
      await snap('cut', 2 * MIN, 'ok', '200 OK in 12 ms', 12, CUT)
      await snap('old', 3 * MIN, 'ok', '200 OK in 8 ms', 8, null)
    })
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  it('shows one snapshot in full: what was checked, the verdict, phases, headers, body and assertions', async () => {
    const r = await run(['show', ids.failed])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      [
        `snapshot ${ids.failed}`,
        '  checked      orders:health (endpoint of entity orders)',
        '  status       error',
        '  detail       expected 2xx, got 500',
        `  observed_at  ${r.stdout.match(/observed_at {2}(\S+)/)![1]}`,
        '  latency      1529 ms',
        '  http_status  500',
        '  attempts     1',
        '  phases       resolve 0.1 ms, connect 0.2 ms, tls 0.0 ms, processing 1520.0 ms, transfer 9.1 ms',
        '  bytes        36',
        '  headers      content-type: application/json',
        '               server: evil\\u001b]0;pwned\\u0007',
        '  body         {"error":"internal","status":"fail"}',
        '  assertions   fail (error)  status: expected "pass", got "fail"',
        '               pass  error',
        '',
      ].join('\n'),
    )
  })

  it('finds a hand-made row whose UUIDv7 time is not its observed_at (stored whole), by a scan', async () => {
    const id = uuidv7(Date.parse('2020-01-01T00:00:00.000Z'))
    await withDriver(fresh.db, (driver) =>
      driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        id, 'orders', 'orders:health', null, 'ok', 'imported', null, 5, new Date(Date.now() - 5 * MIN).toISOString(),
      ]),
    )
    const r = await run(['show', id, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({id, detail: 'imported'})
    await withDriver(fresh.db, (driver) => driver.run("DELETE FROM snapshots WHERE detail = 'imported'"))
  })

  it('gives the stored payload as JSON with --json', async () => {
    const r = await run(['show', ids.failed, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({id: ids.failed, entity_id: 'orders', endpoint_id: 'orders:health', registry_id: null, status: 'error', latency_ms: 1529.4})
    expect(out.payload).toEqual(FAILED)
    expect(out).not.toHaveProperty('payload_json')
  })

  it('bounds a long body, escapes what it holds, and says there is more', async () => {
    const [show, history] = await Promise.all([run(['show', ids.cut]), run(['history', 'orders:health', '--payload', '--limit', '2'])])
    expect(show.stdout).toContain(`  body (cut)   ${'x'.repeat(3000)}\\u001b[2J\n`)
    const body = history.stdout.match(/^ {4}body \(cut\) +(x+)$/m)
    expect(body![1]).toHaveLength(1024)
    expect(history.stdout).toMatch(/^ {17}… 1980 more characters \(mon show --json prints the whole stored body\)$/m)
    expect(show.stdout + history.stdout).not.toMatch(/\u001b/)
  })

  it('prints each snapshot\'s payload under its row in history --payload, and an old row says it has none', async () => {
    const r = await run(['history', 'orders:health', '--payload'])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[2]).toMatch(new RegExp(`^\\S+ +error +1529 ms +orders:health +expected 2xx, got 500$`))
    expect(lines[3]).toBe('    http_status  500')
    expect(r.stdout).toContain('    phases       resolve 0.1 ms, connect 0.2 ms')
    expect(r.stdout).toMatch(/ok +8 ms +orders:health +200 OK in 8 ms\n {4}payload {2}none stored\n$/)
    const json = JSON.parse((await run(['history', 'orders:health', '--payload', '--json'])).stdout)
    expect(json.snapshots.map((s: {payload: unknown}) => s.payload)).toEqual([FAILED, CUT, null])
    const plain = JSON.parse((await run(['history', 'orders:health', '--json'])).stdout)
    expect(plain.snapshots[0]).not.toHaveProperty('payload')
  })

  it('names the closest id for a mistyped one, and the command for an id of the other kind, in history and show', async () => {
    const cases: Array<[string[], string]> = [
      [['history', ids.failed], `Error: no entity, endpoint or registry entry with id "${ids.failed}" in DB; "${ids.failed}" is a snapshot ID: mon show ${ids.failed} prints it\n`],
      [['history', 'orders:helth'], `Error: no entity, endpoint or registry entry with id "orders:helth" in DB; did you mean "orders:health"?\n`],
      [['history', 'zzzz'], `Error: no entity, endpoint or registry entry with id "zzzz" in DB\n`],
      [['show', 'orders:health'], `Error: no snapshot with id "orders:health" in DB; "orders:health" is not a snapshot ID: mon history orders:health lists its snapshots\n`],
      [['show', 'ordres'], `Error: no snapshot with id "ordres" in DB; did you mean "orders"? (mon history lists its snapshots)\n`],
    ]
    for (const [args, message] of cases) {
      const r = await run(args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stdout).toBe('')
      // The database as the error names it (a PostgreSQL URL masked) is not what is tested here.
      expect(r.stderr.replace(/ in \S+?(;|\n)/, ' in DB$1')).toBe(message)
    }
  })
})

describe('mon show after a real check', () => {
  it('prints what judge stored for a 503: status, the headers kept, the body', async () => {
    const server = await startMisbehavingServer()
    const fresh = await freshDb('sqlite')
    try {
      await seed(fresh.db, [{id: 'svc', endpoints: [{id: 'svc:api', kind: 'api', url: `${server.http}/status/503`}]}])
      const checked = await mon(['check', '--db', fresh.db, '--json'])
      const [result] = (JSON.parse(checked.stdout) as {results: Array<{snapshot_id: string}>}).results
      const shown = await mon(['show', result!.snapshot_id, '--db', fresh.db])
      expect(shown.code).toBe(0)
      expect(shown.stdout).toMatch(/^ {2}checked {6}svc:api \(endpoint of entity svc\)\n {2}status {7}error\n {2}detail {7}expected 2xx, got 503\n/m)
      expect(shown.stdout).toMatch(/^ {2}http_status {2}503$/m)
      expect(shown.stdout).toMatch(/^ {2}headers {6}content-type: text\/plain$/m)
      expect(shown.stdout).toMatch(/^ {2}body {9}busy$/m)
    } finally {
      await fresh.cleanup()
      await server.close()
    }
  })
})
