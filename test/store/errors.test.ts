import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {migrate, migrationFiles} from '../../src/store/migrator.js'
import {describeDb, openDriver} from '../../src/store/open.js'
import {maskUrl} from '../../src/store/postgres.js'
import {type CliResult, mon, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, useFreshDb} from '../support/engines.js'
import {holdWriteLock} from '../support/lock.js'
import {freePort} from '../support/postgres-cluster.js'

/** One clear line on stderr, exit 1, no stack trace. */
function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^Error: [^\n]+\n$/)
  expect(result.stderr).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

describe('SQLite file errors', () => {
  let dir: string
  let cleanup: () => void

  beforeEach(() => {
    ;({dir, cleanup} = tempDir('mon-db-err-'))
  })

  afterEach(() => cleanup())

  it('a file that is not SQLite', async () => {
    const file = path.join(dir, 'notes.txt')
    writeFileSync(file, 'these are not the tables you are looking for\n'.repeat(100))
    expectOneLineError(await mon(['db', 'migrate', '--db', file]), /^Error: .*notes\.txt is not a SQLite database\n$/)
    expectOneLineError(await mon(['db', 'status', '--db', `sqlite:${file}`]), /notes\.txt is not a SQLite database/)
  })

  it('a directory', async () => {
    expectOneLineError(await mon(['db', 'migrate', '--db', dir]), /is a directory, not a SQLite database file/)
  })

  it('a file in a directory that does not exist', async () => {
    const file = path.join(dir, 'missing', 'monitor.db')
    expectOneLineError(await mon(['db', 'migrate', '--db', file]), /cannot create SQLite database .*: directory .*missing does not exist/)
  })

  it('db status and db rollback do not create a missing database', async () => {
    const file = path.join(dir, 'monitor.db')
    expectOneLineError(await mon(['db', 'status', '--db', file]), /no SQLite database at .*monitor\.db \(mon db migrate or mon apply creates it\)/)
    expectOneLineError(await mon(['db', 'rollback', '--db', file]), /no SQLite database at/)
    expect(existsSync(file)).toBe(false)
  })

  it('commands that open without creating never write the file: a non-mon SQLite file and a zero-byte file stay byte for byte', async () => {
    const other = path.join(dir, 'other.db')
    const {default: Database} = await import('better-sqlite3')
    const raw = new Database(other)
    raw.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (\'keep me\')')
    raw.close()
    const empty = path.join(dir, 'empty.db')
    writeFileSync(empty, '')
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
    const before = {other: sha(other), empty: sha(empty)}
    const out = path.join(dir, 'status.html')
    for (const file of [other, empty]) {
      for (const args of [['status'], ['export'], ['history', 'x'], ['prune', '--older-than', '1d'], ['report', '--out', out]]) {
        expectOneLineError(await mon([...args, '--db', file]), /has no mon schema yet: run mon db migrate/)
      }
      expect((await mon(['db', 'status', '--db', file])).code).toBe(0)
      expectOneLineError(await mon(['db', 'rollback', '--to', 'nosuch', '--db', file]), /unknown migration "nosuch"/)
    }
    expect({other: sha(other), empty: sha(empty)}).toEqual(before)
    expect(readdirSync(dir).sort()).toEqual(['empty.db', 'other.db'])
  }, 120_000)

  it('apply, init and db migrate switch a new file to WAL, which later readers keep', async () => {
    const file = path.join(dir, 'monitor.db')
    expect((await mon(['db', 'migrate', '--db', file])).code).toBe(0)
    expect((await mon(['status', '--db', file])).code).toBe(0)
    const {default: Database} = await import('better-sqlite3')
    const raw = new Database(file, {readonly: true})
    try {
      expect(raw.pragma('journal_mode', {simple: true})).toBe('wal')
    } finally {
      raw.close()
    }
  }, 60_000)

  it('a read-only file: reading works, a write fails with a clear error', async () => {
    const file = path.join(dir, 'monitor.db')
    const driver = await openDriver(file)
    await migrate(driver, {to: '0006'})
    await driver.close()
    chmodSync(file, 0o444)
    // root ignores permission bits: make the file immutable instead.
    const asRoot = process.getuid?.() === 0
    if (asRoot) execFileSync('chattr', ['+i', file])
    try {
      const status = await mon(['db', 'status', '--db', file, '--json'])
      expect(status.code).toBe(0)
      expect(JSON.parse(status.stdout).pending).toEqual(migrationFiles().map((m) => m.name).slice(6))
      expectOneLineError(await mon(['db', 'migrate', '--db', file]), /cannot write to SQLite database .*monitor\.db: it is read-only/)
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', file])
    }
  }, 60_000)

  it('an unsupported URL scheme, with its password masked', async () => {
    const result = await mon(['db', 'migrate', '--db', 'mysql://mon:hunter2@db.example/mon'])
    expectOneLineError(result, /unsupported database URL scheme "mysql:" in mysql:\/\/mon:\*\*\*@db\.example\/mon/)
    expect(result.stderr).not.toContain('hunter2')
  })

  it('a bad --lock-timeout is a usage error', async () => {
    expectOneLineError(await mon(['db', 'migrate', '--db', path.join(dir, 'm.db'), '--lock-timeout', 'soon']), /--lock-timeout: "soon" is not a duration/)
  })

  it('MON_DB picks the database when --db is not given', async () => {
    const file = path.join(dir, 'from-env.db')
    const result = await mon(['db', 'migrate', '--json'], {env: {MON_DB: file}, cwd: dir})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).database).toBe(file)
    expect(existsSync(file)).toBe(true)
    expect(existsSync(path.join(dir, 'monitor.db'))).toBe(false)
  })

  it('the default is ./monitor.db in the current directory', async () => {
    mkdirSync(path.join(dir, 'work'))
    const result = await mon(['db', 'migrate'], {cwd: path.join(dir, 'work')})
    expect(result.code).toBe(0)
    expect(existsSync(path.join(dir, 'work', 'monitor.db'))).toBe(true)
  })
})

describe('maskUrl', () => {
  it('masks user:password@ and a password query parameter in any case, and nothing else', () => {
    expect(maskUrl('postgres://mon:hunter2@db.example:5432/mon')).toBe('postgres://mon:***@db.example:5432/mon')
    expect(maskUrl('postgres://u@127.0.0.1:1/x?password=hunter2&sslmode=disable')).toBe('postgres://u@127.0.0.1:1/x?password=***&sslmode=disable')
    expect(maskUrl('postgres://u@h/x?sslmode=disable&PassWord=hunter2')).toBe('postgres://u@h/x?sslmode=disable&PassWord=***')
    expect(maskUrl('postgres://u:a@h/x?a=1&password=b%26c&passwordx=1')).toBe('postgres://u:***@h/x?a=1&password=***&passwordx=1')
    expect(maskUrl('postgres://u@h/x?pass%77ord=hunter2')).toBe('postgres://u@h/x?pass%77ord=***')
    expect(maskUrl('postgres://u@h:notaport/x?password=hunter2')).not.toContain('hunter2')
    expect(describeDb('postgresql://u@h/x?PASSWORD=hunter2')).toBe('postgresql://u@h/x?PASSWORD=***')
  })
})

describe('PostgreSQL connection errors', () => {
  it('a password in the query string is masked in the message', async () => {
    const port = await freePort()
    const url = `postgres://u@127.0.0.1:${port}/x?password=hunter2&sslmode=disable`
    const result = await mon(['status', '--db', url])
    expectOneLineError(result, new RegExp(`cannot connect to PostgreSQL database postgres://u@127\\.0\\.0\\.1:${port}/x\\?password=\\*\\*\\*&sslmode=disable: connection refused`))
    expect(result.stderr).not.toContain('hunter2')
  })

  it('an unreachable server is named, with the password masked, in text and in --json', async () => {
    const port = await freePort()
    const url = `postgres://mon:s3cret-pw@127.0.0.1:${port}/inventory`
    const text = await mon(['db', 'migrate', '--db', url])
    expectOneLineError(text, new RegExp(`cannot connect to PostgreSQL database postgres://mon:\\*\\*\\*@127\\.0\\.0\\.1:${port}/inventory: connection refused`))
    expect(text.stderr).not.toContain('s3cret-pw')
    const json = await mon(['db', 'status', '--json'], {env: {MON_DB: url}})
    expect(json.code).toBe(1)
    const error = JSON.parse(json.stdout).error
    expect(error.exit_code).toBe(1)
    expect(error.message).toContain(`postgres://mon:***@127.0.0.1:${port}/inventory`)
    expect(json.stdout + json.stderr).not.toContain('s3cret-pw')
  })

  it('masks the password component of the URL only, never the same letters in the server\'s words', async () => {
    const port = await freePort()
    const result = await mon(['status', '--db', `postgres://mon:e@127.0.0.1:${port}/inventory?password=n`])
    expectOneLineError(result, new RegExp(`postgres://mon:\\*\\*\\*@127\\.0\\.0\\.1:${port}/inventory\\?password=\\*\\*\\*: connection refused \\(is the server running and listening there\\?\\)`))
  })

  it.skipIf(!ENGINES.includes('postgres'))('a one-letter password does not blank that letter in the server\'s message', async () => {
    const {db, cleanup} = await freshDb('postgres')
    await cleanup()
    const url = new URL(db)
    url.password = 'x'
    const result = await mon(['db', 'status', '--db', url.toString()])
    expectOneLineError(result, /postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/mon_test_\w+: database "mon_test_\w+" does not exist\n$/)
  })

  it.skipIf(!ENGINES.includes('postgres'))('a database that does not exist on a running server', async () => {
    const {db, cleanup} = await freshDb('postgres')
    await cleanup()
    const url = new URL(db)
    url.password = 'pw-not-shown'
    const result = await mon(['db', 'status', '--db', url.toString()])
    expectOneLineError(result, /cannot connect to PostgreSQL database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/mon_test_\w+: database "mon_test_\w+" does not exist/)
    expect(result.stderr).not.toContain('pw-not-shown')
  })
})

describe.each(ENGINES)('%s: refusals that leave the database as it was', (engine) => {
  const db = useFreshDb(engine)

  it('a database migrated by a newer mon: status shows it, migrate and rollback refuse to write', async () => {
    const driver = await openDriver(db().db)
    try {
      await migrate(driver, {to: '0006'})
      await driver.run('INSERT INTO mon_migrations (name, executed_at) VALUES (?, ?)', ['0099-from-the-future', '2030-01-01T00:00:00.000Z'])
    } finally {
      await driver.close()
    }
    const status = await mon(['db', 'status', '--db', db().db])
    expect(status.code).toBe(0)
    expect(status.stdout).toContain(`6 applied, ${migrationFiles().length - 6} pending, 1 unknown.`)
    expect(status.stdout).toMatch(/unknown {2}0099-from-the-future {2}.*\(from a newer mon\)/)

    const refusal = /was migrated by a newer mon \(unknown migrations: 0099-from-the-future\); upgrade mon/
    expectOneLineError(await mon(['db', 'migrate', '--db', db().db]), refusal)
    expectOneLineError(await mon(['db', 'rollback', '--db', db().db]), refusal)

    const after = JSON.parse((await mon(['db', 'status', '--db', db().db, '--json'])).stdout)
    expect(after.pending).toEqual(migrationFiles().map((m) => m.name).slice(6))
    expect(after.unknown).toEqual(['0099-from-the-future'])
  }, 120_000)

  it('a migration waits for the lock held by another runner, then fails cleanly after --lock-timeout', async () => {
    const holder = await openDriver(db().db)
    try {
      const lock = await holdWriteLock(holder)
      const result = await mon(['db', 'migrate', '--db', db().db, '--lock-timeout', '1s'])
      await lock.release()
      expectOneLineError(result, /timed out after 1s waiting for the (write )?lock on .*: another mon apply or migration is running/)
      // Nothing was applied.
      const status = JSON.parse((await mon(['db', 'status', '--db', db().db, '--json'])).stdout)
      expect(status.pending).toHaveLength(migrationFiles().length)
    } finally {
      await holder.close()
    }
  }, 60_000)
})

describe('bad values: one line, never "a bug in mon"', () => {
  let dir: string
  let cleanup: () => void
  let file: string

  beforeEach(async () => {
    ;({dir, cleanup} = tempDir('mon-bad-values-'))
    file = path.join(dir, 'monitor.db')
    expect((await mon(['db', 'migrate', '--db', file])).code).toBe(0)
  })

  afterEach(() => cleanup())

  it.each([
    [['history', 'x', '--limit', '99999999999999999999'], 1, /--limit/],
    [['check', '--only', ''], 3, /--only: an empty id/],
    [['check', '--only', 'a,,b'], 3, /--only: an empty id/],
    [['status', '--only', ''], 1, /--only: an empty id/],
    [['report', '--only', ' ', '--out', 'r.html'], 1, /--only: an empty id/],
    [['check', '--shard', '1/99999999999999999999'], 3, /--shard: N must be at most 10000 \(got "1\/99999999999999999999"\)/],
  ])('mon %j', async (args, code, pattern) => {
    const result = await mon([...args, '--db', file], {cwd: dir})
    expect(result.code).toBe(code)
    expect(result.stderr).toMatch(/^Error: [^\n]+\n$/)
    expect(result.stderr).toMatch(pattern)
    expect(result.stdout).toBe('')
  })

  it('a PostgreSQL URL whose sslrootcert does not exist names the file', async () => {
    const port = await freePort()
    const result = await mon(['status', '--db', `postgres://mon:pw@127.0.0.1:${port}/x?sslmode=verify-full&sslrootcert=${dir}/nonexistent.pem`])
    expectOneLineError(result, /^Error: cannot connect to PostgreSQL database postgres:\/\/mon:\*\*\*@127\.0\.0\.1:\d+\/x\?.*: cannot read .*nonexistent\.pem/)
  })
})
