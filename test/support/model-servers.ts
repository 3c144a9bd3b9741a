import http from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

import {afterAll, beforeAll, beforeEach} from 'vitest'

import {tempDir} from './cli.js'

/**
 * Stand-ins for `kind: models` and `check.body` tests, on 127.0.0.1:
 *
 *   const s = await startModelServer()
 *   s.models                     the URL of an OpenAI-style /v1/models list
 *   s.list(['a', 'b'])           what the list holds from now on
 *   s.answer('{"error":"x"}')    what /v1/models answers from now on, as it is (a server that lists nothing)
 *   s.echo                       answers 200 with the request's body as it came, under the request's Content-Type (text/plain without one)
 *   s.redirect(307)              a URL that redirects to s.echo with that status; s.redirect(307, url): to that URL
 *   s.say('text')                a URL that answers 200 text/plain `text` (a server that leaks what it was told)
 *   s.requests                   every request: method, path, headers, body (recorded when the body has arrived)
 *   await s.close()
 */
export interface ModelServer {
  readonly models: string
  readonly echo: string
  readonly requests: Array<{method: string; path: string; headers: http.IncomingHttpHeaders; body: string}>
  list(ids: readonly string[]): void
  answer(body: string): void
  redirect(status: number, location?: string): string
  say(text: string): string
  close(): Promise<void>
}

export async function startModelServer(): Promise<ModelServer> {
  const requests: ModelServer['requests'] = []
  const sockets = new Set<Socket>()
  let listed = '{"object":"list","data":[]}'
  let said = ''
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = req.url ?? '/'
      requests.push({method: req.method ?? '', path, headers: req.headers, body})
      const redirect = /^\/r\/(\d{3})(?:\?to=(.*))?$/.exec(path)
      if (redirect) {
        res.writeHead(Number(redirect[1]), {location: redirect[2] === undefined ? '/echo' : decodeURIComponent(redirect[2])}).end()
      } else if (path === '/v1/models') {
        res.writeHead(200, {'content-type': 'application/json'}).end(listed)
      } else if (path === '/echo') {
        res.writeHead(200, {'content-type': req.headers['content-type'] ?? 'text/plain'}).end(body)
      } else if (path === '/say') {
        res.writeHead(200, {'content-type': 'text/plain'}).end(said)
      } else {
        res.writeHead(404, {'content-type': 'application/json'}).end('{"error":"Invalid request URL"}')
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    models: `${url}/v1/models`,
    echo: `${url}/echo`,
    requests,
    list(ids) {
      listed = JSON.stringify({object: 'list', data: ids.map((id) => ({id, object: 'model', created: 1_764_000_000, owned_by: 'stand-in'}))})
    },
    answer(body) {
      listed = body
    },
    redirect: (status, location) => `${url}/r/${status}${location === undefined ? '' : `?to=${encodeURIComponent(location)}`}`,
    say(text) {
      said = text
      return `${url}/say`
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** One server for a suite, its requests forgotten before each test, and a temp dir for monitors.yaml files: `const standIn = useModelServer()`, then `standIn.server()`. */
export function useModelServer(): {server: () => ModelServer; dir: () => string} {
  let server: ModelServer | undefined
  let dir: {dir: string; cleanup: () => void} | undefined
  beforeAll(async () => {
    server = await startModelServer()
    dir = tempDir('mon-models-')
  })
  afterAll(async () => {
    await server?.close()
    dir?.cleanup()
  })
  beforeEach(() => {
    if (server) server.requests.length = 0
  })
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useModelServer: used outside a test')
    return value
  }
  return {server: () => need(server), dir: () => need(dir).dir}
}
