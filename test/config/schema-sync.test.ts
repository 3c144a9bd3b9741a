import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'

import {parseDuration, DURATION_PATTERN} from '../../src/duration.js'
import {parseConfig} from '../../src/config/load.js'
import {KINDS} from '../../src/config/kinds.js'
import {BUILTIN_CHECK, ENDPOINT_KINDS, ENTITY_TYPES, HTTP_METHODS, ID_MAX_LENGTH, ID_PATTERN, REGISTRY_FORMATS} from '../../src/config/model.js'
import {ROOT} from '../support/cli.js'
import {GOOD_DIR} from './corpus.js'

type Node = Record<string, any>
const schema: Node = JSON.parse(readFileSync(path.join(ROOT, 'schemas/monitors.schema.json'), 'utf8'))
const defs: Record<string, Node> = schema.$defs
const deref = (node: Node): Node => (node.$ref ? defs[String(node.$ref).replace('#/$defs/', '')]! : node)

// Imported by URL: the generators are plain JS scripts with no type declarations.
const script = (name: string) => import(pathToFileURL(path.join(ROOT, 'scripts', name)).href)

describe('the schema is the one definition of the format', () => {
  it('src/config/monitors.types.ts is exactly what scripts/generate-types.js makes from the schema', async () => {
    const {generateTypes} = await script('generate-types.js')
    const committed = readFileSync(path.join(ROOT, 'src/config/monitors.types.ts'), 'utf8')
    expect(await generateTypes(), 'run: node scripts/generate-types.js').toBe(committed)
  })

  it('schemas/monitors.validator.cjs is exactly what scripts/generate-validator.js compiles from the schema', async () => {
    const {generateValidator} = await script('generate-validator.js')
    const committed = readFileSync(path.join(ROOT, 'schemas/monitors.validator.cjs'), 'utf8')
    expect(await generateValidator(), 'run: node scripts/generate-validator.js').toBe(committed)
  })

  it('is JSON Schema 2020-12 with an $id, and version is the constant 1', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toMatch(/^https:\/\//)
    expect(schema.properties.version.const).toBe(1)
    expect(schema.required).toEqual(['version', 'entities'])
  })

  it('its enums are the arrays of the model', () => {
    expect(defs.entity!.properties.type.enum).toEqual([...ENTITY_TYPES])
    expect(defs.endpoint!.properties.kind.enum).toEqual([...ENDPOINT_KINDS])
    expect(Object.keys(KINDS)).toEqual([...ENDPOINT_KINDS])
    expect(defs.endpoint!.properties.method.enum).toEqual([...HTTP_METHODS])
    expect(defs.registry_entry!.properties.format.enum).toEqual([...REGISTRY_FORMATS])
    expect(defs.json_assertion!.properties.severity.enum).toEqual(['error', 'warn'])
  })

  it('its ID and duration patterns are the ones the code uses', () => {
    for (const def of ['entity', 'endpoint', 'registry_entry']) {
      expect(defs[def]!.properties.id.pattern, def).toBe(ID_PATTERN)
      expect(defs[def]!.properties.id.maxLength, def).toBe(ID_MAX_LENGTH)
    }
    expect(defs.check!.properties.timeout.pattern).toBe(DURATION_PATTERN)
    expect(defs.check!.properties.degraded_after.pattern).toBe(DURATION_PATTERN)
  })

  it('its check defaults are the built-in ones', () => {
    const check = defs.check!.properties
    expect(check.status.default).toBe(BUILTIN_CHECK.status)
    expect(parseDuration(check.degraded_after.default)).toBe(BUILTIN_CHECK.degraded_after)
    expect(parseDuration(check.timeout.default)).toBe(BUILTIN_CHECK.timeout)
    expect(check.retries.default).toBe(BUILTIN_CHECK.retries)
    expect(check.headers.default).toEqual(BUILTIN_CHECK.headers)
    expect(check.json.default).toEqual(BUILTIN_CHECK.json)
    expect(defs.endpoint!.properties.method.default).toBe('GET')
    expect(defs.registry_entry!.properties.format.default).toBe('json')
    expect(defs.json_assertion!.properties.severity.default).toBe('error')
  })

  // Optional without a default: IDs derived from the entity, and assertion operators (absent = not checked).
  // An SLO, or its latency objective, is there or not: no default to fill in.
  const NO_DEFAULT = new Set([
    // A request body and a registry's `serves` mean nothing unless written; the kind-specific settings default inside.
    'check.body',
    'check.mcp',
    'check.models',
    'check.completion',
    'registry_entry.serves',
    'endpoint.id',
    'registry_entry.id',
    'entity.slo',
    'endpoint.slo',
    'slo.latency_p95',
    ...['equals', 'in', 'matches', 'exists', 'min_items'].map((op) => `json_assertion.${op}`),
    // A notifier's settings are its type's: their defaults differ per type (a url) or there is none (a secret).
    ...['url', 'signing_secret', 'topic', 'token', 'routing_key', 'host', 'username', 'password', 'from', 'to'].map((key) => `notifier.${key}`),
    // A window is either recurring or fixed: each half is absent in the other.
    ...['cron', 'duration', 'start', 'end'].map((key) => `maintenance_window.${key}`),
  ])

  it('every property has a description, every optional one its default, and no object takes unknown keys', () => {
    const objects: Array<[string, Node]> = [['root', schema], ...Object.entries(defs)]
    for (const [name, def] of objects) {
      expect(def.type, name).toBe('object')
      expect(def.description, name).toBeTruthy()
      expect(def.additionalProperties, name).toBe(false)
      for (const [key, property] of Object.entries(def.properties as Record<string, Node>)) {
        const where = `${name}.${key}`
        expect(property.description ?? deref(property).description, where).toBeTruthy()
        const required = (def.required ?? []).includes(key)
        if (required) expect(property.description ?? deref(property).description, where).toMatch(/Required/)
        else if (!NO_DEFAULT.has(where)) expect('default' in property || 'default' in deref(property), `${where} has a default`).toBe(true)
      }
    }
  })

  it('uses only keywords that mean the same in draft-07, which most YAML editors still implement', () => {
    const allowed = new Set(['$schema', '$id', '$defs', '$ref', 'title', 'description', 'default', 'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems'])
    const walk = (node: Node, where: string): void => {
      for (const [key, value] of Object.entries(node)) {
        expect(allowed.has(key), `${where}: ${key}`).toBe(true)
        // Draft-07 ignores whatever stands beside a $ref.
        if (key === '$ref') expect(Object.keys(node), where).toEqual(['$ref'])
        const children = key === 'properties' || key === '$defs' ? Object.entries(value as Record<string, Node>) : ['items', 'additionalProperties', 'propertyNames'].includes(key) && typeof value === 'object' ? [[key, value as Node] as const] : []
        for (const [name, child] of children) walk(child as Node, `${where}/${name}`)
      }
    }
    walk(schema, '#')
  })

  it('uses the same field names as the model (YAML name = TS name = column name)', () => {
    const {model} = parseConfig(readFileSync(path.join(GOOD_DIR, 'all-fields.yaml'), 'utf8'), 'all-fields.yaml')
    const entity = model!.entities[0]!
    const names = (def: string) => Object.keys(defs[def]!.properties)
    // An entity's alert settings only feed its targets' merge (entities store none).
    expect(Object.keys(entity)).toEqual(expect.arrayContaining(names('entity').filter((name) => name !== 'alert')))
    expect(Object.keys(entity.endpoints[0]!)).toEqual(expect.arrayContaining(names('endpoint')))
    // The kind-specific settings are stored only where set: the union of every endpoint's check has them all.
    const checkKeys = new Set(model!.entities.flatMap((e) => e.endpoints.flatMap((endpoint) => Object.keys(endpoint.check))))
    expect([...checkKeys]).toEqual(expect.arrayContaining(names('check')))
    const registry = model!.entities.find((e) => e.registry.length > 0)!.registry[0]!
    expect(Object.keys(registry)).toEqual(expect.arrayContaining(names('registry_entry')))
  })
})
