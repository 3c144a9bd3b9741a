import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {applyTo} from '../../src/apply/reconcile.js'
import {BUILTIN_ALERT, ENDPOINT_KINDS, ENTITY_TYPES, HTTP_METHODS, type Entity, type MonitorsModel} from '../../src/config/model.js'
import {isActiveManaged} from '../../src/plan/rows.js'
import {managedColumns} from '../../src/config/fields.js'
import {TABLES} from '../../src/config/fields.js'
import type {Driver} from '../../src/store/driver.js'
import {readObserved} from '../../src/store/inventory.js'
import {openDriver} from '../../src/store/open.js'
import {check} from './fixtures.js'

// Small pools, so that two random configs share ids and differ in fields often.
const arbEntity = (id: string): fc.Arbitrary<Entity> =>
  fc
    .record({
      type: fc.constantFrom(...ENTITY_TYPES),
      label: fc.constantFrom('one', 'two', 'three'),
      owner: fc.constantFrom('team-a', 'team-b'),
      docs_ref: fc.option(fc.constantFrom('docs/a.md', 'docs/b.md'), {nil: null}),
      notes: fc.option(fc.constantFrom('n1', 'n2'), {nil: null}),
      kinds: fc.uniqueArray(fc.constantFrom(...ENDPOINT_KINDS), {maxLength: 3}),
      url: fc.constantFrom('http://127.0.0.1:1/a', 'http://127.0.0.1:2/b'),
      method: fc.constantFrom(...HTTP_METHODS),
      timeout: fc.constantFrom(1000, 2000, 5000),
      interval: fc.constantFrom(30_000, 60_000, 300_000),
      slo: fc.option(fc.constantFrom({target: '99.5%', window: '30d'}, {target: '99.9%', window: '7d', latency_p95: '800ms'}), {nil: null}),
      registryInterval: fc.constantFrom('1m', '5m'),
      after: fc.constantFrom(1, 2, 3),
      header: fc.boolean(),
      registry: fc.option(fc.record({path: fc.constantFrom('./r/a.json', 'https://127.0.0.1/r.yaml'), format: fc.constantFrom('json' as const, 'yaml' as const), serves: fc.option(fc.constantFrom({items: 'models', model: 'id', entities: ['served_by']}, {items: 'data', model: 'name', entities: ['served_by', 'via']}), {nil: null})}), {nil: null}),
    })
    .map((r) => ({
      id,
      type: r.type,
      label: r.label,
      owner: r.owner,
      docs_ref: r.docs_ref,
      notes: r.notes,
      slo: r.kinds.length > 0 ? r.slo : null,
      endpoints: r.kinds.map((kind) => ({
        id: `${id}:${kind}`,
        entity_id: id,
        kind,
        url: r.url,
        method: r.method,
        check: check({timeout: r.timeout, interval: r.interval, headers: r.header ? {Authorization: 'Bearer ${TOKEN}'} : {}}),
        slo: kind === 'health' ? r.slo : null,
        alert: {...BUILTIN_ALERT, after: r.after},
      })),
      registry: r.registry
        ? [{id: `registry:${id}`, entity_id: id, path: r.registry.path, authority: 'reg', format: r.registry.format, interval: r.registryInterval, alert: {...BUILTIN_ALERT}, serves: r.registry.serves && {...r.registry.serves, entities: [...r.registry.serves.entities]}}]
        : [],
      depends_on: [],
    }))

const arbModel: fc.Arbitrary<MonitorsModel> = fc
  .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), {maxLength: 5})
  .chain((ids) => (ids.length === 0 ? fc.constant([] as Entity[]) : fc.tuple(...ids.map(arbEntity))))
  .map((entities) => ({version: 1 as const, notifiers: [], entities, maintenance: [], moved: []}))

const options = {provenance: {config_sha256: 'test', git_commit: null, actor: 'test'}, allowMassRetire: true}

async function activeRows(driver: Driver): Promise<Record<string, unknown[]>> {
  const observed = await readObserved(driver)
  const out: Record<string, unknown[]> = {}
  for (const table of TABLES) {
    out[table] = (observed[table] as unknown as Array<Record<string, unknown>>)
      .filter((row) => isActiveManaged(row as {applied_at: string | null; retired_at: string | null}))
      .map((row) => [row.id, ...managedColumns(table).map((c) => row[c])])
      .sort((x, y) => String((x as unknown[])[0]).localeCompare(String((y as unknown[])[0])))
  }
  return out
}

async function fresh(): Promise<Driver> {
  return openDriver(':memory:')
}

describe('apply, as a property (SQLite, in process)', () => {
  it('A then B leaves the same active rows as B on a fresh database; a second B is a no-op; nothing is deleted', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel, arbModel, async (a, b) => {
        const reused = await fresh()
        const clean = await fresh()
        try {
          await applyTo(reused, {model: a}, options)
          const idsAfterA = (await readObserved(reused)).entities.map((r) => r.id)
          await applyTo(reused, {model: b}, options)
          await applyTo(clean, {model: b}, options)
          expect(await activeRows(reused)).toEqual(await activeRows(clean))

          const again = await applyTo(reused, {model: b}, options)
          expect(again.plan.changes).toEqual([])
          expect(again.run_id).toBeNull()

          // Retire, never delete: every row A created is still there.
          const idsAfterB = new Set((await readObserved(reused)).entities.map((r) => r.id))
          for (const id of idsAfterA) expect(idsAfterB.has(id)).toBe(true)
        } finally {
          await reused.close()
          await clean.close()
        }
      }),
      {numRuns: 40},
    )
  })
})
