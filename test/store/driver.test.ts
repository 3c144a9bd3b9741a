import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {MonError} from '../../src/errors.js'
import type {Driver} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {ENGINES, type FreshDb} from '../support/engines.js'
import {holdWriteLock} from '../support/lock.js'
import {useMigratedDbs} from '../support/migrated-db.js'

describe.each(ENGINES)('driver on %s', (engine) => {
  let fresh: FreshDb
  let driver: Driver

  const migrated = useMigratedDbs()

  beforeEach(async () => {
    fresh = await migrated(engine)
    driver = await openDriver(fresh.db)
  })

  afterEach(async () => {
    await driver.close()
    await fresh.cleanup()
  })

  it('binds and returns strings, numbers and nulls the same way on both engines', async () => {
    await driver.run('INSERT INTO entities (id, type, label, owner, docs_ref, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      'e:1',
      'service',
      "it's ? ünïcode",
      'ops',
      null,
      '',
      '2026-11-26T10:41:02.220Z',
    ])
    await driver.run('INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, ?, ?, ?)', ['e:1:health', 'e:1', 'health', 'http://127.0.0.1/h'])
    await driver.run(
      'INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['s1', 'e:1', 'e:1:health', 'ok', '200 OK in 12 ms', 12.5, '2026-11-26T10:41:02.220Z'],
    )
    await driver.run(
      'INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['s2', 'e:1', null, 'error', null, 3, '2026-11-26T10:41:03.000Z'],
    )
    await driver.run(
      'INSERT INTO apply_runs (id, applied_at, config_sha256, git_commit, actor, created, updated, retired, revived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['r1', '2026-11-26T10:41:02.220Z', 'abc', null, 'ci', 3, 0, 1, 0],
    )
    // A number bound into a TEXT column is stored as its plain spelling on both engines.
    await driver.run('UPDATE entities SET notes = ? WHERE id = ?', [42, 'e:1'])

    expect(await driver.all('SELECT e.id, label, docs_ref, notes, created_at, method FROM entities e JOIN endpoints p ON p.entity_id = e.id')).toEqual([
      {id: 'e:1', label: "it's ? ünïcode", docs_ref: null, notes: '42', created_at: '2026-11-26T10:41:02.220Z', method: 'GET'},
    ])
    // NULLIF: SQLite's clustered snapshots (migration 0013) keep no endpoint as '' in their key.
    expect(await driver.all("SELECT id, NULLIF(endpoint_id, '') AS endpoint_id, detail, latency_ms FROM snapshots ORDER BY id")).toEqual([
      {id: 's1', endpoint_id: 'e:1:health', detail: '200 OK in 12 ms', latency_ms: 12.5},
      {id: 's2', endpoint_id: null, detail: null, latency_ms: 3},
    ])
    expect(await driver.all('SELECT created, updated, retired, git_commit FROM apply_runs')).toEqual([
      {created: 3, updated: 0, retired: 1, git_commit: null},
    ])
    // Aggregates come back as JS numbers, not strings.
    expect(
      await driver.all('SELECT CAST(count(*) AS INTEGER) AS n, sum(latency_ms) AS total, max(latency_ms) AS top, sum(created) AS created FROM snapshots, apply_runs'),
    ).toEqual([{n: 2, total: 15.5, top: 12.5, created: 6}])
  })

  it('keeps ? inside a string literal and binds the real placeholders', async () => {
    await driver.run("INSERT INTO entities (id, type, label, owner) VALUES (?, 'tool', 'why?', ?)", ['q', 'o?'])
    expect(await driver.all("SELECT id, owner FROM entities WHERE label = 'why?' AND owner = ?", ['o?'])).toEqual([{id: 'q', owner: 'o?'}])
  })

  it('run() returns the number of rows changed', async () => {
    for (const id of ['a', 'b', 'c']) await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', [id, 'tool', id, 'x'])
    expect(await driver.run('UPDATE entities SET owner = ? WHERE id <> ?', ['y', 'a'])).toBe(2)
    expect(await driver.run('DELETE FROM entities WHERE id = ?', ['zzz'])).toBe(0)
  })

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await driver.transaction(() => driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['kept', 'tool', 'k', 'x']))
    await expect(
      driver.transaction(async () => {
        await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['gone', 'tool', 'g', 'x'])
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await driver.all('SELECT id FROM entities ORDER BY id')).toEqual([{id: 'kept'}])
  })

  it('refuses a nested transaction', async () => {
    await expect(driver.transaction(() => driver.transaction(async () => 1))).rejects.toThrow(/not reentrant/)
  })

  it('enforces foreign keys', async () => {
    await expect(
      driver.run('INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, ?, ?, ?)', ['x', 'no-such-entity', 'api', 'http://127.0.0.1/']),
    ).rejects.toThrow()
  })

  it('a second locked transaction waits for the lock, then fails cleanly after its timeout', async () => {
    const other = await openDriver(fresh.db)
    try {
      const lock = await holdWriteLock(driver)
      const started = Date.now()
      const second = other.transaction(async () => 'got it', {lockTimeoutMs: 300})
      await expect(second).rejects.toBeInstanceOf(MonError)
      await expect(second).rejects.toThrow(/timed out after 300ms waiting for the (write )?lock/)
      expect(Date.now() - started).toBeGreaterThanOrEqual(250)
      await lock.release()
      // Once released, the lock can be had.
      await expect(other.transaction(async () => 'got it', {lockTimeoutMs: 1000})).resolves.toBe('got it')
    } finally {
      await other.close()
    }
  })
})
