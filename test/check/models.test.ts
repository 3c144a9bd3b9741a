/** The `kind: models` rule on plain data: the kept ids, `check.models.expect`, `check.models.changed` (SPEC section 8). */
import {describe, expect, it} from 'vitest'

import {judgeHttp, type JudgeOptions} from '../../src/check/judge.js'
import {changedModels, MODEL_IDS_MAX, someNames} from '../../src/check/model-ids.js'
import type {EndpointTarget, HttpProbe} from '../../src/check/types.js'
import {BUILTIN_CHECK, type ModelsSettings} from '../../src/config/model.js'

const LIMITS = {maxPayload: 16_384, maxBody: 1_048_576}

function judged(ids: readonly string[], models?: ModelsSettings, options: Partial<JudgeOptions> = {}, status = 200) {
  const target: EndpointTarget = {
    table: 'endpoints', id: 'm', entity_id: 'e', kind: 'models', url: 'http://127.0.0.1:1/v1/models', method: 'GET',
    check: {...BUILTIN_CHECK, ...(models ? {models} : {})},
  }
  const body = Buffer.from(JSON.stringify({object: 'list', data: ids.map((id) => ({id, object: 'model'}))}))
  const probe: HttpProbe = {
    response: {status, status_text: status === 200 ? 'OK' : 'Not Found', headers: {'content-type': 'application/json'}, body, truncated: false},
    latency_ms: 7, attempts: 1, observed_at: '2026-12-01T10:00:00.000Z',
  }
  return judgeHttp(target, probe, {...LIMITS, ...options})
}

describe('kind models: the kept list', () => {
  it('keeps the ids sorted and unique in payload.models on ok, warn and error alike', () => {
    // Counted by id: b listed twice is one model.
    expect(judged(['b', 'a', 'b'])).toMatchObject({status: 'ok', detail: '200 OK in 7 ms, 2 models', payload: {models: ['a', 'b']}})
    expect(judged(['b'], {expect: ['c']})).toMatchObject({status: 'error', payload: {models: ['b']}})
    expect(judged([])).toMatchObject({status: 'warn', detail: 'model list is empty (200 OK in 7 ms)', payload: {models: []}})
    expect(judged(['a']).payload).not.toHaveProperty('models_cut')
  })

  it('counts models by id, names items with no id apart, and warns when no item has one', () => {
    const target: EndpointTarget = {table: 'endpoints', id: 'm', entity_id: 'e', kind: 'models', url: 'http://127.0.0.1:1/v1/models', method: 'GET', check: BUILTIN_CHECK}
    const answer = (data: unknown[]): HttpProbe => ({
      response: {status: 200, status_text: 'OK', headers: {'content-type': 'application/json'}, body: Buffer.from(JSON.stringify({data})), truncated: false},
      latency_ms: 7, attempts: 1, observed_at: '2026-12-01T10:00:00.000Z',
    })
    expect(judgeHttp(target, answer([{id: 'a'}, {id: 7}, {name: 'b'}, null]), LIMITS)).toMatchObject({status: 'ok', detail: '200 OK in 7 ms, 1 model (and 3 items with no id)'})
    expect(judgeHttp(target, answer([{name: 'b'}, {id: ''}]), LIMITS)).toMatchObject({status: 'warn', detail: 'no model ids in a list of 2 items (200 OK in 7 ms)'})
  })

  it('keeps no list where none was read', () => {
    const notFound = judged(['a'], {expect: ['a']}, {}, 404)
    expect(notFound).toMatchObject({status: 'error', detail: 'expected 2xx, got 404'})
    expect(notFound.payload).not.toHaveProperty('models')
  })

  it('cuts a list past MODEL_IDS_MAX to its first ids in sort order, and says so', () => {
    const ids = Array.from({length: MODEL_IDS_MAX + 1}, (_, i) => `m${String(i).padStart(5, '0')}`).reverse()
    const {payload} = judged(ids)
    expect(payload.models).toHaveLength(MODEL_IDS_MAX)
    expect((payload.models as string[]).at(-1)).toBe('m04999')
    expect(payload.models_cut).toBe(true)
  })
})

describe('check.models.expect', () => {
  it('one missing model, several, and a long list cut with "and N more"', () => {
    expect(judged(['a'], {expect: ['a', 'qwen3-8b']}).detail).toBe('model missing: qwen3-8b (200 OK in 7 ms)')
    expect(judged(['a'], {expect: ['b', 'c']}).detail).toBe('models missing: b, c (200 OK in 7 ms)')
    const many = Array.from({length: 40}, (_, i) => `model-${i}`)
    const j = judged([], {expect: many})
    expect(j.detail).toMatch(/^models missing: model-0, model-1, .* and \d+ more; model list is empty \(200 OK in 7 ms\)$/)
    expect(j.detail.length).toBeLessThanOrEqual(200)
  })

  it('looks in every id listed, also past the cut', () => {
    const ids = Array.from({length: MODEL_IDS_MAX + 10}, (_, i) => `m${String(i).padStart(5, '0')}`)
    expect(judged(ids, {expect: ['m05005']}).status).toBe('ok')
  })
})

describe('check.models.changed', () => {
  const earlier = (models: string[], cut = false) => ({earlier: {models, ...(cut ? {models_cut: true} : {})}})

  it('warns naming what was added and removed; the same list is ok', () => {
    expect(judged(['a', 'c', 'd'], undefined, earlier(['a', 'b']))).toMatchObject({status: 'warn', detail: 'models changed: added c, d; removed b (200 OK in 7 ms)'})
    expect(judged(['a', 'b'], undefined, earlier(['a']))).toMatchObject({status: 'warn', detail: 'models changed: added b (200 OK in 7 ms)'})
    expect(judged(['a'], undefined, earlier(['a', 'b'])).detail).toBe('models changed: removed b (200 OK in 7 ms)')
    expect(judged(['b', 'a'], undefined, earlier(['a', 'b']))).toMatchObject({status: 'ok', detail: '200 OK in 7 ms, 2 models'})
  })

  it('no earlier list (a new target, or a payload from a release that kept none) is ok', () => {
    expect(judged(['a']).status).toBe('ok')
    expect(judged(['a'], undefined, {earlier: {http_status: 200, body: {data: [{id: 'z'}]}}}).status).toBe('ok')
  })

  it('ignore never warns; an error still names a change after its own problem', () => {
    expect(judged(['x'], {changed: 'ignore'}, earlier(['a'])).status).toBe('ok')
    expect(judged(['x'], {expect: ['a']}, earlier(['a'])).detail).toBe('model missing: a; models changed: added x; removed a (200 OK in 7 ms)')
  })

  it('bounds the names it lists', () => {
    const before = Array.from({length: 200}, (_, i) => `old-model-${i}`)
    const after = Array.from({length: 200}, (_, i) => `new-model-${i}`)
    const j = judged(after, undefined, earlier(before))
    expect(j.detail).toMatch(/^models changed: added new-model-0, .* and \d+ more; removed old-model-0, .* and \d+ more \(200 OK in 7 ms\)$/)
    expect(j.detail.length).toBeLessThanOrEqual(200)
  })

  it('a cut list is compared only up to the last id both lists kept', () => {
    // Earlier cut after "c": "d" and "e" may have been there.
    expect(changedModels({ids: ['a', 'b', 'c'], cut: true}, {ids: ['a', 'b', 'c', 'd', 'e'], cut: false})).toBeUndefined()
    expect(changedModels({ids: ['a', 'b', 'c'], cut: true}, {ids: ['a', 'c', 'd'], cut: false})).toBe('models changed: removed b')
    // Now cut after "b": "c" is past it, not removed; "a0" is within it, added.
    expect(changedModels({ids: ['a', 'b', 'c'], cut: false}, {ids: ['a', 'a0', 'b'], cut: true})).toBe('models changed: added a0')
  })
})

describe('someNames', () => {
  it('lists names while they fit, always the first, then how many more', () => {
    expect(someNames(['a', 'b'])).toBe('a, b')
    expect(someNames(['x'.repeat(100), 'b'])).toBe(`${'x'.repeat(100)} and 1 more`)
    expect(someNames(['aaaa', 'bbbb', 'cccc'], 10)).toBe('aaaa, bbbb and 1 more')
  })
})
