import type {Agent, Dispatcher} from 'undici'

import {describeFailure} from '../check/http-probe.js'

let undiciModule: Promise<typeof import('undici')> | undefined
/** undici, imported once when first needed (it costs about 100 ms to load): an import() per request queues each behind the loader. */
const undici = () => (undiciModule ??= import('undici'))

/** The most of an answer's body read (and then dropped): a receiver's answer is never needed. */
export const MAX_ANSWER_BYTES = 64 * 1024
/** Every delivery's bound: connect, send and answer. Only tests pass a shorter one. */
export const DELIVERY_TIMEOUT_MS = 10_000
/** The test hook for a shorter bound in commands (never the file's to set): at most the real one. */
export const TEST_TIMEOUT_VARIABLE = 'MON_TEST_DELIVERY_TIMEOUT_MS'

/** The bound a command delivers with: DELIVERY_TIMEOUT_MS, or less where a test sets MON_TEST_DELIVERY_TIMEOUT_MS. */
export function deliveryTimeoutMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env[TEST_TIMEOUT_VARIABLE])
  return Number.isInteger(ms) && ms > 0 && ms < DELIVERY_TIMEOUT_MS ? ms : DELIVERY_TIMEOUT_MS
}

export interface PostRequest {
  url: string
  headers: Record<string, string>
  body: string
}

/** What one POST came to: ok on a 2xx; else one line (not yet redacted). */
export type PostResult = {ok: true} | {ok: false; error: string}

/**
 * POSTs with a hard deadline covering connect, send and answer. No redirect is
 * followed (a 3xx names its status: a notifier URL that moved is the
 * operator's to fix, and following it could carry the secret elsewhere).
 */
export async function boundedPost(agent: Agent, request: PostRequest, timeoutMs: number): Promise<PostResult> {
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return {ok: false, error: 'url is not a valid URL'}
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return {ok: false, error: `url must be http or https, not ${url.protocol.replace(/:$/, '')}`}
  const abort = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    abort.abort()
  }, timeoutMs)
  try {
    const res = await (await undici()).request(url, {method: 'POST', headers: request.headers, body: request.body, dispatcher: agent, signal: abort.signal})
    await drain(res.body)
    if (res.statusCode >= 200 && res.statusCode < 300) return {ok: true}
    if (res.statusCode >= 300 && res.statusCode < 400) return {ok: false, error: `HTTP ${res.statusCode} redirect, not followed`}
    return {ok: false, error: `HTTP ${res.statusCode}`}
  } catch (err) {
    if (timedOut) return {ok: false, error: `no answer within ${timeoutMs} ms`}
    return {ok: false, error: describeFailure(err, url.href, timeoutMs).message}
  } finally {
    clearTimeout(timer)
  }
}

/** Reads at most MAX_ANSWER_BYTES of the body and drops it, then lets the socket go. */
async function drain(body: Dispatcher.ResponseData['body']): Promise<void> {
  let read = 0
  for await (const chunk of body) {
    read += (chunk as Buffer).length
    if (read >= MAX_ANSWER_BYTES) {
      body.destroy()
      return
    }
  }
}

/** One Agent for a pass of deliveries: its own timers never fire before the deadline. */
export async function deliveryAgent(timeoutMs: number, connections: number): Promise<Agent> {
  const {Agent} = await undici()
  const slack = timeoutMs + 1000
  // undici 7 follows no redirect unless a redirect interceptor is composed in: none is.
  return new Agent({connect: {timeout: slack}, headersTimeout: slack, bodyTimeout: slack, connections})
}
