/**
 * Gatus conditions (`[STATUS] == 200`, `[BODY].status == UP`, ...) as mon's
 * check settings: status codes, `degraded_after`, JSON assertions. Gatus
 * finds the operator by its spaces, in the order of its own parser
 * (config/endpoint/condition.go); what has no counterpart is a note at the
 * condition's line.
 */
import type {JsonAssertionSpec} from '../config/monitors.types.js'
import type {DocPath} from '../config/yaml-source.js'
import {TLS_WARN_DAYS} from '../check/judge.js'
import {goDurationMs, type ImportContext} from './gatus-context.js'

const OPERATORS = [' == ', ' != ', ' <= ', ' >= ', ' > ', ' < '] as const
type Operator = '==' | '!=' | '<=' | '>=' | '>' | '<'

/** What the conditions of one endpoint come to. */
export interface MappedConditions {
  /** The accepted codes; undefined when no condition reads [STATUS]. */
  status?: Set<number>
  /** The least `[RESPONSE_TIME] < N`, in ms, and where it is (the endpoint says what became of it). */
  degraded?: {ms: number; at: DocPath; condition: string}
  json: JsonAssertionSpec[]
}

/** What mon's `path` reads: keys and indexes, `data[0].id` (no wildcards, filters or quoted keys). */
const JSON_PATH = /^(\[\d+\]|[^.[\]*?()'"\s]+)(\.[^.[\]*?()'"\s]+|\[\d+\])*$/

/** Final statuses a check can see (1xx are never final); a set equal to 2xx is mon's default. */
const CODES = Array.from({length: 400}, (_, i) => 200 + i)

export function mapConditions(conditions: unknown[], at: DocPath, ctx: ImportContext): MappedConditions {
  const mapped: MappedConditions = {json: []}
  for (const [i, condition] of conditions.entries()) {
    const path = [...at, i]
    if (typeof condition !== 'string') {
      ctx.note(path, 'condition', 'not a string: Gatus conditions read "<left> <operator> <right>"')
      continue
    }
    const what = `condition "${condition}"`
    const why = mapCondition(condition.trim(), mapped, path)
    if (why !== undefined) ctx.note(path, what, why)
  }
  return mapped
}

/** Folds one condition into `mapped`; what to say about it, or undefined when it maps as it means. */
function mapCondition(condition: string, mapped: MappedConditions, path: DocPath): string | undefined {
  const operator = OPERATORS.find((op) => condition.includes(op))
  if (!operator) return 'not a Gatus condition (<left> <operator> <right>, the operator between spaces)'
  const at = condition.indexOf(operator)
  const left = condition.slice(0, at).trim()
  const right = condition.slice(at + operator.length).trim()
  const op = operator.trim() as Operator
  if (/^\[(STATUS|BODY|RESPONSE_TIME|CERTIFICATE_EXPIRATION|CONNECTED|IP|DNS_RCODE|DOMAIN_EXPIRATION|CONTEXT)\]/.test(right) || /^(len|has)\(/.test(right)) {
    return 'compares two placeholders: mon compares a value with a constant'
  }
  if (left === '[STATUS]') return statusCondition(op, right, mapped)
  if (left === '[RESPONSE_TIME]') {
    // Gatus reads either side of < as a Go duration first (in ms), then as a number: `< 1s` is `< 1000`.
    const ms = goDurationMs(right) ?? Number(right)
    if ((op !== '<' && op !== '<=') || !Number.isInteger(ms) || ms <= 0) return 'mon bounds the response time from above only (degraded_after)'
    if (mapped.degraded === undefined || ms < mapped.degraded.ms) mapped.degraded = {ms, at: path, condition}
    return undefined
  }
  if (left === '[CERTIFICATE_EXPIRATION]') {
    if (op !== '>' && op !== '>=') return 'mon checks only that a certificate is not about to expire'
    return `dropped: mon warns on its own when a certificate expires in less than ${TLS_WARN_DAYS} days (a fixed threshold; Gatus failed the check under ${right})`
  }
  if (left === '[CONNECTED]') return right === 'true' && op === '==' ? undefined : 'mon cannot expect a failed connection'
  if (left.startsWith('[BODY]')) return bodyCondition(bodyPath(left.slice('[BODY]'.length)), op, right, mapped)
  const fn = /^(len|has)\(\[BODY\](.*)\)$/.exec(left)
  if (fn) return fn[1] === 'has' ? hasCondition(bodyPath(fn[2]!), op, right, mapped) : lenCondition(bodyPath(fn[2]!), op, right, mapped)
  const placeholder = /^\[([A-Z_]+)\]/.exec(left)?.[1]
  if (placeholder === 'IP' || placeholder === 'DNS_RCODE' || placeholder === 'DOMAIN_EXPIRATION' || placeholder === 'CONTEXT') return `mon has no [${placeholder}] check`
  return 'not a condition mon can map'
}

function statusCondition(op: Operator, right: string, mapped: MappedConditions): string | undefined {
  let test: (code: number) => boolean
  if (op === '==' || op === '!=') {
    const pattern = patPattern(right)
    const values = anyValues(right) ?? [right]
    let matches: (code: number) => boolean
    if (pattern !== undefined) {
      const re = new RegExp(globRegex(pattern))
      matches = (code) => re.test(String(code))
    } else {
      if (!values.every((v) => /^\d+$/.test(v))) return 'not a status code'
      const codes = values.map(Number)
      matches = (code) => codes.includes(code)
    }
    test = op === '==' ? matches : (code) => !matches(code)
  } else {
    if (!/^\d+$/.test(right)) return 'not a status code'
    const bound = Number(right)
    test = op === '<' ? (code) => code < bound : op === '<=' ? (code) => code <= bound : op === '>' ? (code) => code > bound : (code) => code >= bound
  }
  mapped.status = new Set([...(mapped.status ?? CODES)].filter(test))
  return undefined
}

/** `.data[0].id` -> `data[0].id`; the whole body is `$`. */
function bodyPath(rest: string): string {
  const path = rest.replace(/^\./, '')
  return path === '' ? '$' : path
}

function bodyCondition(path: string, op: Operator, right: string, mapped: MappedConditions): string | undefined {
  if (path === '$') return 'compares the whole body: mon asserts on the values of a JSON body'
  if (!JSON_PATH.test(path)) return 'a JSONPath mon cannot follow: mon reads keys and indexes (data[0].id)'
  if (op !== '==') return op === '!=' ? 'mon has no "not equal" assertion' : 'mon has no ordering assertion on a body value'
  const pattern = patPattern(right)
  const values = anyValues(right)
  if (pattern !== undefined) mapped.json.push({path, matches: globRegex(pattern)})
  else if (values !== undefined) mapped.json.push({path, in: values.map(typed) as [unknown, ...unknown[]]})
  else mapped.json.push({path, equals: typed(right)})
  return typeof typed(right) === 'string' || pattern !== undefined || values !== undefined ? undefined : `mapped to equals: ${right}, compared as JSON: a number or boolean matches that type only (Gatus compared text)`
}

function hasCondition(path: string, op: Operator, right: string, mapped: MappedConditions): string | undefined {
  if (!JSON_PATH.test(path)) return 'a JSONPath mon cannot follow: mon reads keys and indexes (data[0].id)'
  if ((op !== '==' && op !== '!=') || (right !== 'true' && right !== 'false')) return 'has() compares with true or false'
  mapped.json.push({path, exists: (right === 'true') === (op === '==')})
  return undefined
}

function lenCondition(path: string, op: Operator, right: string, mapped: MappedConditions): string | undefined {
  if (!JSON_PATH.test(path)) return 'a JSONPath mon cannot follow: mon reads keys and indexes (data[0].id)'
  const n = Number(right)
  if (!Number.isInteger(n) || n < 0 || (op !== '>' && op !== '>=')) return 'mon bounds a list length from below only (min_items)'
  const min = op === '>' ? n + 1 : n
  mapped.json.push({path, min_items: min})
  return `mapped to min_items: ${min}: mon counts the items of a list (Gatus's len also counts the characters of a string)`
}

/** `any(200, 201)` -> ['200', '201']. */
function anyValues(right: string): string[] | undefined {
  const match = /^any\((.*)\)$/.exec(right)
  return match ? match[1]!.split(',').map((v) => v.trim()) : undefined
}

function patPattern(right: string): string | undefined {
  return /^pat\((.*)\)$/.exec(right)?.[1]
}

/** A Gatus value as JSON: an integer or a boolean as itself, anything else as text. */
function typed(value: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (value === 'true' || value === 'false') return value === 'true'
  return value
}

/**
 * Gatus's pat() is Go's filepath.Match (`*` any run, `?` one character,
 * `[...]` a class, `\\` an escape) over the whole value; mon's `matches`
 * searches, so a leading or trailing `*` is left out instead of anchoring
 * (`*cat*` is `cat`, `john*` is `^john`). The same text in JavaScript and RE2.
 */
export function globRegex(pattern: string): string {
  const open = pattern.startsWith('*')
  const close = pattern.length > 1 && pattern.endsWith('*') && !pattern.endsWith('\\*')
  const inner = pattern.slice(open ? 1 : 0, close ? -1 : undefined)
  let out = ''
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!
    if (char === '*') out += '.*'
    else if (char === '?') out += '.'
    else if (char === '\\' && i + 1 < inner.length) out += escapeRegex(inner[++i]!)
    else if (char === '[' && inner.indexOf(']', i + 2) > 0) {
      const end = inner.indexOf(']', i + 2)
      out += `[${inner.slice(i + 1, end).replace(/\\/g, '\\\\')}]`
      i = end
    } else out += escapeRegex(char)
  }
  return `${open ? '' : '^'}${out}${close ? '' : '$'}`
}

function escapeRegex(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char
}
