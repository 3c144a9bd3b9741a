import http from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

/**
 * An OpenAI-compatible chat-completions stand-in on 127.0.0.1 that
 * misbehaves on purpose, one way per path (any path ends in the way's name):
 *   /slow-first     a role chunk, the first token after 200 ms, then a token every 100 ms for 1 s more
 *   /vllm           vLLM's first chunk (`content: ""`), then a token
 *   /reasoning      a first `reasoning` delta (current vLLM, mlx); /reasoning-content: `reasoning_content`
 *   /error-event    200, then `data: {"error": {"message": "CUDA error: ..."}}` and [DONE]
 *   /flat-error     200, then vLLM's older `{"object": "error", "message"}`
 *   /other-model    answers as llama-3.1-8b, whatever was asked
 *   /done-empty     empty deltas and [DONE]: the only token spent on hidden reasoning
 *   /silent         headers, then never a byte
 *   /flood          5 MB of `data:` lines with empty deltas
 *   /status-429     429 with an OpenAI-style JSON error
 *   /unstreamed     a plain JSON completion (`stream` ignored)
 *   /html           200 text/html
 *   /echo-key       an error event that quotes the Authorization header
 *   /redirect       307 to /redirect-target, which streams as /slow-first (the POST and its body go along)
 * Each request's method, headers and parsed body are kept in `requests`; the
 * paths of streams the client closed before their end, in `cutShort`.
 */
export interface CompletionServer {
  url: string
  requests: Array<{path: string; method: string; headers: http.IncomingHttpHeaders; body: unknown}>
  cutShort: Set<string>
  close(): Promise<void>
}

export const OTHER_MODEL = 'llama-3.1-8b'
export const CUDA_ERROR = 'CUDA error: an illegal memory access'

type Step = [waitMs: number, text: string]

const chunk = (model: string, delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model, choices: [{index: 0, delta, logprobs: null, finish_reason: finish}]})}\n\n`
const DONE = 'data: [DONE]\n\n'
const role = (model: string) => chunk(model, {role: 'assistant', content: ''})

const SCRIPTS: Record<string, (model: string, key: string) => Step[]> = {
  'slow-first': (m) => [[0, role(m)], [200, chunk(m, {content: 'Po'})], ...Array.from({length: 10}, (): Step => [100, chunk(m, {content: 'ng'})]), [0, chunk(m, {}, 'stop') + DONE]],
  vllm: (m) => [[0, role(m)], [20, chunk(m, {content: 'Pong'}, 'length')], [0, DONE]],
  reasoning: (m) => [[0, role(m)], [20, chunk(m, {reasoning: 'Hmm'}, 'length')], [0, DONE]],
  'reasoning-content': (m) => [[0, role(m)], [20, chunk(m, {reasoning_content: 'Hmm'}, 'length')], [0, DONE]],
  'error-event': (m) => [[0, role(m)], [20, `data: ${JSON.stringify({error: {message: CUDA_ERROR, type: 'InternalServerError', param: null, code: 500}})}\n\n`], [0, DONE]],
  'flat-error': () => [[0, `data: ${JSON.stringify({object: 'error', message: 'model is overloaded', type: 'ServiceUnavailableError', code: 503})}\n\n`]],
  'other-model': () => [[0, role(OTHER_MODEL)], [10, chunk(OTHER_MODEL, {content: 'P'}, 'length')], [0, DONE]],
  'done-empty': (m) => [[0, role(m)], [20, chunk(m, {}, 'length')], [0, DONE]],
  'redirect-target': (m, key) => SCRIPTS['slow-first']!(m, key),
  'echo-key': (_m, key) => [[0, `data: ${JSON.stringify({error: {message: `invalid key ${key}`}})}\n\n`]],
}

const FLOOD_BYTES = 5 * 1024 * 1024

export async function startCompletionServer(): Promise<CompletionServer> {
  const requests: CompletionServer['requests'] = []
  const cutShort = new Set<string>()
  const sockets = new Set<Socket>()
  const server = http.createServer(async (req, res) => {
    let text = ''
    for await (const piece of req) text += piece
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {}
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({path, method: req.method ?? '', headers: req.headers, body})
    const model = (body as {model?: string} | null)?.model ?? 'none'
    const way = path.slice(path.lastIndexOf('/') + 1)
    const script = SCRIPTS[way]
    if (script) {
      if (!(await play(res, script(model, req.headers.authorization ?? '')))) cutShort.add(path)
      return
    }
    switch (way) {
      case 'silent':
        res.writeHead(200, {'content-type': 'text/event-stream'})
        return res.flushHeaders()
      case 'flood':
        return flood(res, model)
      case 'status-429':
        res.writeHead(429, {'content-type': 'application/json'})
        return res.end(JSON.stringify({error: {message: 'Rate limit reached for qwen3-8b', type: 'rate_limit_error', code: 429}}))
      case 'unstreamed':
        res.writeHead(200, {'content-type': 'application/json'})
        return res.end(JSON.stringify({id: 'c', object: 'chat.completion', model, choices: [{index: 0, message: {role: 'assistant', content: 'Pong'}, finish_reason: 'length'}]}))
      case 'html':
        res.writeHead(200, {'content-type': 'text/html; charset=utf-8'})
        return res.end('<html>not here</html>')
      case 'redirect':
        res.writeHead(307, {location: `${path}-target`})
        return res.end()
      default:
        res.writeHead(404)
        return res.end()
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutShort,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Writes the steps on their schedule; false when the client closed the stream first. */
async function play(res: http.ServerResponse, steps: Step[]): Promise<boolean> {
  res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'})
  for (const [wait, text] of steps) {
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    // The check stops reading at its first token and closes the connection.
    if (res.destroyed) return false
    res.write(text)
  }
  res.end()
  return true
}

/** Empty deltas until FLOOD_BYTES, written as the socket drains. */
async function flood(res: http.ServerResponse, model: string): Promise<void> {
  res.writeHead(200, {'content-type': 'text/event-stream'})
  const line = chunk(model, {})
  const block = line.repeat(Math.ceil(64 * 1024 / line.length))
  for (let sent = 0; sent < FLOOD_BYTES && !res.destroyed; sent += block.length) {
    if (!res.write(block)) await drained(res)
  }
  if (!res.destroyed) res.end(DONE)
}

/** The socket took what was written, or closed. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      res.off('drain', go).off('close', go)
      resolve()
    }
    res.on('drain', go).on('close', go)
  })
}
