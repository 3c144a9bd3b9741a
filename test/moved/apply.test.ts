import {describe, expect, it} from 'vitest'

import {ENGINES} from '../support/engines.js'
import {mon} from '../support/cli.js'
import {withDriver} from '../history/seed.js'
import {NOW, inventory, useMovedInventory, whereIds, writeConfig} from './fixture.js'

const MOVED = '  - {from: shop, to: store}\n'

describe.each(ENGINES)('moved: on %s', (engine) => {
  const setUp = useMovedInventory(engine)
  const env = {MON_NOW: NOW}

  it('renames an entity with its derived children: history, alerts, windows and dependants follow, and the leftover entry is a no-op', async () => {
    const {dir, db} = await setUp()
    const before = await withDriver(db, whereIds)
    const v2 = writeConfig(dir, 'v2.yaml', inventory('store', {label: 'Store', moved: MOVED}))

    const json = await mon(['plan', '-c', v2, '--db', db, '--json'], {env})
    expect(json.code, json.stderr).toBe(0)
    const plan = JSON.parse(json.stdout)
    expect(plan.summary).toEqual({create: 0, update: 0, move: 3, retire: 0, revive: 0})
    const moves = plan.changes.map((c: Record<string, unknown>) => [c.action, c.table, c.from, c.to, c.id, c.snapshots])
    expect(moves).toEqual([
      ['move', 'entities', 'shop', 'store', 'store', 15],
      ['move', 'endpoints', 'shop:health', 'store:health', 'store:health', 5],
      ['move', 'registry_index', 'registry:shop', 'registry:store', 'registry:store', 5],
    ])
    // A move and an update in one change: the label changed too.
    expect(plan.changes[0].fields).toEqual({label: {before: 'Shop', after: 'Store'}})

    const text = await mon(['plan', '-c', v2, '--db', db], {env})
    expect(text.stdout).toMatch(/^ {2}→ entity {3}store +moved from shop \(15 snapshots follow\)$/m)
    expect(text.stdout).toMatch(/^ {2}→ endpoint store:health +moved from shop:health \(5 snapshots follow\)$/m)
    expect(text.stdout).toMatch(/^ {2}→ registry registry:store +moved from registry:shop \(5 snapshots follow\)$/m)
    expect(text.stdout).toContain('label: "Shop" -> "Store"')
    expect(text.stdout).toContain('Plan: 0 to add, 0 to change, 3 to move, 0 to retire, 0 to revive.')

    const applied = await mon(['apply', '-c', v2, '--db', db], {env})
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('Apply complete: 0 added, 0 changed, 3 moved, 0 retired, 0 revived')

    const after = await withDriver(db, whereIds)
    const rename = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll('registry:shop', 'registry:store').replaceAll('shop:health', 'store:health').replaceAll('"shop"', '"store"').replaceAll('\\"shop\\"', '\\"store\\"').replaceAll('Shop', 'Store'))
    // Every row followed, counts equal: the state after is the state before with the ids renamed.
    const sorted = (x: Record<string, unknown>) => JSON.parse(JSON.stringify(x, (_k, v) => (Array.isArray(v) ? [...v].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : v)))
    expect(sorted(after)).toEqual(sorted(rename(before)))
    expect(JSON.stringify(after)).not.toMatch(/"shop"|shop:health|registry:shop/)

    // Clean afterwards (fingerprints re-stamped), and the leftover moved: entry is nothing.
    const again = await mon(['plan', '-c', v2, '--db', db, '--detailed-exitcode'], {env})
    expect(again.code, again.stdout).toBe(0)
    expect(again.stdout).toContain('No changes.')
    const status = await mon(['status', '--db', db, '--json'], {env})
    expect(status.stdout).toContain('store:health')
  })

  it('moves an endpoint alone', async () => {
    const {dir, db} = await setUp()
    const file = writeConfig(dir, 'v3.yaml', `${inventory('shop').replace('      - id: shop-api', '      - id: shop-http')}moved:\n  - {from: shop-api, to: shop-http}\n`)
    const applied = await mon(['apply', '-c', file, '--db', db, '--json'], {env})
    expect(applied.code, applied.stderr).toBe(0)
    const changes = JSON.parse(applied.stdout).changes
    expect(changes.map((c: Record<string, unknown>) => [c.action, c.from, c.id, c.snapshots, c.entity_id])).toEqual([['move', 'shop-api', 'shop-http', 5, 'shop']])
    const rows = await withDriver(db, (d) => d.all("SELECT endpoint_id, CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE endpoint_id IN ('shop-api', 'shop-http') GROUP BY endpoint_id"))
    expect(rows.map((r) => [r.endpoint_id, Number(r.n)])).toEqual([['shop-http', 5]])
    const rollups = await withDriver(db, (d) => d.all("SELECT DISTINCT target_id FROM rollups WHERE target_id IN ('shop-api', 'shop-http')"))
    expect(rollups).toEqual([{target_id: 'shop-http'}])
    expect((await mon(['plan', '-c', file, '--db', db, '--detailed-exitcode'], {env})).code).toBe(0)
  })

  it('moves an endpoint to a new entity: its history goes with it to that entity', async () => {
    const {dir, db} = await setUp()
    const payments = `  - id: payments
    type: service
    label: Payments
    owner: team-b
    endpoints:
      - id: payments-api
        kind: api
        url: http://127.0.0.1:9/api
`
    const text = inventory('shop', {extra: payments}).replace(/      - id: shop-api\n        kind: api\n        url: http:\/\/127.0.0.1:9\/api\n/, '')
    const file = writeConfig(dir, 'v2.yaml', `${text}moved:\n  - {from: shop-api, to: payments-api}\n`)
    const applied = await mon(['apply', '-c', file, '--db', db, '--json'], {env})
    expect(applied.code, applied.stderr).toBe(0)
    const changes = JSON.parse(applied.stdout).changes
    expect(changes.map((c: Record<string, unknown>) => [c.action, c.table, c.from ?? null, c.id])).toEqual([
      ['create', 'entities', null, 'payments'],
      ['move', 'endpoints', 'shop-api', 'payments-api'],
    ])
    expect(changes[1].fields).toEqual({entity_id: {before: 'shop', after: 'payments'}})
    const history = await withDriver(db, async (d) => ({
      snapshots: await d.all("SELECT entity_id, CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE endpoint_id = 'payments-api' GROUP BY entity_id"),
      rollups: await d.all("SELECT DISTINCT entity_id FROM rollups WHERE target_id = 'payments-api'"),
    }))
    expect(history.snapshots.map((r) => [r.entity_id, Number(r.n)])).toEqual([['payments', 5]])
    expect(history.rollups).toEqual([{entity_id: 'payments'}])
    expect((await mon(['plan', '-c', file, '--db', db, '--detailed-exitcode'], {env})).code).toBe(0)
  })

  it('shows a move of a retired row as reviving it, in text, JSON and a saved plan, and leaves the rows active', async () => {
    const keep = '  - id: keep\n    type: service\n    label: Keep\n    owner: team-a\n'
    const {dir, db} = await setUp(inventory('shop', {extra: keep}))
    const retire = await mon(['apply', '-c', writeConfig(dir, 'v2.yaml', `version: 1\nentities:\n${keep}`), '--db', db, '--allow-mass-retire'], {env})
    expect(retire.code, retire.stderr).toBe(0)
    const v3 = writeConfig(dir, 'v3.yaml', inventory('store', {moved: MOVED, extra: keep}))
    const text = await mon(['plan', '-c', v3, '--db', db], {env})
    expect(text.stdout).toMatch(/^ {2}→ entity {3}store +moved from shop \(15 snapshots follow; revives a retired row\)$/m)
    expect(text.stdout).toMatch(/^ {2}→ endpoint store:health +moved from shop:health \(5 snapshots follow; revives a retired row\)$/m)
    const out = `${dir}/plan.json`
    const json = await mon(['plan', '-c', v3, '--db', db, '--json', '--out', out], {env})
    const moves = JSON.parse(json.stdout).changes.filter((c: Record<string, unknown>) => c.action === 'move')
    expect(moves.map((c: Record<string, unknown>) => [c.id, c.revive])).toEqual([['store', true], ['store:health', true], ['registry:store', true]])
    const applied = await mon(['apply', out, '--db', db], {env})
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('moved from shop (15 snapshots follow; revives a retired row)')
    const active = await withDriver(db, async (d) => [
      ...(await d.all("SELECT id, retired_at FROM entities WHERE id = 'store'")),
      ...(await d.all("SELECT id, retired_at FROM endpoints WHERE entity_id = 'store' ORDER BY id")),
    ])
    expect(active).toEqual([{id: 'store', retired_at: null}, {id: 'shop-api', retired_at: null}, {id: 'store:health', retired_at: null}])
    // An active row's move says nothing of reviving.
    const moveBack = writeConfig(dir, 'v4.yaml', inventory('shop', {moved: '  - {from: store, to: shop}\n', extra: keep}))
    const back = JSON.parse((await mon(['plan', '-c', moveBack, '--db', db, '--json'], {env})).stdout).changes
    expect(back.filter((c: Record<string, unknown>) => c.action === 'move').map((c: Record<string, unknown>) => c.revive)).toEqual([false, false, false])
  })

  it('carries moves in a saved plan and applies them from it', async () => {
    const {dir, db} = await setUp()
    const v2 = writeConfig(dir, 'v2.yaml', inventory('store', {moved: MOVED}))
    const out = `${dir}/plan.json`
    const planned = await mon(['plan', '-c', v2, '--db', db, '--out', out], {env})
    expect(planned.code, planned.stderr).toBe(0)
    const applied = await mon(['apply', out, '--db', db], {env})
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('→ entity')
    const ids = await withDriver(db, (d) => d.all('SELECT id FROM entities ORDER BY id'))
    expect(ids).toEqual([{id: 'store'}, {id: 'web'}])
    expect((await mon(['plan', '-c', v2, '--db', db, '--detailed-exitcode'], {env})).code).toBe(0)
    // Applied once, the same saved plan is stale: the database moved on, and nothing is renamed twice.
    const again = await mon(['apply', out, '--db', db], {env})
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('the saved plan is stale')
  })
})
