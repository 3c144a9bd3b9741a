#!/usr/bin/env node
// What one `kind: mcp` check costs, beside the floor for the same work.
// Against the SDK's own server (McpServer + StreamableHTTPServerTransport,
// two tools) in a process of its own on loopback, in JSON and in SSE mode:
//   - ours: mon's prober (dist/check/http-probe.js) probing a `kind: mcp`
//     target: initialize, notifications/initialized, tools/list, DELETE, each
//     on a connection of its own, under one deadline, read to --max-body;
//   - the floor: the same four requests with raw undici alone, one Client
//     per request as mon does, each body read whole and parsed, nothing else.
// Timed as wall time per handshake, alternated one by one after a warm-up;
// medians and their ratio. Target: at most 1.3x.
// Needs a build (npm run build). Usage: node bench/mcp.js [--n 300]
import {spawn} from 'node:child_process'
import {randomUUID} from 'node:crypto'
import {existsSync} from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? process.argv[at + 1] : fallback
}

if (process.argv.includes('--serve')) {
  // The server side: one process, the SDK's own transport, sessions ended by DELETE.
  const {McpServer} = await import('@modelcontextprotocol/sdk/server/mcp.js')
  const {StreamableHTTPServerTransport} = await import('@modelcontextprotocol/sdk/server/streamableHttp.js')
  const {z} = await import('zod')
  const json = arg('mode') === 'json'
  const sessions = new Map()
  const server = http.createServer(async (req, res) => {
    const sid = req.headers['mcp-session-id']
    let transport = sid && sessions.get(sid)
    if (!transport) {
      if (sid) return void res.writeHead(404).end()
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: json,
        onsessioninitialized: (id) => sessions.set(id, transport),
        onsessionclosed: (id) => sessions.delete(id),
      })
      const mcp = new McpServer({name: 'bench', version: '1'})
      mcp.registerTool('echo', {description: 'Echo', inputSchema: {text: z.string()}}, async ({text}) => ({content: [{type: 'text', text}]}))
      mcp.registerTool('add', {inputSchema: {a: z.number(), b: z.number()}}, async ({a, b}) => ({content: [{type: 'text', text: String(a + b)}]}))
      await mcp.connect(transport)
    }
    await transport.handleRequest(req, res)
  })
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
} else {
  if (!existsSync(path.join(ROOT, 'dist/check/mcp-probe.js'))) {
    process.stderr.write('bench/mcp.js needs a build: npm run build\n')
    process.exit(1)
  }
  const N = Number(arg('n', 300))
  const WARM = 30
  const undici = await import('undici')
  const {createHttpProber} = await import(pathToFileURL(path.join(ROOT, 'dist/check/http-probe.js')).href)
  const {BUILTIN_CHECK} = await import(pathToFileURL(path.join(ROOT, 'dist/config/model.js')).href)
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

  /** The floor: the four requests, a Client each, bodies read whole; the answer is the one JSON or `data:` line. */
  async function raw(url) {
    const u = new URL(url)
    let sid
    let version
    const send = async (method, message) => {
      const client = new undici.Client(u.origin)
      try {
        const headers = {'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(sid ? {'mcp-session-id': sid, 'mcp-protocol-version': version} : {})}
        const res = await client.request({path: u.pathname, method, headers, ...(message ? {body: JSON.stringify(message)} : {})})
        sid ??= res.headers['mcp-session-id']
        const text = await res.body.text()
        if (!message?.id && message?.id !== 0) return undefined
        const body = String(res.headers['content-type']).startsWith('text/event-stream') ? text.slice(text.indexOf('data: ') + 6, text.indexOf('\n', text.indexOf('data: '))) : text
        return JSON.parse(body).result
      } finally {
        await client.destroy()
      }
    }
    version = (await send('POST', {jsonrpc: '2.0', id: 0, method: 'initialize', params: {protocolVersion: '2025-11-25', capabilities: {}, clientInfo: {name: 'bench', version: '1'}}})).protocolVersion
    await send('POST', {jsonrpc: '2.0', method: 'notifications/initialized'})
    const {tools} = await send('POST', {jsonrpc: '2.0', id: 1, method: 'tools/list'})
    await send('DELETE')
    if (tools.length !== 2) throw new Error('floor: expected 2 tools')
  }

  const prober = await createHttpProber({maxPayload: 16_384, maxBody: 1_048_576, maxTimeoutMs: 5000})
  const ours = async (url) => {
    const p = await prober.probe({table: 'endpoints', id: 'b', entity_id: 'b', kind: 'mcp', url, method: 'POST', check: BUILTIN_CHECK})
    if (p.failure || p.mcp?.problem || p.mcp?.tools?.length !== 2 || !p.mcp.session_ended) throw new Error(`mon: ${JSON.stringify(p.failure ?? p.mcp)}`)
  }

  for (const mode of ['json', 'sse']) {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', '--mode', mode], {cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit']})
    const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))))
    const url = `http://127.0.0.1:${port}/mcp`
    const times = {ours: [], floor: []}
    try {
      for (let i = 0; i < WARM + N; i++) {
        // Alternated, and in turn first: neither side always runs on the other's warm caches.
        const order = i % 2 === 0 ? [['ours', ours], ['floor', raw]] : [['floor', raw], ['ours', ours]]
        for (const [name, fn] of order) {
          const started = performance.now()
          await fn(url)
          if (i >= WARM) times[name].push(performance.now() - started)
        }
      }
    } finally {
      child.kill()
    }
    const [a, b] = [median(times.ours), median(times.floor)]
    const p90 = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length * 0.9)].toFixed(2)
    process.stdout.write(
      `${mode.padEnd(4)} mon ${a.toFixed(2)} ms (p90 ${p90(times.ours)})   raw undici ${b.toFixed(2)} ms (p90 ${p90(times.floor)})   ${(a / b).toFixed(2)}x   ${a / b <= 1.3 ? 'within' : 'OUTSIDE'} 1.3x   [${N} each]\n`,
    )
  }
  await prober.close()
}
