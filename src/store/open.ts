import {existsSync} from 'node:fs'

import {MonError} from '../errors.js'
import type {Driver, Engine} from './driver.js'
import {maskUrl} from './postgres.js'

export interface DbLocation {
  engine: Engine
  /** A file path for SQLite, the full URL for PostgreSQL. */
  location: string
  /** For messages: the path, or the URL with its password masked. */
  display: string
}

export interface OpenOptions {
  /** SQLite: create the file when missing (the default). Commands that only read pass false. */
  create?: boolean
  /** Only read (status, history, export, report, db status, plan): never write, never leave a file beside a SQLite database. */
  readOnly?: boolean
}

/**
 * Reads a --db value: a file path, `sqlite:PATH` (also `sqlite://PATH`),
 * `postgres://...` or `postgresql://...`.
 */
export function parseDb(db: string): DbLocation {
  const value = db.trim()
  if (value === '') throw new MonError('--db is empty: give a file path, sqlite:PATH, or a postgres:// URL')
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value)
    } catch {
      throw new MonError(`${maskUrl(value)} is not a valid PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)`)
    }
    return {engine: 'postgres', location: value, display: maskUrl(value)}
  }
  if (/^sqlite:/i.test(value)) {
    let file = value.slice('sqlite:'.length)
    if (file.startsWith('//')) file = file.slice(2)
    if (file === '') throw new MonError(`${value} names no file: use sqlite:PATH`)
    return {engine: 'sqlite', location: file, display: file}
  }
  // A scheme of two or more letters followed by :// is a URL we do not speak (one letter is a Windows drive).
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(value)
  if (scheme) {
    throw new MonError(`unsupported database URL scheme "${scheme[1]}:" in ${maskUrl(value)}: use a file path, sqlite:PATH, or a postgres:// URL`)
  }
  return {engine: 'sqlite', location: value, display: value}
}

/** Where a --db value points, for messages (a password is masked). Never throws. */
export function describeDb(db: string): string {
  try {
    return parseDb(db).display
  } catch {
    return maskUrl(db)
  }
}

/** Opens the database a --db value names, with a clear one-line MonError when that fails. */
export async function openDriver(db: string, options: OpenOptions = {}): Promise<Driver> {
  const where = parseDb(db)
  if (where.engine === 'postgres') {
    const {openPostgres} = await import('./postgres.js')
    return openPostgres(where.location)
  }
  const {openSqlite} = await import('./sqlite.js')
  return openSqlite(where.location, {create: options.create, readOnly: options.readOnly})
}

/**
 * Opens the database if there is one to read: null for a SQLite file that
 * does not exist (it is not created), so that a reader can treat it as
 * empty. A PostgreSQL database is always opened (it cannot be absent
 * without the server saying so).
 */
export async function openIfExists(db: string): Promise<Driver | null> {
  const where = parseDb(db)
  if (where.engine === 'sqlite' && !existsSync(where.location)) return null
  return openDriver(db, {create: false, readOnly: true})
}

/**
 * Opens for a reader that stays open and must never write (mon mcp): as
 * status opens it, and with the session itself refusing every write
 * (SQLite's query_only, PostgreSQL's default_transaction_read_only), so
 * that no code path of a long-lived server can change the database.
 */
export async function openReadOnly(db: string): Promise<Driver> {
  const driver = await openDriver(db, {create: false, readOnly: true})
  try {
    await driver.exec(driver.engine === 'sqlite' ? 'PRAGMA query_only = ON' : 'SET default_transaction_read_only = on')
  } catch (err) {
    await driver.close()
    throw err
  }
  return driver
}

/**
 * What `mon init` must not write over, for messages: a SQLite file that
 * exists, or a PostgreSQL database that already holds a mon schema; null
 * when there is neither.
 */
export async function existingDatabase(db: string, hasSchema: (driver: Driver) => Promise<boolean>): Promise<string | null> {
  const where = parseDb(db)
  if (where.engine === 'sqlite') return existsSync(where.location) ? where.display : null
  const driver = await openDriver(db)
  try {
    return (await hasSchema(driver)) ? `${where.display} (already has a mon schema)` : null
  } finally {
    await driver.close()
  }
}
