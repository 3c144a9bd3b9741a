import path from 'node:path'

import {afterEach, beforeEach} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {tempDir} from './cli.js'
import {dropPostgresDatabase, freshPostgresUrl, postgresAvailable, postgresRequired} from './postgres.js'

/**
 * The engines to run a suite on: `describe.each(ENGINES)`. PostgreSQL is in
 * the list whenever this run has one, and always in CI, where its absence
 * must fail rather than skip.
 */
export const ENGINES: Engine[] = postgresAvailable() || postgresRequired() ? ['sqlite', 'postgres'] : ['sqlite']

export interface FreshDb {
  /** A --db value. */
  db: string
  cleanup: () => Promise<void>
}

/** A new, empty database of the engine: a file in a temp dir, or a new PostgreSQL database. */
export async function freshDb(engine: Engine): Promise<FreshDb> {
  if (engine === 'postgres') {
    const db = await freshPostgresUrl()
    return {db, cleanup: () => dropPostgresDatabase(db)}
  }
  const {dir, cleanup} = tempDir('mon-db-')
  return {db: path.join(dir, 'monitor.db'), cleanup: async () => cleanup()}
}

/** Gives each test in the suite its own fresh database of the engine, dropped afterwards. */
export function useFreshDb(engine: Engine): () => FreshDb {
  return usePerTestDb('useFreshDb', () => freshDb(engine))
}

/** Each test gets the database `make` gives, cleaned up after it; the getter throws outside a test. */
export function usePerTestDb(name: string, make: () => Promise<FreshDb>): () => FreshDb {
  let fresh: FreshDb | undefined
  beforeEach(async () => {
    fresh = await make()
  })
  afterEach(async () => {
    await fresh?.cleanup()
    fresh = undefined
  })
  return () => {
    if (!fresh) throw new Error(`${name}: no database outside a test`)
    return fresh
  }
}
