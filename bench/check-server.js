#!/usr/bin/env node
// The benchmark's endpoint server, in its own process so that it takes no CPU
// from the process being measured. 127.0.0.1 only; prints its port.
//   node bench/check-server.js [--latency MS] [--port N]
//   /e/N   answers a small JSON body after --latency ms (default 10)
//   /big   a 5 MB body (text)
//   /big-json   a 5 MB JSON body: {"status":"ok","pad":"xxx..."}
//   /flap/N   like /e/N while the phase is ok, HTTP 500 while it is fail (bench/alerts-check.js)
//   /fail/N   HTTP 500 after --latency ms, always
//   /phase/ok, /phase/fail   sets the phase at once (a control request, 204)
import http from 'node:http'

const option = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback)
const LATENCY = option('--latency', 10)
// --port: a fixed port, for an inventory applied once and checked on later runs (bench/history.js).
const PORT = option('--port', 0)
const BODY = JSON.stringify({status: 'ok'})
const CHUNK = Buffer.alloc(64 * 1024, 'x')
const BIG = 5 * 1024 * 1024

// What /flap/N answers: the alert benches flip it between runs so that half of the endpoints open or resolve an alert each run.
let phase = 'ok'
const FAILED = JSON.stringify({status: 'down'})

const server = http.createServer((req, res) => {
  if (req.url === '/phase/ok' || req.url === '/phase/fail') {
    phase = req.url.slice('/phase/'.length)
    return void res.writeHead(204).end()
  }
  if (req.url === '/big' || req.url === '/big-json') {
    const json = req.url === '/big-json'
    res.writeHead(200, {'content-type': json ? 'application/json' : 'text/plain', 'content-length': String(BIG)})
    res.on('error', () => {})
    // The JSON body's head; every reader cuts it off long before its 5 MB end.
    const head = json ? Buffer.from('{"status":"ok","pad":"') : Buffer.alloc(0)
    let sent = 0
    const pump = () => {
      while (sent < BIG && !res.destroyed) {
        const part = sent === 0 && head.length > 0 ? Buffer.concat([head, CHUNK.subarray(head.length)]) : CHUNK.subarray(0, Math.min(CHUNK.length, BIG - sent))
        sent += part.length
        if (!res.write(part)) return void res.once('drain', pump)
      }
      res.end()
    }
    return pump()
  }
  const failing = req.url.startsWith('/fail/') || (req.url.startsWith('/flap/') && phase === 'fail')
  setTimeout(() => {
    const body = failing ? FAILED : BODY
    res.writeHead(failing ? 500 : 200, {'content-type': 'application/json', 'content-length': String(body.length)})
    res.end(body)
  }, LATENCY)
})
server.keepAliveTimeout = 30_000
server.on('clientError', (_err, socket) => socket.destroy())
server.listen(PORT, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
// Stops by itself if the benchmark dies without stopping it.
setTimeout(() => process.exit(0), 30 * 60_000).unref()
process.on('SIGTERM', () => process.exit(0))
