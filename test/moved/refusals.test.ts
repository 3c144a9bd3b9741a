import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {ENGINES} from '../support/engines.js'
import {mon, tempDir} from '../support/cli.js'
import {withDriver} from '../history/seed.js'
import type {Driver} from '../../src/store/driver.js'
import {NOW, inventory, useMovedInventory, whereIds, writeConfig} from './fixture.js'

const STORE = `  - id: store
    type: service
    label: Store
    owner: team-b
`

/** The refusal's middle: what is held, and why it stays apart. */
const MERGE = (held: string) => `the database already holds ${held}, with a history of its own; a move cannot merge two histories. Nothing was changed;`

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

  /** Plans and applies `file`: both refused with `message`, the database as it was. */
  async function refused(db: string, file: string, message: string): Promise<void> {
    const before = await state(engine, db)
    const plan = await mon(['plan', '-c', file, '--db', db], {env})
    expect(plan.code).toBe(1)
    expect(plan.stderr.trim()).toBe(`Error: ${message}`)
    const apply = await mon(['apply', '-c', file, '--db', db], {env})
    expect(apply.code).toBe(1)
    expect(apply.stderr.trim()).toBe(`Error: ${message}`)
    expect(await state(engine, db)).toEqual(before)
  }

  it('refuses a move onto an id the database already holds, at plan and at apply, and changes nothing', async () => {
    // shop and store both applied; now the file drops shop and says shop became store.
    const {dir, db} = await setUp(inventory('shop', {extra: STORE}))
    const v2 = writeConfig(dir, 'v2.yaml', inventory('store', {moved: '  - {from: shop, to: store}\n'}))
    await refused(db, v2, `moved shop → store: ${MERGE('store')} move shop to another id, or remove the entry to retire shop and keep store as it is`)
  })

  it('refuses a move onto an id the database holds retired: its history stays its own, and the way past is told', async () => {
    const {dir, db} = await setUp(inventory('shop', {extra: STORE}))
    const retire = await mon(['apply', '-c', writeConfig(dir, 'v2.yaml', inventory('shop')), '--db', db], {env})
    expect(retire.stdout).toContain('1 retired')
    const v3 = writeConfig(dir, 'v3.yaml', inventory('store', {moved: '  - {from: shop, to: store}\n'}))
    await refused(db, v3, `moved shop → store: ${MERGE('store (retired)')} move shop to another id, or remove the entry to retire shop and revive store as it was`)
  })

  it('refuses an entity move whose derived child id the database holds, naming the entity move and the child', async () => {
    const other = `${STORE}    endpoints:\n      - id: store:health\n        kind: health\n        url: http://127.0.0.1:9/other\n`
    const {dir, db} = await setUp(inventory('shop', {extra: other}))
    await mon(['apply', '-c', writeConfig(dir, 'v2.yaml', inventory('shop')), '--db', db], {env})
    const v3 = writeConfig(dir, 'v3.yaml', inventory('store', {moved: '  - {from: shop, to: store}\n'}))
    const message = `moved shop → store: its endpoint shop:health would become store:health, and ${MERGE('store:health (retired)')} give that endpoint an id of its own in the file (with a moved: entry from shop:health to keep its history), or move shop to another id`
    // store is held (retired) too: the entity's own refusal comes first; here only the child's id is held.
    await withDriver(db, async (d) => {
      await d.run("UPDATE endpoints SET entity_id = 'web' WHERE id = 'store:health'")
      await d.run("DELETE FROM entities WHERE id = 'store'")
    })
    await refused(db, v3, message)
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

describe('moved: refusals with plan --base', () => {
  it('names the base, not the database, as what holds the id', async () => {
    const {dir, cleanup} = tempDir('mon-moved-base-')
    try {
      const base = writeConfig(dir, 'base.yaml', inventory('shop', {extra: STORE}))
      const head = writeConfig(dir, 'head.yaml', inventory('store', {moved: '  - {from: shop, to: store}\n'}))
      const plan = await mon(['plan', '-c', head, '--base', base], {env: {MON_NOW: NOW}})
      expect(plan.code).toBe(1)
      expect(plan.stderr.trim()).toBe('Error: moved shop → store: the base already holds store, with a history of its own; a move cannot merge two histories. Nothing was changed; move shop to another id, or remove the entry to retire shop and keep store as it is')
    } finally {
      cleanup()
    }
  })
})
