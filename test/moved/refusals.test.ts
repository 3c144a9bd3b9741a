import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {ENGINES} from '../support/engines.js'
import {mon} from '../support/cli.js'
import {withDriver} from '../history/seed.js'
import type {Driver} from '../../src/store/driver.js'
import {NOW, inventory, useMovedInventory, whereIds, writeConfig} from './fixture.js'

const STORE = `  - id: store
    type: service
    label: Store
    owner: team-b
`

/** What the database holds, to compare before and after: the file's bytes on SQLite, every row that names an id on PostgreSQL. */
async function state(engine: string, db: string): Promise<unknown> {
  if (engine === 'sqlite') return readFileSync(db).toString('base64')
  return withDriver(db, async (driver) => ({ids: await whereIds(driver), runs: await driver.all('SELECT id FROM apply_runs ORDER BY id')}))
}

/** A trigger that fails the statement: the engines spell it differently. */
async function failOnUpdate(driver: Driver, table: string): Promise<void> {
  if (driver.engine === 'sqlite') {
    await driver.exec(`CREATE TRIGGER fail_move BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    return
  }
  await driver.exec("CREATE FUNCTION fail_move() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql")
  await driver.exec(`CREATE TRIGGER fail_move BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_move()`)
}

describe.each(ENGINES)('moved: refusals on %s', (engine) => {
  const setUp = useMovedInventory(engine)
  const env = {MON_NOW: NOW}

  it('refuses a move onto an id the database already holds, at plan and at apply, and changes nothing', async () => {
    // shop and store both applied; now the file drops shop and says shop became store.
    const {dir, db} = await setUp(inventory('shop', {extra: STORE}))
    const v2 = writeConfig(dir, 'v2.yaml', inventory('store', {moved: '  - {from: shop, to: store}\n'}))
    const before = await state(engine, db)
    const message = 'moved shop → store: store already exists in the database; retire it first. Nothing was changed'
    const plan = await mon(['plan', '-c', v2, '--db', db], {env})
    expect(plan.code).toBe(1)
    expect(plan.stderr.trim()).toBe(`Error: ${message}`)
    const apply = await mon(['apply', '-c', v2, '--db', db], {env})
    expect(apply.code).toBe(1)
    expect(apply.stderr).toContain(message)
    expect(await state(engine, db)).toEqual(before)
  })

  it('rolls every rename back when a statement fails mid-apply', async () => {
    const {dir, db} = await setUp(inventory('shop'))
    // The alert states are renamed after the rows, their children and the snapshots: a failure there undoes those too.
    await withDriver(db, (driver) => failOnUpdate(driver, 'alert_states'))
    const before = await withDriver(db, whereIds)
    const v2 = writeConfig(dir, 'v2.yaml', inventory('store', {moved: '  - {from: shop, to: store}\n'}))
    const apply = await mon(['apply', '-c', v2, '--db', db], {env})
    expect(apply.code).toBe(1)
    expect(apply.stderr).toContain('injected failure')
    const after = await withDriver(db, whereIds)
    expect(JSON.stringify(after)).not.toContain('store')
    expect(after).toEqual(before)
    expect(await withDriver(db, (d) => d.all('SELECT id FROM apply_runs'))).toHaveLength(1)
  })
})
