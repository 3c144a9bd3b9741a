/**
 * One Gatus endpoint as a mon endpoint of kind `api`: its URL, method,
 * headers, body, interval, timeout and conditions. An endpoint mon cannot
 * check (TCP, DNS, ICMP...) or whose URL mon cannot store is left out with
 * a note; so is every key without a counterpart.
 */
import {MAX_DURATION_MS, formatDuration} from '../duration.js'
import {absoluteUrlProblem} from '../config/absolute-url.js'
import {CREDENTIAL_KEY, queryCredentialFindings} from '../config/credentials.js'
import {HTTP_METHODS, MIN_INTERVAL_MS, type HttpMethod} from '../config/model.js'
import type {CheckSpec, EndpointSpec} from '../config/monitors.types.js'
import type {DocPath} from '../config/yaml-source.js'
import {headerProblem, headerValue} from './gatus-alerting.js'
import {mapConditions} from './gatus-conditions.js'
import {goDurationExactMs, hasEnvReference, isRecord, list, type ImportContext, type Raw} from './gatus-context.js'
import {MAX_CHECK_DURATION_MS} from '../config/rules.js'

/** Gatus's defaults (config/endpoint/endpoint.go, client/config.go). */
export const GATUS_INTERVAL_MS = 60_000
export const GATUS_TIMEOUT_MS = 10_000

/** What each scheme is in Gatus (endpoint.go, Type). */
const NOT_HTTP: Array<[string, string]> = [
  ['tcp://', 'a TCP'], ['sctp://', 'an SCTP'], ['udp://', 'a UDP'], ['icmp://', 'an ICMP'], ['starttls://', 'a STARTTLS'], ['tls://', 'a TLS'],
  ['grpc://', 'a gRPC'], ['grpcs://', 'a gRPC'], ['ws://', 'a WebSocket'], ['wss://', 'a WebSocket'], ['ssh://', 'an SSH'],
]

const HANDLED = new Set(['name', 'group', 'url', 'method', 'body', 'graphql', 'headers', 'interval', 'conditions', 'alerts', 'client', 'enabled'])
const UNMAPPED: Record<string, string> = {
  'extra-labels': "mon's metrics carry ids, not labels of Gatus's",
  ui: "Gatus's UI settings have no counterpart",
  'maintenance-windows': "mon's maintenance windows cover whole entities: add one under maintenance by hand",
  ssh: 'SSH settings of an endpoint mon cannot check',
  store: 'suites only',
  'always-run': 'suites only',
}
const CLIENT: Record<string, string> = {
  insecure: 'mon always verifies certificates (NODE_EXTRA_CA_CERTS adds a CA)',
  'ignore-redirect': 'mon follows up to 5 redirects',
  tls: 'a client certificate (mTLS): mon sends none',
  oauth2: 'mon sends fixed headers: put a token in one as ${VAR}',
}
/** The schema's limits (schemas/monitors.schema.json: endpoint url, check.body). */
const MAX_URL_LENGTH = 2048
const MAX_BODY_LENGTH = 65_536
const BODY_PLACEHOLDER = /\[(ENDPOINT_NAME|ENDPOINT_GROUP|ENDPOINT_URL|LOCAL_ADDRESS|RANDOM_STRING_\d+)\]/

/** The endpoint spec without its id and alert, or undefined when it is left out (with a note saying why). */
export function mapEndpoint(raw: Raw, at: DocPath, what: string, ctx: ImportContext): Omit<EndpointSpec, 'id'> | undefined {
  const skip = (why: string, path: DocPath = at): undefined => {
    ctx.note(path, what, `${why}; not converted`)
    return undefined
  }
  if (raw.enabled === false) return skip('disabled in Gatus')
  if (raw.dns !== undefined) return skip('a DNS endpoint: mon checks HTTP and HTTPS only')
  if (typeof raw.url !== 'string' || raw.url === '') return skip('has no url')
  const written = raw.url.trim()
  const scheme = NOT_HTTP.find(([prefix]) => written.startsWith(prefix))
  if (scheme) return skip(`${scheme[1]} endpoint: mon checks HTTP and HTTPS only`, [...at, 'url'])
  if (!/^https?:\/\//.test(written)) return skip('not an HTTP(S) URL: mon checks HTTP and HTTPS only', [...at, 'url'])
  if (hasEnvReference(written)) return skip('its url uses an environment variable: mon stores endpoint URLs as written', [...at, 'url'])
  if (written.includes('${')) return skip('its url holds ${, which mon refuses in a URL (it resolves ${VAR} in headers only)', [...at, 'url'])
  const url = encodeSpaces(written)
  if (url === undefined) return skip('its url holds white space in its host, or other than spaces (mon stores URLs without any)', [...at, 'url'])
  if (url.length > MAX_URL_LENGTH) return skip(`its url is over ${MAX_URL_LENGTH} characters, mon's longest`, [...at, 'url'])
  const problem = absoluteUrlProblem(url, 'mon keeps them out of URLs (send them in a header as ${VAR})')
  if (problem) return skip(`its url ${problem}`, [...at, 'url'])
  if (queryCredentialFindings(url, [], '').length > 0) return skip('its url carries a credential in its query, and mon stores and shows URLs as written', [...at, 'url'])
  const method = (typeof raw.method === 'string' ? raw.method : 'GET').toUpperCase()
  if (!(HTTP_METHODS as readonly string[]).includes(method)) return skip(`method ${method}: mon sends GET, HEAD or POST`, [...at, 'method'])
  if (url !== written) ctx.note([...at, 'url'], `${what}: url`, "its spaces are written as %20, as Gatus's client sends them")

  for (const key of Object.keys(raw)) {
    if (HANDLED.has(key) || key === 'dns') continue
    ctx.note([...at, key], `${what}: ${key}`, UNMAPPED[key] ?? 'not a Gatus endpoint key (Gatus ignores it)')
  }
  const check: CheckSpec = {interval: formatDuration(interval(raw.interval, [...at, 'interval'], what, ctx))}
  const timeout = clientTimeout(raw.client, [...at, 'client'], what, ctx)
  check.timeout = formatDuration(timeout)
  const headers = endpointHeaders(raw.headers, [...at, 'headers'], what, ctx)
  if (Object.keys(headers).length > 0) check.headers = headers
  const body = requestBody(raw, method as HttpMethod, at, what, ctx)
  if (body !== undefined) check.body = body

  const conditions = mapConditions(list(raw.conditions), [...at, 'conditions'], ctx)
  const status = conditions.status
  if (status === undefined) ctx.note([...at, 'conditions'], what, 'no [STATUS] condition: Gatus accepted any status, mon accepts any 2xx (set check.status to widen it)')
  else if (status.size === 0) ctx.note([...at, 'conditions'], what, 'no status satisfies its [STATUS] conditions: mon accepts any 2xx')
  else if (!isTwoXx(status)) {
    if (status.size > 100 && [...Array(100).keys()].every((i) => status.has(200 + i))) ctx.note([...at, 'conditions'], what, `its [STATUS] conditions accept ${status.size} codes: mon accepts any 2xx`)
    else check.status = [...status].sort((a, b) => a - b) as [number, ...number[]]
  }
  const degraded = conditions.degraded
  if (degraded) {
    const said = `condition "${degraded.condition}"`
    if (degraded.ms >= timeout) ctx.note(degraded.at, said, `dropped: not below the timeout (${formatDuration(timeout)}), which already fails a slower response`)
    else {
      check.degraded_after = formatDuration(degraded.ms)
      ctx.note(degraded.at, said, `mapped to degraded_after: ${check.degraded_after}: a slower response is warn in mon (Gatus failed the check), and alerts open on error unless alert.on is warn`)
    }
  }
  if (conditions.json.length > 0) {
    if (method === 'HEAD') ctx.note([...at, 'conditions'], what, 'body conditions on a HEAD request, which has no body: left out')
    else check.json = conditions.json
  }
  return {kind: 'api', url, ...(method === 'GET' ? {} : {method: method as HttpMethod}), check}
}

/** Spaces in the path, query or fragment as %20, as Go's client sends them; undefined for white space mon cannot write so. */
function encodeSpaces(url: string): string | undefined {
  if (!/\s/.test(url)) return url
  const [, origin, rest] = /^(https?:\/\/[^/?#]*)(.*)$/s.exec(url)!
  if (/\s/.test(origin!) || /[^\S ]/.test(rest!)) return undefined
  return `${origin}${rest!.replace(/ /g, '%20')}`
}

function isTwoXx(codes: ReadonlySet<number>): boolean {
  return codes.size === 100 && [...codes].every((code) => code >= 200 && code < 300)
}

function interval(value: unknown, at: DocPath, what: string, ctx: ImportContext): number {
  if (value === undefined) return GATUS_INTERVAL_MS
  const ms = goDurationExactMs(value)
  if (ms === undefined || ms === 0) {
    const why = ms === 0 ? String(value) : `${String(value)} is not a Go duration`
    ctx.note(at, `${what}: interval`, `${why}: Gatus's default, 1m, is used`)
    return GATUS_INTERVAL_MS
  }
  if (ms < MIN_INTERVAL_MS) {
    ctx.note(at, `${what}: interval`, `${String(value)} is below mon's least interval: raised to ${formatDuration(MIN_INTERVAL_MS)}`)
    return MIN_INTERVAL_MS
  }
  if (ms > MAX_DURATION_MS) {
    ctx.note(at, `${what}: interval`, `${String(value)} is above mon's longest interval: lowered to ${formatDuration(MAX_DURATION_MS)}`)
    return MAX_DURATION_MS
  }
  // mon's intervals are whole milliseconds in one unit: 1m30s is 90s.
  return Math.round(ms)
}

function clientTimeout(client: unknown, at: DocPath, what: string, ctx: ImportContext): number {
  if (!isRecord(client)) return GATUS_TIMEOUT_MS
  let timeout = GATUS_TIMEOUT_MS
  for (const [key, value] of Object.entries(client)) {
    if (key !== 'timeout') {
      ctx.note([...at, key], `${what}: client.${key}`, CLIENT[key] ?? 'no counterpart in mon')
      continue
    }
    const ms = goDurationExactMs(value)
    if (ms === undefined || ms <= 0) ctx.note([...at, key], `${what}: client.timeout`, `${String(value)} is not a Go duration above 0: Gatus's default, 10s, is used`)
    else if (ms > MAX_CHECK_DURATION_MS) ctx.note([...at, key], `${what}: client.timeout`, `${String(value)} is above mon's longest timeout: 1h is used`)
    // mon's durations are whole milliseconds: 1ns is 1ms.
    else if (ms < 1) ctx.note([...at, key], `${what}: client.timeout`, `${String(value)} is below mon's least timeout: 1ms is used`)
    timeout = ms === undefined || ms <= 0 ? GATUS_TIMEOUT_MS : Math.min(Math.max(Math.round(ms), 1), MAX_CHECK_DURATION_MS)
  }
  return timeout
}

function endpointHeaders(headers: unknown, at: DocPath, what: string, ctx: ImportContext): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isRecord(headers)) return out
  for (const [name, value] of Object.entries(headers)) {
    const path = [...at, name]
    const problem = headerProblem(name, value)
    if (problem) ctx.note(path, `${what}: header ${JSON.stringify(name)}`, `${problem}; not converted`)
    else out[name] = headerValue(name, String(value), path, `${what}: header ${name}`, ctx)
  }
  return out
}

/** The body of a POST (graphql: wrapped as `{query}`, as Gatus does); a literal secret under a key that names one becomes a placeholder. */
function requestBody(raw: Raw, method: HttpMethod, at: DocPath, what: string, ctx: ImportContext): CheckSpec['body'] {
  if (typeof raw.body !== 'string' || raw.body === '') return undefined
  const path = [...at, 'body']
  if (method !== 'POST') {
    ctx.note(path, `${what}: body`, `mon sends a body with POST only (this endpoint's method is ${method}); left out`)
    return undefined
  }
  const text = ctx.references(path, `${what}: body`, raw.body)
  if (text.length > MAX_BODY_LENGTH) {
    ctx.note(path, `${what}: body`, `over ${MAX_BODY_LENGTH} characters, mon's longest; left out`)
    return undefined
  }
  if (BODY_PLACEHOLDER.test(raw.body)) ctx.note(path, `${what}: body`, "Gatus's placeholders ([ENDPOINT_NAME], [RANDOM_STRING_N]...) are sent as written")
  if (raw.graphql === true) return {query: text}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return text
  }
  if (!isRecord(parsed)) return text
  return hideSecrets(parsed, path, what, ctx)
}

function hideSecrets(body: Raw, at: DocPath, what: string, ctx: ImportContext): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && CREDENTIAL_KEY.test(key) && !hasEnvReference(value)) out[key] = ctx.secret(at, `${what}: body key ${key}`, key, value)
    else out[key] = isRecord(value) ? hideSecrets(value, at, what, ctx) : value
  }
  return out
}
