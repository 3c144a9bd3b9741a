/**
 * The recipe for adding a managed field (ARCHITECTURE.md), proved on a copy
 * of the field table: one entry there and one migration, and plan, drift,
 * apply, export and saved plans follow, on a database an earlier release
 * wrote. It fails if fingerprints go back to hashing values in column order
 * (every row would show as drift) or if the migration does not fill the
 * column in and re-stamp (every row would show a change).
 */
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {FIELDS, withField, type FieldSpec} from '../../src/config/fields.js'
import {parseConfig} from '../../src/config/load.js'
import type {MonitorsModel} from '../../src/config/model.js'
import {planChanges} from '../../src/plan/diff.js'
import {rowStateHashes} from '../../src/plan/fingerprint.js'
import {parseSavedPlan, savedPlan} from '../../src/plan/render-json.js'
import {modelFromRows} from '../../src/plan/rows.js'
import type {Driver} from '../../src/store/driver.js'
import {readObserved, writePlan} from '../../src/store/inventory.js'
import {migrate, pendingMigrations, rollback, SHIPPED, type MigrationSource} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {loadRelease, releaseFixtures} from '../support/upgrade-fixture.js'

/** The new field: an entity's service tier, which every earlier entity was ("standard"). */
const TIER: FieldSpec = {name: 'tier', column: 'tier', type: 'text', nullable: false, from: 'file', default: 'standard', backfill: 'standard'}
const fields = withField(FIELDS, 'entities', TIER)

/** Its migration, as the recipe says to write it. */
const MIGRATION = `
export const downLoses = {loses: 'entity tiers (entities.tier)', probe: "SELECT 1 FROM entities WHERE tier <> 'standard' LIMIT 1"}
export async function up({context: db}) {
  await db.exec('ALTER TABLE entities ADD COLUMN tier TEXT')
  await db.restamp('entities', {columns: ['tier']}) // filled with the field's backfill, 'standard'
}
export async function down({context: db}) {
  await db.restamp('entities', {columns: ['tier'], fill: () => ({tier: null})})
  await db.exec('ALTER TABLE entities DROP COLUMN tier')
}
`

const fixture = releaseFixtures().find((f) => f.file === '0.1.0-example.json')!

/** The model the loader gives once the schema has the field: every entity gets the default, one is gold. */
function modelWithTiers(gold?: string): MonitorsModel {
  const {model} = parseConfig(fixture.config, 'monitors.yaml')
  for (const entity of model!.entities) (entity as unknown as Record<string, unknown>).tier = entity.id === gold ? 'gold' : 'standard'
  return model!
}

describe.each(ENGINES)('adding a managed field, on %s', (engine) => {
  let fresh: FreshDb
  let driver: Driver
  let dir: string
  let source: MigrationSource
  beforeEach(async () => {
    fresh = await freshDb(engine)
    driver = await openDriver(fresh.db)
    dir = mkdtempSync(path.join(tmpdir(), 'mon-migrations-'))
    cpSync(SHIPPED.dir, dir, {recursive: true})
    writeFileSync(path.join(dir, '0099-entity-tier.js'), MIGRATION)
    source = {dir, fields}
    await loadRelease(driver, fixture)
    await migrate(driver) // this release's own migrations first: the field comes in a later one
    await driver.run('UPDATE entities SET label = ? WHERE id = ?', ['edited by hand', 'litellm'])
  })
  afterEach(async () => {
    await driver.close()
    await fresh.cleanup()
    rmSync(dir, {recursive: true, force: true})
  })

  const plan = async () => planChanges(modelWithTiers(), await readObserved(driver, fields), {fields, pendingMigrations: await pendingMigrations(driver, source)})
  const changed = (p: Awaited<ReturnType<typeof plan>>) => p.changes.map((c) => [c.table, c.id, c.action, c.drift, Object.keys(c.fields)])

  it('plans clean before and after the migration, but for the row edited by hand', async () => {
    const before = await plan()
    expect(before.migrations.pending).toEqual(['0099-entity-tier'])
    expect(changed(before)).toEqual([['entities', 'litellm', 'update', true, ['label']]])

    expect(await migrate(driver, {source})).toEqual(['0099-entity-tier'])
    expect(await driver.all('SELECT DISTINCT tier FROM entities')).toEqual([{tier: 'standard'}])
    expect(changed(await plan())).toEqual([['entities', 'litellm', 'update', true, ['label']]])
  })

  it('a changed value is an update of that field; apply, export and a saved plan carry it', async () => {
    await migrate(driver, {source})
    const observed = await readObserved(driver, fields)
    const p = planChanges(modelWithTiers('ov:9000'), observed, {fields})
    expect(p.changes.find((c) => c.id === 'ov:9000')).toMatchObject({action: 'update', drift: false, fields: {tier: {before: 'standard', after: 'gold'}}})

    const saved = JSON.stringify(savedPlan(p, {config: 'monitors.yaml', config_sha256: 'x', git_commit: null, created_at: '2026-12-01T00:00:00.000Z'}, rowStateHashes(observed, fields)))
    const reread = parseSavedPlan(saved, 'plan.json', fields)
    expect(reread.plan.changes.find((c) => c.id === 'ov:9000')?.row).toMatchObject({tier: 'gold'})
    // The same saved plan with the field missing is refused, naming it.
    const damaged = saved.replace('"tier":"gold"', '"tier":null')
    expect(() => parseSavedPlan(damaged, 'plan.json', fields)).toThrow(/changes\[\d+\]\.row\.tier is missing/)

    await driver.transaction(() => writePlan(driver, reread.plan, '2026-12-01T00:00:01.000Z', fields))
    const after = await readObserved(driver, fields)
    expect(planChanges(modelWithTiers('ov:9000'), after, {fields}).changes).toEqual([])
    const exported = modelFromRows(after, fields).entities.find((e) => e.id === 'ov:9000') as unknown as Record<string, unknown>
    expect(exported.tier).toBe('gold')
  })

  it('rolling the migration back names what is lost; without such data, or with force, it leaves the earlier fingerprints matching', async () => {
    await migrate(driver, {source})
    const plainModel = () => parseConfig(fixture.config, 'monitors.yaml').model!
    // A gold tier is data the down step drops: refused, unless forced.
    const gold = modelWithTiers('ov:9000')
    const planned = planChanges(gold, await readObserved(driver, fields), {fields})
    const p = {...planned, changes: planned.changes.filter((c) => c.id === 'ov:9000')}
    await driver.transaction(() => writePlan(driver, p, '2026-12-01T00:00:02.000Z', fields))
    await expect(rollback(driver, {source})).rejects.toThrow(/0099-entity-tier drops entity tiers \(entities\.tier\)\. Nothing was changed; pass --force/)
    expect(await pendingMigrations(driver, source)).toEqual([])
    expect(await rollback(driver, {source, force: true})).toEqual(['0099-entity-tier'])
    // The earlier release's view: only the hand edit is drift; ov:9000, re-stamped without its tier, is clean.
    const after = planChanges(plainModel(), await readObserved(driver), {})
    expect(changed(after)).toEqual([['entities', 'litellm', 'update', true, ['label']]])
  })
})
