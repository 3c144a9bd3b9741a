import net from 'node:net'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import type {Driver} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {type CliResult, mon} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {holdWriteLock} from '../support/lock.js'

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^Error: [^\n]+\n$/)
  expect(result.stderr).toMatch(pattern)
}

/** The URL with these query parameters added. */
function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url)
  for (const [key, value] of Object.entries(params)) u.searchParams.set(key, value)
  return u.toString()
}

describe('a PostgreSQL server that accepts and never answers', () => {
  let server: net.Server
  let port: number
  const sockets = new Set<net.Socket>()

  beforeEach(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
  })

  afterEach(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('costs connect_timeout, then one line naming the server', async () => {
    const result = await mon(['status', '--db', `postgres://mon:pw@127.0.0.1:${port}/inventory?connect_timeout=1`], {timeoutMs: 20_000})
    expectOneLineError(result, new RegExp(`cannot connect to PostgreSQL database postgres://mon:\\*\\*\\*@127\\.0\\.0\\.1:${port}/inventory\\?connect_timeout=1: no answer within 1s \\(connect_timeout\\)`))
  })
})

describe.skipIf(!ENGINES.includes('postgres'))('PostgreSQL timeouts', () => {
  const db = useFreshDb('postgres')

  async function migrated(): Promise<void> {
    const driver = await openDriver(db().db)
    try {
      await migrate(driver)
    } finally {
      await driver.close()
    }
  }

  it('every session has a statement and an idle-in-transaction timeout', async () => {
    const driver = await openDriver(db().db)
    try {
      expect(await driver.all('SHOW statement_timeout')).toEqual([{statement_timeout: '30s'}])
      expect(await driver.all('SHOW idle_in_transaction_session_timeout')).toEqual([{idle_in_transaction_session_timeout: '1min'}])
    } finally {
      await driver.close()
    }
  })

  it('a statement stuck behind a lock is canceled at statement_timeout, with one line', async () => {
    await migrated()
    const holder = await openDriver(db().db)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let locked!: () => void
    const inside = new Promise<void>((resolve) => (locked = resolve))
    const holding = holder.transaction(async () => {
      await holder.exec('LOCK TABLE entities IN ACCESS EXCLUSIVE MODE')
      locked()
      await held
    })
    try {
      await inside
      const result = await mon(['status', '--db', withParams(db().db, {statement_timeout: '1000'})], {timeoutMs: 20_000})
      expectOneLineError(result, /PostgreSQL database postgres:\/\/.* canceled a statement that ran longer than 1s \(statement_timeout\)/)
    } finally {
      release()
      await holding
      await holder.close()
    }
  })

  // On a fresh database, so that migrate has work to do and takes the lock.
  it('a wait for the apply lock follows --lock-timeout, not a shorter statement_timeout', async () => {
    const holder = await openDriver(db().db)
    try {
      const lock = await holdWriteLock(holder)
      try {
        const result = await mon(['db', 'migrate', '--db', withParams(db().db, {statement_timeout: '300'}), '--lock-timeout', '2s'], {timeoutMs: 20_000})
        expectOneLineError(result, /timed out after 2s waiting for the lock on .*: another mon apply or migration is running/)
      } finally {
        await lock.release()
      }
    } finally {
      await holder.close()
    }
  })

  it('a frozen backend (SIGSTOP) costs the read timeout, then the connection is given up, never a hang', async () => {
    await migrated()
    const driver: Driver = await openDriver(withParams(db().db, {query_timeout: '1500'}))
    const pid = (await driver.all<{pid: number}>('SELECT pg_backend_pid() AS pid'))[0]!.pid
    process.kill(pid, 'SIGSTOP')
    try {
      await expect(driver.all('SELECT count(*) AS n FROM entities')).rejects.toThrow(
        /^lost the connection to PostgreSQL database postgres:\/\/.*: no answer within 1500ms \(is the server frozen or the network down\?\)$/,
      )
      // Nothing more is sent over it: the next statement fails at once instead of queueing behind the frozen one.
      await expect(driver.all('SELECT 1 AS one')).rejects.toThrow(/lost the connection to PostgreSQL database/)
      await driver.close()
    } finally {
      process.kill(pid, 'SIGCONT')
    }
  }, 30_000)
})
