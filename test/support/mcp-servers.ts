/**
 * MCP servers on 127.0.0.1 for `kind: mcp` tests: the SDK's own server over
 * Streamable HTTP (JSON and SSE answers, pages, a tool list that changes, a
 * list that never comes), and plain node:http ones that misbehave on purpose
 * (not MCP, needs auth, an SSE stream that never ends, a JSON-RPC error...).
 * Each records the requests it saw and the sessions a DELETE ended.
 */
import {randomUUID} from 'node:crypto'
import http from 'node:http'
import type {AddressInfo} from 'node:net'

import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import {Server} from '@modelcontextprotocol/sdk/server/index.js'
import {StreamableHTTPServerTransport} from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import {ListToolsRequestSchema} from '@modelcontextprotocol/sdk/types.js'
import {z} from 'zod'

export interface McpStandIn {
  url: string
  /** `POST`, `DELETE`, ... in the order they came. */
  requests: string[]
  /** Session ids a DELETE ended. */
  ended: string[]
  close(): Promise<void>
}

/** A tool as tools/list lists it: a JSON Schema written as the test wants it, key and list order included. */
export interface RawTool {
  name: string
  description?: string
  inputSchema: Record<string, unknown>
}

function listen(handler: http.RequestListener, ended: string[] = []): Promise<McpStandIn> {
  const requests: string[] = []
  const server = http.createServer((req, res) => {
    requests.push(req.method ?? '?')
    handler(req, res)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
        requests,
        ended,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      }),
    ),
  )
}

/** The SDK's StreamableHTTPServerTransport with sessions, one server per session made by `make`. */
function sdkHttp(make: () => McpServer | Server, json: boolean): Promise<McpStandIn> {
  const sessions = new Map<string, StreamableHTTPServerTransport>()
  const ended: string[] = []
  return listen(async (req, res) => {
    const sid = req.headers['mcp-session-id']
    let transport = typeof sid === 'string' ? sessions.get(sid) : undefined
    if (!transport) {
      if (sid) return void res.writeHead(404).end()
      const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: json,
        onsessioninitialized: (id) => void sessions.set(id, created),
        onsessionclosed: (id) => {
          sessions.delete(id)
          ended.push(id)
        },
      })
      transport = created
      await make().connect(transport)
    }
    await transport.handleRequest(req, res)
  }, ended)
}

/** McpServer with `echo` and `add`, answering in JSON (`enableJsonResponse`) or in SSE. */
export function sdkServer({json}: {json: boolean}): Promise<McpStandIn> {
  return sdkHttp(() => {
    const server = new McpServer({name: 'stand-in', version: '1.2.3'})
    server.registerTool('echo', {description: 'Echo', inputSchema: {text: z.string()}}, async ({text}) => ({content: [{type: 'text', text}]}))
    server.registerTool('add', {inputSchema: {a: z.number(), b: z.number()}}, async ({a, b}) => ({content: [{type: 'text', text: String(a + b)}]}))
    return server
  }, json)
}

/** The low-level Server, whose tools/list handler is the test's. */
function listing(list: (cursor: string | undefined) => Promise<{tools: RawTool[]; nextCursor?: string}>, json: boolean): Promise<McpStandIn> {
  return sdkHttp(() => {
    const server = new Server({name: 'listing', version: '1'}, {capabilities: {tools: {}}})
    server.setRequestHandler(ListToolsRequestSchema, (request) => list(request.params?.cursor))
    return server
  }, json)
}

const queryTool = (name: string): RawTool => ({name, inputSchema: {type: 'object', properties: {q: {type: 'string'}}}})

/** `pages` pages of `perPage` tools each (`p0_t0`...), through nextCursor, in SSE. */
export function pagedServer(pages: number, perPage: number): Promise<McpStandIn> {
  return listing(async (cursor) => {
    const page = Number(cursor ?? 0)
    const tools = Array.from({length: perPage}, (_, i) => queryTool(`p${page}_t${i}`))
    return page + 1 < pages ? {tools, nextCursor: String(page + 1)} : {tools}
  }, false)
}

/** Lists whatever was set last: a tool list that changes between runs. */
export async function changingServer(tools: RawTool[], json = true): Promise<McpStandIn & {setTools(tools: RawTool[]): void}> {
  let current = tools
  const standIn = await listing(async () => ({tools: current}), json)
  return Object.assign(standIn, {setTools: (next: RawTool[]) => void (current = next)})
}

/** Answers initialize, then never answers tools/list (its handler never settles). */
export function hangingServer(): Promise<McpStandIn> {
  return listing(() => new Promise(() => {}), true)
}

/** No tools capability: the SDK answers tools/list with JSON-RPC error -32601 Method not found. */
export function noToolsServer(): Promise<McpStandIn> {
  return sdkHttp(() => new Server({name: 'no-tools', version: '1'}, {capabilities: {}}), true)
}

/** A plain health endpoint: 200 `{"status":"ok"}` to anything. */
export function notMcpServer(): Promise<McpStandIn> {
  return listen((req, res) => {
    req.resume()
    res.writeHead(200, {'content-type': 'application/json'}).end('{"status":"ok"}')
  })
}

/** 401 with a Bearer challenge whose parameters a detail must not show. */
export function authServer(): Promise<McpStandIn> {
  return listen((req, res) => {
    req.resume()
    res.writeHead(401, {'www-authenticate': 'Bearer realm="x", error="invalid_token"', 'content-type': 'application/json'}).end('{"error":"invalid_token"}')
  })
}

type Message = {id?: number; method?: string; params?: unknown}

/**
 * A JSON-RPC server by hand: `answer` gets each POSTed message and writes
 * the response. A DELETE is 200 and recorded in `ended`.
 */
function scripted(answer: (message: Message, req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<McpStandIn> {
  const ended: string[] = []
  return listen((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      if (req.method === 'DELETE') {
        ended.push(String(req.headers['mcp-session-id']))
        return void res.writeHead(200).end()
      }
      answer(JSON.parse(body || '{}') as Message, req, res)
    })
  }, ended)
}

const initializeResult = (id: number | undefined, name = 'scripted') => ({
  jsonrpc: '2.0',
  id,
  result: {protocolVersion: '2025-06-18', capabilities: {tools: {}}, serverInfo: {name, version: '1'}},
})
const event = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`

/** Answers initialize on an event stream; tools/list gets a stream of `: keep-alive` every 50 ms and never the answer. */
export function sseForeverServer(): Promise<McpStandIn> {
  return scripted((message, _req, res) => {
    if (message.id === undefined) return void res.writeHead(202).end()
    res.writeHead(200, {'content-type': 'text/event-stream', 'mcp-session-id': 'forever'})
    if (message.method === 'initialize') return void res.end(event(initializeResult(message.id)))
    const timer = setInterval(() => res.write(': keep-alive\n\n'), 50)
    res.on('close', () => clearInterval(timer))
  })
}

/** tools/list answered with one SSE event of `mb` megabytes (a tool whose description is that long). */
export function hugeSseServer(mb: number): Promise<McpStandIn> {
  return scripted((message, _req, res) => {
    if (message.id === undefined) return void res.writeHead(202).end()
    res.writeHead(200, {'content-type': 'text/event-stream', 'mcp-session-id': 'huge'})
    if (message.method === 'initialize') return void res.end(event(initializeResult(message.id)))
    res.write(`data: {"jsonrpc":"2.0","id":${message.id},"result":{"tools":[{"name":"big","description":"`)
    const chunk = 'a'.repeat(1 << 20)
    let sent = 0
    const more = (): void => {
      while (sent < mb) {
        sent++
        if (!res.write(chunk)) return void res.once('drain', more)
      }
      res.end('","inputSchema":{"type":"object"}}]}}\n\n')
    }
    more()
  })
}

/** Accepts initialize, then answers notifications/initialized with 400 (registry #1643). */
export function rejectsInitializedServer(): Promise<McpStandIn> {
  return scripted((message, _req, res) => {
    if (message.id === undefined) return void res.writeHead(400, {'content-type': 'text/plain'}).end('bad request')
    res.writeHead(200, {'content-type': 'application/json', 'mcp-session-id': 'rejects'}).end(JSON.stringify(initializeResult(message.id)))
  })
}

/**
 * Echoes the Authorization header it gets everywhere it can: in its name,
 * in a CRLF-separated SSE answer, and in a JSON-RPC error on tools/list.
 */
export function echoingServer(): Promise<McpStandIn> {
  return scripted((message, req, res) => {
    const token = String(req.headers.authorization ?? '')
    if (message.id === undefined) return void res.writeHead(202).end()
    res.writeHead(200, {'content-type': 'text/event-stream', 'mcp-session-id': 'echo'})
    if (message.method === 'initialize') return void res.end(event(initializeResult(message.id, `echo ${token}`)).replaceAll('\n', '\r\n'))
    res.end(event({jsonrpc: '2.0', id: message.id, error: {code: -32000, message: `refused ${token} for this client`}}))
  })
}

/** 307 to another path for every request: an MCP check follows no redirect. */
export function redirectServer(): Promise<McpStandIn> {
  return listen((req, res) => {
    req.resume()
    res.writeHead(307, {location: '/elsewhere'}).end()
  })
}

/** Answers notifications/initialized with a 200 event stream it keeps open (`: ka` every 50 ms), then lists one tool. */
export function notificationStreamServer(): Promise<McpStandIn> {
  return scripted((message, _req, res) => {
    if (message.id === undefined) {
      res.writeHead(200, {'content-type': 'text/event-stream'})
      const timer = setInterval(() => res.write(': ka\n\n'), 50)
      return void res.on('close', () => clearInterval(timer))
    }
    const result = message.method === 'initialize' ? initializeResult(message.id) : {jsonrpc: '2.0', id: message.id, result: {tools: [{name: 'a', inputSchema: {type: 'object'}}]}}
    res.writeHead(200, {'content-type': 'application/json', 'mcp-session-id': 'stream'}).end(JSON.stringify(result))
  })
}

/** Gives `id` as its Mcp-Session-Id (Node writes it as latin1 bytes), and lists one tool. */
export function sessionIdServer(id: string): Promise<McpStandIn> {
  return scripted((message, _req, res) => {
    if (message.id === undefined) return void res.writeHead(202).end()
    const result = message.method === 'initialize' ? initializeResult(message.id) : {jsonrpc: '2.0', id: message.id, result: {tools: [{name: 'a'}]}}
    res.writeHead(200, {'content-type': 'application/json', 'mcp-session-id': id}).end(JSON.stringify(result))
  })
}

/** Gives the same nextCursor on every page, one tool each: a list that never ends. */
export function loopingServer(): Promise<McpStandIn> {
  return listing(async (cursor) => ({tools: [queryTool(`tool-${cursor ?? 'first'}`)], nextCursor: 'again'}), true)
}
