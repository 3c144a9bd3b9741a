import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type {AddressInfo, Socket} from 'node:net'
import path from 'node:path'

import {tempDir} from './cli.js'

/**
 * HTTP and HTTPS servers on 127.0.0.1 that misbehave on purpose, for check
 * tests. Routes (any base URL):
 *   /ok                    200 text
 *   /status/503            that status code
 *   /slow?ms=N             answers after N ms
 *   /hang                  accepts, never answers
 *   /reset                 resets the connection
 *   /big?mb=5              a 5 MB body
 *   /slow-body?ms=N        headers now, then the body dripped over N ms
 *   /bad-json              application/json that does not parse
 *   /health/WORD           {"status": WORD}
 *   /models/empty, /models/two
 *   /metrics/good, /metrics/broken
 *   /redirect-loop, /redirect-once, /redirect-chain?n=N (N hops, then /ok)
 *   /redirect-to?url=U&code=C  a redirect (302 unless C) to U, which may be another origin
 *   /cookie                sets a cookie
 *   /echo-headers          echoes the request headers as JSON
 *   /flaky?n=K             resets the first K connections to this path, then 200
 *
 * `https` uses a self-signed certificate nobody trusts; `httpsSoon` one that
 * expires in 7 days, trusted by a process started with NODE_EXTRA_CA_CERTS=caFile.
 *
 * What the server saw, for assertions that hold however loaded the machine
 * is: hits per path, the most requests to a path open at once (`watch`), and
 * responses the client closed before they were complete (`cutShort`).
 */
export interface MisbehavingServer {
  http: string
  https: string
  httpsSoon: string
  caFile: string
  hits(pathname: string): number
  /** From now on, the most requests to pathname open at the same time. */
  watch(pathname: string): {peak: () => number}
  /** Responses to pathname that the client closed before the server had sent all of them. */
  cutShort(pathname: string): number
  close(): Promise<void>
}

const METRICS_GOOD = `# HELP stand_in_requests_total Requests served.
# TYPE stand_in_requests_total counter
stand_in_requests_total{code="200"} 1027
stand_in_up 1
`

export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const counts = new Map<string, number>()
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
    }, ms)
    timers.add(t)
  }

  const open = new Map<string, number>()
  const watchers = new Set<{route: string; peak: number}>()
  const cut = new Map<string, number>()

  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const route = url.pathname
    counts.set(route, (counts.get(route) ?? 0) + 1)
    open.set(route, (open.get(route) ?? 0) + 1)
    for (const w of watchers) if (w.route === route) w.peak = Math.max(w.peak, open.get(route)!)
    res.on('close', () => {
      open.set(route, open.get(route)! - 1)
      if (!res.writableFinished) cut.set(route, (cut.get(route) ?? 0) + 1)
    })
    const json = (status: number, body: unknown) => {
      res.writeHead(status, {'content-type': url.searchParams.get('ct') ?? 'application/json'})
      res.end(JSON.stringify(body))
    }
    if (route === '/ok') return void res.end('ok')
    if (route.startsWith('/status/')) {
      res.writeHead(Number(route.slice(8)), {'content-type': 'text/plain'})
      return void res.end('busy')
    }
    if (route === '/slow') return later(Number(url.searchParams.get('ms') ?? 1000), () => res.end('slow ok'))
    if (route === '/hang') return
    if (route === '/reset') return void req.socket.resetAndDestroy()
    if (route === '/flaky') {
      if ((counts.get(route) ?? 0) <= Number(url.searchParams.get('n') ?? 1)) return void req.socket.resetAndDestroy()
      return void res.end('recovered')
    }
    if (route === '/big') {
      const total = Number(url.searchParams.get('mb') ?? 5) * 1024 * 1024
      const chunk = Buffer.alloc(64 * 1024, 'x')
      res.writeHead(200, {'content-type': 'text/plain', 'content-length': String(total)})
      let sent = 0
      const pump = () => {
        while (sent < total) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => {})
      return pump()
    }
    if (route === '/slow-body') {
      const ms = Number(url.searchParams.get('ms') ?? 1000)
      res.writeHead(200, {'content-type': 'text/plain'})
      res.write('start ')
      const steps = 10
      for (let i = 1; i <= steps; i++) later((ms * i) / steps, () => (i === steps ? res.end('end') : res.write('.')))
      return
    }
    if (route === '/bad-json') {
      res.writeHead(200, {'content-type': 'application/json'})
      return void res.end('{"status": "ok", "data": [1, 2,')
    }
    // Long JSON bodies, whose verdict needs more than --max-payload: a health status first,
    // then kb kilobytes of detail; or an OpenAI-style list of n models.
    if (route === '/big-json/health') {
      const kb = Number(url.searchParams.get('kb') ?? 60)
      const checks = Array.from({length: Math.ceil((kb * 1024) / 64)}, (_, i) => ({name: `dependency-${i}`, state: 'detail'.padEnd(24, '.')}))
      return json(200, {status: url.searchParams.get('status') ?? 'ok', checks})
    }
    if (route === '/big-json/models') {
      const n = Number(url.searchParams.get('n') ?? 5000)
      return json(200, {object: 'list', data: Array.from({length: n}, (_, i) => ({id: `model-${i}`, object: 'model', owned_by: 'stand-in'}))})
    }
    // A body sent in 1000-byte writes with no Content-Length (chunked): line i is `i` padded to 9 bytes.
    if (route === '/chunked') {
      const lines = Number(url.searchParams.get('lines') ?? 100)
      res.writeHead(200, {'content-type': 'text/plain'})
      let i = 0
      const pump = () => {
        while (i < lines) {
          const part = Array.from({length: Math.min(100, lines - i)}, () => `${String(i++).padStart(9, '0')}\n`).join('')
          if (!res.write(part)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => {})
      return pump()
    }
    // "a" then n two-byte characters.
    if (route === '/utf8') {
      res.writeHead(200, {'content-type': 'text/plain; charset=utf-8'})
      return void res.end(`a${'\u00E9'.repeat(Number(url.searchParams.get('n') ?? 1000))}`)
    }
    if (route.startsWith('/health/')) return json(200, {status: decodeURIComponent(route.slice(8))})
    if (route === '/models/empty') return json(200, {object: 'list', data: []})
    if (route === '/models/two') return json(200, {object: 'list', data: [{id: 'm1', object: 'model'}, {id: 'm2', object: 'model'}]})
    if (route === '/metrics/good') {
      res.writeHead(200, {'content-type': 'text/plain; version=0.0.4'})
      return void res.end(METRICS_GOOD)
    }
    if (route === '/metrics/broken') {
      res.writeHead(200, {'content-type': 'text/plain; version=0.0.4'})
      return void res.end(`${METRICS_GOOD}stand_in_latency{quantile=0.5} 12\n`)
    }
    if (route === '/redirect-loop') {
      res.writeHead(302, {location: '/redirect-loop'})
      return void res.end()
    }
    if (route === '/redirect-chain') {
      const n = Number(url.searchParams.get('n') ?? 10)
      res.writeHead(302, {location: n > 0 ? `/redirect-chain?n=${n - 1}` : '/ok'})
      return void res.end()
    }
    if (route === '/redirect-to') {
      res.writeHead(Number(url.searchParams.get('code') ?? 302), {location: url.searchParams.get('url') ?? '/ok'})
      return void res.end()
    }
    if (route === '/redirect-once') {
      res.writeHead(302, {location: '/ok'})
      return void res.end()
    }
    if (route === '/cookie') {
      res.writeHead(200, {'content-type': 'application/json', 'set-cookie': 'session=COOKIE-VALUE-42; HttpOnly', 'x-internal-token': 'HDR-VALUE-42'})
      return void res.end(JSON.stringify({status: 'ok'}))
    }
    if (route === '/echo-headers') return json(200, {status: 'ok', headers: req.headers})
    json(404, {error: `no route ${route}`})
  }

  const track = (server: http.Server) => {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    server.on('tlsClientError', () => {})
    return server
  }

  const {dir, cleanup} = tempDir('mon-tls-')
  const untrusted = makeCertificate(dir, 'untrusted', 365)
  const soon = makeCertificate(dir, 'soon', 7)
  const caFile = path.join(dir, 'ca.pem')
  writeFileSync(caFile, soon.cert)

  const servers = [
    track(http.createServer(handler)),
    track(https.createServer({key: untrusted.key, cert: untrusted.cert}, handler)),
    track(https.createServer({key: soon.key, cert: soon.cert}, handler)),
  ]
  const ports = await Promise.all(servers.map((s) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)))))
  return {
    http: `http://127.0.0.1:${ports[0]}`,
    https: `https://127.0.0.1:${ports[1]}`,
    httpsSoon: `https://127.0.0.1:${ports[2]}`,
    caFile,
    hits: (pathname) => counts.get(pathname) ?? 0,
    watch: (pathname) => {
      const w = {route: pathname, peak: open.get(pathname) ?? 0}
      watchers.add(w)
      return {peak: () => w.peak}
    },
    cutShort: (pathname) => cut.get(pathname) ?? 0,
    async close() {
      for (const t of timers) clearTimeout(t)
      for (const s of sockets) s.destroy()
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
      cleanup()
    },
  }
}

/** A self-signed certificate for 127.0.0.1, made with openssl at test time. */
export function makeCertificate(dir: string, name: string, days: number): {key: string; cert: string} {
  const key = path.join(dir, `${name}.key`)
  const cert = path.join(dir, `${name}.pem`)
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', String(days), '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], {stdio: 'ignore'})
  return {key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8')}
}
