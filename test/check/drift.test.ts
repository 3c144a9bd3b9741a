/** What `serves:` declares, read from JSON and in the YAML worker, and the drift judgement: plain data (SPEC section 8). */
import {describe, expect, it} from 'vitest'

import {declaredByEntity, driftDetail, entityList, judgeDrift} from '../../src/check/drift.js'
import {judgeRegistry} from '../../src/check/judge.js'
import {summariseRegistry} from '../../src/check/registry-probe.js'
import {runChecks, type RunOptions} from '../../src/check/run.js'
import type {EndpointTarget, RegistryTarget} from '../../src/check/types.js'
import {BUILTIN_CHECK} from '../../src/config/model.js'
import type {SnapshotRow} from '../../src/rows.js'
import {DECLARED_MAX, declaredPairs} from '../../src/check/serves.js'

const SERVES = {items: 'models', model: 'id', entities: ['served_by', 'via']}
const target: RegistryTarget = {table: 'registry_index', id: 'r', entity_id: 'reg', path: 'r.json', authority: 'a', format: 'json', interval: '1m', serves: SERVES}
const time = {leftMs: 30_000, timeoutMs: 30_000}
const read = (value: unknown, format: 'json' | 'yaml', serves = SERVES) =>
  summariseRegistry(Buffer.from(format === 'json' ? JSON.stringify(value) : toYaml(value)), format, time, serves)
/** Flow-style YAML is JSON: the worker parses it as YAML all the same. */
const toYaml = (value: unknown) => `# a registry\n${JSON.stringify(value)}\n`

describe('declaredPairs', () => {
  it('reads dotted paths, indexes arrays by number, and names nothing where a path leads nowhere or to no string', () => {
    const doc = {
      data: {
        models: [
          {id: 'b', where: {backend: 'mlx'}, via: ['litellm']},
          {id: 'a', where: {backend: 'ov'}, via: ['litellm', 'other']},
          {id: 'c', where: {backend: 7}},
          {id: 42, where: {backend: 'mlx'}},
          {where: {backend: 'mlx'}},
          'not an item',
          null,
        ],
      },
    }
    const result = declaredPairs(doc, {items: 'data.models', model: 'id', entities: ['where.backend', 'via.0', 'via.x']}, 100, 500)
    expect(result).toEqual({
      ok: true,
      cut: false,
      declared: [
        {model: 'a', entity_id: 'litellm'},
        {model: 'a', entity_id: 'ov'},
        {model: 'b', entity_id: 'litellm'},
        {model: 'b', entity_id: 'mlx'},
      ],
    })
  })

  it('keeps each pair once, and does not read what an object inherits', () => {
    const doc = {models: [{id: 'a', served_by: 'x'}, {id: 'a', served_by: 'x', via: 'x'}, {id: 'constructor', served_by: 'toString'}]}
    expect(declaredPairs(doc, {...SERVES, entities: ['served_by', 'via', 'constructor']}, 100, 500)).toMatchObject({declared: [{model: 'a', entity_id: 'x'}, {model: 'constructor', entity_id: 'toString'}]})
    expect(declaredPairs({}, {...SERVES, items: 'constructor'}, 100, 500)).toEqual({ok: false, message: 'serves: no list at constructor'})
  })

  it('is an error when items leads to no list', () => {
    expect(declaredPairs({models: {a: 1}}, SERVES, 100, 500)).toEqual({ok: false, message: 'serves: no list at models'})
    expect(declaredPairs([], {...SERVES, items: 'data.models'}, 100, 500)).toEqual({ok: false, message: 'serves: no list at data.models'})
  })
})

describe('a registry with serves', () => {
  const doc = {updated: '2026-11-20', models: [{id: 'qwen3-8b', served_by: 'mlx-box', via: 'litellm'}, {id: 'phi-4', served_by: 'ov-box'}]}
  const declared = [
    {model: 'phi-4', entity_id: 'ov-box'},
    {model: 'qwen3-8b', entity_id: 'litellm'},
    {model: 'qwen3-8b', entity_id: 'mlx-box'},
  ]

  it('reads the same pairs from JSON and from YAML, beside the summary', async () => {
    for (const format of ['json', 'yaml'] as const) {
      const got = await read(doc, format)
      expect(got).toMatchObject({ok: true, summary: {entries: 2}, declared: {pairs: declared, cut: false}})
    }
  })

  it('names a wrong items path in either format', async () => {
    for (const format of ['json', 'yaml'] as const) expect(await read(doc, format, {...SERVES, items: 'data.models'})).toEqual({ok: false, message: 'serves: no list at data.models'})
  })

  it('has no pairs when the entry has no serves', async () => {
    expect(await summariseRegistry(Buffer.from(JSON.stringify(doc)), 'json', time)).not.toHaveProperty('declared')
    expect(await summariseRegistry(Buffer.from(toYaml(doc)), 'yaml', time)).not.toHaveProperty('declared')
  })

  it('keeps the first 5,000 pairs of a registry of 100,000 items, and says it cut them; the YAML worker cuts too', async () => {
    const items = (n: number) => ({models: Array.from({length: n}, (_, i) => ({id: `m${String(i).padStart(6, '0')}`, served_by: 'mlx-box', via: 'litellm'}))})
    // YAML parses some 30 times slower: 6,000 items show its cut as well.
    for (const [format, n] of [['json', 100_000], ['yaml', 6000]] as const) {
      const got = await read(items(n), format)
      if (!got.ok || !got.declared) throw new Error(`no pairs from ${format}`)
      expect(got.summary.entries).toBe(n)
      expect(got.declared.cut).toBe(true)
      expect(got.declared.pairs).toHaveLength(DECLARED_MAX)
      expect(got.declared.pairs.at(-1)).toEqual({model: 'm002499', entity_id: 'mlx-box'})
      const judged = judgeRegistry(target, {summary: got.summary, declared: got.declared, latency_ms: 3, observed_at: '2026-12-01T12:00:00.000Z'})
      expect(judged.detail).toMatch(/, serves 2500 models \(only the first 5000 pairs kept\)$/)
      expect(judged.payload).toMatchObject({declared_cut: true})
      expect(judged.payload.declared).toHaveLength(DECLARED_MAX)
    }
  })
})

describe('judgeDrift', () => {
  const listed = (...models: string[]) => ({state: 'listed' as const, models: new Set(models)})
  const declared = [
    {model: 'llama-3', entity_id: 'mlx-box'},
    {model: 'qwen3-8b', entity_id: 'litellm'},
    {model: 'qwen3-8b', entity_id: 'mlx-box'},
  ]
  const others = [{model: 'phi-4', entity_id: 'litellm'}]

  it('reports a declared model an entity does not list, and a listed one no registry declares, across every registry', () => {
    const judged = judgeDrift({
      declared,
      lists: new Map([['mlx-box', listed('llama-3')], ['litellm', listed('gpt-x', 'phi-4', 'qwen3-8b')]]),
      declaredFor: declaredByEntity([declared, others]),
    })
    expect(judged.drift).toEqual([
      {model: 'gpt-x', entity_id: 'litellm', problem: 'not_declared'},
      {model: 'qwen3-8b', entity_id: 'mlx-box', problem: 'not_served'},
    ])
    expect(judged.findings).toEqual([
      {status: 'error', message: 'qwen3-8b not served by mlx-box'},
      {status: 'warn', message: 'gpt-x listed by litellm but declared by no registry'},
    ])
  })

  it('judges only the entities this entry names: another gateway\'s undeclared models are another entry\'s to report', () => {
    const judged = judgeDrift({declared: [{model: 'a', entity_id: 'x'}], lists: new Map([['x', listed('a')], ['y', listed('zzz')]]), declaredFor: declaredByEntity([[{model: 'a', entity_id: 'x'}]])})
    expect(judged).toEqual({drift: [], cut: false, findings: [], remarks: []})
  })

  it('does not judge an entity it cannot compare with, and says why once', () => {
    const judged = judgeDrift({
      declared,
      lists: new Map([['mlx-box', entityList([{status: 'ok', models: ['llama-3']}, {status: 'error', models: undefined}])]]),
      declaredFor: declaredByEntity([declared]),
    })
    expect(judged.drift).toEqual([])
    expect(judged.findings).toEqual([
      {status: 'warn', message: 'litellm has no models check to compare with'},
      {status: 'warn', message: 'cannot compare with mlx-box: its latest models check has no list (error)'},
    ])
    expect(entityList([undefined])).toEqual({state: 'never_checked'})
    expect(entityList([{status: 'warn', models: ['a']}, {status: 'ok', models: ['b']}])).toEqual({state: 'listed', models: new Set(['a', 'b'])})
  })

  it('tells nothing undeclared when some entry\'s declarations were cut: the rest of them is unknown', () => {
    const inputs = {declared, lists: new Map([['mlx-box', listed('llama-3')], ['litellm', listed('gpt-x', 'qwen3-8b')]]), declaredFor: declaredByEntity([declared])}
    expect(judgeDrift(inputs).drift.map((d) => d.problem)).toEqual(['not_declared', 'not_served'])
    expect(judgeDrift({...inputs, declaredCut: true}).drift).toEqual([{model: 'qwen3-8b', entity_id: 'mlx-box', problem: 'not_served'}])
  })

  it('does not call a model past a cut list\'s last kept id not served, and says once that the list was cut', () => {
    const list = entityList([{status: 'ok', models: ['a', 'c'], cut: true}, {status: 'ok', models: ['a', 'b', 'd'], cut: true}])
    expect(list).toEqual({state: 'listed', models: new Set(['a', 'b', 'c', 'd']), horizon: 'c'})
    const pairs = [{model: 'bb', entity_id: 'gw'}, {model: 'cc', entity_id: 'gw'}, {model: 'zz', entity_id: 'gw'}]
    const judged = judgeDrift({declared: pairs, lists: new Map([['gw', list]]), declaredFor: declaredByEntity([pairs, [{model: 'a', entity_id: 'gw'}, {model: 'b', entity_id: 'gw'}, {model: 'c', entity_id: 'gw'}, {model: 'd', entity_id: 'gw'}]])})
    // bb sorts before the horizon: the cut lists prove it absent. cc and zz lie past it: unknown.
    expect(judged.drift).toEqual([{model: 'bb', entity_id: 'gw', problem: 'not_served'}])
    expect(judged.remarks).toEqual(['gw lists more than 5000 models: those past its first 5000 were not compared'])
  })

  it('keeps every not_served row when the cut drops rows: errors first, then warns, the kept rows in model order', () => {
    const pairs = [{model: 'zz-missing', entity_id: 'gw'}]
    const undeclared = Array.from({length: 1100}, (_, i) => `a${String(i).padStart(4, '0')}`)
    const judged = judgeDrift({declared: pairs, lists: new Map([['gw', listed(...undeclared)]]), declaredFor: declaredByEntity([pairs])})
    expect(judged.cut).toBe(true)
    expect(judged.drift).toHaveLength(1000)
    expect(judged.drift.at(-1)).toEqual({model: 'zz-missing', entity_id: 'gw', problem: 'not_served'})
    expect(judged.drift.at(-2)).toEqual({model: 'a0998', entity_id: 'gw', problem: 'not_declared'})
  })

  it('tells nothing undeclared while another entry\'s declarations are unknown, and says why once', () => {
    const inputs = {declared, lists: new Map([['mlx-box', listed('llama-3', 'qwen3-8b')], ['litellm', listed('gpt-x', 'qwen3-8b')]]), declaredFor: declaredByEntity([declared])}
    expect(judgeDrift(inputs).drift).toEqual([{model: 'gpt-x', entity_id: 'litellm', problem: 'not_declared'}])
    expect(judgeDrift({...inputs, undeclaredUnknown: ['registry:b']})).toEqual({drift: [], cut: false, findings: [], remarks: ['not_declared not judged: registry:b has no readable declarations']})
  })

  it('keeps at most 1,000 rows and names three problems, then how many more', () => {
    const many = Array.from({length: 1500}, (_, i) => ({model: `m${String(i).padStart(4, '0')}`, entity_id: 'mlx-box'}))
    const judged = judgeDrift({declared: many, lists: new Map([['mlx-box', listed()]]), declaredFor: declaredByEntity([many])})
    expect(judged.drift).toHaveLength(1000)
    expect(judged.cut).toBe(true)
    expect(judged.findings).toHaveLength(1500)
    expect(driftDetail(judged.findings, 'summary')).toBe('m0000 not served by mlx-box; m0001 not served by mlx-box; m0002 not served by mlx-box; and 1497 more (summary)')
    expect(driftDetail([], 'summary')).toBe('summary')
  })
})

describe('runChecks with serves', () => {
  const NOW = '2026-12-01T12:00:00.000Z'
  const models: EndpointTarget = {table: 'endpoints', id: 'box:models', entity_id: 'box', kind: 'models', url: 'http://127.0.0.1:1/v1/models', method: 'GET', check: BUILTIN_CHECK}
  const registry: RegistryTarget = {...target, serves: {items: 'models', model: 'id', entities: ['served_by']}}
  const run = (servesLists: RunOptions['servesLists']) => {
    const rows: SnapshotRow[] = []
    const done = runChecks([registry, models], {
      concurrency: 4, maxPayload: 4096, maxBody: 4096, record: (row) => rows.push(row), servesLists,
      probers: {
        // The list comes late: the registry, listed first, must still wait for it.
        http: async () => {
          await new Promise((resolve) => setTimeout(resolve, 50))
          return {response: {status: 200, status_text: 'OK', headers: {}, body: Buffer.from('{"data": [{"id": "b"}]}'), truncated: false}, latency_ms: 1, attempts: 1, observed_at: NOW, secrets: []}
        },
        registry: async () => ({summary: {entries: 2, bytes: 10, sha256: 'x'}, declared: {pairs: [{model: 'a', entity_id: 'box'}, {model: 'b', entity_id: 'box'}], cut: false}, latency_ms: 1, observed_at: NOW}),
      },
    })
    return done.then(() => rows)
  }

  it('judges after the model lists of the run, against them', async () => {
    const rows = await run(async (entities, checked) => {
      expect({entities, checked: [...checked]}).toEqual({entities: ['box'], checked: ['box:models']})
      return {modelsEndpoints: new Map([['box', ['box:models']]]), latestModels: new Map(), declared: new Map(), registries: ['r']}
    })
    expect(rows.map((r) => r.endpoint_id ?? r.registry_id)).toEqual(['box:models', 'r'])
    expect(rows[1]).toMatchObject({status: 'error', detail: 'a not served by box (2 entries, 10 bytes in 1 ms, serves 2 models)'})
  })

  it('turns a failed read of the stored lists into an error for the entry, not the run', async () => {
    const rows = await run(async () => {
      throw new Error('database went away')
    })
    expect(rows.find((r) => r.registry_id === 'r')).toMatchObject({status: 'error', detail: 'check failed while judging: Error: database went away'})
    expect(rows.find((r) => r.endpoint_id === 'box:models')).toMatchObject({status: 'ok'})
  })
})
