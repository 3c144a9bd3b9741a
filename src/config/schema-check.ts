/**
 * Schema validation: runs the validator compiled from
 * schemas/monitors.schema.json and turns each ajv error into a message a
 * person can act on, at the node it is about.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

import type {Finding} from './finding.js'
import {closest, closestDuration} from './suggest.js'
import {DURATION_PATTERN, formatDuration, parseDuration} from '../duration.js'
import {MIN_INTERVAL_MS} from './model.js'
import {plural} from '../plural.js'

interface AjvError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
  propertyName?: string
}

type Validator = ((data: unknown) => boolean) & {errors?: AjvError[] | null}

type SchemaNode = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
  additionalProperties?: boolean | SchemaNode
  pattern?: string
  title?: string
  [keyword: string]: unknown
}

// Both resolve from src/config (dev) and dist/config (built) to the package's schemas/.
const VALIDATOR_PATH = '../../schemas/monitors.validator.cjs'
const SCHEMA_URL = new URL('../../schemas/monitors.schema.json', import.meta.url)

let validator: Validator | undefined
let schema: SchemaNode | undefined

function loadValidator(): Validator {
  if (!validator) {
    const loaded = createRequire(import.meta.url)(VALIDATOR_PATH) as Validator & {default?: Validator}
    validator = loaded.default ?? loaded
  }
  return validator
}

/** The schema itself, read only when there are errors to explain. */
function monitorsSchema(): SchemaNode {
  schema ??= JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as SchemaNode
  return schema
}

export function schemaFindings(data: unknown): Finding[] {
  const validate = loadValidator()
  if (validate(data)) return []
  const findings: Finding[] = []
  for (const error of validate.errors ?? []) {
    const finding = explain(error, data)
    if (finding) findings.push(finding)
  }
  // `kidn: health` is one mistake: keep "did you mean kind", drop "missing required key kind".
  const suggested = new Set(findings.filter((f) => f.atKey).map((f) => `${JSON.stringify(f.path.slice(0, -1))}\0${/did you mean "([^"]+)"/.exec(f.message)?.[1]}`))
  return findings.filter((f) => {
    const missing = /^missing required key "([^"]+)"$/.exec(f.message)?.[1]
    return missing === undefined || !suggested.has(`${JSON.stringify(f.path)}\0${missing}`)
  })
}

function explain(error: AjvError, data: unknown): Finding | undefined {
  const path = instancePathToPath(error.instancePath, data)
  const value = valueAt(data, path)
  const at = (message: string): Finding => ({path, severity: 'error', message})
  const params = error.params
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      return {path: [...path, key], atKey: true, severity: 'error', message: unknownKeyMessage(key, path)}
    }
    case 'required':
      return at(`missing required key "${String(params.missingProperty)}"`)
    case 'propertyNames':
      return {
        path: [...path, String(params.propertyName)],
        atKey: true,
        severity: 'error',
        message: `"${String(params.propertyName)}" is not a valid HTTP header name (letters, digits and !#$%&'*+.^_\`|~-)`,
      }
    case 'pattern':
      // Reported once, by the propertyNames error above.
      if (error.propertyName !== undefined) return undefined
      return at(patternMessage(String(params.pattern), value))
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const hint = typeof value === 'string' ? closest(value, allowed) : undefined
      return at(`must be one of ${allowed.join(', ')} (got ${describe(value)})${hint ? `; did you mean "${hint}"?` : ''}`)
    }
    case 'const':
      if (typeof value === 'string' && value === String(params.allowedValue)) return at(`must be the number ${value}, without quotes`)
      if (path.length === 1 && path[0] === 'version') return at(`unsupported version ${describe(value)}: this mon reads version ${String(params.allowedValue)}`)
      return at(`must be ${JSON.stringify(params.allowedValue)}`)
    case 'type': {
      const types = String(params.type).split(',')
      return at(`must be ${typeNames(types)} (got ${describe(value)})${typeHint(types, value, path)}`)
    }
    case 'minLength':
      return at(params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`)
    case 'maxLength':
      return at(`must be at most ${String(params.limit)} characters (got ${typeof value === 'string' ? value.length : '?'})`)
    case 'minimum':
      return at(`must be at least ${String(params.limit)} (got ${describe(value)})`)
    case 'maximum':
      return at(`must be at most ${String(params.limit)} (got ${describe(value)})`)
    case 'minItems':
      return at(`must have at least ${plural(Number(params.limit), 'item')}`)
    case 'uniqueItems': {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b)
      return at(`must not repeat a value (items ${first} and ${second} are the same)`)
    }
    default:
      return at(error.message ?? `fails the schema's ${error.keyword} rule`)
  }
}

/** Where each kind of mapping sits, for "it belongs ..." hints. */
const PLACE_OF: Record<string, string> = {
  MonitorsFile: 'at the top level',
  Defaults: 'under defaults',
  EntitySpec: 'in an entity',
  EndpointSpec: 'in an endpoint (under endpoints)',
  CheckSpec: 'under check',
  JsonAssertionSpec: 'in a json assertion',
  RegistrySpec: 'in a registry entry (under registry)',
  AlertSpec: 'under alert',
  NotifierSpec: 'in a notifier (under notifiers)',
  MaintenanceSpec: 'in a maintenance window (under maintenance)',
}

function unknownKeyMessage(key: string, parentPath: ReadonlyArray<string | number>): string {
  const root = monitorsSchema()
  const here = schemaAt(root, parentPath)
  const known = Object.keys(here?.properties ?? {})
  const hint = closest(key, known)
  if (hint) return `unknown key "${key}"; did you mean "${hint}"?`
  const places = Object.values(definitions(root))
    .filter((def) => def !== here && def.properties && Object.hasOwn(def.properties, key) && def.title)
    .map((def) => PLACE_OF[def.title!])
  if (places.length > 0) return `unknown key "${key}" here: it belongs ${places.join(' or ')}`
  return `unknown key "${key}" (known keys: ${known.join(', ')})`
}

function definitions(root: SchemaNode): Record<string, SchemaNode> {
  return {'': root, ...((root.$defs ?? {}) as Record<string, SchemaNode>)}
}

function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node
  while (current?.$ref) current = definitions(root)[current.$ref.replace('#/$defs/', '')]
  return current
}

/** The schema that applies at a data path (this schema has no combinators, so the walk is direct). */
function schemaAt(root: SchemaNode, path: ReadonlyArray<string | number>): SchemaNode | undefined {
  let node = deref(root, root)
  for (const step of path) {
    if (!node) return undefined
    const next: SchemaNode | undefined =
      typeof step === 'number'
        ? node.items
        : (node.properties?.[step] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined))
    node = deref(root, next)
  }
  return node
}

function instancePathToPath(pointer: string, data: unknown): Array<string | number> {
  if (pointer === '') return []
  const path: Array<string | number> = []
  let current: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (Array.isArray(current)) {
      path.push(Number(step))
      current = current[Number(step)]
    } else {
      path.push(step)
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[step] : undefined
    }
  }
  return path
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = data
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[step]
  }
  return current
}

/** What finishes the fix of a value of the wrong type. */
function typeHint(types: string[], value: unknown, path: ReadonlyArray<string | number>): string {
  // `timeout: 5`: quoting alone would give "5", which is not a duration either.
  const duration = isDurationNode(path) ? closestDuration(value) : undefined
  // `interval: 0` (or 5): a suggestion under the least interval would be an error too.
  if (duration !== undefined && path.at(-1) === 'interval' && parseDuration(duration) < MIN_INTERVAL_MS) return `; write a duration of at least ${formatDuration(MIN_INTERVAL_MS)}, e.g. "1m"`
  if (duration !== undefined) return `; did you mean "${duration}"?`
  // `id: 8100` or `label: yes` read as a number or a boolean in YAML: quoting fixes it.
  if (types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return '; put it in quotes'
  // `status: 200` where a list is wanted.
  if (types.includes('array') && (typeof value === 'number' || typeof value === 'string')) {
    // status: "200" is a code too: [200], not the still-wrong ["200"].
    const item = typeof value === 'string' && path.at(-1) === 'status' && /^\d{3}$/.test(value) ? value : typeof value === 'string' ? JSON.stringify(value) : value
    return `; did you mean [${item}]?`
  }
  return ''
}

function isDurationNode(path: ReadonlyArray<string | number>): boolean {
  return schemaAt(monitorsSchema(), path)?.pattern === DURATION_PATTERN
}

const ID_RULE = 'letters, digits and . _ : / @ -, starting with a letter or digit'
const DURATION_RULE = 'a whole number and a unit, e.g. 250ms, 5s, 2m, 1h, 14d'

function patternMessage(pattern: string, value: unknown): string {
  if (pattern.startsWith('^[A-Za-z0-9][')) return `${describe(value)} is not a valid ID: use ${ID_RULE}`
  if (pattern === DURATION_PATTERN) {
    const hint = closestDuration(value)
    return `${describe(value)} is not a duration: use ${DURATION_RULE}${hint === undefined ? '' : `; did you mean "${hint}"?`}`
  }
  if (pattern.startsWith('^[^\\r\\n')) return 'must not contain a line break'
  return `must match ${pattern} (got ${describe(value)})`
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
}

function typeNames(types: string[]): string {
  return types.map((type) => TYPE_NAMES[type] ?? type).join(' or ')
}

/** A short description of a value for messages: `"5 s"`, `42`, `a list`. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  return String(value)
}
