import {describe, expect, it} from 'vitest'

import {effectiveCheck, normalise} from '../../src/config/normalise.js'
import {BUILTIN_ALERT, BUILTIN_CHECK} from '../../src/config/model.js'
import type {MonitorsFile} from '../../src/config/monitors.types.js'

const file = (over: Partial<MonitorsFile> = {}): MonitorsFile => ({
  version: 1,
  entities: [
    {
      id: 'mlx:8100',
      type: 'backend',
      label: 'jerry-xl',
      owner: 'mlx',
      endpoints: [
        {kind: 'health', url: 'http://127.0.0.1:8100/health'},
        {id: 'mlx:8100:chat', kind: 'api', url: 'http://127.0.0.1:8100/v1/chat', method: 'POST', check: {timeout: '2s', headers: {authorization: 'Bearer ${T}'}, json: [{path: 'ok', equals: true}]}},
      ],
      registry: [{path: './registries/mlx.json', authority: 'mlx'}],
    },
    {id: 'ov:9000', type: 'service', label: 'OV', owner: 'ov', docs_ref: 'docs/ov.md', notes: null},
  ],
  ...over,
})

describe('normalise', () => {
  it('gives a protocol kind (mcp, completion) no json or status from defaults.check: its answer is a protocol, not a body to assert on', () => {
    const json = [{path: 'status', equals: 'ok', severity: 'warn' as const}]
    const model = normalise({
      version: 1,
      defaults: {check: {status: [200], json, timeout: '2s'}},
      entities: [
        {
          id: 'ai',
          type: 'backend',
          label: 'AI',
          owner: 'o',
          endpoints: [
            {kind: 'health', url: 'http://127.0.0.1:1/health'},
            {kind: 'mcp', url: 'http://127.0.0.1:1/mcp'},
            {kind: 'completion', url: 'http://127.0.0.1:1/v1/chat/completions', check: {completion: {model: 'm'}}},
          ],
        },
      ],
    })
    const [health, mcp, completion] = model.entities[0]!.endpoints
    expect(health!.check).toMatchObject({status: [200], json, timeout: 2000})
    for (const protocol of [mcp!, completion!]) expect(protocol.check, protocol.kind).toMatchObject({status: null, json: [], timeout: 2000})
  })

  it('fills in built-in defaults, derived IDs and nulls, in file order', () => {
    const model = normalise(file())
    const [mlx, ov] = model.entities
    expect(mlx).toMatchObject({id: 'mlx:8100', docs_ref: null, notes: null})
    expect(mlx!.endpoints[0]).toEqual({
      id: 'mlx:8100:health',
      entity_id: 'mlx:8100',
      kind: 'health',
      url: 'http://127.0.0.1:8100/health',
      method: 'GET',
      check: BUILTIN_CHECK,
      slo: null,
      alert: BUILTIN_ALERT,
    })
    expect(mlx!.endpoints[1]!.id).toBe('mlx:8100:chat')
    expect(mlx!.registry).toEqual([{id: 'registry:mlx:8100', entity_id: 'mlx:8100', path: './registries/mlx.json', authority: 'mlx', format: 'json', interval: '1m', alert: BUILTIN_ALERT, serves: null}])
    expect(ov).toEqual({id: 'ov:9000', type: 'service', label: 'OV', owner: 'ov', docs_ref: 'docs/ov.md', notes: null, slo: null, depends_on: [], endpoints: [], registry: []})
    expect(model.notifiers).toEqual([])
    expect(model.maintenance).toEqual([])
  })

  it('layers defaults.check under each endpoint: fields override, headers merge by name ignoring case, json replaces', () => {
    const model = normalise(
      file({
        defaults: {
          check: {
            timeout: '10s',
            degraded_after: '250ms',
            retries: 2,
            status: [200],
            headers: {Authorization: 'Bearer ${DEFAULT}', 'User-Agent': 'mon'},
            json: [{path: 'status', in: ['ok', 'pass']}],
          },
        },
      }),
    )
    const [health, chat] = model.entities[0]!.endpoints
    expect(health!.check).toEqual({
      status: [200],
      degraded_after: 250,
      timeout: 10_000,
      retries: 2,
      interval: 60_000,
      headers: {Authorization: 'Bearer ${DEFAULT}', 'User-Agent': 'mon'},
      json: [{path: 'status', in: ['ok', 'pass'], severity: 'error'}],
    })
    expect(chat!.check).toEqual({
      status: [200],
      degraded_after: 250,
      timeout: 2000,
      retries: 2,
      interval: 60_000,
      headers: {'User-Agent': 'mon', authorization: 'Bearer ${T}'},
      json: [{path: 'ok', equals: true, severity: 'error'}],
    })
  })

  it('lets an endpoint reset status to any 2xx with null, and empty its assertions with []', () => {
    const check = effectiveCheck({...BUILTIN_CHECK, status: [204], json: [{path: 'a', severity: 'warn'}]}, {status: null, json: []})
    expect(check.status).toBeNull()
    expect(check.json).toEqual([])
  })

  it('writes assertions in one key order whatever order the file used, keeping equals: null', () => {
    const [a] = effectiveCheck(BUILTIN_CHECK, {json: [{severity: 'warn', min_items: 1, exists: true, matches: 'x', in: [1], equals: null, path: 'p'}]}).json
    expect(Object.keys(a!)).toEqual(['path', 'equals', 'in', 'matches', 'exists', 'min_items', 'severity'])
    expect(a!.equals).toBeNull()
  })

  it('gives every endpoint its own objects: nothing is shared with another endpoint or BUILTIN_CHECK', () => {
    const model = normalise(file())
    const [health] = model.entities[0]!.endpoints
    health!.check.headers.X = 'y'
    health!.check.json.push({path: 'x', severity: 'error'})
    expect(BUILTIN_CHECK.headers).toEqual({})
    expect(BUILTIN_CHECK.json).toEqual([])
    expect(normalise(file()).entities[0]!.endpoints[0]!.check).toEqual(BUILTIN_CHECK)
  })

  it('parses durations to milliseconds', () => {
    const check = effectiveCheck(BUILTIN_CHECK, {timeout: '2m', degraded_after: '1500ms'})
    expect([check.timeout, check.degraded_after]).toEqual([120_000, 1500])
  })

  it('merges alert settings key by key: built-in, defaults.alert, the entity alert, the target alert', () => {
    const base = file()
    const model = normalise({
      ...base,
      defaults: {alert: {notify: ['ops'], after: 3, remind_every: '4h'}},
      notifiers: [{id: 'ops', type: 'slack', url: '${SLACK_WEBHOOK_URL}'}],
      entities: [
        {
          ...base.entities[0]!,
          depends_on: ['ov:9000', 'db'],
          alert: {on: 'warn', recover_after: 2},
          endpoints: [{kind: 'health', url: 'http://127.0.0.1:8100/health', alert: {after: 1, remind_every: null}}],
          registry: [{path: './r.json', authority: 'mlx', alert: {notify: []}}],
        },
        base.entities[1]!,
      ],
      maintenance: [{id: 'night', entities: ['ov:9000', 'mlx:8100'], cron: '0 3 * * *', duration: '30m', timezone: 'Europe/Berlin'}],
    })
    const [mlx, ov] = model.entities
    expect(mlx!.depends_on).toEqual(['db', 'ov:9000'])
    expect(mlx!.endpoints[0]!.alert).toEqual({notify: ['ops'], on: 'warn', after: 1, recover_after: 2, remind_every: null})
    expect(mlx!.registry[0]!.alert).toEqual({notify: [], on: 'warn', after: 3, recover_after: 2, remind_every: 14_400_000})
    expect(ov!.depends_on).toEqual([])
    expect(model.notifiers).toEqual([{id: 'ops', type: 'slack', settings: {url: '${SLACK_WEBHOOK_URL}'}}])
    expect(model.maintenance).toEqual([
      {id: 'night', entities: ['mlx:8100', 'ov:9000'], cron: '0 3 * * *', duration: 1_800_000, timezone: 'Europe/Berlin', start: null, end: null, reason: null, source: 'file'},
    ])
  })
})
