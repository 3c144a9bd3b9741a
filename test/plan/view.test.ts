import {describe, expect, it} from 'vitest'

import {planChanges, withSnapshotCounts} from '../../src/plan/diff.js'
import {renderMarkdown} from '../../src/plan/render-markdown.js'
import {renderText} from '../../src/plan/render-text.js'
import type {Plan} from '../../src/plan/types.js'
import {idWidth, planView, rowLines, unmanagedLine} from '../../src/plan/view.js'
import {appliedState, endpoint, entity, model, registry} from './fixtures.js'

/** Every kind of row at once: create (entity, endpoint, registry), update, drift, retire, unmanaged. */
function mixedPlan(): Plan {
  const before = model(entity('keep'), entity('drifted'), entity('gone', {endpoints: [endpoint('gone', 'health')]}), entity('loose'))
  const observed = appliedState(before)
  observed.entities[1]!.owner = 'hand'
  const loose = observed.entities[3]!
  loose.applied_at = null
  loose.applied_hash = null
  const after = model(
    entity('keep', {label: 'Kept'}),
    entity('drifted'),
    entity('new', {owner: 'ops', endpoints: [endpoint('new', 'api')], registry: [registry('new')]}),
  )
  return withSnapshotCounts(planChanges(after, observed), new Map([['endpoints:gone:health', 3]]))
}

describe('planView', () => {
  it('holds one row per change with symbol, noun, id, target, notes and formatted field lines', () => {
    const view = planView(mixedPlan())
    const row = (id: string) => view.rows.find((r) => r.id === id)!
    expect(row('new')).toMatchObject({symbol: '+', noun: 'entity', target: null, notes: ['service, owner ops'], fields: []})
    expect(row('new:api')).toMatchObject({noun: 'endpoint', target: 'GET http://127.0.0.1:9000/api', notes: []})
    expect(row('registry:new')).toMatchObject({noun: 'registry', target: './registries/new.json', notes: ['json, authority reg']})
    expect(row('keep')).toMatchObject({symbol: '~', fields: [{name: 'label', before: '"keep"', after: '"Kept"'}], hidden: 5, drift: false})
    expect(row('drifted')).toMatchObject({drift: true, fields: [{name: 'owner', before: '"hand"', after: '"team"'}]})
    expect(row('gone:health')).toMatchObject({symbol: '-', notes: ['retire', '3 snapshots kept'], kept: 3})
    expect(view.unmanaged).toEqual([{noun: 'entity', id: 'loose'}])
    expect(view.summary).toMatch(/^Plan: 3 to add, 2 to change, 2 to retire, 0 to revive\./)
  })

  it('is what both the text and the markdown draw: the same lines, the same summary', () => {
    const plan = mixedPlan()
    const view = planView(plan)
    const text = renderText(plan)
    const md = renderMarkdown(plan)
    const textLines = text.split('\n')
    const foldLines = md.slice(md.indexOf('```diff\n') + '```diff\n'.length, md.lastIndexOf('```')).split('\n')
    const width = (drift: boolean) => idWidth(view.rows.filter((r) => r.drift === drift))
    for (const row of view.rows) {
      for (const line of rowLines(row, width(row.drift))) {
        expect(textLines).toContain(`  ${line}`)
        expect(foldLines).toContain(line)
      }
      expect(md).toContain(`| ${row.noun} | \`${row.id}\` |`)
    }
    for (const row of view.unmanaged) {
      expect(textLines).toContain(`  ${unmanagedLine(row)}`)
      expect(foldLines).toContain(unmanagedLine(row))
    }
    expect(text.trimEnd().split('\n').at(-1)).toBe(view.summary)
    expect(md).toContain(`**${view.summary}**`)
  })
})
