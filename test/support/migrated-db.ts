import {afterAll} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {type SeedEntity, seed} from '../check/seed.js'
import {copyDb} from './db-copy.js'
import {type FreshDb, freshDb, usePerTestDb} from './engines.js'

/**
 * New databases that are already migrated, for a file that makes many and
 * whose subject is not the migrations (the upgrade and migration tests run
 * those): the file migrates one database per engine once, and each new one is
 * a copy of it, the SQLite file copied, a PostgreSQL database made with
 * CREATE DATABASE ... TEMPLATE. A copy holds exactly what `migrate` leaves
 * in a new database; making one costs a file copy or about 40 ms instead of
 * running every migration (70 ms on SQLite, 300 ms on PostgreSQL).
 *
 * Call at the top of a test file or describe block; its templates are dropped after it.
 */
export function useMigratedDbs(): (engine: Engine) => Promise<FreshDb> {
  const templates = new Map<Engine, Promise<FreshDb>>()
  afterAll(async () => {
    for (const template of templates.values()) await (await template).cleanup()
    templates.clear()
  })
  const template = (engine: Engine): Promise<FreshDb> => {
    let made = templates.get(engine)
    if (!made) {
      made = (async () => {
        const fresh = await freshDb(engine)
        const driver = await openDriver(fresh.db)
        try {
          await migrate(driver)
        } finally {
          // Closed: SQLite's WAL is checkpointed into the file, and PostgreSQL copies only a database nobody is connected to.
          await driver.close()
        }
        return fresh
      })()
      templates.set(engine, made)
    }
    return made
  }
  return async (engine) => copyDb(engine, (await template(engine)).db)
}

/** As useFreshDb (test/support/engines.ts), but each test's database is a migrated copy (see useMigratedDbs). */
export function useMigratedDb(engine: Engine): () => FreshDb {
  const migrated = useMigratedDbs()
  return usePerTestDb('useMigratedDb', () => migrated(engine))
}

/**
 * withDb of test/check/hostile.ts on migrated copies: fn gets a new database of the engine with the inventory
 * seeded (test/check/seed.ts), dropped after it. Call as useMigratedDbs.
 */
export function useSeededDbs(): (engine: Engine, entities: SeedEntity[], fn: (db: string) => Promise<void>) => Promise<void> {
  const migrated = useMigratedDbs()
  return async (engine, entities, fn) => {
    const {db, cleanup} = await migrated(engine)
    try {
      await seed(db, entities)
      await fn(db)
    } finally {
      await cleanup()
    }
  }
}
