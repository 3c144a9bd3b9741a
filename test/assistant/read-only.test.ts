/** The database as mon mcp opens it (openReadOnly): it reads, and the session itself refuses every write, on both engines. */
import {describe, expect, it} from 'vitest'

import {migrate} from '../../src/store/migrator.js'
import {openReadOnly} from '../../src/store/open.js'
import {withDriver} from '../history/seed.js'
import {ENGINES, useFreshDb} from '../support/engines.js'

describe.each(ENGINES)('openReadOnly on %s', (engine) => {
  const fresh = useFreshDb(engine)
  it('reads, and refuses an insert, an update and DDL, leaving the rows as they were', async () => {
    await withDriver(fresh().db, async (driver) => {
      await migrate(driver)
      await driver.run("INSERT INTO entities (id, type, label, owner) VALUES ('a', 'service', 'A', 'ops')")
    })
    const driver = await openReadOnly(fresh().db)
    try {
      expect(await driver.all('SELECT id FROM entities')).toEqual([{id: 'a'}])
      await expect(driver.run("INSERT INTO entities (id, type, label, owner) VALUES ('b', 'service', 'B', 'ops')")).rejects.toThrow(/read-?only/i)
      await expect(driver.run("UPDATE entities SET label = 'X'")).rejects.toThrow(/read-?only/i)
      await expect(driver.exec('CREATE TABLE extra (id TEXT)')).rejects.toThrow(/read-?only/i)
    } finally {
      await driver.close()
    }
    await withDriver(fresh().db, async (driver) => expect(await driver.all('SELECT id, label FROM entities')).toEqual([{id: 'a', label: 'A'}]))
  })
})
