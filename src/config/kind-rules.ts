/**
 * The rules on the kind-specific settings (SPEC section 8) that the schema
 * cannot express: each section belongs to its kind, a protocol kind speaks
 * over POST and builds its own body, a body goes only with POST, and none of
 * them is a default for every endpoint. Like the other rules they skip what
 * is not the right shape: the schema has said so.
 */
import {hasReference, looksLikeSecret, walkStrings} from './credentials.js'
import {envReferences, isReservedVariable} from './env-refs.js'
import type {Finding} from './finding.js'
import {KINDS, type EndpointKind, type KindSpec} from './kinds.js'
import type {DocPath} from './yaml-source.js'

type Raw = Record<string, unknown>

/** The kind each section is read by. */
const SECTION_KIND = {mcp: 'mcp', models: 'models', completion: 'completion'} as const satisfies Record<string, EndpointKind>
/** Settings of one endpoint only: as a default they would reach every endpoint of every kind. */
const PER_ENDPOINT = ['body', 'mcp', 'models', 'completion'] as const

/** Settings on an HTTP answer that a protocol kind (mcp, completion) does not read: its protocol says what passes. */
const JUDGED_BY_PROTOCOL = ['status', 'json'] as const

const article = (kind: string): string => (/^[aeiou]|^mcp$/.test(kind) ? 'an' : 'a')

/** `defaults.check` may set none of the kind-specific settings. */
export function defaultsKindFindings(defaults: Raw): Finding[] {
  return PER_ENDPOINT.filter((key) => defaults[key] !== undefined).map((key) => ({
    path: ['defaults', 'check', key],
    atKey: true,
    severity: 'error' as const,
    message: `check.${key} is set per endpoint, not under defaults: it belongs to one endpoint's request or kind`,
  }))
}

/** The rules on one endpoint's kind, method and its own check's kind-specific settings. */
export function endpointKindFindings(endpoint: Raw, own: Raw | undefined, path: DocPath): Finding[] {
  if (typeof endpoint.kind !== 'string' || !Object.hasOwn(KINDS, endpoint.kind)) return []
  const kind = endpoint.kind as EndpointKind
  const spec: KindSpec = KINDS[kind]
  const findings: Finding[] = []
  const check = own ?? {}
  for (const [section, owner] of Object.entries(SECTION_KIND)) {
    if (check[section] !== undefined && kind !== owner) {
      findings.push({path: [...path, 'check', section], atKey: true, severity: 'error', message: `check.${section} is read only by kind: ${owner} (this endpoint is kind: ${kind}): remove it or change the kind`})
    }
  }
  if (spec.protocol) {
    for (const key of JUDGED_BY_PROTOCOL.filter((key) => check[key] !== undefined)) {
      findings.push({path: [...path, 'check', key], atKey: true, severity: 'error', message: `check.${key} does not apply to kind: ${kind} (its answer is judged by the protocol)`})
    }
  }
  if (kind === 'completion' && check.completion === undefined) {
    findings.push({path: [...path, 'kind'], severity: 'error', message: 'a completion check needs check.completion with the model to ask for (check.completion.model)'})
  }
  findings.push(...completionTextFindings(check.completion, [...path, 'check', 'completion']))
  if (spec.protocol && typeof endpoint.method === 'string' && endpoint.method !== 'POST') {
    findings.push({path: [...path, 'method'], severity: 'error', message: `${article(kind)} ${kind} check speaks its protocol over POST: leave method out (or write POST)`})
  }
  if (check.body !== undefined) {
    const method = typeof endpoint.method === 'string' ? endpoint.method : 'GET'
    if (spec.protocol) findings.push({path: [...path, 'check', 'body'], atKey: true, severity: 'error', message: `${article(kind)} ${kind} check builds its own request body: remove check.body`})
    else if (method !== 'POST') findings.push({path: [...path, 'check', 'body'], atKey: true, severity: 'error', message: `check.body is sent only with method: POST (this endpoint's method is ${method})`})
  }
  return findings
}

/** What a completion check's model and prompt must be instead, when they hold a `${VAR}`. */
const COMPLETION_TEXT = {model: 'the model id', prompt: 'the prompt'} as const

/** The model and prompt are sent as written (a `${VAR}` in them would reach the server literally), unlike headers and check.body. */
function completionTextFindings(completion: unknown, path: DocPath): Finding[] {
  if (completion === null || typeof completion !== 'object') return []
  const section = completion as Raw
  return Object.entries(COMPLETION_TEXT)
    .filter(([key]) => typeof section[key] === 'string' && envReferences(section[key] as string).length > 0)
    .map(([key, what]) => ({path: [...path, key], severity: 'error' as const, message: `\${VAR} is resolved only in headers and check.body; write ${what}`}))
}

/**
 * A request body's `${VAR}`s and literal secrets, as a header's: a body is
 * stored as written, so a secret belongs in it only as `${VAR}`.
 */
export function bodyFindings(body: unknown, path: DocPath): Finding[] {
  const findings: Finding[] = []
  walkStrings(body, path, (value, at) => {
    for (const name of envReferences(value).filter(isReservedVariable)) {
      findings.push({path: at, severity: 'error', message: `\${${name}} is one of mon's own variables (MON_*, PG*, DATABASE_URL), which hold the database URL and its password: a body must not send it to an endpoint; use a variable of your own`})
    }
    const key = at.length > path.length ? at[at.length - 1] : undefined
    // A body written as text: its JSON or form fields (`token=...`) are read for what they hold.
    const pairs = typeof key === 'string' ? [[key, value] as const] : [[undefined, value] as const, ...textPairs(value)]
    if (pairs.some(([name, text]) => !hasReference(text) && looksLikeSecret(name, text))) {
      findings.push({path: at, severity: 'warning', message: 'holds a literal credential: write it as ${VAR} (e.g. "token": "${API_TOKEN}") so the secret stays out of the file and the database'})
    }
  })
  return findings
}

/** The string fields of a body written as text: a JSON object's (one level down and more), or a form's `name=value` pairs. */
function textPairs(text: string): Array<readonly [string | undefined, string]> {
  const pairs: Array<readonly [string | undefined, string]> = []
  try {
    walkStrings(JSON.parse(text), [], (value, at) => pairs.push([typeof at[at.length - 1] === 'string' ? (at[at.length - 1] as string) : undefined, value]))
    return pairs
  } catch {
    for (const field of text.split('&')) {
      const at = field.indexOf('=')
      if (at > 0) pairs.push([field.slice(0, at).trim(), field.slice(at + 1).trim()])
    }
    return pairs
  }
}
