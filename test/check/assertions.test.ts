import {describe, expect, it} from 'vitest'

import {evaluateAssertion, evaluateAssertions, splitPath, valueAt} from '../../src/check/assertions.js'
import type {JsonAssertion} from '../../src/config/model.js'

const body = {status: 'ok', version: '1.4.2', data: [{id: 'a'}, {id: 'b'}], count: 2, nothing: null}
const a = (x: Partial<JsonAssertion> & {path: string}): JsonAssertion => ({severity: 'error', ...x})

describe('paths', () => {
  it('reads dotted, indexed and $-rooted paths', () => {
    expect(splitPath('data[1].id')).toEqual(['data', '1', 'id'])
    expect(valueAt(body, 'data.1.id')).toBe('b')
    expect(valueAt(body, '$.data[0].id')).toBe('a')
    expect(valueAt(body, '$')).toBe(body)
    expect(typeof valueAt(body, 'data.5.id')).toBe('symbol')
    expect(typeof valueAt(body, 'status.length')).toBe('symbol')
  })
})

describe('evaluateAssertion', () => {
  it('equals compares deeply', () => {
    expect(evaluateAssertion(body, a({path: 'status', equals: 'ok'})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'data.0', equals: {id: 'a'}})).ok).toBe(true)
    const r = evaluateAssertion(body, a({path: 'status', equals: 'up'}))
    expect(r).toMatchObject({ok: false, message: 'status: expected "up", got "ok"', actual: 'ok'})
  })

  it('equals null matches a null value, not a missing one', () => {
    expect(evaluateAssertion(body, a({path: 'nothing', equals: null})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'absent', equals: null})).ok).toBe(false)
  })

  it('in accepts any listed value', () => {
    expect(evaluateAssertion(body, a({path: 'count', in: [1, 2]})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'count', in: [3]})).message).toBe('count: expected one of [3], got 2')
  })

  it('matches tests a regular expression on text or numbers', () => {
    expect(evaluateAssertion(body, a({path: 'version', matches: '^1\\.'})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'count', matches: '^2$'})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'version', matches: '^2\\.'})).ok).toBe(false)
    expect(evaluateAssertion(body, a({path: 'data', matches: 'x'})).ok).toBe(false)
    expect(evaluateAssertion(body, a({path: 'version', matches: '('})).message).toContain('not a valid regular expression')
  })

  it('exists: true needs the path, exists: false needs it absent', () => {
    expect(evaluateAssertion(body, a({path: 'nothing', exists: true})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'absent', exists: true})).message).toBe('absent: missing')
    expect(evaluateAssertion(body, a({path: 'absent', exists: false})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'status', exists: false})).ok).toBe(false)
  })

  it('min_items counts a list', () => {
    expect(evaluateAssertion(body, a({path: 'data', min_items: 2})).ok).toBe(true)
    expect(evaluateAssertion(body, a({path: 'data', min_items: 3})).message).toBe('data: expected at least 3 items, got 2')
    expect(evaluateAssertion(body, a({path: 'status', min_items: 1})).ok).toBe(false)
  })

  it('every operator in one assertion must hold', () => {
    expect(evaluateAssertion(body, a({path: 'status', equals: 'ok', matches: '^x'})).ok).toBe(false)
  })

  it('carries the severity through', () => {
    expect(evaluateAssertion(body, a({path: 'status', equals: 'x', severity: 'warn'})).severity).toBe('warn')
  })

  it('does not copy lists or maps into the results', () => {
    const [r] = evaluateAssertions(body, [a({path: 'data', min_items: 1})])
    expect(r).toEqual({path: 'data', severity: 'error', ok: true})
  })
})
