import type pg from 'pg'

import {formatDuration} from '../duration.js'
import {MonError, messageOf} from '../errors.js'
import type {Driver, SqlValue, TransactionOptions} from './driver.js'
import {pgConnectionString, sslModeHint} from './postgres-sslmode.js'
import {type PgTimeouts, pgTimeouts} from './postgres-timeouts.js'

/** The advisory lock that apply and migrations hold: one constant key for all of mon. */
export const MON_LOCK_KEY = 745_614_862
/** The advisory lock snapshot writers hold (TransactionOptions.snapshotWriters): never held by apply, so a check never waits for one. */
export const SNAPSHOT_LOCK_KEY = 745_614_863

// OIDs of the types pg would return as strings.
const INT8_OID = 20
const NUMERIC_OID = 1700

/** `?key=value` / `&key=value` pairs of a URL's query string. */
const QUERY_PAIR = /([?&])([^=&#]*)=([^&#]*)/g

function decodeQuery(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/** pg reads a `password` query parameter (decoded, any case here to be safe) as the password. */
function isPasswordKey(key: string): boolean {
  return decodeQuery(key).toLowerCase() === 'password'
}

/**
 * Shows a PostgreSQL URL with its password replaced by `***`: the one in
 * `user:password@` and any `password` query parameter (libpq and pg read both).
 */
export function maskUrl(url: string): string {
  let masked: string
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    masked = parsed.toString()
  } catch {
    // Not parseable as a URL: hide whatever sits between "user:" and "@".
    masked = url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')
  }
  return masked.replace(QUERY_PAIR, (pair, sep: string, key: string) => (isPasswordKey(key) ? `${sep}${key}=***` : pair))
}

/**
 * Rewrites portable `?` placeholders to PostgreSQL's `$1, $2, ...`, leaving a
 * `?` alone inside string literals, quoted identifiers, comments and
 * dollar-quoted bodies.
 */
export function toPgPlaceholders(sql: string): {text: string; count: number} {
  let out = ''
  let count = 0
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"') {
      const escapes = ch === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? '')
      const end = closingQuote(sql, i, ch, escapes)
      out += sql.slice(i, end)
      i = end
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i)
      const end = nl === -1 ? sql.length : nl
      out += sql.slice(i, end)
      i = end
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2)
      const end = close === -1 ? sql.length : close + 2
      out += sql.slice(i, end)
      i = end
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0]
      const close = sql.indexOf(tag, i + tag.length)
      const end = close === -1 ? sql.length : close + tag.length
      out += sql.slice(i, end)
      i = end
    } else if (ch === '?') {
      out += `$${++count}`
      i++
    } else {
      out += ch
      i++
    }
  }
  return {text: out, count}
}

/**
 * Index just past the quote that closes the one at `start`; a doubled quote is
 * an escaped one, and so is a backslashed one in an E'...' string.
 */
function closingQuote(sql: string, start: number, quote: string, backslashEscapes = false): number {
  let i = start + 1
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\') i += 2
    else if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2
      else return i + 1
    } else i++
  }
  return sql.length
}

/**
 * Opens one dedicated pg.Client: a transaction or an advisory lock lives on one
 * connection, and a pool would hand each query a different one.
 */
export async function openPostgres(url: string): Promise<Driver> {
  const {default: pgModule} = await import('pg')
  const target = maskUrl(url)
  const timeouts = pgTimeouts(url)
  let client: pg.Client
  try {
    client = newClient(pgModule, url, timeouts)
  } catch (err) {
    // pg reads sslcert, sslkey and sslrootcert files while it parses the URL.
    throw connectError(err, url, target, timeouts)
  }
  // A dropped connection is reported by the next query; without a listener it would crash the process.
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (err) {
    await client.end().catch(() => {})
    throw connectError(err, url, target, timeouts)
  }
  return new PostgresDriver(client, url, target, timeouts)
}

function newClient(pgModule: typeof pg, url: string, timeouts: PgTimeouts): pg.Client {
  const toNumber = (value: string) => Number(value)
  return new pgModule.Client({
    connectionString: pgConnectionString(url),
    connectionTimeoutMillis: timeouts.connectMs,
    // Sent at startup, enforced by the server; the same names in the URL win.
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveDelayMs,
    application_name: 'mon',
    types: {
      // count(*), sum() and bigint come back as int8, avg() as numeric: JS numbers, as SQLite gives.
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID || oid === NUMERIC_OID ? toNumber : pgModule.types.getTypeParser(oid, format as 'text')) as typeof pgModule.types.getTypeParser,
    },
  })
}

/** How long close() waits for the server to say goodbye before it drops the socket. */
const CLOSE_WAIT_MS = 2000

class PostgresDriver implements Driver {
  readonly engine = 'postgres' as const
  readonly forUpdate = ' FOR UPDATE'
  readonly skipLocked = ' FOR UPDATE SKIP LOCKED'
  /** Waiting writers queue for PostgreSQL's locks: nothing to hand over. */
  readonly handOverMs = 0
  readonly clusteredSnapshots = false
  noEndpoint(column: string): string {
    return `${column} IS NULL`
  }
  indexedBy(): string {
    return ''
  }

  async lockWrites(table: string): Promise<void> {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`lockWrites: not a table name: ${table}`)
    await this.exec(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`)
  }
  private inTransaction = false
  /** Inside a transaction that waits for locks up to --lock-timeout, each statement may take that much longer. */
  private lockWaitMs = 0

  constructor(
    private readonly client: pg.Client,
    private readonly url: string,
    readonly target: string,
    private readonly timeouts: PgTimeouts,
  ) {}

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[]
  }

  async allArrays<T extends unknown[] = unknown[]>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.query(sql, params, 'array')).rows as T[]
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0
  }

  async exec(sql: string): Promise<void> {
    // No parameters: the simple query protocol, which runs several statements.
    await this.send({text: sql})
  }

  async hasTable(name: string): Promise<boolean> {
    const rows = await this.all(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`, [name])
    return rows.length > 0
  }

  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction) throw new Error('Driver.transaction() is not reentrant: nested transaction')
    this.inTransaction = true
    try {
      await this.exec('BEGIN')
      try {
        if (options.lockTimeoutMs !== undefined) await this.waitForLocks(options.lockTimeoutMs, options.exclusive ?? true)
        if (options.lockTimeoutMs !== undefined && options.snapshotWriters) await this.send({text: `SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK_KEY})`})
        const result = await fn()
        await this.exec('COMMIT')
        return result
      } catch (err) {
        await this.client.query({text: 'ROLLBACK', query_timeout: this.timeouts.readMs} as pg.QueryConfig).catch(() => {})
        throw err
      }
    } finally {
      this.inTransaction = false
      this.lockWaitMs = 0
    }
  }

  async deferCheckpoints<T>(fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  async close(): Promise<void> {
    // A frozen server never answers the goodbye: wait a little, then drop the socket.
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))
    await Promise.race([this.client.end().catch(() => {}), waited])
    clearTimeout(timer)
    this.drop()
  }

  /**
   * Lock waits follow --lock-timeout, not statement_timeout: both are raised
   * for this transaction, and with `exclusive` mon's advisory lock is taken.
   */
  private async waitForLocks(lockTimeoutMs: number, exclusive: boolean): Promise<void> {
    const ms = Math.max(1, Math.floor(lockTimeoutMs))
    await this.exec(`SET LOCAL lock_timeout = '${ms}ms'`)
    await this.exec(`SET LOCAL statement_timeout = '${ms + this.timeouts.statementMs}ms'`)
    this.lockWaitMs = ms
    if (!exclusive) return
    try {
      await this.send({text: `SELECT pg_advisory_xact_lock(${MON_LOCK_KEY})`})
    } catch (err) {
      if (codeOf(err) === '55P03' || codeOf((err as {cause?: unknown}).cause) === '55P03') {
        throw new MonError(
          `timed out after ${formatDuration(lockTimeoutMs)} waiting for the lock on ${this.target}: another mon apply or migration is running`,
        )
      }
      throw err
    }
  }

  private async query(sql: string, params: readonly SqlValue[], rowMode?: 'array'): Promise<pg.QueryResult> {
    const {text, count} = toPgPlaceholders(sql)
    if (count !== params.length) throw new Error(`SQL has ${count} placeholders but ${params.length} values: ${sql}`)
    // rowMode is pg's QueryArrayConfig, which send() passes on as it is.
    return this.send(rowMode ? ({text, values: params as SqlValue[], rowMode} as pg.QueryConfig) : {text, values: params as SqlValue[]})
  }

  /** Every statement goes through here, bounded by the read timeout. */
  private async send(query: pg.QueryConfig): Promise<pg.QueryResult> {
    const readMs = this.timeouts.readMs + this.lockWaitMs
    try {
      return await this.client.query({...query, query_timeout: readMs} as pg.QueryConfig)
    } catch (err) {
      if (messageOf(err) === 'Query read timeout') {
        // The connection is stuck behind the unanswered statement: nothing more can go over it.
        this.drop()
        throw new MonError(
          `lost the connection to PostgreSQL database ${this.target}: no answer within ${formatDuration(readMs)} (is the server frozen or the network down?)`,
          {cause: err},
        )
      }
      if (codeOf(err) === '55P03' && this.lockWaitMs > 0) {
        throw new MonError(`timed out after ${formatDuration(this.lockWaitMs)} waiting for a lock on ${this.target}: another process holds it`, {cause: err})
      }
      throw queryError(err, this.url, this.target, this.timeouts.statementMs + this.lockWaitMs)
    }
  }

  private drop(): void {
    ;(this.client as unknown as {connection?: {stream?: {destroy(): void}}}).connection?.stream?.destroy()
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as {code?: unknown} | null)?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * Masks the URL's password where the URL itself shows up in a message (as
 * `user:PASSWORD@` or `password=PASSWORD`): the server's own words are left
 * alone, so that a one-letter password does not blank that letter everywhere
 * and so tell a log reader what it is.
 */
function scrub(message: string, url: string): string {
  let out = message.split(url).join(maskUrl(url))
  out = out.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@')
  return out.replace(QUERY_PAIR, (pair, sep: string, key: string) => (isPasswordKey(key) ? `${sep}${key}=***` : pair))
}

function connectError(err: unknown, url: string, target: string, timeouts: PgTimeouts): MonError {
  const code = codeOf(err)
  let reason: string
  const file = (err as {path?: unknown} | null)?.path
  if (typeof file === 'string' && code?.startsWith('E')) reason = `cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code})`
  else if (code === 'ECONNREFUSED') reason = 'connection refused (is the server running and listening there?)'
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = 'host not found'
  else if (code === 'ETIMEDOUT' || /timeout/i.test(messageOf(err))) reason = `no answer within ${formatDuration(timeouts.connectMs)} (connect_timeout)`
  else if (code === '28P01' || code === '28000') reason = `authentication failed (${messageOf(err)})`
  else if (code === '3D000') reason = messageOf(err)
  else reason = (messageOf(err) || code || 'unknown error') + sslModeHint(url, code)
  return new MonError(`cannot connect to PostgreSQL database ${target}: ${scrub(reason, url)}`, {cause: err})
}

/** The errors a user can cause become one-line MonErrors naming the database; SQL errors (bugs, constraints) pass through. */
function queryError(err: unknown, url: string, target: string, statementMs: number): unknown {
  if (err instanceof MonError) return err
  const code = codeOf(err) ?? ''
  const message = scrub(messageOf(err), url)
  if (code === '25006') return new MonError(`cannot write to PostgreSQL database ${target}: it is read-only`, {cause: err})
  if (code === '42501') return new MonError(`PostgreSQL database ${target}: ${message}`, {cause: err})
  if (code === '57014' && /statement timeout/i.test(message)) {
    return new MonError(`PostgreSQL database ${target} canceled a statement that ran longer than ${formatDuration(statementMs)} (statement_timeout)`, {cause: err})
  }
  if (code === '25P03') return new MonError(`lost the connection to PostgreSQL database ${target}: ${message}`, {cause: err})
  if (code === '55P03') return new MonError(`timed out waiting for a lock on ${target}: ${message}`, {cause: err})
  if (code.startsWith('08') || code.startsWith('57P') || /Connection terminated|not queryable|ECONNRESET/i.test(message)) {
    return new MonError(`lost the connection to PostgreSQL database ${target}: ${message}`, {cause: err})
  }
  if (code === '53100') return new MonError(`PostgreSQL database ${target} is out of disk space`, {cause: err})
  return err
}
