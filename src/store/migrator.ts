import {readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import type {MigrationParams, Umzug} from 'umzug'

import {FIELDS, type FieldTable} from '../config/fields.js'
import {MonError, messageOf} from '../errors.js'
import {plural} from '../plural.js'
import {isoNow} from '../time.js'
import type {Driver} from './driver.js'
import {migrationContext, type MigrationContext} from './migration-context.js'

/** The table that logs executed migrations. */
export const MIGRATION_LOG_TABLE = 'mon_migrations'
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000

// dist/store/migrator.js and src/store/migrator.ts are both two levels below the package root.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))
const MIGRATION_FILE = /^(\d{4}-[a-z0-9-]+)\.m?js$/

export interface MigrationFile {
  /** The basename without extension: the name logged in mon_migrations. */
  name: string
  path: string
}

export interface MigrationState {
  name: string
  /** `unknown`: logged in the database but not shipped with this mon (a newer mon migrated it). */
  status: 'applied' | 'pending' | 'unknown'
  executed_at: string | null
}

/** Where the migrations come from, and the field table their fingerprints use: the shipped ones unless a test says otherwise. */
export interface MigrationSource {
  dir: string
  fields: FieldTable
}

export const SHIPPED: MigrationSource = {dir: MIGRATIONS_DIR, fields: FIELDS}

export interface MigrateOptions {
  /** How long to wait for another runner's lock, per migration. */
  lockTimeoutMs?: number
  source?: MigrationSource
}

export interface MigrateUpOptions extends MigrateOptions {
  /** Stop after this migration (a name or its number); without it, apply all. */
  to?: string
}

export interface RollbackOptions extends MigrateOptions {
  /**
   * The migration to roll back to: it and those before it stay applied. `0`
   * (or "0") rolls back every migration. Without it, only the last one is rolled back.
   */
  to?: string | 0
  /** Allow a rollback whose down steps drop columns or tables that hold data. */
  force?: boolean
}

/** What a down step drops that holds data, and a query that finds a row of it (no row: nothing is lost). */
export interface DataLoss {
  loses: string
  probe: string
}

/**
 * The data each shipped migration's down step drops. Frozen for 0001-0007
 * (their files are never edited); a later migration declares it itself, as
 * `export const downLoses = {loses, probe}` beside its down.
 */
const DOWN_LOSES: Record<string, DataLoss> = {
  '0001-initial': {
    loses: 'every mon table (entities, endpoints, registry_index, snapshots) with all snapshot history',
    probe: 'SELECT 1 FROM entities UNION ALL SELECT 1 FROM endpoints UNION ALL SELECT 1 FROM registry_index UNION ALL SELECT 1 FROM snapshots LIMIT 1',
  },
  '0002-retirement-and-management': {
    loses: 'retirement times and apply marks (retired rows become active again, every row unmanaged)',
    probe: 'SELECT 1 FROM entities WHERE applied_at IS NOT NULL OR retired_at IS NOT NULL UNION ALL SELECT 1 FROM endpoints WHERE applied_at IS NOT NULL OR retired_at IS NOT NULL UNION ALL SELECT 1 FROM registry_index WHERE applied_at IS NOT NULL OR retired_at IS NOT NULL LIMIT 1',
  },
  '0003-check-settings': {loses: "every endpoint's stored check settings (endpoints.check_json)", probe: 'SELECT 1 FROM endpoints WHERE check_json IS NOT NULL LIMIT 1'},
  '0004-apply-runs': {loses: 'the apply history (apply_runs)', probe: 'SELECT 1 FROM apply_runs LIMIT 1'},
  '0005-snapshot-latency-and-registry': {
    loses: 'snapshot latencies and the registry entry of each registry snapshot (snapshots.latency_ms, registry_id)',
    probe: 'SELECT 1 FROM snapshots WHERE latency_ms IS NOT NULL OR registry_id IS NOT NULL LIMIT 1',
  },
}

interface MigrationModule {
  up: (params: MigrationParams<MigrationContext>) => Promise<unknown>
  down: (params: MigrationParams<MigrationContext>) => Promise<unknown>
  /** What the down step drops that holds data; absent when it drops nothing of value (indexes, fingerprints). */
  downLoses?: DataLoss
}

/** The migrations this mon ships, in the order they run. */
export function migrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (err) {
    throw new Error(`cannot read the migrations directory ${dir}: ${messageOf(err)}`)
  }
  return names
    .map((file) => ({file, match: MIGRATION_FILE.exec(file)}))
    .filter((f) => f.match !== null)
    .map((f) => ({name: f.match![1]!, path: path.join(dir, f.file)}))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** The log rows, oldest first; empty when the log table does not exist yet (a new database). */
export async function executedMigrations(driver: Driver): Promise<Array<{name: string; executed_at: string}>> {
  if (!(await logTableExists(driver))) return []
  return driver.all<{name: string; executed_at: string}>(
    `SELECT name, executed_at FROM ${MIGRATION_LOG_TABLE} ORDER BY name`,
  )
}

/** Every migration this mon knows and every one the database logged, with its state. */
export async function migrationStatus(driver: Driver, source: MigrationSource = SHIPPED): Promise<MigrationState[]> {
  const executed = new Map((await executedMigrations(driver)).map((r) => [r.name, r.executed_at]))
  const known = migrationFiles(source.dir).map((f): MigrationState => {
    const at = executed.get(f.name)
    return {name: f.name, status: at === undefined ? 'pending' : 'applied', executed_at: at ?? null}
  })
  const knownNames = new Set(known.map((m) => m.name))
  const unknown = [...executed]
    .filter(([name]) => !knownNames.has(name))
    .map(([name, at]): MigrationState => ({name, status: 'unknown', executed_at: at}))
  return [...known, ...unknown].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

export async function pendingMigrations(driver: Driver, source: MigrationSource = SHIPPED): Promise<string[]> {
  return (await migrationStatus(driver, source)).filter((m) => m.status === 'pending').map((m) => m.name)
}

/**
 * For commands that read or write the inventory: the database must be at
 * exactly this mon's schema.
 */
export async function requireCurrentSchema(driver: Driver): Promise<void> {
  const states = await migrationStatus(driver)
  refuseUnknown(driver, states)
  const pending = states.filter((m) => m.status === 'pending').map((m) => m.name)
  if (pending.length === states.length) {
    throw new MonError(`database ${driver.target} has no mon schema yet: run mon db migrate (or mon apply) first`, {
      details: {pending},
    })
  }
  if (pending.length > 0) {
    throw new MonError(
      `database ${driver.target} needs ${plural(pending.length, 'migration')} (${pending.join(', ')}): run mon db migrate (or mon apply)`,
      {details: {pending}},
    )
  }
}

/**
 * Applies every pending migration, each in one transaction with its log row,
 * under the write lock, re-checking the log inside it so that concurrent
 * runners apply each migration exactly once. Returns the names this call applied.
 */
export async function migrate(driver: Driver, options: MigrateUpOptions = {}): Promise<string[]> {
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
  const source = options.source ?? SHIPPED
  const states = await migrationStatus(driver, source)
  refuseUnknown(driver, states)
  const target = options.to === undefined ? undefined : resolveName(options.to, states)
  const pending = states.filter((m) => m.status === 'pending').map((m) => m.name)
  const wanted = target === undefined ? pending : pending.filter((name) => name <= target)
  // Nothing to do: write nothing (a read-only database that is current is fine).
  if (wanted.length === 0) return []
  await driver.transaction(
    () => driver.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATION_LOG_TABLE} (name TEXT PRIMARY KEY, executed_at TEXT NOT NULL)`),
    {lockTimeoutMs},
  )
  const done: string[] = []
  const umzug = await makeUmzug(driver, lockTimeoutMs, done, source)
  // Named, and skipped if a concurrent runner applied them since we looked.
  await runUmzug(driver, () => umzug.up({migrations: wanted, rerun: 'SKIP'}))
  return done
}

/** Reverts applied migrations, newest first, each in one locked transaction with the removal of its log row. */
export async function rollback(driver: Driver, options: RollbackOptions = {}): Promise<string[]> {
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
  const source = options.source ?? SHIPPED
  const states = await migrationStatus(driver, source)
  refuseUnknown(driver, states)
  const applied = states.filter((m) => m.status === 'applied').map((m) => m.name)
  const to = options.to
  // An unknown --to is an error whether or not anything is applied.
  const target = to === undefined || to === 0 || to === '0' ? undefined : resolveName(to, states)
  if (applied.length === 0) return []
  let revert: string[]
  if (to === undefined) revert = applied.slice(-1)
  else if (target === undefined) revert = applied
  else {
    const index = applied.indexOf(target)
    if (index === -1) throw new MonError(`cannot roll back to ${target}: it is not applied on ${driver.target}`)
    revert = applied.slice(index + 1)
  }
  if (revert.length === 0) return []
  if (!options.force) await refuseDataLoss(driver, revert, source)
  const done: string[] = []
  const umzug = await makeUmzug(driver, lockTimeoutMs, done, source, {force: options.force === true})
  await runUmzug(driver, () => umzug.down({migrations: revert.reverse(), rerun: 'SKIP'}))
  return done
}

/**
 * What the down steps of these migrations (newest first) would drop that
 * holds data in this database now, one entry each; a down whose data is
 * absent (an empty table, a column of NULLs) loses nothing and is not named.
 */
export async function dataLostBy(driver: Driver, names: readonly string[], source: MigrationSource = SHIPPED): Promise<Array<{name: string; loses: string}>> {
  const files = new Map(migrationFiles(source.dir).map((f) => [f.name, f]))
  const out: Array<{name: string; loses: string}> = []
  for (const name of names) {
    const file = files.get(name)
    const loss = file ? await declaredLoss(file) : undefined
    if (loss && (await driver.all(loss.probe)).length > 0) out.push({name, loses: loss.loses})
  }
  return out
}

/** What a migration's down step drops that holds data, as it declares (or, for 0001-0007, as frozen here). */
export async function declaredLoss(file: MigrationFile): Promise<DataLoss | undefined> {
  return DOWN_LOSES[file.name] ?? (await loadMigration(file)).downLoses
}

/** `revert` oldest first, as applied; the down steps run newest first. */
async function refuseDataLoss(driver: Driver, revert: readonly string[], source: MigrationSource): Promise<void> {
  const order = [...revert].reverse()
  const lost = await dataLostBy(driver, order, source)
  if (lost.length === 0) return
  const what = lost.map((l) => `${l.name} drops ${l.loses}`).join('; ')
  const named = order.length === 1 ? order[0] : `${order.length} migrations (${order[0]} down to ${order.at(-1)})`
  throw new MonError(`not rolling back ${named} on ${driver.target}: ${what}. Nothing was changed; pass --force to do it`, {
    details: {would_revert: order, would_lose: lost},
  })
}

/** A full name, or its number (`3`, `0003`). */
function resolveName(to: string, states: readonly MigrationState[]): string {
  const exact = states.find((m) => m.name === to)
  if (exact) return exact.name
  if (/^\d+$/.test(to)) {
    const prefix = `${to.padStart(4, '0')}-`
    const byNumber = states.find((m) => m.name.startsWith(prefix))
    if (byNumber) return byNumber.name
  }
  throw new MonError(`unknown migration "${to}": expected one of ${states.map((m) => m.name).join(', ')}, or 0`)
}

function refuseUnknown(driver: Driver, states: MigrationState[]): void {
  const unknown = states.filter((m) => m.status === 'unknown').map((m) => m.name)
  if (unknown.length > 0) {
    throw new MonError(
      `database ${driver.target} was migrated by a newer mon (unknown migrations: ${unknown.join(', ')}); upgrade mon — this one will not write to it`,
      {details: {unknown}},
    )
  }
}

async function logTableExists(driver: Driver): Promise<boolean> {
  return driver.hasTable(MIGRATION_LOG_TABLE)
}

async function isLogged(driver: Driver, name: string): Promise<boolean> {
  return (await driver.all(`SELECT name FROM ${MIGRATION_LOG_TABLE} WHERE name = ?`, [name])).length > 0
}

async function loadMigration(file: MigrationFile): Promise<MigrationModule> {
  const mod = (await import(pathToFileURL(file.path).href)) as Partial<MigrationModule>
  if (typeof mod.up !== 'function' || typeof mod.down !== 'function') {
    throw new Error(`migration ${file.path} must export async functions up and down`)
  }
  return mod as MigrationModule
}

/**
 * Umzug orders the work and tracks state; the storage's log/unlog are no-ops
 * because each migration writes or deletes its own log row inside its
 * transaction (Umzug itself neither locks nor logs transactionally).
 */
async function makeUmzug(driver: Driver, lockTimeoutMs: number, done: string[], source: MigrationSource, down: {force: boolean} = {force: false}): Promise<Umzug<MigrationContext>> {
  const {Umzug} = await import('umzug')
  return new Umzug<MigrationContext>({
    migrations: migrationFiles(source.dir).map((file) => ({
      name: file.name,
      path: file.path,
      up: async (params: MigrationParams<MigrationContext>) => {
        const db = params.context
        await db.transaction(
          async () => {
            if (await isLogged(db, file.name)) return // another runner got here first
            await (await loadMigration(file)).up(params)
            await db.run(`INSERT INTO ${MIGRATION_LOG_TABLE} (name, executed_at) VALUES (?, ?)`, [file.name, isoNow()])
            done.push(file.name)
          },
          {lockTimeoutMs},
        )
      },
      down: async (params: MigrationParams<MigrationContext>) => {
        const db = params.context
        await db.transaction(
          async () => {
            if (!(await isLogged(db, file.name))) return
            // Checked again under the lock: a mon check may have written such data since rollback looked.
            if (!down.force) await refuseDataLoss(db, [file.name], source)
            await (await loadMigration(file)).down(params)
            await db.run(`DELETE FROM ${MIGRATION_LOG_TABLE} WHERE name = ?`, [file.name])
            done.push(file.name)
          },
          {lockTimeoutMs},
        )
      },
    })),
    context: migrationContext(driver, source.fields),
    storage: {
      executed: async ({context}) => (await executedMigrations(context)).map((r) => r.name),
      logMigration: async () => {},
      unlogMigration: async () => {},
    },
    logger: undefined,
  })
}

/** Umzug wraps a migration's error; give the user the cause in one line. */
async function runUmzug(driver: Driver, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (err) {
    const migration = (err as {migration?: {name?: string; direction?: string}}).migration
    const cause = (err as {cause?: unknown}).cause ?? err
    if (cause instanceof MonError) throw cause
    if (migration?.name) {
      throw new MonError(`migration ${migration.name} (${migration.direction ?? 'up'}) failed on ${driver.target}: ${messageOf(cause)}`, {
        cause,
      })
    }
    throw err
  }
}
