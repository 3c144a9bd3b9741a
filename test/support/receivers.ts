import http from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

import {afterAll, beforeAll, beforeEach} from 'vitest'

/**
 * A notification receiver for tests: an HTTP server on 127.0.0.1 that records
 * every request and whose behaviour can be switched while it runs.
 *
 *   const r = await startReceiver()
 *   r.url                          'http://127.0.0.1:PORT' (any path is accepted)
 *   r.requests                     every request so far: method, path, headers, raw body
 *   r.json(i)                      request i's body parsed as JSON
 *   r.answer(500)                  answer every request with this status (default 202)
 *   r.slow(ms)                     answer after ms; r.slow(Infinity): never answer
 *   r.redirect('http://...', 302)  answer a redirect
 *   await r.down(); await r.up()   refuse connections, then listen again on the same port
 *   r.peak()                       the most requests open at once (arrived, not yet answered) so far
 *   r.clear()                      forget the requests recorded (and the peak)
 *   await r.close()
 *
 * A request is recorded when its body has arrived, whatever the answer.
 */
export interface ReceivedRequest {
  method: string
  /** The path with its query. */
  path: string
  /** Lower-case names, as node gives them. */
  headers: http.IncomingHttpHeaders
  body: string
}

export interface Receiver {
  readonly url: string
  readonly port: number
  readonly requests: ReceivedRequest[]
  json(index?: number): any
  answer(status: number, body?: string): void
  slow(ms: number): void
  redirect(location: string, status?: number): void
  down(): Promise<void>
  up(): Promise<void>
  peak(): number
  clear(): void
  close(): Promise<void>
}

type Behaviour = {status: number; body: string; delayMs: number; location?: string}

export async function startReceiver(options: {status?: number} = {}): Promise<Receiver> {
  const requests: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let open = 0
  let peak = 0
  let behaviour: Behaviour = {status: options.status ?? 202, body: '', delayMs: 0}

  const server = http.createServer((req, res) => {
    open++
    peak = Math.max(peak, open)
    res.on('close', () => open--)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8')})
      const {status, body, delayMs, location} = behaviour
      if (delayMs === Infinity) return
      const send = () => {
        res.writeHead(status, location ? {location} : {'content-type': 'text/plain'})
        res.end(body)
      }
      if (delayMs === 0) return send()
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, delayMs)
      timers.add(timer)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })

  await listen(0)
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    json: (index = requests.length - 1) => JSON.parse(requests[index]!.body),
    answer: (status, body = '') => {
      behaviour = {status, body, delayMs: 0}
    },
    slow: (ms) => {
      behaviour = {...behaviour, delayMs: ms, location: undefined}
    },
    redirect: (location, status = 302) => {
      behaviour = {status, body: '', delayMs: 0, location}
    },
    down: stop,
    up: () => listen(port),
    peak: () => peak,
    clear: () => {
      requests.length = 0
      peak = open
    },
    close: async () => {
      if (server.listening) await stop()
    },
  }
}

/** One receiver for a suite, cleared and answering 202 again before each test: `const receiver = useReceiver()`, then `receiver()`. */
export function useReceiver(): () => Receiver {
  let r: Receiver | undefined
  beforeAll(async () => {
    r = await startReceiver()
  })
  afterAll(() => r?.close())
  beforeEach(() => {
    r?.clear()
    r?.answer(202)
  })
  return () => {
    if (!r) throw new Error('useReceiver: no receiver outside a test')
    return r
  }
}
