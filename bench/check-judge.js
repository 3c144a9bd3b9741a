#!/usr/bin/env node
// The CPU that judging and storing one check costs, without the network:
// judgeHttp, the payload's JSON and the redaction of secrets, as run.ts does
// them per check, timed over many checks. `--dist DIR` times another build
// (e.g. a copy of an earlier commit), to compare the two on the same machine
// at the same moment. Usage: node bench/check-judge.js [--dist DIR] [--n 20000]
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? process.argv[at + 1] : fallback
}
const DIST = path.resolve(arg('dist', path.join(ROOT, 'dist')))
const N = Number(arg('n', 50_000))
const load = async (p) => {
  try {
    return await import(pathToFileURL(path.join(DIST, p)).href)
  } catch {
    return undefined
  }
}
const {judgeHttp} = await load('check/judge.js')
const {BUILTIN_CHECK} = await load('config/model.js')
const redact = await load('check/redact.js')
const text = await load('text.js')
const headers = await load('check/headers.js')

/** One check's work after the probe, as this build's run.ts does it. */
const store = redact
  ? (target, probe) => {
      const hide = redact.redactor(probe.secrets, probe.secrets)
      const j = judgeHttp(target, probe, {maxPayload: 16_384, maxBody: 1_048_576, redactor: hide})
      return [text.storable(j.detail), text.storable(hide.text(JSON.stringify(j.payload)))]
    }
  : (target, probe) => {
      const j = judgeHttp(target, probe, {maxPayload: 16_384, maxBody: 1_048_576})
      return [headers.scrubSecrets(j.detail, probe.secrets), headers.scrubSecrets(JSON.stringify(j.payload), probe.secrets)]
    }

const target = (kind) => ({table: 'endpoints', id: 'b:1', entity_id: 'b', kind, url: 'http://127.0.0.1:1/', method: 'GET', check: BUILTIN_CHECK})
const response = (type, body) => ({status: 200, status_text: 'OK', headers: {'content-type': type, server: 'bench'}, body: Buffer.from(body), truncated: false})
const health = JSON.stringify({status: 'ok', checks: Array.from({length: 8}, (_, i) => ({name: `dep-${i}`, status: 'pass', latency_ms: i}))})
const CASES = [
  ['api, 2-byte text body (the bench server)', target('api'), response('text/plain', 'ok')],
  ['health, 600-byte JSON body', target('health'), response('application/json', health)],
  ['api, 16 KiB text body', target('api'), response('text/plain', 'x'.repeat(16_000))],
]
for (const secrets of [[], ['bench-secret-token-0123456789']]) {
  for (const [name, t, res] of CASES) {
    const probe = {response: res, latency_ms: 1.2, attempts: 1, observed_at: new Date().toISOString(), secrets}
    for (let i = 0; i < N; i++) store(t, probe) // warm up: the JIT settles before the timing
    const started = performance.now()
    for (let i = 0; i < N; i++) store(t, probe)
    const us = ((performance.now() - started) * 1000) / N
    process.stdout.write(`${name.padEnd(42)} ${secrets.length ? 'with a secret' : 'no secret    '}   ${us.toFixed(1).padStart(6)} µs per check\n`)
  }
}
