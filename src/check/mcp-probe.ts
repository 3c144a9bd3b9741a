/**
 * `kind: mcp`, the shell half: the Streamable HTTP handshake (initialize,
 * notifications/initialized, tools/list through every nextCursor, then
 * DELETE) done by hand over mon's own timed hops. Not with the SDK's
 * `Client` (@modelcontextprotocol/sdk 1.32.2, tried over mon's own fetch
 * against the SDK's server): it cannot honour one hard deadline (its
 * AbortSignal cancels only the promise, not the exchange, and its own
 * timeout sends a `notifications/cancelled` POST), it reads JSON and SSE
 * answers with no byte cap, it opens an extra GET stream after `initialized`
 * that would carry our headers too, it quotes the server's body in its
 * errors, and on loopback it cost 1.66–1.81× the raw handshake against a
 * budget of 1.3×. Here every POST is one TimedHop under the check's one
 * signal, every answer is read to --max-body at most, and the pure parts
 * (messages, SSE events, fingerprints, the judge) are in mcp.ts.
 */

import type {Dispatcher} from 'undici'

import type {EndpointTarget} from './types.js'
import {
  INITIALIZED_NOTIFICATION,
  initializeRequest,
  MCP_MAX_PAGES,
  authScheme,
  readInitialize,
  readToolsPage,
  responseTo,
  toolsListRequest,
  type JsonRpcResponse,
  type McpAnswer,
  type McpProblem,
  type McpStep,
} from './mcp.js'
import type {McpTool} from './mcp-tools.js'
import {contentLength, readCapped} from './read-capped.js'
import {SseParser} from './sse.js'
import {type HopOptions, type TimedHop, timedHop} from './timed-hop.js'
import {MON_VERSION} from '../mon-version.js'

/** The SDK's server answers 406 unless both are accepted (webStandardStreamableHttp.js:467-472). */
const ACCEPT = 'application/json, text/event-stream'
/** Headers the protocol sets: the file's own of these names are left out. */
const OWN_HEADERS = new Set(['accept', 'content-type', 'content-length', 'mcp-session-id', 'mcp-protocol-version'])

/** What mcpWork gets of an attempt: http-probe.ts's AttemptWork arguments, spelt here since that file imports this one. */
export interface McpAttempt {
  target: EndpointTarget
  request: {headers: Record<string, string>}
  signal: AbortSignal
  hops: TimedHop[]
  progress: {waiting?: string; timeoutWord?: string; partial?: {mcp?: McpAnswer}}
  hopOptions: HopOptions
  limits: {maxBody: number}
}

/** A problem the server's answer shows: it ends the handshake, and is the answer, not a failure to retry. */
class Stop {
  constructor(readonly problem: McpProblem) {}
}

export async function mcpWork({target, request, signal, hops, progress, hopOptions, limits}: McpAttempt): Promise<{mcp: McpAnswer}> {
  const url = new URL(target.url)
  const path = `${url.pathname}${url.search}`
  const answer: McpAnswer = {session_ended: false}
  progress.partial = {mcp: answer}
  progress.timeoutWord = 'handshake timeout'
  const own = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())))
  let session: string | undefined
  // The server holds a session from its answer to initialize on: it is ended whatever happens next, unless the deadline came.
  let opened = false
  const sessionHeaders = (): Record<string, string> => ({
    ...(session === undefined ? {} : {'mcp-session-id': session}),
    ...(answer.protocol_version === undefined ? {} : {'mcp-protocol-version': answer.protocol_version}),
  })

  /** One POST on its own hop: the result of request `id`, or, for the notification (no id), nothing. */
  async function post(step: McpStep, body: string, id?: number): Promise<unknown> {
    progress.waiting = step
    const hop = timedHop(url, hopOptions)
    hops.push(hop)
    const res = await hop.send({path, method: 'POST', headers: {...own, 'content-type': 'application/json', accept: ACCEPT, ...sessionHeaders()}, body, signal})
    const given = first(res.headers['mcp-session-id'])
    if (session === undefined && given !== undefined) {
      // Never sent back, not even in the DELETE: a header value outside visible ASCII is one mon will not echo.
      if (!validSessionId(given)) {
        discard(res.body)
        hop.finish()
        throw new Stop({kind: 'session_id'})
      }
      session = given
    }
    const status = res.statusCode
    const ok = id === undefined ? status === 200 || status === 202 || status === 204 : status >= 200 && status < 300
    if (!ok || id === undefined) {
      // Not read: a notification's answer may be an event stream the server keeps open, and an error's body says nothing the status does not.
      discard(res.body)
      hop.finish()
      if (status === 401 || status === 403) throw new Stop({kind: 'auth', status, ...optional('scheme', authScheme(first(res.headers['www-authenticate'])))})
      if (!ok) throw new Stop(id === undefined ? {kind: 'rejected', step, status} : {kind: 'status', step, status})
      return undefined
    }
    const message = await readResponse(res, step, id, limits.maxBody)
    hop.finish()
    if (message.error) throw new Stop({kind: 'jsonrpc', step, code: message.error.code, message: message.error.message})
    return message.result
  }

  try {
    const init = readInitialize(await post('initialize', initializeRequest(MON_VERSION), 0))
    opened = !('kind' in init && init.kind === 'bad_result')
    if ('kind' in init) throw new Stop(init)
    answer.protocol_version = init.version
    if (init.server) answer.server = init.server
    await post('notifications/initialized', INITIALIZED_NOTIFICATION)
    const listed = await listTools(post)
    answer.tools = listed.tools
    if (listed.bound) answer.problem = {kind: 'bound', what: listed.bound}
  } catch (err) {
    if (!(err instanceof Stop)) throw err
    answer.problem = err.problem
  } finally {
    if (opened && session !== undefined && !signal.aborted) answer.session_ended = await endSession()
  }
  return {mcp: answer}

  /** DELETE, off the clock (not on `hops`: latency is the handshake's). Any answer but a 2xx (405: the server keeps sessions) is no end. */
  async function endSession(): Promise<boolean> {
    const hop = timedHop(url, hopOptions)
    try {
      const res = await hop.send({path, method: 'DELETE', headers: {...own, ...sessionHeaders()}, signal})
      discard(res.body)
      return res.statusCode >= 200 && res.statusCode < 300
    } catch {
      // The server drops the session on its own in time; the verdict is the handshake's.
      return false
    } finally {
      await hop.close()
    }
  }
}

/**
 * Every page, at most MCP_MAX_PAGES (each read to --max-body at most): past
 * that, or at a cursor given before (a loop), the tools read so far and the
 * bound passed. All are kept: the judge counts them and keeps the first.
 */
async function listTools(post: (step: McpStep, body: string, id?: number) => Promise<unknown>): Promise<{tools: McpTool[]; bound?: 'pages' | 'loop'}> {
  const tools: McpTool[] = []
  const cursors = new Set<string>()
  let cursor: string | undefined
  for (let page = 1; ; page++) {
    const read = readToolsPage(await post('tools/list', toolsListRequest(page, cursor), page))
    if ('kind' in read) throw new Stop(read)
    for (const tool of read.tools) tools.push(tool)
    if (read.cursor === undefined) return {tools}
    if (cursors.has(read.cursor)) return {tools, bound: 'loop'}
    if (page >= MCP_MAX_PAGES) return {tools, bound: 'pages'}
    cursors.add(read.cursor)
    cursor = read.cursor
  }
}

/** The answer to request `id`, JSON or an event stream, read to `max` bytes at most. */
async function readResponse(res: Dispatcher.ResponseData, step: McpStep, id: number, max: number): Promise<JsonRpcResponse> {
  const type = (first(res.headers['content-type']) ?? '').split(';')[0]!.trim().toLowerCase()
  const notMcp = (): Stop => new Stop({kind: 'not_mcp', step, status: res.statusCode, content_type: type.slice(0, 80)})
  if (type === 'application/json') {
    const body = await readCapped(res.body, () => max, max, contentLength(res.headers))
    if (body.truncated) throw new Stop({kind: 'too_long', step, max})
    const found = responseTo(parseJson(body.bytes.toString('utf8')), id)
    if (!found) throw notMcp()
    return found
  }
  if (type !== 'text/event-stream') {
    discard(res.body)
    throw notMcp()
  }
  return readEvents(res.body, id, max, step, notMcp)
}

/**
 * Events until the one that answers `id` (others, comments and keep-alives
 * are read past), then the stream is let go. Bounded by `max` bytes; its end
 * only by the request's signal, which destroys the body: a keep-alive never
 * extends the check.
 */
function readEvents(body: Dispatcher.ResponseData['body'], id: number, max: number, step: McpStep, notMcp: () => Stop): Promise<JsonRpcResponse> {
  const parser = new SseParser()
  let size = 0
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      body.off('data', onData)
      body.off('end', onEnd)
      body.destroy()
      settle()
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > max) return done(() => reject(new Stop({kind: 'too_long', step, max})))
      for (const {data} of parser.push(chunk)) {
        const value = parseJson(data)
        if (value === NOT_JSON) return done(() => reject(notMcp()))
        const found = responseTo(value, id)
        if (found) return done(() => resolve(found))
      }
    }
    const onEnd = () => done(() => reject(new Stop({kind: 'no_answer', step})))
    body.on('data', onData)
    body.once('end', onEnd)
    // Kept after the end: a body destroyed later (the deadline) still emits its error to someone.
    body.on('error', reject)
  })
}

/** Lets a body go unread: destroyed at once (undici then emits an abort error, which is nobody's fault here). */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {})
  body.destroy()
}

/** MCP's rule for a session id (Streamable HTTP, Session Management): visible ASCII, 0x21 to 0x7E; and mon's bound on its size. */
function validSessionId(id: string): boolean {
  return /^[\x21-\x7e]{1,1024}$/.test(id)
}

const NOT_JSON = Symbol('not JSON')

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return NOT_JSON
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({[key]: value} as Record<K, V>)
}
