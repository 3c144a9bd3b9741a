import {copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import type {Driver, Engine} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {type SeedEntity, seed, snapshots} from '../check/seed.js'
import {type CliResult, mon, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {holdWriteLock} from '../support/lock.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'
import {RELAXED} from '../check/hostile.js'
import {expectRollupsOfRaw, withDriver} from './rollup-history.js'

let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})


/** n endpoints that answer 200 at once, and one that answers 503 (so the worst status is error). */
function inventory(n: number, extra: SeedEntity['endpoints'] = []): SeedEntity[] {
  const ok = Array.from({length: n}, (_, i) => ({id: `svc:${i}`, kind: 'api' as const, url: `${server.http}/ok?i=${i}`, check: RELAXED}))
  return [{id: 'svc', endpoints: [...ok, {id: 'svc:down', kind: 'api', url: `${server.http}/status/503`, check: RELAXED}, ...extra]}]
}

/**
 * Blocks every insert into snapshots until released: SQLite's write lock, or
 * on PostgreSQL a table lock that conflicts with INSERT (mon check takes no
 * advisory lock).
 */
async function holdSnapshotWrites(engine: Engine, driver: Driver): Promise<{release: () => Promise<void>}> {
  if (engine === 'sqlite') return holdWriteLock(driver)
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let locked!: () => void
  const inside = new Promise<void>((resolve) => (locked = resolve))
  const holding = driver.transaction(async () => {
    await driver.exec('LOCK TABLE snapshots IN EXCLUSIVE MODE')
    locked()
    await held
  })
  await inside
  return {
    release: async () => {
      release()
      await holding
    },
  }
}

/** --lock-timeout of the runs whose results must all go to the spool: any wait past it does, so a short one. */
const SPOOL_LOCK_TIMEOUT = '200ms'

function spoolFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

describe.each(ENGINES)('%s: the spool keeps what the database would not take', (engine) => {
  const fresh = useMigratedDb(engine)
  let work: string
  let cleanupWork: () => void
  /** The default spool: beside a SQLite file, ./.mon-spool (in the run's directory) for PostgreSQL. */
  let spool: string

  beforeEach(() => {
    ;({dir: work, cleanup: cleanupWork} = tempDir('mon-spool-'))
    spool = engine === 'sqlite' ? `${fresh().db}.spool` : path.join(work, '.mon-spool')
  })
  afterEach(() => cleanupWork())

  const check = (args: string[]): Promise<CliResult> => mon(['check', '--db', fresh().db, ...args], {cwd: work})

  /** A run whose inserts all wait past --lock-timeout (a short one: the wait is all it would add): every result goes to the spool. */
  async function spooledRun(n: number, extra: SeedEntity['endpoints'] = []): Promise<CliResult> {
    await seed(fresh().db, inventory(n, extra))
    const holder = await openDriver(fresh().db)
    try {
      const lock = await holdSnapshotWrites(engine, holder)
      try {
        return await check(['--lock-timeout', SPOOL_LOCK_TIMEOUT, '--json'])
      } finally {
        await lock.release()
      }
    } finally {
      await holder.close()
    }
  }

  it('a lock held past --lock-timeout: all 300 results go to one spool file, the exit code is still the worst status, and the next run records them first', async () => {
    const first = await spooledRun(299)
    expect(first.code).toBe(2)
    const results = JSON.parse(first.stdout).results as Array<{snapshot_id: string}>
    expect(results).toHaveLength(300)
    expect(first.stderr).toMatch(new RegExp(`^could not record 300 results in .*: timed out after ${SPOOL_LOCK_TIMEOUT} waiting for (the write lock|a lock) on .*\n`))
    const files = spoolFiles(spool)
    expect(files).toHaveLength(1)
    expect(first.stderr).toContain(`kept 300 results in ${path.join(spool, files[0]!)}: the next mon check records them first\n`)
    expect(await snapshots(fresh().db)).toHaveLength(0)

    // --only picks one check; the spool is recorded whatever the selection.
    const second = await check(['--only', 'svc:0', '--json'])
    expect(second.code).toBe(0)
    expect(second.stderr).toBe(`spool: recorded 300 snapshots from 1 earlier run kept in ${spool}\n`)
    expect(spoolFiles(spool)).toEqual([])
    const ids = (await snapshots(fresh().db)).map((s) => s.id)
    expect(ids).toHaveLength(301)
    expect(ids).toEqual(expect.arrayContaining(results.map((r) => r.snapshot_id)))
  }, 120_000)

  it('a lock held longer than the old fixed 5 s but within the default --lock-timeout (30s): the run waits and records everything', async () => {
    await seed(fresh().db, inventory(3))
    const holder = await openDriver(fresh().db)
    try {
      const lock = await holdSnapshotWrites(engine, holder)
      const released = new Promise<void>((resolve) => setTimeout(() => void lock.release().then(resolve), 6000))
      const result = await check([])
      await released
      expect(result.code).toBe(2)
      expect(result.stderr).toBe('')
      expect(await snapshots(fresh().db)).toHaveLength(4)
      expect(spoolFiles(spool)).toEqual([])
    } finally {
      await holder.close()
    }
  }, 60_000)

  it('replaying the same file twice (a crash between insert and delete) adds nothing twice', async () => {
    expect((await spooledRun(4)).code).toBe(2)
    const [file] = spoolFiles(spool)
    const copy = path.join(work, 'copy.jsonl')
    copyFileSync(path.join(spool, file!), copy)
    expect((await check(['--only', 'svc:0'])).stderr).toMatch(/^spool: recorded 5 snapshots from 1 earlier run/)
    copyFileSync(copy, path.join(spool, file!))
    const again = await check(['--only', 'svc:0'])
    expect(again.stderr).toBe(`spool: recorded 0 snapshots from 1 earlier run kept in ${spool}\n`)
    expect(spoolFiles(spool)).toEqual([])
    expect(await snapshots(fresh().db)).toHaveLength(5 + 2)
    // The rollups count each snapshot once too.
    await withDriver(fresh().db, expectRollupsOfRaw)
  }, 60_000)

  it('a spooled snapshot of an endpoint deleted since is left out, one of a retired one is kept, and the replay does not fail', async () => {
    const extra = [
      {id: 'svc:gone', kind: 'api' as const, url: `${server.http}/ok?gone`, check: RELAXED},
      {id: 'svc:old', kind: 'api' as const, url: `${server.http}/ok?old`, check: RELAXED},
    ]
    expect((await spooledRun(2, extra)).code).toBe(2)
    const driver = await openDriver(fresh().db)
    try {
      await driver.run("DELETE FROM endpoints WHERE id = 'svc:gone'")
      await driver.run("UPDATE endpoints SET retired_at = '2026-11-30T00:00:00.000Z' WHERE id = 'svc:old'")
    } finally {
      await driver.close()
    }
    const next = await check(['--only', 'svc:0'])
    expect(next.code).toBe(0)
    expect(next.stderr).toBe(`spool: recorded 4 snapshots from 1 earlier run kept in ${spool}; left out 1 whose entity, endpoint or registry entry no longer exists\n`)
    expect(spoolFiles(spool)).toEqual([])
    const rows = await snapshots(fresh().db)
    expect(rows.map((r) => r.endpoint_id)).toContain('svc:old')
    expect(rows.map((r) => r.endpoint_id)).not.toContain('svc:gone')
  }, 60_000)

  it('a corrupt, a cut-short and a foreign spool file are each named in one line and left in place; the run goes on', async () => {
    // Our own file first: a run that could not record its 2 results.
    expect((await spooledRun(1)).code).toBe(2)
    const [ours] = spoolFiles(spool)
    const corrupt = path.join(spool, '20261130T000000000Z-aaaaaaaaaaaa.jsonl')
    writeFileSync(corrupt, 'PK\u0003\u0004 not json at all\n')
    const header = (database: string, rows: number) => `${JSON.stringify({mon_spool: 1, database, rows})}\n`
    const foreign = path.join(spool, '20261130T000000001Z-bbbbbbbbbbbb.jsonl')
    writeFileSync(foreign, header('/elsewhere/other.db', 0))
    // Our own header, but one row fewer than it says.
    const lines = readFileSync(path.join(spool, ours!), 'utf8').trimEnd().split('\n')
    const cut = path.join(spool, '20261130T000000002Z-cccccccccccc.jsonl')
    writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n`)
    const unrelated = path.join(spool, 'notes.txt')
    writeFileSync(unrelated, 'not mine')

    const result = await check(['--only', 'svc:0'])
    expect(result.code).toBe(0)
    const notes = result.stderr.split('\n').filter((l) => l !== '')
    expect(notes).toEqual([
      `spool: left ${corrupt} in place: line 1 is not JSON: not a mon spool file`,
      `spool: left ${foreign} in place: its snapshots belong to another database (/elsewhere/other.db)`,
      `spool: left ${cut} in place: holds 1 snapshots, its header says 2: cut short`,
      `spool: recorded 2 snapshots from 1 earlier run kept in ${spool}`,
    ])
    expect(spoolFiles(spool)).toEqual([path.basename(corrupt), path.basename(foreign), path.basename(cut), 'notes.txt'].sort())
    // The two results of the first run, and this run's one.
    expect(await snapshots(fresh().db)).toHaveLength(3)
  }, 60_000)
})

describe.skipIf(!ENGINES.includes('postgres'))('postgres: a connection lost mid-run', () => {
  const fresh = useMigratedDb('postgres')
  let work: string
  let cleanupWork: () => void
  beforeEach(() => {
    ;({dir: work, cleanup: cleanupWork} = tempDir('mon-spool-pg-'))
  })
  afterEach(() => cleanupWork())

  it('the results after pg_terminate_backend go to the spool, and the next run records them', async () => {
    const fast = Array.from({length: 5}, (_, i) => ({id: `svc:fast${i}`, kind: 'api' as const, url: `${server.http}/ok?i=${i}`, check: RELAXED}))
    const slow = Array.from({length: 5}, (_, i) => ({id: `svc:slow${i}`, kind: 'api' as const, url: `${server.http}/slow?ms=2500&i=${i}`, check: RELAXED}))
    await seed(fresh().db, [{id: 'svc', endpoints: [...fast, ...slow]}])
    const killer = await openDriver(fresh().db)
    try {
      const run = mon(['check', '--db', fresh().db], {cwd: work})
      // Once the fast results are committed, end mon's connection from the server side.
      for (let i = 0; i < 200 && (await killer.all<{n: number}>('SELECT count(*) AS n FROM snapshots'))[0]!.n < 5; i++) await new Promise((r) => setTimeout(r, 50))
      const others = await killer.all<{pid: number}>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
      expect(others).toHaveLength(1)
      await killer.all('SELECT pg_terminate_backend(?) AS done', [others[0]!.pid])
      const result = await run
      expect(result.code).toBe(0)
      expect(result.stderr).toMatch(/^could not record 5 results in postgres:\/\/.*: lost the connection to PostgreSQL database .*\nkept 5 results in .*\.mon-spool\/.*\.jsonl: the next mon check records them first\n$/)
      expect(await snapshots(fresh().db)).toHaveLength(5)

      const next = await mon(['check', '--db', fresh().db, '--only', 'svc:fast0'], {cwd: work})
      expect(next.code).toBe(0)
      expect(next.stderr).toBe(`spool: recorded 5 snapshots from 1 earlier run kept in ${path.join(work, '.mon-spool')}\n`)
      expect(readdirSync(path.join(work, '.mon-spool'))).toEqual([])
      expect(await snapshots(fresh().db)).toHaveLength(11)
    } finally {
      await killer.close()
    }
  }, 60_000)
})

describe('sqlite: results that can be neither recorded nor kept', () => {
  const fresh = useMigratedDb('sqlite')

  it('exit 3, with one line naming both causes', async () => {
    await seed(fresh().db, inventory(2))
    const {dir, cleanup} = tempDir('mon-spool-bad-')
    try {
      const notADir = path.join(dir, 'file')
      writeFileSync(notADir, '')
      const holder = await openDriver(fresh().db)
      try {
        const lock = await holdWriteLock(holder)
        try {
          const result = await mon(['check', '--db', fresh().db, '--lock-timeout', '0s', '--spool', notADir], {cwd: dir})
          expect(result.code).toBe(3)
          const lines = result.stderr.split('\n')
          expect(lines[0]).toMatch(/^spool: cannot read .*file: ENOTDIR/)
          expect(lines.slice(1).join('\n')).toMatch(/^Error: could not record 3 results in .*: timed out after 0ms waiting for the write lock on .*; nor keep them in .*file: EEXIST.*\n$/)
        } finally {
          await lock.release()
        }
      } finally {
        await holder.close()
      }
    } finally {
      cleanup()
    }
  }, 60_000)
})
