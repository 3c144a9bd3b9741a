#!/usr/bin/env node
// The floor for mon's latency figure: the same requests through raw undici at
// the same concurrency, each on a connection of its own (as mon's checks
// are, and as curl's time_total counts one), timed from the request's start
// to the end of its body. Like mon, it makes a few untimed requests first,
// so that neither side counts undici compiling its HTTP parser.
//   node bench/latency-floor.js --urls FILE --concurrency N
// FILE: one URL per line. Prints one JSON line: {"latencies_ms": [...]}
import {readFileSync} from 'node:fs'

import {Client} from 'undici'

const arg = (name) => process.argv[process.argv.indexOf(`--${name}`) + 1]
const urls = readFileSync(arg('urls'), 'utf8').trim().split('\n')
const concurrency = Number(arg('concurrency'))

async function timed(href) {
  const url = new URL(href)
  const client = new Client(url.origin)
  try {
    const started = performance.now()
    const res = await client.request({path: url.pathname, method: 'GET', signal: AbortSignal.timeout(10_000)})
    await res.body.dump()
    return performance.now() - started
  } finally {
    await client.destroy()
  }
}

for (let i = 0; i < 3; i++) await timed(`${new URL(urls[0]).origin}/warm-up`)
const latencies = []
let next = 0
async function worker() {
  while (next < urls.length) latencies.push(await timed(urls[next++]))
}
await Promise.all(Array.from({length: Math.min(concurrency, urls.length)}, worker))
process.stdout.write(`${JSON.stringify({latencies_ms: latencies})}\n`)
