/** The plan of one file against another: the base as if applied, the header, the JSON. */
import {describe, expect, it} from 'vitest'

import {AS_IF_APPLIED_AT, basePlanJson, comparingLine, observedFromModel, planAgainstBase} from '../../src/plan/base-plan.js'
import {planChanges} from '../../src/plan/diff.js'
import {renderMarkdown} from '../../src/plan/render-markdown.js'
import {renderText} from '../../src/plan/render-text.js'
import {appliedState, endpoint, entity, model, registry} from './fixtures.js'

const base = () => model(entity('a', {endpoints: [endpoint('a', 'health')], registry: [registry('a')]}), entity('b'))

describe('observedFromModel', () => {
  it('is what an apply of the model leaves: the model planned against it changes nothing, with no drift', () => {
    const observed = observedFromModel(base())
    const plan = planChanges(base(), observed)
    expect(plan.changes).toEqual([])
    expect(plan.unmanaged).toEqual([])
    // The same managed rows and fingerprints as the rows apply writes.
    expect(observed).toEqual(appliedState(base(), AS_IF_APPLIED_AT))
  })

  it('is empty for a base that does not exist', () => {
    const plan = planAgainstBase(base(), null)
    expect(plan.summary).toEqual({create: 4, update: 0, move: 0, retire: 0, revive: 0})
    expect(plan.migrations.pending).toEqual([])
  })
})

describe('planAgainstBase', () => {
  const next = () => model(entity('a', {label: 'A', endpoints: [endpoint('a', 'health')]}), entity('c'))

  it('creates, updates and retires, with field-level changes', () => {
    const plan = planAgainstBase(next(), base())
    expect(plan.changes.map((c) => `${c.action} ${c.table} ${c.id}`)).toEqual(['create entities c', 'update entities a', 'retire entities b', 'retire registry_index registry:a'])
    expect(plan.changes[1]!.fields).toEqual({label: {before: 'a', after: 'A'}})
    expect(plan.changes.some((c) => c.drift || c.adopt)).toBe(false)
  })

  it('is drawn with the header first and no migrations clause, in text and markdown', () => {
    const comparing = comparingLine('monitors.yaml', {file: 'base.yaml'})
    const text = renderText(planAgainstBase(next(), base()), undefined, {comparing})
    expect(text.startsWith('Comparing monitors.yaml with base.yaml.\n\n  + entity')).toBe(true)
    expect(text.endsWith('\nPlan: 1 to add, 1 to change, 2 to retire, 0 to revive.\n')).toBe(true)
    const markdown = renderMarkdown(planAgainstBase(base(), base()), undefined, {comparing})
    expect(markdown).toBe('### mon plan\n\nComparing monitors.yaml with base.yaml.\n\n**Plan: 0 to add, 0 to change, 0 to retire, 0 to revive.**\n\nNo changes. The file matches the base.\n\n')
    // Against a database the plan reads as before.
    expect(renderText(planAgainstBase(base(), base()))).toBe('No changes. The database matches the file.\nPlan: 0 to add, 0 to change, 0 to retire, 0 to revive. Pending migrations: none.\n')
  })
})

describe('comparingLine and basePlanJson', () => {
  const rev = {rev: 'origin/main', commit: '3f2a9c1'.padEnd(40, '0'), describe: 'origin/main (3f2a9c1)', absent: false}

  it('names the file, or the revision and its commit, and says when the file did not exist there', () => {
    expect(comparingLine('monitors.yaml', rev)).toBe('Comparing monitors.yaml with the file at origin/main (3f2a9c1).')
    expect(comparingLine('config/monitors.yaml', {...rev, absent: true})).toBe(
      'Comparing config/monitors.yaml with origin/main (3f2a9c1) (config/monitors.yaml did not exist at origin/main, so everything is created).',
    )
    expect(comparingLine('-', {file: 'base.yaml'})).toBe('Comparing standard input with base.yaml.')
    expect(comparingLine('monitors.yaml', {file: '-'})).toBe('Comparing monitors.yaml with standard input.')
  })

  it('puts the base in JSON where a database plan has its fingerprint', () => {
    const plan = planAgainstBase(base(), base())
    expect(basePlanJson(plan, rev).compared_with).toEqual({rev: 'origin/main', commit: rev.commit})
    expect(basePlanJson(plan, {file: 'base.yaml'}).compared_with).toEqual({file: 'base.yaml'})
    expect(Object.keys(basePlanJson(plan, rev))).toEqual(['format_version', 'changes', 'summary', 'drift', 'unmanaged', 'migrations', 'mass_retire', 'base', 'compared_with'])
  })
})
