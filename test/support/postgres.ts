import {randomBytes} from 'node:crypto'

import pg from 'pg'
import {inject} from 'vitest'

import {inCi} from './ci.js'

/** True when this test run has a PostgreSQL (the throwaway cluster from the global setup, or $MON_TEST_PG_URL). */
export function postgresAvailable(): boolean {
  return inject('monPostgresAdminUrl') !== ''
}

/** In CI, PostgreSQL tests must run: a test that would skip fails instead. */
export function postgresRequired(): boolean {
  return inCi() || process.env.MON_TEST_PG === 'require'
}

function adminUrl(): string {
  const url = inject('monPostgresAdminUrl')
  if (!url) throw new Error('no PostgreSQL in this test run (see test/support/global-setup.ts)')
  return url
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({connectionString: adminUrl()})
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A new, empty database on the test server; returns its URL. */
export async function freshPostgresUrl(): Promise<string> {
  const name = `mon_test_${randomBytes(6).toString('hex')}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops a database made by freshPostgresUrl, closing any connection a test left open. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1)
  if (!/^mon_test_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}: not a test database`)
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}
