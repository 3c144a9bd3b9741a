/**
 * The one seam between mon and a database engine. Everything above it (the
 * migrator and the store modules) speaks portable SQL with `?` placeholders;
 * the PostgreSQL driver rewrites them to `$1, $2, ...`. Values bound are
 * strings, numbers or null: no booleans, no Dates (better-sqlite3 binds neither).
 */
export type Engine = 'sqlite' | 'postgres'
export type SqlValue = string | number | null

export interface TransactionOptions {
  /**
   * Take the exclusive write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
   * advisory transaction lock) and wait for it at most this long.
   */
  lockTimeoutMs?: number
  /**
   * With lockTimeoutMs: also take mon's exclusive lock (PostgreSQL's advisory
   * lock, which apply and migrations hold). Default true; mon check passes
   * false, since its inserts need only wait for other writers.
   */
  exclusive?: boolean
  /**
   * With lockTimeoutMs: also wait for every other snapshot writer, so that
   * what a transaction reads of a target's newest snapshots is still newest
   * when it commits (migration 0012's payload bases). SQLite's BEGIN
   * IMMEDIATE does so already; PostgreSQL takes an advisory lock of its own.
   */
  snapshotWriters?: boolean
}

export interface Driver {
  readonly engine: Engine
  /** Where the database is, for messages; a password is masked. */
  readonly target: string
  /**
   * What a SELECT ends with to lock the rows it reads until the transaction
   * ends, for a read-modify-write (the rollups): PostgreSQL's ` FOR UPDATE`;
   * empty on SQLite, whose write transaction already serialises writers.
   */
  readonly forUpdate: string
  /**
   * What a SELECT of work to claim ends with so that concurrent claimers
   * never take the same row and never wait on each other (the outbox):
   * PostgreSQL's ` FOR UPDATE SKIP LOCKED`; empty on SQLite, where the claim
   * runs in a write transaction that serialises claimers.
   */
  readonly skipLocked: string
  /**
   * Inside a transaction: other transactions' writes to `table` wait until it
   * ends, while reads go on (PostgreSQL's SHARE ROW EXCLUSIVE lock). A no-op
   * on SQLite, whose write transaction already excludes every other writer.
   * For a rewrite that must not miss a row another writer is about to add
   * (a rollup rebuild racing a mon check that makes a new rollup row).
   */
  lockWrites(table: string): Promise<void>
  /**
   * How long a writer that takes the lock over and over (prune's batches)
   * pauses between two transactions so that a waiting writer gets one:
   * SQLite's waiting writers poll, so one that just missed the gap would
   * starve (a 19 s wait was measured); PostgreSQL queues them (0).
   */
  readonly handOverMs: number
  /**
   * A condition true where a snapshots row names no endpoint (a registry
   * entry's or an entity's row): SQLite's clustered table (migration 0013)
   * stores '' in its key column, PostgreSQL NULL. Each is an index seek.
   */
  noEndpoint(column: string): string
  /**
   * Whether snapshots are clustered by (endpoint_id, observed_at, id):
   * SQLite's table since migration 0013, where work across targets goes per
   * target. PostgreSQL's heap keeps rows in the order they came (time), so
   * prune deletes by its observed_at index there.
   */
  readonly clusteredSnapshots: boolean
  /**
   * What follows a table name to make a query walk this index: SQLite's
   * ` INDEXED BY name` (its planner, with no statistics, prefers the
   * clustered key's order over a partial index that holds a few rows of
   * the range); empty on PostgreSQL, which plans by its statistics.
   */
  indexedBy(index: string): string
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  /** As all(), each row an array of its columns in the SELECT's order: no object per row, for reads of millions of rows (the rollup rebuild). */
  allArrays<T extends unknown[] = unknown[]>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
  /** One or more statements without parameters (DDL). */
  exec(sql: string): Promise<void>
  /** Whether a table of this name exists (in the current schema): the catalogs differ per engine. */
  hasTable(name: string): Promise<boolean>
  /**
   * Runs fn in one transaction: committed when it resolves, rolled back when it
   * throws. Not reentrant. While it runs, every call on this driver is part of it.
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>
  /**
   * Runs fn, many short transactions (prune's batches), with the engine's
   * write-back deferred: SQLite checkpoints the WAL on this connection only
   * every 64 Ki pages meanwhile (not every 1,000) and once after, so a page
   * that every batch dirties is copied into the file a few times, not once a
   * batch, while the WAL stays bounded. PostgreSQL runs fn as it is.
   */
  deferCheckpoints<T>(fn: () => Promise<T>): Promise<T>
  close(): Promise<void>
}
