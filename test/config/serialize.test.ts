import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import type {CheckSettings, Endpoint, Entity, MonitorsModel} from '../../src/config/model.js'
import {BUILTIN_CHECK, ENDPOINT_KINDS, ENTITY_TYPES, HTTP_METHODS, REGISTRY_FORMATS} from '../../src/config/model.js'
import {SCHEMA_MODELINE, modelToYaml} from '../../src/config/serialize.js'
import {ROOT} from '../support/cli.js'
import {goodFixtures} from './corpus.js'

const load = (text: string, file = 'export.yaml') => parseConfig(text, file)

describe('modelToYaml', () => {
  it.each(['monitors.yaml', ...goodFixtures()])('round-trips %s: the export loads to the same model, with no errors or warnings', (file) => {
    const {model} = load(readFileSync(path.join(ROOT, file), 'utf8'), file)
    const yaml = modelToYaml(model!)
    const again = load(yaml)
    expect(again.errors).toEqual([])
    expect(again.warnings).toEqual([])
    expect(again.model).toEqual(model)
  })

  it('writes the modeline and version, and leaves out what equals a default', () => {
    const model: MonitorsModel = {
      version: 1,
      entities: [
        {
          id: 'a',
          type: 'service',
          label: 'A',
          owner: 'o',
          docs_ref: null,
          notes: null,
          endpoints: [{id: 'a:health', entity_id: 'a', kind: 'health', url: 'http://127.0.0.1:1/h', method: 'GET', check: {...BUILTIN_CHECK, timeout: 120_000, status: [200, 204]}}],
          registry: [{id: 'reg-a', entity_id: 'a', path: 'r.yaml', authority: 'o', format: 'yaml'}],
        },
      ],
    }
    expect(modelToYaml(model)).toBe(`${SCHEMA_MODELINE}
version: 1
entities:
  - id: a
    type: service
    label: A
    owner: o
    endpoints:
      - kind: health
        url: http://127.0.0.1:1/h
        check:
          status: [200, 204]
          timeout: 2m
    registry:
      - id: reg-a
        path: r.yaml
        authority: o
        format: yaml
`)
  })

  // Any valid model survives the trip, including strings that YAML would read as something else.
  const tricky = fc.constantFrom('yes', 'no', 'on', 'null', '~', '010', '1e3', '0x1F', '- x', 'a: b', '#hash', '"q"', "it's", ' lead', 'trail ', 'multi\nline', '${VAR}', '')
  const text = fc.oneof(tricky, fc.string({minLength: 1, maxLength: 12, unit: 'grapheme'}))
  const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,15}$/)
  const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/)
  const json = fc.jsonValue({maxDepth: 2}).map((v) => JSON.parse(JSON.stringify(v)) as unknown)
  const check: fc.Arbitrary<CheckSettings> = fc.record({
    status: fc.option(fc.uniqueArray(fc.integer({min: 100, max: 599}), {minLength: 1, maxLength: 3}), {nil: null}),
    degraded_after: fc.integer({min: 0, max: 3_600_000}),
    timeout: fc.integer({min: 1, max: 3_600_000}),
    retries: fc.integer({min: 0, max: 10}),
    // Header values without "$" so no ${...} rule fires, and not credential-like.
    headers: fc.dictionary(headerName.filter((n) => !/^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|private-token|cookie)$/i.test(n)), fc.stringMatching(/^[a-z0-9 ./=-]{0,12}$/).filter((v) => !/^\s*(bearer|basic|token|apikey)\s/i.test(v)), {maxKeys: 2}),
    json: fc.array(
      fc.record(
        {path: fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), equals: json, in: fc.array(json, {minLength: 1, maxLength: 2}), matches: fc.constantFrom('^ok$', 'v[0-9]+'), exists: fc.boolean(), min_items: fc.nat(5), severity: fc.constantFrom('error' as const, 'warn' as const)},
        {requiredKeys: ['path', 'severity']},
      ),
      {maxLength: 2},
    ),
  })
  const entity: fc.Arbitrary<Entity> = fc
    .record({
      id,
      type: fc.constantFrom(...ENTITY_TYPES),
      label: text.filter((t) => t !== ''),
      owner: text.filter((t) => t !== ''),
      docs_ref: fc.option(text, {nil: null}),
      notes: fc.option(text, {nil: null}),
      endpoints: fc.array(
        fc.record({ownId: fc.option(id, {nil: undefined}), kind: fc.constantFrom(...ENDPOINT_KINDS), port: fc.integer({min: 1, max: 65535}), method: fc.constantFrom(...HTTP_METHODS), check}),
        {maxLength: 3},
      ),
      registry: fc.array(fc.record({ownId: fc.option(id, {nil: undefined}), path: fc.stringMatching(/^(\.\/)?[a-z]{1,8}\.(json|yaml)$/), authority: text.filter((t) => t !== ''), format: fc.constantFrom(...REGISTRY_FORMATS)}), {maxLength: 2}),
    })
    .map((e) => ({
      ...e,
      endpoints: e.endpoints.map(
        (p, i): Endpoint => ({
          id: p.ownId ?? `${e.id}:${p.kind}:${i}`,
          entity_id: e.id,
          kind: p.kind,
          url: `http://127.0.0.1:${p.port}/x`,
          // HEAD with a body-reading kind or assertions is (rightly) an error, so keep those on GET.
          method: p.kind === 'models' || p.kind === 'metrics' || p.check.json.length > 0 ? 'GET' : p.method,
          check: p.check,
        }),
      ),
      registry: e.registry.map((r, i) => ({id: r.ownId ?? `registry:${e.id}:${i}`, entity_id: e.id, path: r.path, authority: r.authority, format: r.format})),
    }))

  it('round-trips generated models', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entity, {selector: (e) => e.id, maxLength: 4}), (entities) => {
        // Skip generated models that break an ID rule (duplicate endpoint or registry IDs across entities).
        const ids = entities.flatMap((e) => e.endpoints.map((p) => p.id))
        const registryIds = entities.flatMap((e) => e.registry.map((r) => r.id))
        fc.pre(new Set(ids).size === ids.length && new Set(registryIds).size === registryIds.length)
        const model: MonitorsModel = {version: 1, entities}
        const again = load(modelToYaml(model))
        expect(again.errors).toEqual([])
        expect(again.model).toEqual(model)
      }),
      {numRuns: 100},
    )
  })
})
