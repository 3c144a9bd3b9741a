import {describe, expect, it} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {migrate, migrationFiles} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {monProcess} from '../support/cli.js'
import {ENGINES, freshDb, useFreshDb} from '../support/engines.js'
import {readSchema, type SchemaInfo} from '../support/schema.js'

/** The schema one migrate alone leaves on a fresh database of the engine. */
async function referenceSchema(engine: Engine): Promise<SchemaInfo> {
  const fresh = await freshDb(engine)
  try {
    const driver = await openDriver(fresh.db)
    try {
      await migrate(driver)
      return await readSchema(driver)
    } finally {
      await driver.close()
    }
  } finally {
    await fresh.cleanup()
  }
}

describe.each(ENGINES)('concurrent mon db migrate on %s', (engine) => {
  const current = useFreshDb(engine)

  // Real processes: the lock is between processes, and in-process runs would take turns.
  it('three processes at once against one fresh database all exit 0 and apply each migration exactly once', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => monProcess(['db', 'migrate', '--db', current().db, '--json'])))
    for (const run of runs) {
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
    }
    const applied = runs.flatMap((run) => JSON.parse(run.stdout).applied as string[]).sort()
    // Each migration ran in exactly one of the three processes.
    expect(applied).toEqual(migrationFiles().map((m) => m.name))
    for (const run of runs) expect(JSON.parse(run.stdout).pending).toEqual([])
    const driver = await openDriver(current().db)
    try {
      // Every migration is logged (the name is the log's primary key, so a second row for one could never be there),
      // and the schema is exactly what one run alone makes: no up ran twice, half, or not at all.
      expect((await driver.all<{name: string}>('SELECT name FROM mon_migrations ORDER BY name')).map((r) => r.name)).toEqual(migrationFiles().map((m) => m.name))
      expect(await readSchema(driver)).toEqual(await referenceSchema(engine))
    } finally {
      await driver.close()
    }
  }, 120_000)
})
