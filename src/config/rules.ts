/**
 * The rules the schema cannot express. They run on the raw data even when the
 * schema found errors (so one run reports everything), and skip whatever is
 * not the right shape: the schema has already said so.
 */
import {alertFindings} from './alert-rules.js'
import {absoluteUrlProblem} from './absolute-url.js'
import {CREDENTIAL_HEADERS, CREDENTIAL_VALUE, queryCredentialFindings} from './credentials.js'
import type {Finding, Where} from './finding.js'
import {envReferences, isReservedVariable} from './env-refs.js'
import {bodyFindings, defaultsKindFindings, endpointKindFindings} from './kind-rules.js'
import {kindSpec} from './kinds.js'
import {matchesProblem} from './regex.js'
import {moveFindings} from './move-rules.js'
import {durationMs, intervalFindings, sloFindings} from './schedule-rules.js'
import {BUILTIN_CHECK, ENDPOINT_KINDS, ID_MAX_LENGTH, ID_PATTERN, defaultEndpointId, defaultRegistryId} from './model.js'
import type {DocPath} from './yaml-source.js'
import {isRecord, list, type Raw} from './raw.js'

const ID_RE = new RegExp(ID_PATTERN)
/** A well-formed `${NAME}` reference, as check resolves it. */
const ENV_REF_RE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/y
/** The longest timeout or degraded_after a check may have (the Gatus import clamps to it too). */
export const MAX_CHECK_DURATION_MS = 3_600_000

export function ruleFindings(data: unknown, where: Where): Finding[] {
  if (!isRecord(data)) return []
  const findings: Finding[] = []
  const defaults = isRecord(data.defaults) && isRecord(data.defaults.check) ? data.defaults.check : undefined
  if (defaults) findings.push(...checkSettingsFindings(defaults, ['defaults', 'check']), ...defaultsKindFindings(defaults))
  findings.push(...idFindings(data, where), ...moveFindings(data, where))
  findings.push(...alertFindings(data, where))
  for (const [e, entity] of list(data.entities).entries()) {
    if (!isRecord(entity)) continue
    if (entity.slo !== undefined) findings.push(...sloFindings(entity.slo, ['entities', e, 'slo'], list(entity.endpoints).length + list(entity.registry).length))
    for (const [i, endpoint] of list(entity.endpoints).entries()) {
      if (!isRecord(endpoint)) continue
      const path = ['entities', e, 'endpoints', i]
      if (endpoint.slo !== undefined) findings.push(...sloFindings(endpoint.slo, [...path, 'slo'], 1))
      if (typeof endpoint.url === 'string') {
        const problem = httpUrlProblem(endpoint.url)
        if (problem) findings.push({path: [...path, 'url'], severity: 'error', message: problem})
        else findings.push(...queryCredentialFindings(endpoint.url, [...path, 'url'], 'send it in check.headers as ${VAR}'))
      }
      const own = isRecord(endpoint.check) ? endpoint.check : undefined
      if (own) findings.push(...checkSettingsFindings(own, [...path, 'check']))
      findings.push(...endpointFindings(endpoint, own, defaults, path), ...endpointKindFindings(endpoint, own, path))
    }
    for (const [r, entry] of list(entity.registry).entries()) {
      if (!isRecord(entry)) continue
      findings.push(...intervalFindings(entry.interval, ['entities', e, 'registry', r, 'interval']))
      if (typeof entry.path !== 'string') continue
      const problem = registryPathProblem(entry.path)
      if (problem) findings.push({path: ['entities', e, 'registry', r, 'path'], severity: 'error', message: problem})
      else if (/^https?:/i.test(entry.path)) findings.push(...queryCredentialFindings(entry.path, ['entities', e, 'registry', r, 'path'], 'a registry is fetched without headers: use a URL that needs no key, or a file path'))
    }
  }
  // The effective-settings rule may name the same defaults node for every endpoint.
  const seen = new Set<string>()
  return findings.filter((finding) => {
    const key = `${JSON.stringify(finding.path)}\0${finding.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

interface IdPlace {
  path: DocPath
  /** How a derived ID was made, for the message; absent when written in the file. */
  derivedFrom?: string
}

/**
 * IDs are unique per table across the file. An endpoint or registry entry
 * without an `id` gets a derived one, which may collide with a written or
 * another derived one: the error names both places.
 */
function idFindings(data: Raw, where: Where): Finding[] {
  const findings: Finding[] = []
  const tables = {entity: new Map<string, IdPlace>(), endpoint: new Map<string, IdPlace>(), 'registry entry': new Map<string, IdPlace>()}
  const claim = (table: keyof typeof tables, id: string, place: IdPlace): void => {
    const first = tables[table].get(id)
    if (!first) {
      tables[table].set(id, place)
      return
    }
    const firstAt = where(first.path)
    const subject = place.derivedFrom
      ? `derived ${table} id "${id}" (${place.derivedFrom}) collides with ${firstAt}${first.derivedFrom ? ', also derived' : ''}`
      : first.derivedFrom
        ? `${table} id "${id}" collides with the id derived at ${firstAt}`
        : `duplicate ${table} id "${id}": already used at ${firstAt}`
    const message = place.derivedFrom || first.derivedFrom ? `${subject}; give one of them its own id` : subject
    findings.push({path: place.path, severity: 'error', message})
  }
  const claimChild = (table: 'endpoint' | 'registry entry', entityId: string | undefined, child: Raw, path: DocPath, derive: (entityId: string) => string, from: string): void => {
    if (child.id !== undefined) {
      if (typeof child.id === 'string') claim(table, child.id, {path: [...path, 'id']})
      return
    }
    // Derived IDs are only meaningful when the entity's own ID is valid; the schema reports it otherwise.
    if (entityId === undefined) return
    const id = derive(entityId)
    if (id.length > ID_MAX_LENGTH) {
      findings.push({path, severity: 'error', message: `derived ${table} id "${id.slice(0, 40)}..." is ${id.length} characters (at most ${ID_MAX_LENGTH}): give it a shorter id`})
      return
    }
    claim(table, id, {path, derivedFrom: from})
  }
  for (const [e, entity] of list(data.entities).entries()) {
    if (!isRecord(entity)) continue
    const entityId = typeof entity.id === 'string' && ID_RE.test(entity.id) && entity.id.length <= ID_MAX_LENGTH ? entity.id : undefined
    if (typeof entity.id === 'string') claim('entity', entity.id, {path: ['entities', e, 'id']})
    for (const [i, endpoint] of list(entity.endpoints).entries()) {
      if (!isRecord(endpoint)) continue
      const kind = (ENDPOINT_KINDS as readonly unknown[]).includes(endpoint.kind) ? (endpoint.kind as (typeof ENDPOINT_KINDS)[number]) : undefined
      if (endpoint.id === undefined && kind === undefined) continue
      claimChild('endpoint', entityId, endpoint, ['entities', e, 'endpoints', i], (id) => defaultEndpointId(id, kind!), '<entity id>:<kind>')
    }
    for (const [r, entry] of list(entity.registry).entries()) {
      if (!isRecord(entry)) continue
      claimChild('registry entry', entityId, entry, ['entities', e, 'registry', r], defaultRegistryId, 'registry:<entity id>')
    }
  }
  return findings
}

/** Why a URL is not an acceptable endpoint URL, or undefined when it is. */
export function httpUrlProblem(url: string): string | undefined {
  if (url.includes('${')) return 'must be an absolute http(s) URL; ${VAR} is resolved only in check.headers, not in URLs'
  if (/\s/.test(url)) return 'must be an absolute http(s) URL without spaces (percent-encode them as %20)'
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return 'must be an absolute http(s) URL, e.g. http://127.0.0.1:8100/health'
  return absoluteUrlProblem(url, 'send them in check.headers as ${VAR}')
}

function registryPathProblem(path: string): string | undefined {
  // A scheme of two letters or more: `C:\registry.json` is a Windows path, not a URL.
  if (!/^[A-Za-z][A-Za-z0-9+.-]+:/.test(path)) return undefined
  if (!/^https?:/i.test(path)) return `must be a file path or an http(s) URL (got ${path.slice(0, path.indexOf(':') + 1)})`
  return httpUrlProblem(path)
}

function checkSettingsFindings(check: Raw, path: DocPath): Finding[] {
  const findings: Finding[] = []
  if (isRecord(check.headers)) {
    const names = new Map<string, string>()
    for (const [name, value] of Object.entries(check.headers)) {
      const here = [...path, 'headers', name]
      const lower = name.toLowerCase()
      const earlier = names.get(lower)
      if (earlier !== undefined) findings.push({path: here, atKey: true, severity: 'error', message: `header "${name}" is also set as "${earlier}" (header names ignore case)`})
      names.set(lower, name)
      if (typeof value === 'string') findings.push(...headerValueFindings(name, value, here))
    }
  }
  for (const key of ['timeout', 'degraded_after'] as const) {
    const ms = durationMs(check[key])
    if (ms === undefined) continue
    if (ms > MAX_CHECK_DURATION_MS) findings.push({path: [...path, key], severity: 'error', message: `must be at most 1h (got ${String(check[key])})`})
    else if (key === 'timeout' && ms === 0) findings.push({path: [...path, key], severity: 'error', message: 'must be more than 0'})
  }
  findings.push(...intervalFindings(check.interval, [...path, 'interval']))
  if (check.body !== undefined) findings.push(...bodyFindings(check.body, [...path, 'body']))
  for (const [j, assertion] of list(check.json).entries()) {
    if (!isRecord(assertion) || typeof assertion.matches !== 'string') continue
    const problem = matchesProblem(assertion.matches)
    if (problem) findings.push({path: [...path, 'json', j, 'matches'], severity: 'error', message: problem})
  }
  return findings
}

function headerValueFindings(name: string, value: string, path: DocPath): Finding[] {
  const findings: Finding[] = []
  for (let at = value.indexOf('${'); at >= 0; at = value.indexOf('${', at + 2)) {
    ENV_REF_RE.lastIndex = at
    if (!ENV_REF_RE.test(value)) {
      findings.push({path, severity: 'error', message: `malformed variable reference at "${value.slice(at, at + 20)}": write \${NAME} (letters, digits and _)`})
      break
    }
  }
  for (const name of envReferences(value)) {
    if (isReservedVariable(name)) {
      findings.push({path, severity: 'error', message: `\${${name}} is one of mon's own variables (MON_*, PG*, DATABASE_URL), which hold the database URL and its password: a header must not send it to an endpoint; use a variable of your own`})
    }
  }
  const bare = /(?<![$\w])\$([A-Za-z_][A-Za-z0-9_]*)/.exec(value.replaceAll(/\$\{[^}]*\}/g, ''))
  if (bare) {
    findings.push({path, severity: 'warning', message: `$${bare[1]} is sent as written; only \${${bare[1]}} is resolved from the environment`})
    return findings
  }
  if (value.includes('${')) return findings
  if (CREDENTIAL_VALUE.test(value) || CREDENTIAL_HEADERS.has(name.toLowerCase())) {
    findings.push({
      path,
      severity: 'warning',
      message: 'holds a literal credential: write it as ${VAR} (e.g. "Bearer ${API_TOKEN}") so the secret stays out of the file and the database',
    })
  }
  return findings
}

/**
 * Rules on an endpoint's effective settings (its own check over the file's
 * defaults over the built-in ones). A problem that comes from defaults alone
 * is reported once, at the defaults.
 */
function endpointFindings(endpoint: Raw, own: Raw | undefined, defaults: Raw | undefined, path: DocPath): Finding[] {
  const findings: Finding[] = []
  const source = (key: string): DocPath | null => (own && own[key] !== undefined ? [...path, 'check', key] : defaults && defaults[key] !== undefined ? ['defaults', 'check', key] : null)
  const effective = (key: 'timeout' | 'degraded_after'): number | undefined => {
    const from = source(key)
    if (from === null) return BUILTIN_CHECK[key]
    const ms = durationMs(from[0] === 'defaults' ? defaults![key] : own![key])
    // Out of range is already an error.
    return ms !== undefined && ms <= MAX_CHECK_DURATION_MS ? ms : undefined
  }
  // A value nobody wrote is easy to miss: say where it came from.
  const builtIn = (key: 'timeout' | 'degraded_after'): string => (source(key) === null ? ', the built-in default' : '')
  const timeout = effective('timeout')
  const degradedAfter = effective('degraded_after')
  if (timeout !== undefined && degradedAfter !== undefined && timeout > 0 && degradedAfter >= timeout) {
    // Point at what this endpoint set itself, where it set one of the two: that is the line to change
    // (the defaults alone may be fine). Only a clash of the defaults alone is reported at the defaults.
    const ownKey = (key: string): DocPath | null => (own && own[key] !== undefined ? [...path, 'check', key] : null)
    const at = ownKey('degraded_after') ?? ownKey('timeout') ?? source('degraded_after') ?? source('timeout') ?? path
    findings.push({
      path: at,
      severity: 'warning',
      message: `degraded_after (${degradedAfter} ms${builtIn('degraded_after')}) is not below timeout (${timeout} ms${builtIn('timeout')}): a slow response times out before it can warn`,
    })
  }
  // A protocol kind's method other than POST is its own error (kind-rules.ts).
  if (endpoint.method === 'HEAD' && !kindSpec(endpoint.kind)?.protocol) {
    if (kindSpec(endpoint.kind)?.needsBody) {
      findings.push({path: [...path, 'method'], severity: 'error', message: `a HEAD response has no body, so a ${endpoint.kind} check can never pass; use GET`})
    }
    const json = own && own.json !== undefined ? own.json : defaults?.json
    if (Array.isArray(json) && json.length > 0) {
      findings.push({path: [...path, 'method'], severity: 'error', message: 'a HEAD response has no body, so its json assertions can never pass; use GET'})
    }
  }
  return findings
}

