import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import type {CheckSettings, Endpoint, Entity, MonitorsModel} from '../../src/config/model.js'
import {sortedIds} from '../../src/config/alert.js'
import type {EndpointKind, HttpMethod} from '../../src/config/model.js'
import {BUILTIN_ALERT, BUILTIN_CHECK, ENDPOINT_KINDS, ENTITY_TYPES, HTTP_METHODS, REGISTRY_FORMATS} from '../../src/config/model.js'
import {commonCheck, modelToYaml} from '../../src/config/serialize.js'
import {formatDuration} from '../../src/duration.js'
import {ROOT} from '../support/cli.js'
import {goodFixtures} from './corpus.js'

const load = (text: string, file = 'export.yaml') => parseConfig(text, file)

/** The export of a file (given as text or line by line), which must load back to the same model. */
function exported(file: string | string[]): string {
  const {model} = load(typeof file === 'string' ? file : [...file, ''].join('\n'))
  const out = modelToYaml(model!)
  expect(load(out).model).toEqual(model)
  return out
}

/** A file of one gateway entity with these endpoints (flow mappings), under these defaults. */
const gateway = (defaults: string, endpoints: string[]) =>
  ['version: 1', `defaults: ${defaults}`, 'entities:', '  - id: ai', '    type: gateway', '    label: AI', '    owner: o', '    endpoints:', ...endpoints.map((e) => `      - ${e}`), ''].join('\n')

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
      notifiers: [],
      maintenance: [],
      moved: [],
      entities: [
        {
          id: 'a',
          type: 'service',
          label: 'A',
          owner: 'o',
          docs_ref: null,
          notes: null,
          slo: null,
          endpoints: [{id: 'a:health', entity_id: 'a', kind: 'health', url: 'http://127.0.0.1:1/h', method: 'GET', check: {...BUILTIN_CHECK, timeout: 120_000, status: [200, 204]}, slo: null, alert: BUILTIN_ALERT}],
          registry: [{id: 'reg-a', entity_id: 'a', path: 'r.yaml', authority: 'o', format: 'yaml', interval: '1m', alert: BUILTIN_ALERT, serves: null}],
          depends_on: [],
        },
      ],
    }
    expect(modelToYaml(model, {schema: './schemas/monitors.schema.json'})).toBe(`# yaml-language-server: $schema=./schemas/monitors.schema.json
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

  it('writes the alert settings most targets share once, under defaults.alert, and only what differs on the others', () => {
    const out = exported([
      'version: 1',
      'notifiers: [{id: a, type: webhook, url: "http://127.0.0.1:1/"}, {id: b, type: webhook, url: "http://127.0.0.1:2/"}]',
      'entities:',
      '  - {id: e, type: service, label: E, owner: o, alert: {notify: [a], after: 3}, endpoints: [{kind: api, url: "http://127.0.0.1:3/"}, {kind: health, url: "http://127.0.0.1:3/h"}]}',
      '  - {id: f, type: service, label: F, owner: o, endpoints: [{kind: api, url: "http://127.0.0.1:4/", alert: {notify: [a, b], after: 3, on: warn}}]}',
    ])
    expect(out).toContain('defaults:\n  alert:\n    notify: [a]\n    after: 3\n')
    expect(out).toContain('        alert:\n          notify: [a, b]\n          on: warn\n')
    expect(out.match(/after: 3/g)).toHaveLength(1)
  })

  it('writes defaults.check status and json from the endpoints that inherit them, never on a protocol kind, which does not', () => {
    const out = exported(gateway('{check: {status: [200], json: [{path: status, equals: ok}]}}', [
      '{kind: health, url: "http://127.0.0.1:1/health"}',
      '{kind: api, url: "http://127.0.0.1:1/api"}',
      '{kind: mcp, url: "http://127.0.0.1:1/mcp"}',
      '{kind: completion, url: "http://127.0.0.1:1/v1/chat/completions", check: {completion: {model: m}}}',
      '{id: ai:c2, kind: completion, url: "http://127.0.0.1:2/v1/chat/completions", check: {completion: {model: m}}}',
    ]))
    expect(out).toContain('defaults:\n  check:\n    status: [200]\n    json:\n      - path: status\n        equals: ok\n')
    expect(out.match(/status: \[200\]/g)).toHaveLength(1)
    expect(out.match(/json:/g)).toHaveLength(1)
  })

  it('leaves out what the loader fills in for the AI-stack kinds: a protocol kind\'s POST, a completion\'s own 15m, prompt and max_tokens at their defaults', () => {
    const out = exported(`${gateway('{check: {interval: 5m}}', [])}      - {kind: mcp, url: "http://127.0.0.1:1/mcp", method: POST, check: {mcp: {tools: [b, a], pin_tools: false}}}
      - {kind: completion, url: "http://127.0.0.1:1/v1/chat/completions", check: {completion: {model: m, prompt: ping, max_tokens: 1}}}
      - {id: ai:fast, kind: completion, url: "http://127.0.0.1:2/v1/chat/completions", check: {interval: 5m, completion: {model: m, max_tokens: 2}}}
      - {kind: models, url: "http://127.0.0.1:1/v1/models", check: {models: {expect: [x], changed: warn}}}
      - {kind: api, url: "http://127.0.0.1:1/v1/embeddings", method: POST, check: {body: {input: "\${INPUT}"}}}
`)
    expect(out).toContain('      - kind: mcp\n        url: http://127.0.0.1:1/mcp\n        check:\n          mcp:\n            tools: [a, b]\n')
    expect(out).toContain('      - kind: completion\n        url: http://127.0.0.1:1/v1/chat/completions\n        check:\n          completion:\n            model: m\n')
    // The kind's own interval wins over defaults.check, so one equal to the defaults must be written.
    expect(out).toContain('        check:\n          interval: 5m\n          completion:\n            model: m\n            max_tokens: 2\n')
    expect(out).toContain('          models:\n            expect: [x]\n')
    expect(out).toContain('        method: POST\n        check:\n          body:\n            input: ${INPUT}\n')
    expect(out.match(/method: POST/g)).toHaveLength(1)
    expect(out).not.toMatch(/15m|pin_tools|changed|prompt/)
  })

  it('writes no modeline unless told where the schema is', () => {
    expect(modelToYaml({version: 1, notifiers: [], entities: [], maintenance: [], moved: []})).toBe('version: 1\nentities: []\n')
  })

  describe('settings the endpoints share go to defaults.check', () => {
    const at = (port: number, check: Partial<CheckSettings>): Endpoint => ({
      id: `a:${port}`,
      entity_id: 'a',
      kind: 'api',
      url: `http://127.0.0.1:${port}/`,
      method: 'GET',
      check: {...structuredClone(BUILTIN_CHECK), ...check},
      slo: null,
      alert: BUILTIN_ALERT,
    })
    const fleet = (...endpoints: Endpoint[]): MonitorsModel => ({
      version: 1,
      notifiers: [],
      moved: [],
      entities: [{id: 'a', type: 'service', label: 'A', owner: 'o', docs_ref: null, notes: null, slo: null, depends_on: [], endpoints, registry: []}],
      maintenance: [],
    })
    const auth = {Authorization: 'Bearer ${TOKEN}'}

    it('takes the most common value, the few that differ override it, and the file loads to the same model', () => {
      const model = fleet(
        at(1, {timeout: 2000, retries: 2, headers: {...auth}, status: [200]}),
        at(2, {timeout: 2000, retries: 2, headers: {...auth, 'X-Team': 'a'}}),
        at(3, {timeout: 9000, retries: 2, headers: {Authorization: 'Bearer ${OTHER}'}, json: [{path: 'ok', equals: true, severity: 'error'}]}),
      )
      const yaml = modelToYaml(model)
      expect(yaml.startsWith('version: 1\ndefaults:\n  check:\n    timeout: 2s\n    retries: 2\n    headers:\n      Authorization: Bearer ${TOKEN}\nentities:\n')).toBe(true)
      expect(yaml.slice(yaml.indexOf('      - id: a:1'))).toBe(`      - id: a:1
        kind: api
        url: http://127.0.0.1:1/
        check:
          status: [200]
      - id: a:2
        kind: api
        url: http://127.0.0.1:2/
        check:
          headers:
            X-Team: a
      - id: a:3
        kind: api
        url: http://127.0.0.1:3/
        check:
          timeout: 9s
          headers:
            Authorization: Bearer \${OTHER}
          json:
            - path: ok
              equals: true
`)
      expect(load(yaml).model).toEqual(model)
    })

    it('keeps the built-in value on a tie, a header that not every endpoint sends, and overrides a default list with null or []', () => {
      expect(commonCheck([at(1, {retries: 3}).check, at(2, {}).check])).toEqual(BUILTIN_CHECK)
      expect(commonCheck([at(1, {headers: {...auth}}).check, at(2, {headers: {...auth}}).check, at(3, {}).check]).headers).toEqual({})
      const model = fleet(
        at(1, {status: [200], json: [{path: 'ok', exists: true, severity: 'warn'}]}),
        at(2, {status: [200], json: [{path: 'ok', exists: true, severity: 'warn'}]}),
        at(3, {status: [200], json: [{path: 'ok', exists: true, severity: 'warn'}]}),
        at(4, {}),
      )
      const yaml = modelToYaml(model)
      expect(yaml).toContain('defaults:\n  check:\n    status: [200]\n    json:\n')
      expect(yaml).toContain('        check:\n          status: null\n          json: []\n')
      expect(load(yaml).model).toEqual(model)
    })
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
    interval: fc.integer({min: 10_000, max: 86_400_000}),
    // Header values without "$" so no ${...} rule fires, and not credential-like.
    headers: fc.dictionary(headerName.filter((n) => !/^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|private-token|cookie)$/i.test(n)), fc.stringMatching(/^[a-z0-9 ./=-]{0,12}$/).filter((v) => !/^\s*(bearer|basic|token|apikey)\s/i.test(v)), {maxKeys: 2}).filter((h) => new Set(Object.keys(h).map((n) => n.toLowerCase())).size === Object.keys(h).length), // names ignore case
    json: fc.array(
      fc.record(
        {path: fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), equals: json, in: fc.array(json, {minLength: 1, maxLength: 2}), matches: fc.constantFrom('^ok$', 'v[0-9]+'), exists: fc.boolean(), min_items: fc.nat(5), severity: fc.constantFrom('error' as const, 'warn' as const)},
        {requiredKeys: ['path', 'severity']},
      ),
      {maxLength: 2},
    ),
  })
  // An SLO as the model keeps it: percentage text and shortest durations, the form the loader gives back.
  const slo = fc.option(
    fc.record(
      {target: fc.constantFrom('99.5%', '99.95%', '100%', '90%', '0.1%'), window: fc.constantFrom('30d', '7d', '1h', '90m'), latency_p95: fc.constantFrom('800ms', '2s', '1m')},
      {requiredKeys: ['target', 'window']},
    ),
    {nil: null},
  )
  const interval = fc.integer({min: 10, max: 86_400}).map((s) => formatDuration(s * 1000))
  // The kind-specific settings as the model keeps them: lists sorted and left out when empty, other defaults left out, a completion whole.
  const name = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/)
  const present = <T extends object>(value: T): T | undefined => (Object.keys(value).length > 0 ? value : undefined)
  const kindExtras = fc.record({
    mcp: fc.record({tools: fc.uniqueArray(name, {minLength: 1, maxLength: 3}).map(sortedIds), pin_tools: fc.constant(true as const)}, {requiredKeys: []}).map(present),
    models: fc.record({expect: fc.uniqueArray(name, {minLength: 1, maxLength: 3}).map(sortedIds), changed: fc.constant('ignore' as const)}, {requiredKeys: []}).map(present),
    completion: fc.record({model: name, prompt: fc.oneof(fc.constant('ping'), text.filter((t) => t !== '' && !t.includes('${'))), max_tokens: fc.oneof(fc.constant(1), fc.integer({min: 1, max: 4096}))}),
    body: fc.option(fc.oneof(text, fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), json, {maxKeys: 3})), {nil: undefined}),
  })
  /** A kind's own settings on its check, and the method the kind and a body need. */
  const withKind = (kind: EndpointKind, method: HttpMethod, check: CheckSettings, extras: typeof kindExtras extends fc.Arbitrary<infer X> ? X : never): {method: HttpMethod; check: CheckSettings} => {
    // A protocol kind's status and json are the protocol's: never inherited, never written.
    const protocol = {...check, status: null, json: []}
    if (kind === 'mcp') return {method: 'POST', check: extras.mcp ? {...protocol, mcp: extras.mcp} : protocol}
    if (kind === 'completion') return {method: 'POST', check: {...protocol, completion: extras.completion}}
    const own = kind === 'models' && extras.models ? {...check, models: extras.models} : check
    return extras.body !== undefined ? {method: 'POST', check: {...own, body: extras.body as CheckSettings['body']}} : {method, check: own}
  }
  const entity: fc.Arbitrary<Entity> = fc
    .record({
      id,
      type: fc.constantFrom(...ENTITY_TYPES),
      label: text.filter((t) => t !== ''),
      owner: text.filter((t) => t !== ''),
      docs_ref: fc.option(text, {nil: null}),
      notes: fc.option(text, {nil: null}),
      slo,
      endpoints: fc.array(
        fc.record({ownId: fc.option(id, {nil: undefined}), kind: fc.constantFrom(...ENDPOINT_KINDS), port: fc.integer({min: 1, max: 65535}), method: fc.constantFrom(...HTTP_METHODS), check, slo, extras: kindExtras}),
        {maxLength: 3},
      ),
      registry: fc.array(
        fc.record({ownId: fc.option(id, {nil: undefined}), path: fc.stringMatching(/^(\.\/)?[a-z]{1,8}\.(json|yaml)$/), authority: text.filter((t) => t !== ''), format: fc.constantFrom(...REGISTRY_FORMATS), interval}),
        {maxLength: 2},
      ),
    })
    // An SLO needs something to judge.
    .map((e) => ({...e, slo: e.endpoints.length + e.registry.length > 0 ? e.slo : null}))
    .map((e) => ({
      ...e,
      endpoints: e.endpoints.map(
        (p, i): Endpoint => ({
          id: p.ownId ?? `${e.id}:${p.kind}:${i}`,
          entity_id: e.id,
          kind: p.kind,
          url: `http://127.0.0.1:${p.port}/x`,
          // HEAD with a body-reading kind or assertions is (rightly) an error, so keep those on GET.
          ...withKind(p.kind, p.kind === 'models' || p.kind === 'metrics' || p.check.json.length > 0 ? 'GET' : p.method, p.check, p.extras),
          slo: p.slo,
          alert: BUILTIN_ALERT,
        }),
      ),
      registry: e.registry.map((r, i) => ({id: r.ownId ?? `registry:${e.id}:${i}`, entity_id: e.id, path: r.path, authority: r.authority, format: r.format, interval: r.interval, alert: BUILTIN_ALERT, serves: null})),
      depends_on: [],
    }))

  it('round-trips generated models', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entity, {selector: (e) => e.id, maxLength: 4}), (entities) => {
        // Skip generated models that break an ID rule (duplicate endpoint or registry IDs across entities).
        const ids = entities.flatMap((e) => e.endpoints.map((p) => p.id))
        const registryIds = entities.flatMap((e) => e.registry.map((r) => r.id))
        fc.pre(new Set(ids).size === ids.length && new Set(registryIds).size === registryIds.length)
        const model: MonitorsModel = {version: 1, notifiers: [], entities, maintenance: [], moved: []}
        const again = load(modelToYaml(model))
        expect(again.errors).toEqual([])
        expect(again.model).toEqual(model)
      }),
      {numRuns: 100},
    )
  })
})
