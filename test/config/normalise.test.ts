import {describe, expect, it} from 'vitest'

import {effectiveCheck, normalise} from '../../src/config/normalise.js'
import {BUILTIN_CHECK} from '../../src/config/model.js'
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
    })
    expect(mlx!.endpoints[1]!.id).toBe('mlx:8100:chat')
    expect(mlx!.registry).toEqual([{id: 'registry:mlx:8100', entity_id: 'mlx:8100', path: './registries/mlx.json', authority: 'mlx', format: 'json', interval: '1m'}])
    expect(ov).toEqual({id: 'ov:9000', type: 'service', label: 'OV', owner: 'ov', docs_ref: 'docs/ov.md', notes: null, slo: null, endpoints: [], registry: []})
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
})
