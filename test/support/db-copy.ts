import {copyFileSync} from 'node:fs'
import path from 'node:path'
import {randomBytes} from 'node:crypto'

import pg from 'pg'
import {inject} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {tempDir} from './cli.js'
import type {FreshDb} from './engines.js'
import {dropPostgresDatabase} from './postgres.js'

/**
 * A new database that holds exactly what `db` holds: the SQLite file copied, a
 * PostgreSQL database made with CREATE DATABASE ... TEMPLATE. For a file that
 * builds one database (migrations, rows) and runs several tests that each
 * change it. Nothing may be connected to `db` (close its driver first: SQLite's
 * WAL is then checkpointed into the file, and PostgreSQL copies only a database
 * nobody is connected to).
 */
export async function copyDb(engine: Engine, db: string): Promise<FreshDb> {
  if (engine === 'sqlite') {
    const {dir, cleanup} = tempDir('mon-db-')
    const copy = path.join(dir, 'monitor.db')
    copyFileSync(db, copy)
    return {db: copy, cleanup: async () => cleanup()}
  }
  const name = `mon_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({connectionString: inject('monPostgresAdminUrl')})
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${new URL(db).pathname.slice(1)}`)
  } finally {
    await admin.end()
  }
  const url = new URL(db)
  url.pathname = `/${name}`
  return {db: url.toString(), cleanup: () => dropPostgresDatabase(url.toString())}
}
