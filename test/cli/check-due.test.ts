/**
 * `mon check --due` on both engines, with the clock fixed by MON_NOW: only
 * the targets due then are checked (also with --only and --shard), and a run
 * with nothing due exits 0 and names the next target, in each format; an
 * endpoint and a registry entry of one id are each due by their own snapshots.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {shardOf} from '../../src/check/shard.js'
import {openDriver} from '../../src/store/open.js'
import {uuidv7} from '../../src/time.js'
import {mon, tempDir} from '../support/cli.js'
import {ENGINES, type FreshDb} from '../support/engines.js'
import {useMigratedDb, useMigratedDbs} from '../support/migrated-db.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'

let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})

const NOW = '2026-12-01T12:00:00.000Z'
const ago = (seconds: number) => new Date(Date.parse(NOW) - seconds * 1000).toISOString()

const config = (http: string) => `version: 1
defaults:
  check:
    interval: 30s
entities:
  - id: web
    type: service
    label: Web
    owner: web-team
    endpoints:
      - kind: api
        url: ${http}/ok
      - kind: health
        url: ${http}/ok
        check:
          interval: 5m
    registry:
      - path: ./registry.json
        authority: web-team
        interval: 1h
  - id: db
    type: backend
    label: DB
    owner: db-team
    endpoints:
      - id: db:a
        kind: api
        url: ${http}/ok
      - id: db:b
        kind: api
        url: ${http}/ok
      - id: db:c
        kind: api
        url: ${http}/ok
`

interface Run {
  code: number | null
  stderr: string
  json: {results: Array<{endpoint_id: string | null; registry_id: string | null}>; summary: Record<string, number>; next_due?: {id: string; in_seconds: number} | null}
}

describe.each(ENGINES)('mon check --due on %s', (engine) => {
  const migrated = useMigratedDbs()
  let fresh: FreshDb
  let dir: {dir: string; cleanup: () => void}
  let file: string
  beforeEach(async () => {
    fresh = await migrated(engine)
    dir = tempDir('mon-due-')
    file = path.join(dir.dir, 'monitors.yaml')
    writeFileSync(file, config(server.http))
    writeFileSync(path.join(dir.dir, 'registry.json'), '{"models": []}')
    expect((await mon(['apply', '-c', file, '--db', fresh.db], {env: {MON_NOW: ago(3600)}})).code).toBe(0)
  })
  afterEach(async () => {
    await fresh.cleanup()
    dir.cleanup()
  })

  /** One snapshot per target, each observed `seconds` before NOW. */
  async function observed(ages: Record<string, number>): Promise<void> {
    const driver = await openDriver(fresh.db)
    try {
      for (const [id, seconds] of Object.entries(ages)) {
        const registry = id.startsWith('registry:')
        const entity = id.split(':')[registry ? 1 : 0]!
        await driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          uuidv7(),
          entity,
          registry ? null : id,
          registry ? id : null,
          'ok',
          'seeded',
          ago(seconds),
        ])
      }
    } finally {
      await driver.close()
    }
  }

  const due = async (...args: string[]): Promise<Run> => {
    const r = await mon(['check', '-c', file, '--db', fresh.db, '--due', '--json', ...args], {env: {MON_NOW: NOW}})
    return {code: r.code, stderr: r.stderr, json: JSON.parse(r.stdout)}
  }
  const checked = (run: Run) => run.json.results.map((r) => String(r.endpoint_id ?? r.registry_id)).sort()

  it('checks the never-checked and those at least their interval less the grace old, and names the next of the others', async () => {
    // 30s (grace 3 s): due from 27 s old. 5m: from 4m30s. 1h: from 59m30s.
    await observed({'web:api': 27, 'web:health': 200, 'registry:web': 3000, 'db:a': 26, 'db:b': 40})
    const run = await due()
    expect(run.code).toBe(0)
    expect(checked(run)).toEqual(['db:b', 'db:c', 'web:api'])
    expect(run.json.summary).toEqual({ok: 3, warn: 0, error: 0})
    expect(run.json.next_due).toEqual({id: 'db:a', in_seconds: 1})
    // Plain check still checks everything selected.
    const all = await mon(['check', '-c', file, '--db', fresh.db, '--json'], {env: {MON_NOW: NOW}})
    expect(JSON.parse(all.stdout).results).toHaveLength(6)
    expect(JSON.parse(all.stdout)).not.toHaveProperty('next_due')
  })

  it('with nothing due exits 0, says which target is next and when, in every format', async () => {
    await observed({'web:api': 5, 'web:health': 200, 'registry:web': 3000, 'db:a': 20, 'db:b': 10, 'db:c': 1})
    const run = await due()
    expect(run.code).toBe(0)
    expect(run.json).toEqual({results: [], summary: {ok: 0, warn: 0, error: 0}, next_due: {id: 'db:a', in_seconds: 7}})
    expect(run.stderr).toBe('nothing due (next: db:a in 7 s)\n')

    const text = await mon(['check', '-c', file, '--db', fresh.db, '--due'], {env: {MON_NOW: NOW}})
    expect(text.code).toBe(0)
    expect(text.stderr).toBe('nothing due (next: db:a in 7 s)\n')
    expect(text.stdout).toMatch(/^Checked 0: 0 ok, 0 warn, 0 error in [\d.]+ s\.\n$/)

    const nagios = await mon(['check', '-c', file, '--db', fresh.db, '--due', '--format', 'nagios'], {env: {MON_NOW: NOW}})
    expect(nagios.code).toBe(0)
    expect(nagios.stdout).toMatch(/^MON OK - nothing due \(next: db:a in 7 s\) \| ok=0;;;0 /)
  })

  it('narrows with --only and --owner before it looks at what is due', async () => {
    await observed({'web:api': 5, 'web:health': 200, 'db:a': 100})
    const only = await due('--only', 'web')
    expect(checked(only)).toEqual(['registry:web'])
    expect(only.json.next_due).toEqual({id: 'web:api', in_seconds: 22})
    const owner = await due('--owner', 'db-team')
    expect(checked(owner)).toEqual(['db:a', 'db:b', 'db:c'])
    expect(owner.json.next_due).toBeNull()
  })

  it('splits what is due between shards: together they check each due target once', async () => {
    await observed({'web:api': 5, 'db:a': 1})
    const expectedDue = ['db:b', 'db:c', 'registry:web', 'web:health']
    const seen: string[] = []
    for (const k of [1, 2, 3]) {
      const run = await due('--shard', `${k}/3`)
      expect(run.code).toBeLessThan(2) // the registry entry may warn
      expect(checked(run)).toEqual(expectedDue.filter((id) => shardOf(id, 3) === k))
      seen.push(...checked(run))
    }
    expect(seen.sort()).toEqual(expectedDue)
  })
})

const sharedIdConfig = (http: string) => `version: 1
entities:
  - id: registry
    type: service
    label: Registry service
    owner: ov
    endpoints:
      - kind: models
        url: ${http}/ok
  - id: models
    type: registry
    label: Models
    owner: ov
    registry:
      - path: ./registry.json
        authority: ov
`

/** Ids are unique per table only: endpoint `registry:models` of entity `registry`, and the derived `registry:<entity>` of entity `models`. */
describe.each(ENGINES)('mon check --due with an endpoint and a registry entry of one id on %s', (engine) => {
  const fresh = useMigratedDb(engine)

  /** Applies the file and seeds one snapshot of the endpoint `registry:models`, 5 s before NOW; the registry entry has none. */
  async function appliedWithEndpointSeen(dir: string): Promise<{file: string; db: string}> {
    const file = path.join(dir, 'monitors.yaml')
    writeFileSync(file, sharedIdConfig(server.http))
    writeFileSync(path.join(dir, 'registry.json'), '{"models": []}')
    const db = fresh().db
    expect((await mon(['apply', '-c', file, '--db', db], {env: {MON_NOW: '2026-12-01T11:00:00.000Z'}})).code).toBe(0)
    const driver = await openDriver(db)
    try {
      await driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        uuidv7(),
        'registry',
        'registry:models',
        null,
        'ok',
        'seeded',
        new Date(Date.parse(NOW) - 5000).toISOString(),
      ])
    } finally {
      await driver.close()
    }
    return {file, db}
  }

  it('checks the never-checked registry entry though the endpoint of its id was checked 5 s ago', async () => {
    const {dir, cleanup} = tempDir('mon-due-ids-')
    try {
      const {file, db} = await appliedWithEndpointSeen(dir)
      const r = await mon(['check', '-c', file, '--db', db, '--due', '--json'], {env: {MON_NOW: NOW}})
      const results = JSON.parse(r.stdout).results as Array<{endpoint_id: string | null; registry_id: string | null}>
      expect(results.map((x) => [x.endpoint_id, x.registry_id]), r.stderr).toEqual([[null, 'registry:models']])
    } finally {
      cleanup()
    }
  })

  // Review finding: status kept the latest observations in one map by id, so the registry entry showed its
  // namesake endpoint's snapshot and was not stale. readLatest is now per table (LatestReads), as WindowReads.
  it('status shows the never-checked registry entry as stale, not with the endpoint of its id\'s snapshot', async () => {
    const {dir, cleanup} = tempDir('mon-status-ids-')
    try {
      const {db} = await appliedWithEndpointSeen(dir)
      const out = JSON.parse((await mon(['status', '--json', '--db', db], {env: {MON_NOW: NOW}})).stdout)
      const models = out.entities.find((e: {id: string}) => e.id === 'models')
      expect(models.registry[0]).toMatchObject({id: 'registry:models', status: 'stale', observed_at: null})
    } finally {
      cleanup()
    }
  })
})
