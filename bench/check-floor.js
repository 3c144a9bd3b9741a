#!/usr/bin/env node
// The floor for `mon check`: the same HTTP requests through raw undici at the
// same concurrency (body read and capped at 16 KiB), plus the same
// number of snapshot rows inserted with raw better-sqlite3 in batched
// transactions. No judgement, no payload, no CLI. Run as a process so that its
// time and peak memory are measured the same way as mon's.
//   node bench/check-floor.js --urls FILE --concurrency N --db FILE
// FILE lines: ENDPOINT_ID ENTITY_ID URL
// Prints one JSON line: {"seconds": S, "checks": N}, S counted from the start
// of the process (so its imports count, as mon's count in mon's figure).
import {readFileSync} from 'node:fs'
import {randomUUID} from 'node:crypto'

import Database from 'better-sqlite3'
import {Agent, Client} from 'undici'

const arg = (name) => process.argv[process.argv.indexOf(`--${name}`) + 1]
const urls = readFileSync(arg('urls'), 'utf8').trim().split('\n').map((line) => line.split(' '))
const concurrency = Number(arg('concurrency'))
const CAP = process.argv.includes('--cap') ? Number(arg('cap')) : 16 * 1024

const db = new Database(arg('db'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
const insert = db.prepare(
  'INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, payload_json, latency_ms, observed_at) VALUES (?, ?, ?, NULL, ?, ?, NULL, ?, ?)',
)
const writeBatch = db.transaction((rows) => {
  for (const r of rows) insert.run(r)
})
// --fresh: each request on a connection of its own, as mon's checks are (the same work); else one keep-alive Agent.
const FRESH = process.argv.includes('--fresh')
const agent = new Agent({connections: concurrency})
let pending = []
let next = 0
async function worker() {
  while (next < urls.length) {
    const i = next++
    const t = performance.now()
    const [endpointId, entityId, href] = urls[i]
    const url = new URL(href)
    let status = 'error'
    const client = FRESH ? new Client(url.origin) : agent
    try {
      const res = await client.request({origin: url.origin, path: url.pathname, method: 'GET', signal: AbortSignal.timeout(5000)})
      let size = 0
      for await (const chunk of res.body) {
        size += chunk.length
        if (size > CAP) {
          res.body.destroy()
          break
        }
      }
      status = res.statusCode === 200 ? 'ok' : 'error'
    } catch {
    } finally {
      if (FRESH) await client.destroy()
    }
    pending.push([randomUUID(), entityId, endpointId, status, 'x', performance.now() - t, new Date().toISOString()])
    if (pending.length >= 200) {
      writeBatch(pending)
      pending = []
    }
  }
}
await Promise.all(Array.from({length: concurrency}, worker))
writeBatch(pending)
await agent.close()
db.close()
// performance.now() counts from the start of the process.
process.stdout.write(`${JSON.stringify({seconds: performance.now() / 1000, checks: urls.length})}\n`)
