import {STATUS_CODES} from 'node:http'
import {setTimeout as sleep} from 'node:timers/promises'

import type {Dispatcher} from 'undici'

import {BUILTIN_CHECK, type EndpointKind} from '../config/model.js'
import {completionWork} from './completion-probe.js'
import {bodyHeaders, NO_BODY, resolveBody} from './body.js'
import {resolveHeaders} from './headers.js'
import {readLimit} from './kinds.js'
import {mcpWork} from './mcp-probe.js'
import {type Phases, sumPhases} from './phases.js'
import {type Hop, nextHop, RedirectRefused, secretHeaderNames} from './redirects.js'
import {contentLength, flatHeaders, readCapped} from './read-capped.js'
import {type HopOptions, type TimedHop, timedHop} from './timed-hop.js'
import type {EndpointTarget, HttpProbe, HttpResponse, ProbeFailure} from './types.js'
import {warmUp} from './warm-up.js'

export interface HttpProberOptions {
  /** Bytes of body kept, and read where no rule reads the body (see readLimit in kinds.ts). */
  maxPayload: number
  /** Bytes of body read where a rule reads it; the rest is dropped unread. */
  maxBody: number
  /** The longest timeout of any target: undici's own timers must never fire first. */
  maxTimeoutMs: number
  /** Make one request to a loopback server of our own first, so that no check's latency pays for compiling undici's parser. */
  warmUp?: boolean
  maxRedirections?: number
  env?: Record<string, string | undefined>
  /** Trust only these CA certificates (PEM) instead of the system's; for tests. Users set NODE_EXTRA_CA_CERTS. */
  ca?: string
}

/** What every attempt of a check sends: the headers with `${VAR}` resolved, and which of them are secrets. */
export interface AttemptRequest {
  headers: Record<string, string>
  /** Lower-cased names of headers built from `${VAR}`: dropped on a redirect to another origin. */
  secretHeaders: ReadonlySet<string>
  /** `check.body` resolved, for `method: POST`. */
  body?: string
  /** The body holds a `${VAR}` value: it goes to the configured origin only. */
  secretBody?: boolean
}

/** Where an attempt has got to, for its failure's line: set by the work as it goes. */
export interface AttemptProgress {
  /** What the attempt was waiting for when its deadline came: `timeout after 5000 ms (waiting for tools/list)`. */
  waiting?: string
  /** The first word of the timeout's line, where `timeout` says too little (`handshake timeout`). */
  timeoutWord?: string
  /** What the attempt learned before it failed, kept beside the failure (an MCP server's protocol version). */
  partial?: Partial<Pick<HttpProbe, 'mcp' | 'completion'>>
}

/**
 * One attempt of one kind: its requests go through `follow` or hops of its
 * own made with `timedHop(url, hopOptions)`, each pushed on `hops` at once
 * (the attempt times them and closes them, however it ends). It must obey
 * `signal`, the check's one deadline. A throw is the attempt's failure.
 */
export type AttemptWork = (attempt: {
  target: EndpointTarget
  request: AttemptRequest
  signal: AbortSignal
  hops: TimedHop[]
  progress: AttemptProgress
  hopOptions: HopOptions
  limits: {maxBody: number; maxPayload: number}
  follow: (first: Hop, secretHeaders: ReadonlySet<string>, signal: AbortSignal, hops: TimedHop[], body?: string | Buffer, secretBody?: boolean) => Promise<Dispatcher.ResponseData>
}) => Promise<Pick<HttpProbe, 'response' | 'mcp' | 'completion'>>

export interface HttpProber {
  probe(target: EndpointTarget, signal?: AbortSignal): Promise<HttpProbe & {secrets: string[]}>
  /** Makes a GET for a registry URL through the same Agent, reading at most maxBytes. */
  fetchBytes(url: string, timeoutMs: number, maxBytes: number): Promise<{status: number; body: Buffer; truncated: boolean}>
  close(): Promise<void>
}

const DEFAULT_MAX_REDIRECTIONS = 5
const RETRY_PAUSE_MS = 100

/**
 * One connector for the whole run, and a connection of its own for each
 * request (see timed-hop.ts). Each attempt has a hard deadline that covers
 * connect, headers and body; the body is streamed and dropped past the
 * target's read limit, so a 5 MB answer to a bare api check costs 16 KiB,
 * and at most --max-body where a rule reads it.
 */
export async function createHttpProber(options: HttpProberOptions): Promise<HttpProber> {
  const undici = await import('undici')
  const maxRedirections = options.maxRedirections ?? DEFAULT_MAX_REDIRECTIONS
  // Slack so the per-attempt deadline, which names the timeout, always fires first.
  const timeoutMs = options.maxTimeoutMs + 1000
  // No TLS session reuse: every check pays the full handshake, as a new client would.
  const connector = undici.buildConnector({timeout: timeoutMs, maxCachedSessions: 0, ...(options.ca ? {ca: options.ca} : {})})
  const hopOptions = {undici, connector, timeoutMs}
  const env = options.env ?? process.env

  /**
   * One request and the redirects it leads to, at most maxRedirections, all
   * under the caller's one signal. Each redirect's body is drained unread.
   * Every hop is pushed on `hops` at once, so the caller can time and close it.
   * A body goes only where the method stays POST (a 301, 302 or 303 turns it into a GET),
   * and a `secretBody` never leaves the first origin: as with a secret header, a redirect is a stranger's word.
   */
  async function follow(first: Hop, secretHeaders: ReadonlySet<string>, signal: AbortSignal, hops: TimedHop[], body?: string | Buffer, secretBody = false): Promise<Dispatcher.ResponseData> {
    let hop = first
    const visited = [first.url.href]
    for (let redirects = 0; ; redirects++) {
      const timed = timedHop(hop.url, hopOptions)
      hops.push(timed)
      const res = await timed.send({
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method as Dispatcher.HttpMethod,
        headers: hop.headers,
        ...(body !== undefined && hop.method === 'POST' ? {body} : {}),
        signal,
      })
      const location = res.headers.location
      const next = nextHop(hop, res.statusCode, Array.isArray(location) ? location[0] : location, secretHeaders, visited)
      if (!next) return res
      await res.body.dump()
      timed.finish()
      if (!next.ok) throw new RedirectRefused(next.message)
      if (redirects >= maxRedirections) throw new RedirectRefused(`more than ${maxRedirections} redirects`)
      if (secretBody && body !== undefined && next.hop.method === 'POST' && next.hop.url.origin !== first.url.origin) {
        throw new RedirectRefused(`refused a ${res.statusCode} redirect to another origin (${next.hop.url.origin}): check.body holds a \${VAR} value`)
      }
      hop = next.hop
      visited.push(hop.url.href)
    }
  }

  /** A plain check: one request (and its redirects), its body read as far as the kind's rule needs. */
  const plainWork: AttemptWork = async ({target, request, signal, hops}) => {
    const res = await follow({url: new URL(target.url), method: target.method, headers: request.headers}, request.secretHeaders, signal, hops, request.body, request.secretBody)
    const received = flatHeaders(res.headers)
    const ceiling = Math.max(options.maxBody, options.maxPayload)
    const body = await readCapped(res.body, (head) => readLimit(target, options, received['content-type'], head), ceiling, contentLength(received))
    const response: HttpResponse = {
      status: res.statusCode,
      status_text: STATUS_CODES[res.statusCode] ?? '',
      headers: received,
      body: body.bytes,
      truncated: body.truncated,
    }
    return {response}
  }

  /** How each kind makes one attempt: a protocol kind has its own (see KINDS[kind].protocol). */
  const works: Partial<Record<EndpointKind, AttemptWork>> = {}
  works.completion = completionWork
  works.mcp = mcpWork

  async function attempt(target: EndpointTarget, request: AttemptRequest, signal: AbortSignal | undefined): Promise<Omit<HttpProbe, 'attempts' | 'observed_at'> & {latency_ms: number}> {
    // One controller and a plain timer, cleared at once: AbortSignal.timeout and .any cost
    // a weak-ref timer per call, which shows at thousands of checks.
    const abort = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      abort.abort()
    }, target.check.timeout)
    const onInterrupt = () => abort.abort()
    signal?.addEventListener('abort', onInterrupt, {once: true})
    const hops: TimedHop[] = []
    const progress: AttemptProgress = {}
    try {
      const work = works[target.kind] ?? plainWork
      const answer = await work({target, request, signal: abort.signal, hops, progress, hopOptions, limits: options, follow})
      return {...answer, ...timing(hops)}
    } catch (err) {
      const waiting = progress.waiting ? ` (waiting for ${progress.waiting})` : ''
      const failure = timedOut
        ? {reason: 'timeout' as const, message: `${progress.timeoutWord ?? 'timeout'} after ${target.check.timeout} ms${waiting}`}
        : signal?.aborted
          ? {reason: 'network' as const, message: 'interrupted'}
          : describeFailure(err, target.url, target.check.timeout)
      return {failure, ...(progress.partial ?? {}), ...timing(hops)}
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onInterrupt)
      await Promise.all(hops.map((hop) => hop.close()))
    }
  }

  const prober: HttpProber = {
    async probe(target, signal) {
      const observed = () => new Date().toISOString()
      if (target.settings_error) {
        return {failure: {reason: 'config', message: target.settings_error}, latency_ms: null, attempts: 0, observed_at: observed(), secrets: []}
      }
      const resolved = resolveHeaders(target.check.headers, env)
      if (!resolved.ok) return {failure: {reason: 'config', message: resolved.error}, latency_ms: null, attempts: 0, observed_at: observed(), secrets: []}
      // Only a POST sends a body (SPEC section 8), so only a POST needs its variables.
      const body = target.method === 'POST' ? resolveBody(target.check.body, env) : NO_BODY
      if (!body.ok) return {failure: {reason: 'config', message: body.error}, latency_ms: null, attempts: 0, observed_at: observed(), secrets: []}
      const request: AttemptRequest = {headers: bodyHeaders(resolved.headers, body), secretHeaders: secretHeaderNames(target.check.headers), ...(body.body === undefined ? {} : {body: body.body, secretBody: body.secrets.length > 0})}
      const secrets = [...new Set([...resolved.secrets, ...body.secrets])]
      let attempts = 0
      for (;;) {
        attempts++
        const result = await attempt(target, request, signal)
        const retryable = result.failure && (result.failure.reason === 'timeout' || result.failure.reason === 'network')
        if (!retryable || attempts > target.check.retries || signal?.aborted) {
          return {...result, attempts, observed_at: observed(), secrets}
        }
        await sleep(RETRY_PAUSE_MS)
      }
    },

    async fetchBytes(url, timeoutMs, maxBytes) {
      const hops: TimedHop[] = []
      try {
        const res = await follow({url: new URL(url), method: 'GET', headers: {}}, new Set(), AbortSignal.timeout(timeoutMs), hops)
        const body = await readCapped(res.body, () => maxBytes, maxBytes, contentLength(res.headers))
        return {status: res.statusCode, body: body.bytes, truncated: body.truncated}
      } finally {
        await Promise.all(hops.map((hop) => hop.close()))
      }
    },

    async close() {
      // Each request's connection is closed when its check ends; nothing is pooled.
    },
  }
  // Through probe itself, so that every function on the clock of a real check has run before the first one.
  if (options.warmUp) await warmUp((url) => prober.probe({table: 'endpoints', id: 'warm-up', entity_id: 'warm-up', kind: 'api', url, method: 'GET', check: BUILTIN_CHECK}))
  return prober
}

/**
 * The latency of an attempt is what curl's time_total measures: from the
 * first request's start, connection set-up included, to the end of the last
 * body, and nothing else. Its phases add up to it.
 */
function timing(hops: readonly TimedHop[]): {latency_ms: number; phases_ms?: Phases; tls_valid_to?: string} {
  const last = hops.at(-1)
  if (!last) return {latency_ms: 0}
  const phases = hops.map((hop) => hop.finish())
  const first = hops[0]!
  const latency = Math.round((last.marks.end - first.marks.start) * 100) / 100
  return {latency_ms: latency, phases_ms: sumPhases(phases), ...(first.validTo ? {tls_valid_to: first.validTo} : {})}
}

const TLS_CODES = /CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/

/** One line a person can act on, and whether it is worth a retry. */
export function describeFailure(err: unknown, url: string, timeoutMs: number): ProbeFailure {
  const e = err as {code?: string; message?: string; name?: string; cause?: unknown}
  const code = e.code ?? ''
  const message = e.message ?? String(err)
  if (e.cause && typeof e.cause === 'object' && (e.cause as {code?: string}).code && !code) {
    return describeFailure(e.cause, url, timeoutMs)
  }
  if (err instanceof RedirectRefused) return {reason: 'redirects', message}
  if (code === 'ERR_INVALID_URL') return {reason: 'config', message: `not a valid URL: ${url}`}
  if (TLS_CODES.test(code)) return {reason: 'tls', message: `TLS: ${tlsReason(code, message)}`}
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || e.name === 'TimeoutError') {
    return {reason: 'timeout', message: `timeout after ${timeoutMs} ms`}
  }
  const host = safeHost(url)
  switch (code) {
    case 'ECONNREFUSED':
      return {reason: 'network', message: `connection refused by ${host}`}
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return {reason: 'network', message: `connection reset by ${host}`}
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {reason: 'network', message: `cannot resolve host ${new URL(url).hostname}`}
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return {reason: 'network', message: `no route to ${host}`}
    default:
      if (code.startsWith('HPE_')) return {reason: 'network', message: `malformed HTTP response from ${host}: ${message}`}
      return {reason: 'network', message: code ? `${message} (${code})` : message}
  }
}

/** OpenSSL's "<hex>:error:<hex>:<lib>:<func>:<reason>:<file>:<line>:" text. */
const OPENSSL_ERROR = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/

/**
 * Node's named reasons ("self-signed certificate", "certificate has expired")
 * are kept; raw OpenSSL text is cut to its reason, with a hint where one helps.
 */
export function tlsReason(code: string, message: string): string {
  const reason = OPENSSL_ERROR.exec(message)?.[1]?.trim() ?? message
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return `${reason} (is the port speaking plain HTTP?)`
  return reason
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
