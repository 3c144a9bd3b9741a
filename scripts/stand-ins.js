// Stand-in services for the example monitors.yaml, on 127.0.0.1 only. They
// answer the way the real systems do (response shapes taken from each
// project's API), so `mon check` has something true to judge in the demo.
// Each listens on a free port, standing in for the example's port:
//   18100  MLX model server (mlx_lm.server): /v1/models, /health (slow: warns)
//   18200  OpenVINO Model Server: /v2/health/ready, /v3/models, /metrics
//   18300  LiteLLM proxy: /health/readiness, and with the bearer token /v1/models, /model/info and a streamed
//          /v1/chat/completions (first token after about 40 ms)
//   18400  MCP web-fetch tool server: the MCP SDK's own server over Streamable HTTP at /mcp, one tool `fetch`
//   18500  a webhook receiver for the example's alerts: 202 to every POST
import {randomUUID} from 'node:crypto'
import http from 'node:http'

const CREATED = 1732000000
/** The models the registry (registries/models.json) says the stack serves. */
const MODELS = ['mlx-community/Qwen2.5-7B-Instruct-4bit', 'OpenVINO/Qwen2.5-7B-Instruct-int4-ov']

function json(res, status, body) {
  res.writeHead(status, {'content-type': 'application/json', server: 'mon-stand-in'})
  res.end(JSON.stringify(body))
}

function mlx({slowMs}) {
  return (req, res) => {
    if (req.url === '/v1/models') {
      return json(res, 200, {
        object: 'list',
        data: [{id: MODELS[0], object: 'model', created: CREATED}],
      })
    }
    // Slower than the 300ms degraded_after in monitors.yaml: the demo's warning.
    if (req.url === '/health') return setTimeout(() => json(res, 200, {status: 'ok'}), slowMs)
    json(res, 404, {detail: 'Not Found'})
  }
}

function ovms() {
  let requests = 0
  return (req, res) => {
    requests++
    if (req.url === '/v2/health/ready') {
      res.writeHead(200, {'content-length': '0'})
      return res.end()
    }
    if (req.url === '/v3/models') {
      return json(res, 200, {object: 'list', data: [{id: MODELS[1], object: 'model', created: CREATED, owned_by: 'OVMS'}]})
    }
    if (req.url === '/metrics') {
      res.writeHead(200, {'content-type': 'text/plain; version=0.0.4; charset=utf-8'})
      return res.end(
        [
          '# HELP ovms_requests_success Number of successful requests to a model or a DAG.',
          '# TYPE ovms_requests_success counter',
          `ovms_requests_success{api="KServe",interface="REST",method="ModelReady",name="Qwen2.5-7B-Instruct-int4-ov"} ${requests}`,
          '# HELP ovms_streams Number of OpenVINO execution streams.',
          '# TYPE ovms_streams gauge',
          'ovms_streams{name="Qwen2.5-7B-Instruct-int4-ov",version="1"} 2',
          '# HELP ovms_current_requests Number of requests being currently processed by the model server.',
          '# TYPE ovms_current_requests gauge',
          'ovms_current_requests{name="Qwen2.5-7B-Instruct-int4-ov",version="1"} 0',
          '',
        ].join('\n'),
      )
    }
    json(res, 404, {error: 'Not Found'})
  }
}

function litellm({token}) {
  const authorised = (req) => req.headers.authorization === `Bearer ${token}`
  const denied = (res) =>
    json(res, 401, {error: {message: 'Authentication Error, No api key passed in.', type: 'auth_error', param: 'None', code: '401'}})
  return (req, res) => {
    if (req.url === '/health/readiness') {
      return json(res, 200, {status: 'healthy', db: 'connected', cache: null, litellm_version: '1.55.0', success_callbacks: []})
    }
    if (req.url === '/v1/models') {
      if (!authorised(req)) return denied(res)
      // Each model_name as the registry declares it, so the registry's `serves` finds them listed.
      return json(res, 200, {data: MODELS.map((id) => ({id, object: 'model', created: CREATED, owned_by: 'openai'})), object: 'list'})
    }
    if (req.url === '/model/info') {
      if (!authorised(req)) return denied(res)
      return json(res, 200, {
        data: [
          {model_name: MODELS[0], litellm_params: {model: `openai/${MODELS[0]}`, api_base: 'http://127.0.0.1:18100/v1'}, model_info: {id: 'qwen-mlx'}},
          {model_name: MODELS[1], litellm_params: {model: `openai/${MODELS[1]}`, api_base: 'http://127.0.0.1:18200/v3'}, model_info: {id: 'qwen-ov'}},
        ],
      })
    }
    if (req.url === '/v1/chat/completions' && req.method === 'POST') {
      if (!authorised(req)) return denied(res)
      return streamCompletion(req, res)
    }
    json(res, 404, {detail: 'Not Found'})
  }
}

/**
 * An OpenAI-style streamed chat completion, as LiteLLM relays one: a first
 * chunk with the role and empty content (as vLLM sends), the first token
 * after about 40 ms, then the rest and [DONE].
 */
function streamCompletion(req, res) {
  const chunks = []
  req.on('data', (chunk) => chunks.push(chunk))
  req.on('end', () => {
    let asked
    try {
      asked = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return json(res, 400, {error: {message: 'Invalid JSON body', type: 'invalid_request_error', code: '400'}})
    }
    const model = typeof asked.model === 'string' ? asked.model : MODELS[0]
    res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', server: 'mon-stand-in'})
    const chunk = (delta, finish = null) =>
      `data: ${JSON.stringify({id: 'chatcmpl-stand-in', object: 'chat.completion.chunk', created: CREATED, model, choices: [{index: 0, delta, finish_reason: finish}]})}\n\n`
    res.write(chunk({role: 'assistant', content: ''}))
    setTimeout(() => {
      res.write(chunk({content: 'Pong'}))
      res.end(`${chunk({}, 'length')}data: [DONE]\n\n`)
    }, 40)
  })
}

/**
 * The web-fetch tool server: the MCP SDK's own server over Streamable HTTP
 * (JSON answers), a session per initialize, ended by the client's DELETE.
 * The SDK is loaded only here, for the demo.
 */
async function mcp() {
  const [{McpServer}, {StreamableHTTPServerTransport}, {z}] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('zod'),
  ])
  const sessions = new Map()
  return async (req, res) => {
    if (req.url !== '/mcp') return json(res, 404, {error: 'not found'})
    const sid = req.headers['mcp-session-id']
    let transport = typeof sid === 'string' ? sessions.get(sid) : undefined
    if (!transport) {
      if (sid !== undefined) return json(res, 404, {jsonrpc: '2.0', error: {code: -32001, message: 'Session not found'}, id: null})
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: true,
        onsessioninitialized: (id) => sessions.set(id, transport),
        onsessionclosed: (id) => sessions.delete(id),
      })
      const server = new McpServer({name: 'web-fetch', version: '1.4.0'})
      server.registerTool(
        'fetch',
        {description: 'Fetch a URL and return its text.', inputSchema: {url: z.string().url(), max_length: z.number().int().positive().optional()}},
        async ({url}) => ({content: [{type: 'text', text: `(stand-in) would fetch ${url}`}]}),
      )
      await server.connect(transport)
    }
    await transport.handleRequest(req, res)
  }
}

/** Where the example's alerts go: takes every POST (202), as a real webhook receiver would. */
function webhookReceiver() {
  return (req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(req.method === 'POST' ? 202 : 200)
      res.end()
    })
  }
}

/**
 * Starts all five, each on a free port (two demos, or a demo and a test, can
 * run at once); resolves once every one listens, to {ports, close()}. `ports`
 * maps each port the example monitors.yaml names to the one listening for it.
 */
export async function startStandIns({token, slowMs = 450} = {}) {
  const services = [
    [18100, mlx({slowMs})],
    [18200, ovms()],
    [18300, litellm({token})],
    [18400, await mcp()],
    [18500, webhookReceiver()],
  ]
  const servers = []
  const ports = {}
  try {
    for (const [examplePort, handler] of services) {
      const server = http.createServer(handler)
      await new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', resolve)
      })
      servers.push(server)
      ports[examplePort] = server.address().port
    }
  } catch (err) {
    for (const s of servers) s.close()
    throw err
  }
  // A real server has answered many requests before mon checks it: a few first, so that what mon reports is not
  // this process compiling its HTTP server (5 to 10 ms on each of the first answers).
  for (let round = 0; round < 20; round++) {
    await Promise.all(servers.map((s) => fetch(`http://127.0.0.1:${s.address().port}/warm-up`, {headers: {authorization: `Bearer ${token}`}}).then((r) => r.arrayBuffer())))
  }
  return {
    ports,
    async close() {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections()
          return new Promise((resolve) => s.close(resolve))
        }),
      )
    },
  }
}
