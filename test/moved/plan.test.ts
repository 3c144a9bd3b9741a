import {describe, expect, it} from 'vitest'

import {planChanges} from '../../src/plan/diff.js'
import {renderMarkdown} from '../../src/plan/render-markdown.js'
import {renderText} from '../../src/plan/render-text.js'
import {withMoveCounts} from '../../src/plan/moves.js'
import type {MonitorsModel} from '../../src/config/model.js'
import {appliedState, endpoint, entity, model, registry} from '../plan/fixtures.js'

const brief = (plan: ReturnType<typeof planChanges>) => plan.changes.map((c) => `${c.action} ${c.table} ${c.from ?? ''}→${c.id}`)

function shop(id: string, over: Parameters<typeof entity>[1] = {}) {
  return entity(id, {endpoints: [endpoint(id, 'health'), endpoint(id, 'api', {id: 'own-api'})], registry: [registry(id, {path: './registries/shop.json'})], ...over})
}

const withMoved = (m: MonitorsModel, moved: MonitorsModel['moved']): MonitorsModel => ({...m, moved})

describe('the planner with moved:', () => {
  const before = appliedState(model(shop('shop'), entity('web', {depends_on: ['shop']})))

  it('moves an entity and its derived children, leaves an own-id child under the new entity, and plans the dependant clean', () => {
    // The fixture's label is the id: keep the old one, so that only the ids change.
    const plan = planChanges(withMoved(model(shop('store', {label: 'shop'}), entity('web', {depends_on: ['store']})), [{from: 'shop', to: 'store'}]), before)
    expect(brief(plan)).toEqual(['move entities shop→store', 'move endpoints shop:health→store:health', 'move registry_index registry:shop→registry:store'])
    expect(plan.summary.move).toBe(3)
    expect(plan.changes.every((c) => Object.keys(c.fields).length === 0 && !c.drift)).toBe(true)
  })

  it('does not derive a child an explicit entry covers, nor one the file does not declare under the new id', () => {
    const file = model(shop('store', {endpoints: [endpoint('store', 'health', {id: 'store-ping'}), endpoint('store', 'api', {id: 'own-api'})]}), entity('web', {depends_on: ['store']}))
    const plan = planChanges(withMoved(file, [{from: 'shop', to: 'store'}, {from: 'shop:health', to: 'store-ping'}]), before)
    expect(brief(plan)).toEqual(['move entities shop→store', 'move endpoints shop:health→store-ping', 'move registry_index registry:shop→registry:store'])
  })

  it('makes a leftover entry nothing, and refuses a to the database already holds', () => {
    const after = appliedState(model(shop('store'), entity('web', {depends_on: ['store']})))
    const file = withMoved(model(shop('store'), entity('web', {depends_on: ['store']})), [{from: 'shop', to: 'store'}])
    expect(planChanges(file, after).changes).toEqual([])
    const both = appliedState(model(shop('shop'), entity('store'), entity('web', {depends_on: ['shop']})))
    expect(() => planChanges(file, both)).toThrow('moved shop → store: the database already holds store, with a history of its own; a move cannot merge two histories')
  })

  it('keeps the base of the state as observed, so a saved plan is checked against the database before the rename', () => {
    const file = withMoved(model(shop('store'), entity('web', {depends_on: ['store']})), [{from: 'shop', to: 'store'}])
    expect(planChanges(file, before).base).toBe(planChanges(model(), before).base)
  })

  it('draws a move with → , both ids, the snapshots that follow and its changed fields, in text and markdown', () => {
    const file = withMoved(model(shop('store', {label: 'Store'}), entity('web', {depends_on: ['store']})), [{from: 'shop', to: 'store'}])
    const plan = withMoveCounts(planChanges(file, before), new Map([['entities:shop', 1234], ['endpoints:shop:health', 1]]))
    const text = renderText(plan)
    expect(text).toContain('  → entity   store           moved from shop (1234 snapshots follow)\n      label: "shop" -> "Store"\n')
    expect(text).toContain('  → endpoint store:health    moved from shop:health (1 snapshot follows)\n')
    expect(text).toContain('  → registry registry:store  moved from registry:shop (0 snapshots follow)\n')
    expect(text).toContain('Plan: 0 to add, 0 to change, 3 to move, 0 to retire, 0 to revive.')
    const md = renderMarkdown(plan)
    expect(md).toContain('| → move | entity | `store` | moved from shop \\(1234 snapshots follow\\); `label` |')
    // Unknown counts (a database before its migrations) say so without a number.
    expect(renderText(withMoveCounts(plan, null))).toContain('moved from shop (its snapshots follow)')
  })
})
