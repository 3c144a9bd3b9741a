import type {JsonAssertion, Severity} from '../config/model.js'
import {compileMatches} from '../config/regex.js'
import {plural} from '../plural.js'
import {quoteJson} from './json-depth.js'

/** What one `json:` assertion found, as stored in the snapshot payload. */
export interface AssertionResult {
  path: string
  ok: boolean
  severity: Severity
  /** Why it failed, in words a person can act on; absent when it passed. */
  message?: string
  /** The value found at the path (absent when the path does not exist). */
  actual?: unknown
}

const MISSING = Symbol('missing')

/** `data.0.id`, `data[0].id` and `$.data` all address the same value. */
export function splitPath(path: string): string[] {
  const trimmed = path.trim().replace(/^\$\.?/, '')
  if (trimmed === '') return []
  return trimmed
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
}

export function valueAt(body: unknown, path: string): unknown | typeof MISSING {
  let current: unknown = body
  for (const part of splitPath(path)) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      const index = Number(part)
      if (index >= current.length) return MISSING
      current = current[index]
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, part)) {
      current = (current as Record<string, unknown>)[part]
    } else {
      return MISSING
    }
  }
  return current
}

/** With a list of pairs still to compare, not recursion: both sides may nest thousands of levels deep. */
export function deepEqual(a: unknown, b: unknown): boolean {
  const pending: Array<[unknown, unknown]> = [[a, b]]
  while (pending.length > 0) {
    const [x, y] = pending.pop()!
    if (x === y) continue
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
    if (Array.isArray(x) !== Array.isArray(y)) return false
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false
      x.forEach((v, i) => pending.push([v, y[i]]))
      continue
    }
    const kx = Object.keys(x)
    if (kx.length !== Object.keys(y).length) return false
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false
      pending.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]])
    }
  }
  return true
}

function show(value: unknown): string {
  const text = quoteJson(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Every operator given in one assertion must hold; the first that fails names the problem. */
export function evaluateAssertion(body: unknown, assertion: JsonAssertion): AssertionResult {
  const {path, severity} = assertion
  const found = valueAt(body, path)
  const present = found !== MISSING
  const base = {path, severity, ...(present ? {actual: found} : {})}
  const fail = (message: string): AssertionResult => ({...base, ok: false, message: `${path}: ${message}`})

  if (assertion.exists === false) {
    return present ? fail(`expected no value, found ${show(found)}`) : {...base, ok: true}
  }
  if (!present) return fail('missing')
  if ('equals' in assertion && assertion.equals !== undefined && !deepEqual(found, assertion.equals)) {
    return fail(`expected ${show(assertion.equals)}, got ${show(found)}`)
  }
  if (assertion.in !== undefined && !assertion.in.some((candidate) => deepEqual(found, candidate))) {
    return fail(`expected one of ${show(assertion.in)}, got ${show(found)}`)
  }
  if (assertion.matches !== undefined) {
    let re: ReturnType<typeof compileMatches>
    try {
      re = compileMatches(assertion.matches)
    } catch {
      return fail(`"${assertion.matches}" is not a valid regular expression`)
    }
    if (typeof found !== 'string' && typeof found !== 'number') return fail(`expected text matching /${assertion.matches}/, got ${show(found)}`)
    if (!re.test(String(found))) return fail(`${show(found)} does not match /${assertion.matches}/`)
  }
  if (assertion.min_items !== undefined) {
    if (!Array.isArray(found)) return fail(`expected a list of at least ${assertion.min_items} items, got ${show(found)}`)
    if (found.length < assertion.min_items) {
      return fail(`expected at least ${plural(assertion.min_items, 'item')}, got ${found.length}`)
    }
  }
  return {...base, ok: true}
}

/** Results in the order written; a list or map found is not copied, so a large body is not stored twice. */
export function evaluateAssertions(body: unknown, assertions: readonly JsonAssertion[]): AssertionResult[] {
  return assertions.map((assertion) => {
    const result = evaluateAssertion(body, assertion)
    if (typeof result.actual === 'object' && result.actual !== null) {
      const {actual: _dropped, ...rest} = result
      return rest
    }
    return result
  })
}
