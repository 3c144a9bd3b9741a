import {describe, expect, it} from 'vitest'

import {updateSnapshots} from '../../src/store/renames.js'
import {withDriver} from '../history/seed.js'
import {ENGINES} from '../support/engines.js'
import {uuidv7} from '../../src/time.js'
import {NOW, useMovedInventory} from './fixture.js'

describe.each(ENGINES)('a target\'s snapshots rewritten in bounded statements on %s', (engine) => {
  const setUp = useMovedInventory(engine)

  it('covers every row, rows sharing an observed_at across a batch edge included, and no other target\'s', async () => {
    const {db} = await setUp()
    await withDriver(db, async (driver) => {
      // Two more rows at the time of an existing one: a range must take them together.
      const [row] = await driver.all<{observed_at: string}>("SELECT observed_at FROM snapshots WHERE endpoint_id = 'shop:health' ORDER BY observed_at LIMIT 1 OFFSET 1")
      for (const n of [1, 2]) {
        await driver.run("INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, observed_at) VALUES (?, 'shop', 'shop:health', 'ok', 'x', ?)", [`${uuidv7(Date.parse(NOW)).slice(13)}${n}`, row!.observed_at])
      }
      await updateSnapshots(driver, [['endpoint_id', 'shop:health'], ['entity_id', 'shop']], {entity_id: 'web'}, 2)
      const counts = await driver.all("SELECT endpoint_id, entity_id, CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE endpoint_id IN ('shop:health', 'shop-api') GROUP BY endpoint_id, entity_id ORDER BY endpoint_id")
      expect(counts.map((r) => [r.endpoint_id, r.entity_id, Number(r.n)])).toEqual([['shop-api', 'shop', 5], ['shop:health', 'web', 7]])
    })
  })
})
