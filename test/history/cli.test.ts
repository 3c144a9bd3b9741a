import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {parseExpositionStrict, sampleOf} from './exposition.js'
import {DAY, HOUR, count, phasesOf, seed, withDriver, type Seeded} from './seed.js'

describe.each(ENGINES)('status, history and prune on %s', (engine) => {
  let fresh: FreshDb
  let seeded: Seeded
  const run = (args: string[]) => mon([...args, '--db', fresh.db])

  beforeAll(async () => {
    fresh = await freshDb(engine)
    seeded = await seed(fresh.db)
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  describe('mon status', () => {
    it('gives the hand-computed figures in --json, retired entities left out', async () => {
      // --exact: raw rows only, so that percentiles are the hand-computed nearest ranks (rollups are within 1%).
      const r = await run(['status', '--json', '--stale-after', '1h', '--exact'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(Date.parse(out.since)).toBeGreaterThan(seeded.now - DAY - 60_000)
      expect(Date.parse(out.since)).toBeLessThanOrEqual(Date.now() - DAY)
      // Problems first: error, warn, stale, ok, then by id.
      expect(out.entities.map((e: {id: string; status: string}) => [e.id, e.status])).toEqual([
        ['web', 'warn'],
        ['db', 'stale'],
        ['gw', 'stale'],
      ])
      const web = out.entities[0]
      expect(web).toMatchObject({id: 'web', type: 'service', owner: 'team-a', label: 'web label'})
      const health = web.endpoints.find((e: {id: string}) => e.id === 'web:health')
      // 10 snapshots in 24 h: 6 ok + 2 warn up, 2 error; latencies 10..100 ms: p50 rank 5, p95 rank 10.
      expect(health).toEqual({
        id: 'web:health',
        kind: 'health',
        status: 'ok',
        detail: 'ok in 10 ms',
        observed_at: seeded.snapshots.get('web:health')![0]!.observed_at,
        latency_ms: 10,
        phases_ms: phasesOf(10),
        interval_ms: 60_000,
        stale_after_ms: 3_600_000,
        checks: 10,
        uptime: 0.8,
        // Unmanaged by interval (1m) and activation (none): 1439 checks were due in 24 hours, 10 made.
        coverage: 10 / 1439,
        p50_ms: 50,
        p95_ms: 100,
        counts: {ok: 6, warn: 2, error: 2},
      })
      const api = web.endpoints.find((e: {id: string}) => e.id === 'web:api')
      // 4 snapshots, 3 up; latencies 20, 30, 40 (the timeout has none): p50 rank 2, p95 rank 3.
      expect(api).toMatchObject({status: 'warn', detail: 'slow: 30 ms', checks: 4, uptime: 0.75, p50_ms: 30, p95_ms: 40})
      const registry = {id: 'registry:web', status: 'ok', detail: 'parsed 3 entries', observed_at: seeded.snapshots.get('registry:web')![0]!.observed_at}
      expect(web.registry).toEqual([{...registry, interval_ms: 60_000, stale_after_ms: 3_600_000, checks: 1, uptime: 1, coverage: 1 / 1439, counts: {ok: 1, warn: 0, error: 0}, drift: null}])
      expect(out.exact).toBe(true)
      const db = out.entities[1].endpoints[0]
      expect(db).toMatchObject({id: 'db:health', status: 'stale', detail: 'ok in 15 ms', checks: 2, uptime: 1, p50_ms: 15, p95_ms: 25})
      expect(out.entities[2].endpoints[0]).toMatchObject({id: 'gw:health', status: 'stale', detail: null, observed_at: null, checks: 0, uptime: null, p50_ms: null})
    })

    it('moves the stale line with --stale-after and the window with --since', async () => {
      const out = JSON.parse((await run(['status', '--json', '--stale-after', '4h', '--since', '1h', '--only', 'db,web:health'])).stdout)
      expect(out.entities.map((e: {id: string; status: string}) => [e.id, e.status])).toEqual([
        ['db', 'ok'],
        ['web', 'ok'],
      ])
      // In the last hour: 5..55 min ago = ok, ok, warn, error, ok, ok.
      expect(out.entities[1].endpoints).toHaveLength(1)
      expect(out.entities[1].registry).toHaveLength(0)
      expect(out.entities[1].endpoints[0]).toMatchObject({checks: 6, counts: {ok: 4, warn: 1, error: 1}, p50_ms: 30, p95_ms: 60})
      expect(out.entities[0].endpoints[0]).toMatchObject({status: 'ok', checks: 0, uptime: null})
    })

    it('filters by --type and --owner, and --format json equals --json', async () => {
      const [byType, byOwner] = await Promise.all([
        run(['status', '--format', 'json', '--type', 'backend', '--type', 'gateway']),
        run(['status', '--json', '--owner', 'team-a']),
      ])
      expect(JSON.parse(byType.stdout).entities.map((e: {id: string}) => e.id)).toEqual(['db', 'gw'])
      expect(JSON.parse(byOwner.stdout).entities.map((e: {id: string}) => e.id)).toEqual(['web'])
    })

    it('prints a summary line first and a row per endpoint and registry entry in text', async () => {
      const r = await run(['status', '--stale-after', '1h'])
      expect(r.code).toBe(0)
      const lines = r.stdout.split('\n')
      expect(lines[0]).toMatch(/^3 entities: 0 ok, 1 warn, 2 stale, 0 error \(uptime and latency over 24h since .*; stale after 1h\)$/)
      expect(r.stdout).toMatch(/^WARN {2}web {2}web label \(service, owner team-a\)$/m)
      // Problems first: the warning before the two stale entities, those by id.
      expect(lines.filter((l) => /^[A-Z]+ {2}/.test(l)).map((l) => l.split('  ').slice(0, 2).join(' '))).toEqual(['WARN web', 'STALE db', 'STALE gw'])
      expect(r.stdout).toMatch(/^ {2}ok +web:health +health +80\.00% up \(20\.00% warn\) of 10 +coverage 0\.69% \(gaps\) +p50 50 ms +p95 100 ms +\d+m ago +ok in 10 ms$/m)
      expect(r.stdout).toMatch(/^ {2}stale +gw:health +health +no checks in window +coverage 0\.00% \(gaps\) +never +never checked$/m)
      expect(r.stdout).toMatch(/^ {2}ok +registry:web +registry +100\.00% up of 1 +coverage 0\.06% \(gaps\) +\d+[sm] ago +parsed 3 entries$/m)
      expect(r.stdout).not.toMatch(/\u001B\[/)
    })

    it('gives p50 and p95 in the same unit, whole milliseconds, also past a second', async () => {
      // Over 3 days web:health has 10..100 ms and two of 1000 ms: p50 rank 6, p95 rank 12.
      const r = await run(['status', '--since', '3d', '--only', 'web:health', '--exact'])
      expect(r.stdout).toMatch(/ p50 60 ms +p95 1000 ms /)
    })

    it('writes Prometheus text that parses back with the same figures', async () => {
      const r = await run(['status', '--format', 'prometheus', '--stale-after', '1h', '--exact'])
      expect(r.code).toBe(0)
      const f = parseExpositionStrict(r.stdout)
      const health = {entity: 'web', endpoint: 'web:health', kind: 'health', type: 'service', owner: 'team-a'}
      expect(sampleOf(f, 'mon_endpoint_uptime_ratio', health)).toBe(0.8)
      expect(sampleOf(f, 'mon_endpoint_warn_ratio', health)).toBe(0.2)
      expect(sampleOf(f, 'mon_endpoint_latency_p50_seconds', health)).toBe(0.05)
      expect(sampleOf(f, 'mon_endpoint_latency_p95_seconds', health)).toBe(0.1)
      expect(sampleOf(f, 'mon_endpoint_last_check_timestamp_seconds', health)).toBe(Date.parse(seeded.snapshots.get('web:health')![0]!.observed_at) / 1000)
      expect(sampleOf(f, 'mon_endpoint_state', {endpoint: 'db:health', state: 'stale'})).toBe(1)
      expect(sampleOf(f, 'mon_endpoint_state', {endpoint: 'db:health', state: 'ok'})).toBe(0)
      expect(sampleOf(f, 'mon_entity_state', {entity: 'web', state: 'warn'})).toBe(1)
      expect(sampleOf(f, 'mon_registry_state', {registry: 'registry:web', state: 'ok'})).toBe(1)
      expect(sampleOf(f, 'mon_endpoint_coverage_ratio', health)).toBe(Number((10 / 1439).toPrecision(15)))
      expect(sampleOf(f, 'mon_registry_coverage_ratio', {registry: 'registry:web'})).toBe(Number((1 / 1439).toPrecision(15)))
      expect(sampleOf(f, 'mon_target_stale_after_seconds', {target: 'registry:web', kind: 'registry'})).toBe(3600)
      // The latest check's phases, in seconds; an endpoint never checked has none rather than made-up zeros.
      for (const [phase, ms] of Object.entries(phasesOf(10))) expect(sampleOf(f, 'mon_probe_phase_seconds', {...health, phase})).toBe(ms / 1000)
      expect(sampleOf(f, 'mon_probe_phase_seconds', {endpoint: 'gw:health'})).toBeUndefined()
      expect(f.get('mon_endpoint_up')!.samples.map((s) => [s.labels.endpoint, s.value])).toEqual([
        ['web:api', 1],
        ['web:health', 1],
        ['db:health', 0],
        ['gw:health', 0],
      ])
    })

    it('fails with one line and exit 1 on bad input', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['status', '--only', 'nope'], /^Error: --only: no active entity, endpoint or registry entry with id "nope"\n$/],
        [['status', '--only', 'web:helth'], /^Error: --only: no active entity, endpoint or registry entry with id "web:helth"; did you mean "web:health"\?\n$/],
        [['report', '--out', 'status.html', '--only', 'web:api,gww'], /^Error: --only: no active entity, endpoint or registry entry with id "gww"; did you mean "gw"\?\n$/],
        [['history', 'web:health', '--payload', '--limit', '5000'], /^Error: --payload shows at most 1000 snapshots at a time: lower --limit \(it is 5000\)/],
        [['report', '--out', '/nonexistent-dir/status.html'], /^Error: cannot write \/nonexistent-dir\/status.html: directory \/nonexistent-dir does not exist\n$/],
      ]
      const results = await Promise.all(cases.map(([args]) => run([...args])))
      for (const [i, [args, message]] of cases.entries()) {
        const r = results[i]!
        expect(r.code, args.join(' ')).toBe(1)
        expect(r.stdout).toBe('')
        expect(r.stderr).toMatch(message)
        expect(r.stderr).not.toMatch(/\n\s+at /)
      }
    })
  })

  describe('mon history', () => {
    it('lists an endpoint\'s snapshots newest first within --since (7d by default)', async () => {
      const r = await run(['history', 'web:health', '--json'])
      expect(r.code).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out.id).toBe('web:health')
      // 10 in the last day, plus 30 h and 2 d ago; the one of 40 d ago is outside 7d.
      expect(out.snapshots.map((s: {id: string}) => s.id)).toEqual(seeded.snapshots.get('web:health')!.slice(0, 12).map((s) => s.id))
      expect(Object.keys(out.snapshots[0]).sort()).toEqual(['detail', 'endpoint_id', 'entity_id', 'id', 'latency_ms', 'maintenance', 'observed_at', 'phases_ms', 'registry_id', 'status'])
      expect(out.snapshots[0]).toMatchObject({entity_id: 'web', endpoint_id: 'web:health', registry_id: null, status: 'ok', detail: 'ok in 10 ms', latency_ms: 10, phases_ms: phasesOf(10), maintenance: null})
    })

    it('honours --limit and --since', async () => {
      const [limited, recent] = await Promise.all([
        run(['history', 'web:health', '--json', '--limit', '3']),
        run(['history', 'web:health', '--json', '--since', '1h']),
      ])
      expect(JSON.parse(limited.stdout).snapshots.map((s: {id: string}) => s.id)).toEqual(
        seeded.snapshots.get('web:health')!.slice(0, 3).map((s) => s.id),
      )
      expect(JSON.parse(recent.stdout).snapshots).toHaveLength(6)
    })

    it('takes an entity (all its endpoints and registry entries) or a retired entity', async () => {
      const [webRun, oldRun] = await Promise.all([run(['history', 'web', '--json', '--since', '1d', '--limit', '100']), run(['history', 'old', '--json'])])
      const web = JSON.parse(webRun.stdout)
      expect(web.snapshots).toHaveLength(10 + 4 + 1)
      const times = web.snapshots.map((s: {observed_at: string}) => s.observed_at)
      expect(times).toEqual([...times].sort().reverse())
      expect(web.snapshots[0]).toMatchObject({registry_id: 'registry:web', endpoint_id: null, latency_ms: null})
      const old = JSON.parse(oldRun.stdout)
      expect(old.snapshots.map((s: {endpoint_id: string}) => s.endpoint_id)).toEqual(['old:health', 'old:health'])
    })

    it('prints a table in text', async () => {
      const r = await run(['history', 'web:api'])
      expect(r.code).toBe(0)
      const lines = r.stdout.trimEnd().split('\n')
      expect(lines[0]).toMatch(/^web:api: 4 snapshots since \S+, newest first$/)
      expect(lines[1]).toMatch(/^OBSERVED_AT +STATUS +LATENCY +CHECKED +DETAIL$/)
      expect(lines[2]).toMatch(/^\S+Z +warn +30 ms +web:api +slow: 30 ms$/)
      expect(lines[5]).toMatch(/^\S+Z +error +– +web:api +timeout after 2000 ms$/)
    })

    it('writes every latency in one unit, whole milliseconds, also past a second', async () => {
      const r = await run(['history', 'web:health', '--limit', '12'])
      const latencies = r.stdout.trimEnd().split('\n').slice(2).map((line) => line.split(/ {2,}/)[2])
      expect(latencies).toEqual([...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 1000, 1000].map((ms) => `${ms} ms`))
    })

    it('rejects an unknown ID and a bad --since with exit 1', async () => {
      const [r, j] = await Promise.all([run(['history', 'nope']), run(['history', 'nope', '--json'])])
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^Error: no entity, endpoint or registry entry with id "nope" in /)
      expect(j.code).toBe(1)
      expect(JSON.parse(j.stdout).error.message).toMatch(/no entity, endpoint or registry entry/)
    })
  })

  describe('mon prune', () => {
    it('counts with --dry-run, deletes only older snapshots, and never an entity, endpoint or registry row', async () => {
      const total = await count(fresh.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots')
      const inventory = async () =>
        withDriver(fresh.db, async (d) => ({
          entities: await d.all('SELECT * FROM entities ORDER BY id'),
          endpoints: await d.all('SELECT * FROM endpoints ORDER BY id'),
          registry: await d.all('SELECT * FROM registry_index ORDER BY id'),
        }))
      const before = await inventory()
      const keep = await withDriver(fresh.db, (d) =>
        d.all<{id: string}>('SELECT id FROM snapshots WHERE observed_at >= ? ORDER BY id', [new Date(Date.now() - 25 * HOUR + 60_000).toISOString()]),
      )

      // Older than 25 h: web:health at 30 h, 2 d and 40 d, and old:health at 3 d.
      const dry = await run(['prune', '--older-than', '25h', '--dry-run', '--json'])
      expect(dry.code).toBe(0)
      expect(JSON.parse(dry.stdout)).toMatchObject({deleted: 4, dry_run: true})
      expect(await count(fresh.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots')).toBe(total)

      const real = await run(['prune', '--older-than', '25h', '--json', '--batch-size', '3'])
      expect(real.code).toBe(0)
      expect(JSON.parse(real.stdout)).toMatchObject({deleted: 4, dry_run: false})
      expect(await count(fresh.db, 'SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots')).toBe(total - 4)
      const left = await withDriver(fresh.db, (d) => d.all<{id: string}>('SELECT id FROM snapshots ORDER BY id'))
      expect(left).toEqual(keep)
      expect(await inventory()).toEqual(before)

      const again = await run(['prune', '--older-than', '25h'])
      expect(again.code).toBe(0)
      expect(again.stdout).toMatch(/^Deleted 0 snapshots observed before \S+\.\n$/)
    })
  })
})

describe('usage errors, found before any database is opened', () => {
  it('exit 1 with one line naming the flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['status', '--since', 'yesterday'], /^Error: --since: "yesterday" is not a duration/],
      [['status', '--format', 'yaml'], /^Error:? .*yaml/],
      [['history'], /^Error: missing argument ID for mon history/],
      [['history', 'x', '--since', '0m'], /^Error: --since: must be longer than 0/],
      [['prune'], /older-than/],
      [['prune', '--older-than', '30 days'], /^Error: --older-than: "30 days" is not a duration/],
      [['report', '--out'], /--out/],
    ]
    const results = await Promise.all(cases.map(([args]) => mon([...args, '--db', '/nonexistent-dir/monitor.db'])))
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr, args.join(' ')).toMatch(message)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  })
})

describe('on a database without the schema', () => {
  it('status, history, prune and report refuse with a clear message', async () => {
    const fresh = await freshDb('sqlite')
    try {
      await withDriver(fresh.db, async () => {}) // creates the empty file
      const commands = [['status'], ['history', 'x'], ['prune', '--older-than', '1d'], ['report', '--out', '/dev/null']]
      const results = await Promise.all(commands.map((args) => mon([...args, '--db', fresh.db])))
      for (const [i, r] of results.entries()) {
        expect(r.code, commands[i]![0]).toBe(1)
        expect(r.stderr).toMatch(/has no mon schema yet: run mon db migrate/)
      }
      const missing = await mon(['status', '--db', `${fresh.db}.missing`])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/^Error: no SQLite database at /)
    } finally {
      await fresh.cleanup()
    }
  })
})
