import {describe, expect, it} from 'vitest'

import {RENAMED_COLUMNS} from '../../src/store/renames.js'
import {migrate} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {freshDb} from '../support/engines.js'

/** A column that holds an entity, endpoint or registry id (or a list of them) by its name. */
const ID_COLUMN = /^(entity_id|endpoint_id|registry_id|target_id|depends_on_json|entities_json)$/

describe('renames cover every column that holds a movable id', () => {
  it('lists each such column of the migrated schema in RENAMED_COLUMNS (a new table that names a target must be added there)', async () => {
    const {db, cleanup} = await freshDb('sqlite')
    const driver = await openDriver(db)
    try {
      await migrate(driver)
      const tables = await driver.all<{name: string}>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      const holding: Record<string, string[]> = {}
      for (const {name} of tables) {
        const columns = await driver.all<{name: string}>(`SELECT name FROM pragma_table_info('${name}')`)
        const ids = columns.map((c) => c.name).filter((c) => ID_COLUMN.test(c))
        if (ids.length > 0) holding[name] = ids.sort()
      }
      // The schema has such tables at all: the check is not vacuous.
      expect(Object.keys(holding)).toEqual(expect.arrayContaining(['snapshots', 'rollups', 'alerts', 'alert_states']))
      const covered = Object.fromEntries(Object.entries(RENAMED_COLUMNS).map(([table, columns]) => [table, [...columns].sort()]))
      expect(covered).toEqual(holding)
    } finally {
      await driver.close()
      await cleanup()
    }
  })
})
