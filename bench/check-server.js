#!/usr/bin/env node
// The benchmark's endpoint server, in its own process so that it takes no CPU
// from the process being measured. 127.0.0.1 only; prints its port.
//   /e/N   answers a small JSON body after --latency ms (default 10)
//   /big   a 5 MB body
import http from 'node:http'

const at = process.argv.indexOf('--latency')
const LATENCY = at >= 0 ? Number(process.argv[at + 1]) : 10
const BODY = JSON.stringify({status: 'ok'})
const CHUNK = Buffer.alloc(64 * 1024, 'x')
const BIG = 5 * 1024 * 1024

const server = http.createServer((req, res) => {
  if (req.url === '/big') {
    res.writeHead(200, {'content-type': 'text/plain', 'content-length': String(BIG)})
    res.on('error', () => {})
    let sent = 0
    const pump = () => {
      while (sent < BIG && !res.destroyed) {
        sent += CHUNK.length
        if (!res.write(CHUNK)) return void res.once('drain', pump)
      }
      res.end()
    }
    return pump()
  }
  setTimeout(() => {
    res.writeHead(200, {'content-type': 'application/json', 'content-length': String(BODY.length)})
    res.end(BODY)
  }, LATENCY)
})
server.keepAliveTimeout = 30_000
server.on('clientError', (_err, socket) => socket.destroy())
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
// Stops by itself if the benchmark dies without stopping it.
setTimeout(() => process.exit(0), 30 * 60_000).unref()
process.on('SIGTERM', () => process.exit(0))
