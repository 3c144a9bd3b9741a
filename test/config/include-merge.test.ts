import {describe, expect, it} from 'vitest'

import {mergeDocuments, patternProblem} from '../../src/config/includes.js'

describe('the merge of a tree and its source map (pure)', () => {
  const main = {version: 1, entities: [{id: 'm0'}, {id: 'm1'}], include: ['x']}
  const merged = mergeDocuments(main, [{entities: [{id: 'a0'}], notifiers: [{id: 'n'}]}, undefined, {entities: [{id: 'c0'}, {id: 'c1'}]}])

  it('appends each file\'s lists in load order, skipping a file that could not be read', () => {
    expect((merged.data.entities as Array<{id: string}>).map((e) => e.id)).toEqual(['m0', 'm1', 'a0', 'c0', 'c1'])
    expect(merged.data.notifiers).toEqual([{id: 'n'}])
    expect(merged.data.maintenance).toBeUndefined()
    expect(merged.data.include).toEqual(['x'])
  })

  it('maps a merged path back to its file and its own path there', () => {
    expect(merged.locate(['entities', 1, 'url'])).toEqual({file: 0, path: ['entities', 1, 'url']})
    expect(merged.locate(['entities', 2, 'endpoints', 0])).toEqual({file: 1, path: ['entities', 0, 'endpoints', 0]})
    expect(merged.locate(['entities', 4, 'id'])).toEqual({file: 3, path: ['entities', 1, 'id']})
    expect(merged.locate(['notifiers', 0, 'url'])).toEqual({file: 1, path: ['notifiers', 0, 'url']})
    expect(merged.locate(['include', 0])).toEqual({file: 0, path: ['include', 0]})
    expect(merged.locate(['entities'])).toEqual({file: 0, path: ['entities']})
    expect([0, 1, 2, 3, 4].map((i) => merged.fileOf('entities', i))).toEqual([0, 0, 1, 3, 3])
  })

  it('leaves the main file\'s own wrong value for the schema to report', () => {
    const wrong = mergeDocuments({version: 1, entities: 'none'}, [{entities: [{id: 'a'}]}])
    expect(wrong.data.entities).toBe('none')
    expect(wrong.locate(['entities'])).toEqual({file: 0, path: ['entities']})
  })

  it('refuses absolute patterns and ".." segments, and nothing else', () => {
    for (const bad of ['/etc/x.yaml', 'C:\\x.yaml', '../x.yaml', 'a/../x.yaml', 'a/{b,..}/x.yaml', '..']) expect(patternProblem(bad), bad).toBeDefined()
    for (const good of ['monitors.d/*.yaml', 'a..b.yaml', '**/x.yaml', './teams/web.yaml', '.hidden/*.yaml']) expect(patternProblem(good), good).toBeUndefined()
  })
})
