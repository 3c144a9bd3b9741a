import {describe, expect, it} from 'vitest'

import {cutDepth, quoteJson} from '../../src/check/json-depth.js'
import {yamlDepthBound} from '../../src/check/nesting.js'

describe('yamlDepthBound', () => {
  it('never undercounts flow or block nesting, compact "- " included', () => {
    expect(yamlDepthBound('[[[x]]]')).toBe(3)
    expect(yamlDepthBound('{a: [1, {b: 2}]}')).toBe(3)
    expect(yamlDepthBound('a:\n  b:\n    c: 1\n')).toBeGreaterThanOrEqual(3)
    expect(yamlDepthBound('- - - x\n')).toBeGreaterThanOrEqual(3)
    expect(yamlDepthBound('- '.repeat(500))).toBeGreaterThan(128)
  })

  it('stays small for an ordinary registry', () => {
    expect(yamlDepthBound('models:\n  - id: a\n    tags: [x, {y: [1, 2]}]\n  - id: b\n')).toBeLessThan(10)
  })
})

describe('cutDepth', () => {
  it('returns the value itself when nothing is deeper than the limit', () => {
    const value = {a: [1, {b: 2}]}
    expect(cutDepth(value, 3)).toBe(value)
  })

  it('cuts below the limit with a marker, copying only the path to the cut, and keeps a "__proto__" key a plain key', () => {
    const value = JSON.parse('{"__proto__": [[["deep"]]], "keep": {"x": 1}}')
    const cut = cutDepth(value, 3) as Record<string, unknown>
    expect(JSON.stringify(cut)).toBe('{"__proto__":[["[cut: nested deeper than 3 levels]"]],"keep":{"x":1}}')
    expect(cut.keep).toBe(value.keep)
    expect(Object.getPrototypeOf(cut)).toBe(Object.prototype)
  })

  it('quotes a value 100,000 levels deep without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))
    expect(quoteJson(deep, 2)).toBe('[["[cut: nested deeper than 2 levels]"]]')
  })
})
