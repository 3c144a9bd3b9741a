import {spawn} from 'node:child_process'
import {readFileSync, existsSync} from 'node:fs'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {openDriver} from '../../src/store/open.js'
import {seed, snapshots} from '../check/seed.js'
import {check, productionEnv} from '../check/cli-check.js'
import {BIN, tempDir} from '../support/cli.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'
import {dumpDatabase, RELAXED} from '../check/hostile.js'
import {useSeededDbs} from '../support/migrated-db.js'

/** Each fault test's database: new and migrated, without running every migration for each (they are not what is tested here). */
const withDb = useSeededDbs()

let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})

describe.each(ENGINES)('mon check faults on %s', (engine) => {
  it('keeps finished snapshots when killed with SIGKILL mid-run', async () => {
    const quick = Array.from({length: 10}, (_, i) => ({id: `k:quick:${i}`, kind: 'api' as const, url: `${server.http}/ok?i=${i}`, check: RELAXED}))
    const stuck = Array.from({length: 3}, (_, i) => ({id: `k:stuck:${i}`, kind: 'api' as const, url: `${server.http}/hang?k=${i}`, check: {...RELAXED, timeout: 60_000}}))
    await withDb(engine, [{id: 'k', endpoints: [...quick, ...stuck]}], async (db) => {
      const child = spawn(process.execPath, [BIN, 'check', '--db', db], {stdio: 'ignore', env: productionEnv()})
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
      let done = 0
      for (let i = 0; i < 150 && done < 10; i++) {
        await new Promise((r) => setTimeout(r, 100))
        done = (await snapshots(db)).length
      }
      expect(done).toBe(10)
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
      const kept = await snapshots(db)
      expect(kept.map((s) => s.endpoint_id).sort()).toEqual(quick.map((q) => q.id).sort())
      expect(kept.every((s) => s.status === 'ok')).toBe(true)
    })
  })

  it('on SIGTERM stops, keeps what finished, and exits 3', async () => {
    const quick = Array.from({length: 4}, (_, i) => ({id: `t:quick:${i}`, kind: 'api' as const, url: `${server.http}/ok?t=${i}`, check: RELAXED}))
    const stuck = [{id: 't:stuck', kind: 'api' as const, url: `${server.http}/hang?t=1`, check: {...RELAXED, timeout: 60_000}}]
    await withDb(engine, [{id: 't', endpoints: [...quick, ...stuck]}], async (db) => {
      const child = spawn(process.execPath, [BIN, 'check', '--db', db], {stdio: ['ignore', 'pipe', 'pipe'], env: productionEnv()})
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      for (let i = 0; i < 150 && (await snapshots(db)).length < 4; i++) await new Promise((r) => setTimeout(r, 100))
      child.kill('SIGTERM')
      expect(await exited).toBe(3)
      expect(stderr).toBe('Error: interrupted: 4 of 5 checks finished and recorded\n')
      expect((await snapshots(db)).map((s) => s.endpoint_id).sort()).toEqual(quick.map((q) => q.id))
    })
  })

  it('never stores a ${VAR} header secret, even when the server echoes it back', async () => {
    const token = `mon-secret-${Math.random().toString(36).slice(2)}-${Date.now()}`
    const headers = {Authorization: 'Bearer ${PROBE_TEST_TOKEN}', 'X-Api-Key': '${PROBE_TEST_TOKEN}'}
    await withDb(
      engine,
      [
        {
          id: 's',
          endpoints: [
            {id: 's:echo', kind: 'api', url: `${server.http}/echo-headers`, check: {...RELAXED, headers}},
            {id: 's:json', kind: 'health', url: `${server.http}/echo-headers`, check: {...RELAXED, headers, json: [{path: 'headers.authorization', equals: 'x', severity: 'warn'}]}},
            {id: 's:fail', kind: 'api', url: `${server.http}/status/500`, check: {...RELAXED, headers}},
          ],
        },
      ],
      async (db) => {
        const r = await check(['--db', db, '--json'], {env: {PROBE_TEST_TOKEN: token}})
        expect(r.code).toBe(2)
        expect(r.stdout + r.stderr).not.toContain(token)
        const rows = await snapshots(db)
        expect(rows).toHaveLength(3)
        // The server did receive the secret: the check really sent it.
        const echo = JSON.parse(String(rows.find((s) => s.endpoint_id === 's:echo')!.payload_json))
        expect(echo.body.headers).toMatchObject({authorization: 'Bearer [redacted]', 'x-api-key': '[redacted]'})
        expect(await dumpDatabase(db)).not.toContain(token)
        if (engine === 'sqlite') {
          for (const file of [db, `${db}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(token)).toBe(false)
        }
      },
    )
  })
})

/**
 * What the run does before anything is stored: the checks at once, the shard split (check/shard.ts, a pure
 * function of the ids). No engine makes a difference here, so these run on SQLite only; every engine's writes
 * are tested above.
 */
describe('mon check concurrency and shards', () => {
  it('runs the checks at once, each ending at its own timeout, so never-answering endpoints cost one timeout, not the sum', async () => {
    const hanging = Array.from({length: 6}, (_, i) => ({id: `h:${i}`, kind: 'api' as const, url: `${server.http}/hang?i=${i}`, check: {...RELAXED, timeout: 1500}}))
    await withDb('sqlite', [{id: 'h', endpoints: [...hanging, {id: 'h:ok', kind: 'api', url: `${server.http}/ok`, check: RELAXED}]}], async (db) => {
      const seen = server.watch('/hang')
      const r = await check(['--db', db])
      expect(r.code).toBe(2)
      // Counted at the server, not timed: a loaded machine cannot fake six open requests at once,
      // and one check after another would never have more than one open (speed is measured in bench/).
      expect(seen.peak()).toBe(6)
      expect(r.stdout).toMatch(/^Checked 7: 1 ok, 0 warn, 6 error in [\d.]+ s\.$/m)
      expect((await snapshots(db)).filter((s) => s.detail === 'timeout after 1500 ms')).toHaveLength(6)
    })
  })

  it('splits the endpoints between shards with no overlap and nothing left out', async () => {
    const endpoints = Array.from({length: 12}, (_, i) => ({id: `sh:${i}`, kind: 'api' as const, url: `${server.http}/ok?s=${i}`, check: RELAXED}))
    await withDb('sqlite', [{id: 'sh', endpoints, registry: [{id: 'registry:sh', path: `${server.http}/models/two`}]}], async (db) => {
      const seen: string[][] = []
      for (const k of [1, 2, 3]) {
        const r = await check(['--db', db, '--shard', `${k}/3`, '--json'])
        expect(r.code).toBe(0)
        seen.push((JSON.parse(r.stdout).results as Array<{endpoint_id: string | null; registry_id: string | null}>).map((x) => x.endpoint_id ?? x.registry_id!))
      }
      const all = seen.flat().sort()
      expect(all).toEqual([...endpoints.map((e) => e.id), 'registry:sh'].sort())
      expect(seen.filter((s) => s.length > 0).length).toBeGreaterThan(1)
      expect((await snapshots(db)).length).toBe(13)
    })
  })

  it('a shard that holds nothing says so and exits 0', async () => {
    await withDb('sqlite', [{id: 'one', endpoints: [{id: 'one:api', kind: 'api' as const, url: `${server.http}/ok`, check: RELAXED}], registry: []}], async (db) => {
      // One check, four shards: three of them are empty.
      const codes = []
      for (const k of [1, 2, 3, 4]) {
        const r = await check(['--db', db, '--shard', `${k}/4`])
        expect(r.stderr).not.toMatch(/bug/)
        codes.push(r.code)
      }
      expect(codes).toEqual([0, 0, 0, 0])
      expect((await snapshots(db)).length).toBe(1)
    })
  })
})

describe('mon check selection, retries, formats and exit codes', () => {
  let db: string
  let cleanup: () => Promise<void>
  beforeAll(async () => {
    ;({db, cleanup} = await freshDb('sqlite'))
    await seed(db, [
      {
        id: 'alpha',
        type: 'backend',
        owner: 'mlx',
        endpoints: [
          {id: 'alpha:health', kind: 'health', url: `${server.http}/health/pass`, check: RELAXED},
          {id: 'alpha:models', kind: 'models', url: `${server.http}/models/empty`, check: RELAXED},
          {id: 'alpha:old', kind: 'api', url: `${server.http}/status/500`, check: RELAXED, retired: true},
        ],
      },
      {id: 'beta', type: 'gateway', owner: 'platform', endpoints: [{id: 'beta:api', kind: 'api', url: `${server.http}/status/503`, check: {...RELAXED, retries: 2}}]},
      {id: 'gone', retired: true, endpoints: [{id: 'gone:api', kind: 'api', url: `${server.http}/status/500`, check: RELAXED}]},
      {id: 'legacy', owner: 'old', endpoints: [{id: 'legacy:health', kind: 'health', url: `${server.http}/ok`, unmanaged: true}]},
      {
        id: 'flaky',
        owner: 'flaky',
        endpoints: [
          {id: 'flaky:retried', kind: 'api', url: `${server.http}/flaky?n=1`, check: {...RELAXED, retries: 1}},
          {id: 'flaky:hang', kind: 'api', url: `${server.http}/hang?r=1`, check: {...RELAXED, timeout: 300, retries: 1}},
        ],
      },
    ])
  })
  afterAll(async () => cleanup())

  const ids = (stdout: string) => (JSON.parse(stdout).results as Array<{endpoint_id: string}>).map((r) => r.endpoint_id).sort()

  it('never checks retired rows, and checks an unmanaged row with the built-in settings', async () => {
    const r = await check(['--db', db, '--json', '--owner', 'mlx'])
    expect(ids(r.stdout)).toEqual(['alpha:health', 'alpha:models'])
    const legacy = await check(['--db', db, '--json', '--only', 'legacy:health'])
    expect(legacy.code).toBe(0)
    expect(ids(legacy.stdout)).toEqual(['legacy:health'])
    const everything = await check(['--db', db, '--json', '--owner', 'nobody-has-this'])
    expect(everything.code).toBe(3)
  })

  it('--only takes entity and endpoint ids, repeated or comma-separated; --type narrows by entity type', async () => {
    expect(ids((await check(['--db', db, '--json', '--only', 'alpha'])).stdout)).toEqual(['alpha:health', 'alpha:models'])
    expect(ids((await check(['--db', db, '--json', '--only', 'alpha:health,legacy:health'])).stdout)).toEqual(['alpha:health', 'legacy:health'])
    expect(ids((await check(['--db', db, '--json', '--type', 'gateway'])).stdout)).toEqual(['beta:api'])
  })

  it('an --only id that is retired or unknown cannot run: exit 3, naming it', async () => {
    const r = await check(['--db', db, '--only', 'alpha:old', '--only', 'alpha'])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe('Error: --only: no active entity, endpoint or registry entry with id "alpha:old" (retired, or never applied)\n')
  })

  it('a mistyped --only id names the closest active one', async () => {
    const one = await check(['--db', db, '--only', 'alpha:helth'])
    expect(one.code).toBe(3)
    expect(one.stderr).toBe('Error: --only: no active entity, endpoint or registry entry with id "alpha:helth" (retired, or never applied); did you mean "alpha:health"?\n')
    const two = await check(['--db', db, '--only', 'alpha:helth,btea'])
    expect(two.stderr).toMatch(/with id "alpha:helth", "btea" \(retired, or never applied\); did you mean "alpha:health" \(for "alpha:helth"\), "beta" \(for "btea"\)\?\n$/)
  })

  it('exits 0 when all is ok and 1 when the worst is a warning', async () => {
    const ok = await check(['--db', db, '--only', 'alpha:health'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^ok {4}alpha:health {2}200 OK in \d+ ms, health status "pass"\nChecked 1: 1 ok, 0 warn, 0 error in [\d.]+ s\.\n$/)
    const warn = await check(['--db', db, '--only', 'alpha'])
    expect(warn.code).toBe(1)
    expect(warn.stdout).toContain('warn  alpha:models  model list is empty')
  })

  it('retries network errors and timeouts, never an answer', async () => {
    const before = {failing: server.hits('/status/503'), flaky: server.hits('/flaky')}
    const r = await check(['--db', db, '--json', '--only', 'flaky', '--only', 'beta'])
    const results = new Map((JSON.parse(r.stdout).results as Array<{endpoint_id: string; status: string; detail: string}>).map((x) => [x.endpoint_id, x]))
    expect(results.get('flaky:retried')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^200 OK/)})
    expect(results.get('flaky:hang')).toMatchObject({status: 'error', detail: 'timeout after 300 ms (2 attempts)'})
    expect(results.get('beta:api')).toMatchObject({status: 'error', detail: 'expected 2xx, got 503'})
    expect(server.hits('/status/503') - before.failing).toBe(1)
    expect(server.hits('/flaky') - before.flaky).toBe(2)
  })

  it('--format nagios prints one plugin line with performance data', async () => {
    const r = await check(['--db', db, '--format', 'nagios', '--only', 'alpha', '--only', 'beta'])
    expect(r.code).toBe(2)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^MON CRITICAL - 1 ok, 1 warn, 1 error: beta:api: expected 2xx, got 503; alpha:models: model list is empty \(200 OK in \d+ ms\) \| ok=1;;;0 warn=1;;;0 error=1;;;0 checks=3;;;0 time=[\d.]+s;;;0 'alpha:health'=[\d.]+ms;5000;5000;0 'alpha:models'=[\d.]+ms;5000;5000;0 'beta:api'=[\d.]+ms;5000;5000;0$/,
    )
    const ok = await check(['--db', db, '--format', 'nagios', '--only', 'alpha:health'])
    expect(ok.stdout).toMatch(/^MON OK - 1 ok, 0 warn, 0 error \| /)
  })

  it('--format json is the same document as --json', async () => {
    const a = JSON.parse((await check(['--db', db, '--format', 'json', '--only', 'alpha:health'])).stdout)
    expect(Object.keys(a)).toEqual(['results', 'summary'])
    expect(Object.keys(a.results[0])).toEqual(['entity_id', 'endpoint_id', 'registry_id', 'status', 'detail', 'latency_ms', 'snapshot_id'])
    expect(a.summary).toEqual({ok: 1, warn: 0, error: 0})
  })

  it.each([
    ['an unknown flag', ['--bogus'], /unknown flag --bogus for mon check/],
    ['a bad --type', ['--type', 'robot'], /--type must be one of service, .* \(got "robot"\)/],
    ['a bad --shard', ['--shard', '4/3'], /--shard must be K\/N with 1 <= K <= N/],
    ['a bad --max-payload', ['--max-payload', 'lots'], /"lots" is not a size/],
    ['a bad --max-body', ['--max-body', 'lots'], /"lots" is not a size/],
    ['a --max-body out of range', ['--max-body', '1GiB'], /--max-body must be between 1 byte and 256MiB/],
    ['a bad --concurrency', ['--concurrency', '0'], /--concurrency must be between 1 and 1000 \(got "0"\)/],
    ['a bad --format', ['--format', 'xml'], /--format must be one of text, json, nagios \(got "xml"\)/],
  ])('%s is a usage error: exit 3', async (_name, args, message) => {
    const r = await check(['--db', db, ...args])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
  })

  it('cannot run without a database, or with one not migrated: exit 3, and nagios says UNKNOWN on stdout', async () => {
    const {dir, cleanup: done} = tempDir()
    try {
      const missing = await check(['--db', `${dir}/none.db`, '--format', 'nagios'])
      expect(missing.code).toBe(3)
      expect(missing.stdout).toBe(`MON UNKNOWN - no SQLite database at ${dir}/none.db (mon db migrate or mon apply creates it)\n`)
      expect(existsSync(`${dir}/none.db`)).toBe(false)
      const driver = await openDriver(`${dir}/empty.db`)
      await driver.close()
      const empty = await check(['--db', `${dir}/empty.db`])
      expect(empty.code).toBe(3)
      expect(empty.stderr).toMatch(/has no mon schema yet/)
    } finally {
      done()
    }
  })

  it('with nothing applied, cannot run: exit 3 with a hint', async () => {
    const {db: bare, cleanup: done} = await freshDb('sqlite')
    try {
      await seed(bare, [])
      const r = await check(['--db', bare])
      expect(r.code).toBe(3)
      expect(r.stderr).toMatch(/^Error: nothing to check: no active endpoints or registry entries in .*; run mon apply\n$/)
    } finally {
      await done()
    }
  })

  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal, draws a progress bar on stderr and colours the statuses, but not with NO_COLOR', async () => {
    const onTerminal = (noColor: boolean) =>
      new Promise<string>((resolve) => {
        // A known terminal, whatever the CI runner sets (TERM=dumb, FORCE_COLOR=0 would turn colour off).
        const env: NodeJS.ProcessEnv = {...productionEnv(), TERM: 'xterm-256color'}
        delete env.FORCE_COLOR
        if (!noColor) delete env.NO_COLOR
        const command = `${process.execPath} ${BIN} check --db ${db} --only alpha`
        const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], {env, stdio: ['ignore', 'pipe', 'ignore']})
        let out = ''
        child.stdout.on('data', (d) => (out += d))
        child.on('exit', () => resolve(out))
      })
    const coloured = await onTerminal(false)
    expect(coloured).toContain('\r[------------------------------] 0/2 checked, 0 not ok')
    expect(coloured).toContain('\r[##############################] 2/2 checked, 1 not ok\r\u001B[2K')
    expect(coloured).toContain('\u001B[33mwarn \u001B[0m alpha:models')
    const plain = await onTerminal(true)
    expect(plain).toContain('2/2 checked')
    expect(plain).not.toContain('\u001B[33m')
  })

  it('draws no progress bar when stderr is not a terminal', async () => {
    const r = await check(['--db', db, '--only', 'alpha:health'])
    expect(r.stderr).toBe('')
  })
})
