import {describe, expect, it} from 'vitest'

import {migrationFiles} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {mon} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'

describe.each(ENGINES)('concurrent mon db migrate on %s', (engine) => {
  const current = useFreshDb(engine)

  it('three runs at once against one fresh database all exit 0 and apply each migration exactly once', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => mon(['db', 'migrate', '--db', current().db, '--json'])))
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
      const log = await driver.all<{name: string; n: number}>('SELECT name, CAST(count(*) AS INTEGER) AS n FROM mon_migrations GROUP BY name ORDER BY name')
      expect(log.map((r) => r.n)).toEqual(migrationFiles().map(() => 1))
    } finally {
      await driver.close()
    }
  }, 120_000)
})
