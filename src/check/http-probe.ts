import {STATUS_CODES} from 'node:http'
import {setTimeout as sleep} from 'node:timers/promises'

import type {Dispatcher} from 'undici'

import {BUILTIN_CHECK} from '../config/model.js'
import {resolveHeaders} from './headers.js'
import {readLimit} from './kinds.js'
import {type Phases, sumPhases} from './phases.js'
import {type Hop, nextHop, RedirectRefused, secretHeaderNames} from './redirects.js'
import {type TimedHop, timedHop} from './timed-hop.js'
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
   */
  async function follow(first: Hop, secretHeaders: ReadonlySet<string>, signal: AbortSignal, hops: TimedHop[]): Promise<Dispatcher.ResponseData> {
    let hop = first
    const visited = [first.url.href]
    for (let redirects = 0; ; redirects++) {
      const timed = timedHop(hop.url, hopOptions)
      hops.push(timed)
      const res = await timed.send({
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method as Dispatcher.HttpMethod,
        headers: hop.headers,
        signal,
      })
      const location = res.headers.location
      const next = nextHop(hop, res.statusCode, Array.isArray(location) ? location[0] : location, secretHeaders, visited)
      if (!next) return res
      await res.body.dump()
      timed.finish()
      if (!next.ok) throw new RedirectRefused(next.message)
      if (redirects >= maxRedirections) throw new RedirectRefused(`more than ${maxRedirections} redirects`)
      hop = next.hop
      visited.push(hop.url.href)
    }
  }

  async function attempt(target: EndpointTarget, headers: Record<string, string>, secretHeaders: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<Omit<HttpProbe, 'attempts' | 'observed_at'> & {latency_ms: number}> {
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
    try {
      const res = await follow({url: new URL(target.url), method: target.method, headers}, secretHeaders, abort.signal, hops)
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
      return {response, ...timing(hops)}
    } catch (err) {
      const failure = timedOut
        ? {reason: 'timeout' as const, message: `timeout after ${target.check.timeout} ms`}
        : signal?.aborted
          ? {reason: 'network' as const, message: 'interrupted'}
          : describeFailure(err, target.url, target.check.timeout)
      return {failure, ...timing(hops)}
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
      const secretHeaders = secretHeaderNames(target.check.headers)
      let attempts = 0
      for (;;) {
        attempts++
        const result = await attempt(target, resolved.headers, secretHeaders, signal)
        const retryable = result.failure && (result.failure.reason === 'timeout' || result.failure.reason === 'network')
        if (!retryable || attempts > target.check.retries || signal?.aborted) {
          return {...result, attempts, observed_at: observed(), secrets: resolved.secrets}
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

const EMPTY = Buffer.alloc(0)

function contentLength(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = Number(headers['content-length'])
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined
}

/**
 * Reads a body up to its limit, then destroys the stream instead of buffering
 * the rest. The limit comes from the first bytes (`limitOf`, undefined while
 * it cannot tell; `ceiling` meanwhile). Each chunk is copied into one buffer,
 * sized from Content-Length when the server sent one, so the body is never
 * held twice (chunks and their concatenation) at its largest.
 */
function readCapped(
  body: Dispatcher.ResponseData['body'],
  limitOf: (head: Buffer) => number | undefined,
  ceiling: number,
  expected?: number,
): Promise<{bytes: Buffer; truncated: boolean}> {
  let max: number | undefined
  // Allocated at the first chunk: a HEAD, 204 or 304 answer announces a length and sends nothing.
  let bytes = EMPTY
  let size = 0
  // Events, not `for await`: the async iterator makes an AbortError with a stack trace for every body, on the clock.
  return new Promise((resolve, reject) => {
    const done = (truncated: boolean) => {
      body.off('data', onData)
      body.off('end', onEnd)
      if (truncated) body.destroy()
      resolve({bytes: bytes.subarray(0, size), truncated})
    }
    const onEnd = () => done(false)
    const onData = (chunk: Buffer) => {
      try {
        take(chunk)
      } catch (err) {
        // Thrown inside an event handler it would end the process: it fails this check instead.
        body.off('data', onData)
        body.destroy()
        reject(err)
      }
    }
    const take = (chunk: Buffer) => {
      if (bytes === EMPTY) {
        max = limitOf(chunk)
        bytes = Buffer.allocUnsafe(Math.min(max ?? ceiling, Math.max(expected ?? 16 * 1024, chunk.length)))
      }
      const cap = max ?? ceiling
      const kept = Math.min(chunk.length, cap - size)
      if (size + kept > bytes.length) {
        // The server sent more than it announced, or announced nothing: grow.
        const grown = Buffer.allocUnsafe(Math.min(cap, Math.max(bytes.length * 2, size + kept)))
        bytes.copy(grown, 0, 0, size)
        bytes = grown
      }
      chunk.copy(bytes, size, 0, kept)
      size += kept
      if (max === undefined) {
        // Only whitespace so far: decide on what has come since.
        max = limitOf(bytes.subarray(0, size))
        if (max !== undefined && size > max) {
          size = max
          return done(true)
        }
      }
      if (kept < chunk.length) done(true)
    }
    body.on('data', onData)
    body.once('end', onEnd)
    // Kept after the end: a body destroyed later (cut short, aborted) still emits its error to someone.
    body.on('error', reject)
  })
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
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
