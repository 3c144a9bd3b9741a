/**
 * kind: completion against stand-ins on 127.0.0.1 (test/support/completion-servers.ts),
 * through checkSelection as mon check runs it: the status and detail of each,
 * the stored payload, the request the stand-in received, and no secret kept.
 */

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {CheckResult} from '../../src/check/types.js'
import {type CheckSettings, COMPLETION_DEFAULTS} from '../../src/config/model.js'
import {checkInProcess} from '../support/check-in-process.js'
import {tempDir} from '../support/cli.js'
import {CUDA_ERROR, type CompletionServer, OTHER_MODEL, startCompletionServer} from '../support/completion-servers.js'
import {useMigratedDbs} from '../support/migrated-db.js'
import {check} from './cli-check.js'
import {seed, type SeedEndpoint, snapshots} from './seed.js'

const MODEL = 'qwen3-8b'
/**
 * The slow-first stream: its first token comes after 200 ms, its end after 1,200 ms at the earliest (timers only
 * ever fire late). A latency under this bound cannot be the whole stream's, however loaded the machine.
 */
const FIRST_TOKEN_MS = 150
const WHOLE_STREAM_MS = 1200
const KEY = 'sk-completion-test-7f3a9c'

let server: CompletionServer
let dir: string
let cleanup: () => void
beforeAll(async () => {
  server = await startCompletionServer()
  ;({dir, cleanup} = tempDir('mon-completion-'))
})
afterAll(async () => {
  await server.close()
  cleanup()
})

const endpoint = (way: string, check: Partial<CheckSettings> = {}): SeedEndpoint => ({
  id: `llm:${way}`,
  kind: 'completion',
  url: `${server.url}/v1/${way}`,
  method: 'POST',
  check: {timeout: 3000, degraded_after: 5000, interval: 900_000, completion: {model: MODEL, ...COMPLETION_DEFAULTS}, ...check},
})

/** Each run's database: a copy of one migrated SQLite database (dropped after the file). */
const migrated = useMigratedDbs()
const dropped: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const drop of dropped) await drop()
})
const migratedDb = async (): Promise<string> => {
  const {db, cleanup} = await migrated('sqlite')
  dropped.push(cleanup)
  return db
}

/** Seeds the endpoints and runs one check of them all, in this process; the results by endpoint id, and the database. */
async function run(endpoints: SeedEndpoint[]): Promise<{results: Map<string, CheckResult>; db: string}> {
  const db = await migratedDb()
  await seed(db, [{id: 'llm', type: 'backend', endpoints}])
  const report = await checkInProcess(db, dir)
  return {results: new Map(report.results.map((r) => [r.endpoint_id!, r])), db}
}

const payloadOf = async (db: string, id: string) => {
  const row = (await snapshots(db)).find((s) => s.endpoint_id === id)!
  return JSON.parse(row.payload_json as string) as Record<string, unknown>
}

describe('kind: completion against stand-ins', () => {
  let results: Map<string, CheckResult>
  let db: string
  beforeAll(async () => {
    const ways = ['slow-first', 'vllm', 'reasoning', 'reasoning-content', 'error-event', 'flat-error', 'other-model', 'done-empty', 'status-429', 'unstreamed', 'html', 'redirect']
    ;({results, db} = await run([...ways.map((way) => endpoint(way)), endpoint('silent', {timeout: 500})]))
    // Apart: 5 MB written and read in this process would be on the clock of the timed checks.
    const flooded = await run([endpoint('flood')])
    results.set('llm:flood', flooded.results.get('llm:flood')!)
    floodDb = flooded.db
  }, 30_000)
  let floodDb: string
  const result = (way: string) => results.get(`llm:${way}`)!

  it('latency is the time to the first token (200 ms), not the whole stream (1.2 s); the detail names the model', async () => {
    const r = result('slow-first')
    expect(r).toMatchObject({status: 'ok', detail: expect.stringMatching(/^first token in \d+ ms from qwen3-8b$/)})
    expect(r.latency_ms).toBeGreaterThanOrEqual(FIRST_TOKEN_MS)
    expect(r.latency_ms).toBeLessThan(WHOLE_STREAM_MS - 50)
    expect(r.detail).toBe(`first token in ${Math.round(r.latency_ms!)} ms from qwen3-8b`)
    const payload = await payloadOf(db, 'llm:slow-first')
    expect(payload.completion).toEqual({model: MODEL, first_token_ms: r.latency_ms, reasoning: false})
    expect(payload).toMatchObject({http_status: 200, headers: {'content-type': 'text/event-stream'}, truncated: true})
    // The read stopped at the first token: the connection was closed before the stream's end, and nothing after it was kept.
    expect(server.cutShort.has('/v1/slow-first')).toBe(true)
    expect(payload.body).toContain('"content":"Po"')
    expect(payload.body).not.toContain('"content":"ng"')
  })

  it('sends the canonical streamed request, max_tokens 1 by default, as JSON asking for an event stream', () => {
    const seen = server.requests.find((r) => r.path === '/v1/slow-first')!
    expect(seen.method).toBe('POST')
    expect(JSON.stringify(seen.body)).toBe('{"model":"qwen3-8b","messages":[{"role":"user","content":"ping"}],"max_tokens":1,"stream":true}')
    expect(seen.headers).toMatchObject({'content-type': 'application/json', accept: 'text/event-stream'})
  })

  it('an empty first content (vLLM) is not the first token; the next one is', () => {
    expect(result('vllm')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^first token in \d+ ms from qwen3-8b$/)})
    expect(result('vllm').latency_ms).toBeGreaterThanOrEqual(15)
  })

  it('a first reasoning delta passes, as reasoning (reasoning and reasoning_content)', async () => {
    for (const way of ['reasoning', 'reasoning-content']) {
      expect(result(way), way).toMatchObject({status: 'ok', detail: expect.stringMatching(/^first reasoning token in \d+ ms from qwen3-8b$/)})
      expect((await payloadOf(db, `llm:${way}`)).completion).toMatchObject({model: MODEL, reasoning: true})
    }
  })

  it('an error event inside a 200 stream is an error naming its message (both shapes)', async () => {
    expect(result('error-event')).toMatchObject({status: 'error', detail: expect.stringMatching(new RegExp(`^error event in stream: ${CUDA_ERROR} \\(200 OK in \\d+ ms\\)$`))})
    expect(result('flat-error')).toMatchObject({status: 'error', detail: expect.stringMatching(/^error event in stream: model is overloaded \(200 OK in \d+ ms\)$/)})
    expect((await payloadOf(db, 'llm:error-event')).completion).toBeUndefined()
  })

  it('another model than asked warns, naming both', async () => {
    expect(result('other-model')).toMatchObject({status: 'warn', detail: expect.stringMatching(new RegExp(`^answered by ${OTHER_MODEL} instead of qwen3-8b \\(first token in \\d+ ms\\)$`))})
    expect((await payloadOf(db, 'llm:other-model')).completion).toMatchObject({model: OTHER_MODEL, reasoning: false})
  })

  it('[DONE] with no content or reasoning delta (the only token spent on hidden reasoning) is an error', () => {
    expect(result('done-empty')).toMatchObject({status: 'error', detail: expect.stringMatching(/^stream ended with no content or reasoning delta \(200 OK in \d+ ms\)$/)})
  })

  it('a stream that never sends a byte after its headers times out at its deadline', async () => {
    const r = result('silent')
    expect(r).toMatchObject({status: 'error', detail: 'timeout after 500 ms (waiting for the first token)'})
    expect(r.latency_ms).toBeGreaterThanOrEqual(490)
    expect(r.latency_ms).toBeLessThan(1200)
  })

  it('5 MB of empty deltas is cut at --max-body, with a clear error', async () => {
    expect(result('flood')).toMatchObject({status: 'error', detail: expect.stringMatching(/^stream longer than --max-body \(1048576 bytes\) with no content or reasoning delta \(200 OK in \d+ ms\)$/)})
    const payload = await payloadOf(floodDb, 'llm:flood')
    expect(payload).toMatchObject({truncated: true})
    expect((payload.body as string).length).toBeLessThanOrEqual(16_384)
  })

  it('a non-2xx answer says its code and its short JSON error message', () => {
    expect(result('status-429')).toMatchObject({status: 'error', detail: 'expected 2xx, got 429: Rate limit reached for qwen3-8b'})
  })

  it('a plain JSON completion (stream ignored) is an answer, not streamed: a warning, latency the whole answer', async () => {
    expect(result('unstreamed')).toMatchObject({status: 'warn', detail: expect.stringMatching(/^not streamed \(answer in \d+ ms from qwen3-8b\)$/)})
    expect((await payloadOf(db, 'llm:unstreamed')).completion).toMatchObject({model: MODEL, reasoning: false, streamed: false})
  })

  it('a 2xx answer that is neither an event stream nor JSON is an error naming its type', () => {
    expect(result('html')).toMatchObject({status: 'error', detail: expect.stringMatching(/^not an event stream \(text\/html\) \(200 OK in \d+ ms\)$/)})
  })

  it('a 307 is followed with the POST and its body; the latency runs from the first request', () => {
    const r = result('redirect')
    expect(r).toMatchObject({status: 'ok', detail: expect.stringMatching(/^first token in \d+ ms from qwen3-8b$/)})
    expect(r.latency_ms).toBeGreaterThanOrEqual(FIRST_TOKEN_MS)
    expect(r.latency_ms).toBeLessThan(WHOLE_STREAM_MS - 50)
    const posts = server.requests.filter((q) => q.path.startsWith('/v1/redirect'))
    expect(posts.map((q) => [q.path, q.method, (q.body as {model?: string}).model])).toEqual([['/v1/redirect', 'POST', MODEL], ['/v1/redirect-target', 'POST', MODEL]])
  })
})

describe('kind: completion settings and secrets', () => {
  it('sends the prompt and max_tokens of check.completion', async () => {
    const {results} = await run([endpoint('vllm', {completion: {model: 'gpt-oss-20b', prompt: 'Say OK', max_tokens: 4}})])
    expect(results.get('llm:vllm')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^first token in \d+ ms from gpt-oss-20b$/)})
    const seen = server.requests.filter((r) => r.path === '/v1/vllm').at(-1)!
    expect(seen.body).toEqual({model: 'gpt-oss-20b', messages: [{role: 'user', content: 'Say OK'}], max_tokens: 4, stream: true})
  })

  it('a secret header is sent, and no piece of it is stored or shown, even when the server quotes it', async () => {
    process.env.COMPLETION_TEST_KEY = KEY
    try {
      const {results, db} = await run([endpoint('echo-key', {headers: {Authorization: 'Bearer ${COMPLETION_TEST_KEY}', Accept: 'text/plain'}})])
      expect(results.get('llm:echo-key')).toMatchObject({status: 'error', detail: expect.stringMatching(/^error event in stream: invalid key Bearer \[redacted\] \(200 OK in \d+ ms\)$/)})
      const seen = server.requests.filter((r) => r.path === '/v1/echo-key').at(-1)!
      // mon's own Accept wins over the file's: the answer is read as an event stream.
      expect(seen.headers).toMatchObject({authorization: `Bearer ${KEY}`, accept: 'text/event-stream'})
      expect(JSON.stringify(await snapshots(db))).not.toContain(KEY.slice(3, 15))
    } finally {
      delete process.env.COMPLETION_TEST_KEY
    }
  })
})

describe('mon check on completions', () => {
  it('prints each result and exits 1 for a warn (another model), in process', async () => {
    const db = await migratedDb()
    await seed(db, [{id: 'llm', type: 'backend', endpoints: [endpoint('vllm'), endpoint('other-model')]}])
    const r = await check(['--db', db, '--json'])
    expect(r.code, r.stderr).toBe(1)
    const parsed = JSON.parse(r.stdout) as {results: CheckResult[]; summary: Record<string, number>}
    expect(parsed.summary).toEqual({ok: 1, warn: 1, error: 0})
    expect(parsed.results.map((x) => [x.endpoint_id, x.status, x.detail.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['llm:other-model', 'warn', `answered by ${OTHER_MODEL} instead of qwen3-8b (first token in N ms)`],
      ['llm:vllm', 'ok', 'first token in N ms from qwen3-8b'],
    ])
  })
})
