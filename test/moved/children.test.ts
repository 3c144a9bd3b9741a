import {describe, expect, it} from 'vitest'

import {ENGINES} from '../support/engines.js'
import {mon} from '../support/cli.js'
import {withDriver} from '../history/seed.js'
import {NOW, inventory, useMovedInventory, writeConfig} from './fixture.js'

/** The shop inventory with an own-id endpoint and an own-id registry entry more. */
function withOwnIds(id: string, options: {moved?: string} = {}): string {
  return inventory(id, options)
    .replace('    registry:\n', '      - id: shop-admin\n        kind: api\n        url: http://127.0.0.1:9/admin\n    registry:\n      - id: shop-reg\n        path: registry.json\n        authority: team-a\n')
}

describe.each(ENGINES)('moved: an entity whose own-id children the same plan writes, on %s', (engine) => {
  const setUp = useMovedInventory(engine)
  const env = {MON_NOW: NOW}

  it('points every child at the new entity before the old row goes, and the plan’s writes land on it', async () => {
    const {dir, db} = await setUp(withOwnIds('shop'))
    // A drifted own-id child: changed by hand, the file says otherwise.
    await withDriver(db, (d) => d.run("UPDATE endpoints SET url = 'http://127.0.0.1:9/by-hand' WHERE id = 'shop-admin'"))
    const v2 = withOwnIds('store', {moved: '  - {from: shop, to: store}\n'})
      // An own-id endpoint that changes, an own-id registry entry that changes, a child created in the same plan.
      .replace('url: http://127.0.0.1:9/api\n', 'url: http://127.0.0.1:9/api2\n      - id: shop-new\n        kind: api\n        url: http://127.0.0.1:9/new\n')
      .replace('authority: team-a\n      - path', 'authority: team-b\n      - path')
    const file = writeConfig(dir, 'v2.yaml', v2)

    const planned = await mon(['plan', '-c', file, '--db', db, '--json'], {env})
    expect(planned.code, planned.stderr).toBe(0)
    const changes = JSON.parse(planned.stdout).changes as Array<Record<string, unknown>>
    const by = (id: string) => changes.find((c) => c.id === id)
    expect(by('shop-api')).toMatchObject({action: 'update', fields: {url: {before: 'http://127.0.0.1:9/api', after: 'http://127.0.0.1:9/api2'}}})
    expect(by('shop-admin')).toMatchObject({action: 'update', drift: true})
    expect(by('shop-reg')).toMatchObject({action: 'update', fields: {authority: {before: 'team-a', after: 'team-b'}}})
    expect(by('shop-new')).toMatchObject({action: 'create'})
    expect(by('store')).toMatchObject({action: 'move', from: 'shop'})

    const applied = await mon(['apply', '-c', file, '--db', db], {env})
    expect(applied.code, applied.stderr).toBe(0)
    const rows = await withDriver(db, async (d) => ({
      entities: await d.all('SELECT id FROM entities ORDER BY id'),
      endpoints: await d.all("SELECT id, entity_id, url FROM endpoints WHERE id <> 'web:health' ORDER BY id"),
      registry: await d.all('SELECT id, entity_id, authority FROM registry_index ORDER BY id'),
      history: await d.all("SELECT entity_id, CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE endpoint_id = 'shop-api' GROUP BY entity_id"),
    }))
    expect(rows.entities).toEqual([{id: 'store'}, {id: 'web'}])
    expect(rows.endpoints).toEqual([
      {id: 'shop-admin', entity_id: 'store', url: 'http://127.0.0.1:9/admin'},
      {id: 'shop-api', entity_id: 'store', url: 'http://127.0.0.1:9/api2'},
      {id: 'shop-new', entity_id: 'store', url: 'http://127.0.0.1:9/new'},
      {id: 'store:health', entity_id: 'store', url: 'http://127.0.0.1:9/health'},
    ])
    expect(rows.registry).toEqual([
      {id: 'registry:store', entity_id: 'store', authority: 'team-a'},
      {id: 'shop-reg', entity_id: 'store', authority: 'team-b'},
    ])
    expect(rows.history.map((r) => [r.entity_id, Number(r.n)])).toEqual([['store', 5]])
    const again = await mon(['plan', '-c', file, '--db', db, '--detailed-exitcode'], {env})
    expect(again.code, again.stdout).toBe(0)
  })
})
