import {accessSync, constants, existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import type BetterSqlite3 from 'better-sqlite3'

import {formatDuration} from '../duration.js'
import {MonError, messageOf} from '../errors.js'
import type {Driver, SqlValue, TransactionOptions} from './driver.js'

/** How long a statement waits for another connection's write lock outside a locked transaction. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000

const STATEMENT_CACHE_SIZE = 200

/** The longest pause between two tries for the write lock. */
const LOCK_POLL_MAX_MS = 25
/** WAL pages between checkpoints while a long series of transactions defers them (prune). */
const DEFERRED_CHECKPOINT_PAGES = 65_536

export interface SqliteOpenOptions {
  /** Create the file when it does not exist (SQLite's default). */
  create?: boolean
  /** Only read: never create a file beside the database (see readOnlySource). */
  readOnly?: boolean
}

/** Largest database a reader that may not write beside it copies into memory. */
const MAX_READ_COPY_BYTES = 512 * 1024 * 1024

/**
 * Opens a SQLite database file through better-sqlite3 with the pragmas every
 * mon connection uses: synchronous NORMAL (durable at checkpoints, safe
 * against corruption), foreign keys on, and a busy timeout. Opened with
 * `create` (apply, init, db migrate), it also switches the file to WAL
 * (readers never block the writer); WAL is stored in the file, so later
 * connections keep it. Opened without `create`, nothing is written to the
 * file: a command that then refuses leaves it as it was.
 */
export async function openSqlite(file: string, options: SqliteOpenOptions = {}): Promise<Driver> {
  const readOnly = options.readOnly ?? false
  const create = !readOnly && (options.create ?? true)
  const memory = file === ':memory:' || file === ''
  if (!memory) preflight(file, create)
  const {default: Database} = await import('better-sqlite3')
  let db: BetterSqlite3.Database
  try {
    const source = readOnly && !memory ? readOnlySource(file) : 'file'
    if (source === 'copy') db = new Database(readCopy(file), {readonly: true})
    else db = new Database(file, {timeout: DEFAULT_BUSY_TIMEOUT_MS, fileMustExist: !create, readonly: source === 'shared'})
  } catch (err) {
    throw sqliteError(err, file, 'open')
  }
  try {
    // Reading the header is what tells a non-SQLite file apart.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get()
    if (create) {
      try {
        db.pragma('journal_mode = WAL')
      } catch (err) {
        // A read-only file can still be read; writes then fail with a clear error. A busy
        // one (another process writing in rollback-journal mode) gets WAL on a later open;
        // a write meanwhile waits for the lock like any other.
        const code = codeOf(err) ?? ''
        if (!code.startsWith('SQLITE_READONLY') && !code.startsWith('SQLITE_BUSY')) throw err
      }
    }
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
  } catch (err) {
    db.close()
    throw sqliteError(err, file, 'open')
  }
  return new SqliteDriver(db, file)
}

/**
 * How a reader opens a database so that it leaves no file behind. A WAL
 * database needs its -wal and -shm files: a connection that may write
 * removes them when it closes, a read-only one leaves them, owned by the
 * reader, where the owner's next writer may not open them. So:
 * - `file`: the reader owns the file and may write it and its directory: a
 *   plain connection, which cleans up after itself;
 * - `shared`: a -wal file is already there (a writer is at work): a
 *   read-only connection that uses the files that exist;
 * - `copy`: else, a copy in memory (SQLite has no `immutable` open in
 *   better-sqlite3, which is built without URI names), so that nothing is
 *   created beside the file whatever the directory allows.
 */
function readOnlySource(file: string): 'file' | 'shared' | 'copy' {
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK)
      return true
    } catch {
      return false
    }
  }
  const uid = process.geteuid?.()
  if (writable(file) && writable(path.dirname(path.resolve(file))) && (uid === undefined || statSync(file).uid === uid)) return 'file'
  return existsSync(`${file}-wal`) ? 'shared' : 'copy'
}

/** The database file in memory, marked as a rollback-journal database: with no -wal file, the file alone is the whole database. */
function readCopy(file: string): Buffer {
  const size = statSync(file).size
  if (size > MAX_READ_COPY_BYTES) {
    throw new MonError(
      `cannot read SQLite database ${file} without writing beside it (${size} bytes is too large to read into memory): run as its owner, or let this user write its directory`,
    )
  }
  const bytes = readFileSync(file)
  // Bytes 18 and 19 are the write and read format versions: 2 is WAL, which an in-memory database cannot use.
  if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1
  return bytes
}

function preflight(file: string, create: boolean): void {
  let stats
  try {
    stats = statSync(file)
  } catch {
    const dir = path.dirname(path.resolve(file))
    if (!create) throw new MonError(`no SQLite database at ${file} (mon db migrate or mon apply creates it)`)
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory')
    } catch {
      throw new MonError(`cannot create SQLite database ${file}: directory ${dir} does not exist`)
    }
    return
  }
  if (stats.isDirectory()) throw new MonError(`${file} is a directory, not a SQLite database file`)
}

class SqliteDriver implements Driver {
  readonly engine = 'sqlite' as const
  readonly forUpdate = ''
  readonly skipLocked = ''

  async lockWrites(): Promise<void> {}
  private inTransaction = false
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  constructor(
    private readonly db: BetterSqlite3.Database,
    readonly target: string,
  ) {}

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      const stmt = this.prepare(sql)
      if (!stmt.reader) {
        stmt.run(...bind(params))
        return []
      }
      return stmt.all(...bind(params)) as T[]
    } catch (err) {
      throw sqliteError(err, this.target)
    }
  }

  async allArrays<T extends unknown[] = unknown[]>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      // A statement of its own: raw() would change the cached one that all() uses.
      return this.prepare(sql, true).all(...bind(params)) as T[]
    } catch (err) {
      throw sqliteError(err, this.target)
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    try {
      return this.prepare(sql).run(...bind(params)).changes
    } catch (err) {
      throw sqliteError(err, this.target)
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      this.db.exec(sql)
    } catch (err) {
      throw sqliteError(err, this.target)
    }
  }

  async hasTable(name: string): Promise<boolean> {
    return (await this.all(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`, [name])).length > 0
  }

  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    // better-sqlite3's db.transaction() cannot span awaits, so BEGIN/COMMIT by hand.
    if (this.inTransaction) throw new Error('Driver.transaction() is not reentrant: nested transaction')
    // Taken before the wait for the lock, which awaits: a second caller meanwhile is refused, not nested.
    this.inTransaction = true
    try {
      if (options.lockTimeoutMs === undefined) this.db.exec('BEGIN')
      else await this.beginImmediate(options.lockTimeoutMs, options.exclusive ?? true)
      const result = await fn()
      this.db.exec('COMMIT')
      return result
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      throw sqliteError(err, this.target)
    } finally {
      this.inTransaction = false
    }
  }

  /** Waiting writers try again at least every LOCK_POLL_MAX_MS: a pause a little longer between two transactions lets one in. */
  readonly handOverMs = LOCK_POLL_MAX_MS + 5
  readonly clusteredSnapshots = true
  noEndpoint(column: string): string {
    return `${column} = ''`
  }
  indexedBy(index: string): string {
    return ` INDEXED BY ${index}`
  }

  async deferCheckpoints<T>(fn: () => Promise<T>): Promise<T> {
    const every = this.db.pragma('wal_autocheckpoint', {simple: true}) as number
    // Not off: a prune of 30 M rows grew the WAL to 26 GB, nearly twice the database. A checkpoint every 64 Ki pages (256 MiB at 4 KiB) bounds it.
    this.db.pragma(`wal_autocheckpoint = ${DEFERRED_CHECKPOINT_PAGES}`)
    try {
      return await fn()
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${every}`)
      // PASSIVE: copies what it can without waiting for, or blocking, a reader or a writer.
      this.db.pragma('wal_checkpoint(PASSIVE)')
    }
  }

  async close(): Promise<void> {
    this.statements.clear()
    if (this.db.open) this.db.close()
  }

  /**
   * BEGIN IMMEDIATE takes the write lock now. The wait for it polls, rather
   * than using SQLite's busy timeout, which would block the event loop (and
   * every check in flight) for as long as another writer holds the lock.
   */
  private async beginImmediate(lockTimeoutMs: number, exclusive: boolean): Promise<void> {
    const deadline = Date.now() + Math.max(0, lockTimeoutMs)
    this.db.pragma('busy_timeout = 0')
    try {
      for (let pause = 5; ; pause = Math.min(pause * 2, LOCK_POLL_MAX_MS)) {
        try {
          this.db.exec('BEGIN IMMEDIATE')
          return
        } catch (err) {
          if (!codeOf(err)?.startsWith('SQLITE_BUSY')) throw sqliteError(err, this.target)
          const left = deadline - Date.now()
          if (left <= 0) {
            const holder = exclusive ? 'another mon apply or migration is running' : 'another process is writing to it'
            throw new MonError(`timed out after ${formatDuration(lockTimeoutMs)} waiting for the write lock on ${this.target}: ${holder}`)
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)))
        }
      }
    } finally {
      this.db.pragma(`busy_timeout = ${DEFAULT_BUSY_TIMEOUT_MS}`)
    }
  }

  private prepare(sql: string, raw = false): BetterSqlite3.Statement {
    const key = raw ? `raw:${sql}` : sql
    let stmt = this.statements.get(key)
    if (!stmt) {
      stmt = this.db.prepare(sql)
      if (raw) stmt.raw()
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear()
      this.statements.set(key, stmt)
    }
    return stmt
  }
}

/** better-sqlite3 binds every JS number as REAL; integers go as BigInt so they stay INTEGER (and '1', not '1.0', in a TEXT column). */
function bind(params: readonly SqlValue[]): Array<string | number | bigint | null> {
  return params.map((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v))
}

function codeOf(err: unknown): string | undefined {
  const code = (err as {code?: unknown} | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Turns the SQLite errors a user can cause into one-line MonErrors; anything else (a bug) passes through. */
export function sqliteError(err: unknown, file: string, phase: 'open' | 'use' = 'use'): unknown {
  if (err instanceof MonError) return err
  const code = codeOf(err) ?? ''
  if (code === 'SQLITE_NOTADB') return new MonError(`${file} is not a SQLite database`, {cause: err})
  if (code.startsWith('SQLITE_READONLY')) {
    return new MonError(`cannot write to SQLite database ${file}: it is read-only (check the permissions of the file and its directory)`, {cause: err})
  }
  if (code.startsWith('SQLITE_CANTOPEN') || (phase === 'open' && !code.startsWith('SQLITE_'))) {
    return new MonError(`cannot open SQLite database ${file}: ${messageOf(err)}`, {cause: err})
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new MonError(`SQLite database ${file} is busy: another process holds its lock`, {cause: err})
  }
  if (code.startsWith('SQLITE_CORRUPT')) return new MonError(`SQLite database ${file} is corrupt: ${messageOf(err)}`, {cause: err})
  if (code === 'SQLITE_FULL') return new MonError(`cannot write to SQLite database ${file}: the disk is full`, {cause: err})
  if (code.startsWith('SQLITE_IOERR')) return new MonError(`I/O error on SQLite database ${file}: ${messageOf(err)}`, {cause: err})
  if (phase === 'open') return new MonError(`cannot open SQLite database ${file}: ${messageOf(err)}`, {cause: err})
  return err
}
