#!/usr/bin/env node
// The alert benches' notification receiver, in its own process so that it
// takes no CPU from the process being measured. 127.0.0.1 only; prints its port.
//   node bench/alert-receiver.js [--latency MS]
//   POST any path      read the body, answer 202 after --latency ms (default 5)
//   GET /received      {requests, alerts, keys}: POSTs so far, alerts in them
//                      (an Alertmanager POST's array counts each), distinct
//                      Idempotency-Keys
//   GET /reset         starts the counts again
import http from 'node:http'

const LATENCY = process.argv.includes('--latency') ? Number(process.argv[process.argv.indexOf('--latency') + 1]) : 5
let requests = 0
let alerts = 0
let keys = new Set()

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    if (req.url === '/reset') {
      requests = 0
      alerts = 0
      keys = new Set()
    }
    const body = JSON.stringify({requests, alerts, keys: keys.size})
    return void res.writeHead(200, {'content-type': 'application/json'}).end(body)
  }
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    requests++
    const key = req.headers['idempotency-key']
    if (key) keys.add(key)
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      alerts += Array.isArray(body) ? body.length : 1
    } catch {
      alerts++
    }
    setTimeout(() => res.writeHead(202, {'content-length': '0'}).end(), LATENCY)
  })
})
server.keepAliveTimeout = 30_000
server.on('clientError', (_err, socket) => socket.destroy())
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
// Stops by itself if the benchmark dies without stopping it.
setTimeout(() => process.exit(0), 30 * 60_000).unref()
process.on('SIGTERM', () => process.exit(0))
