import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {CheckSettings, EndpointKind} from '../../src/config/model.js'
import {type SeedEndpoint, seed, snapshots} from '../check/seed.js'
import {checkProcess} from '../check/cli-check.js'
import {tempDir} from '../support/cli.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'

let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

interface JsonResult {
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: string
  detail: string
  latency_ms: number | null
  snapshot_id: string
}

function ep(id: string, kind: EndpointKind, url: string, check: Partial<CheckSettings> = {}): SeedEndpoint {
  return {id, kind, url, check: {timeout: 5000, degraded_after: 5000, ...check}}
}

/** Every status rule of docs/check.md, one endpoint each: [id, kind, path, check, status, detail pattern]. */
type Url = (s: MisbehavingServer) => string
const RULES: Array<[string, EndpointKind, Url, Partial<CheckSettings>, string, RegExp]> = (() => {
  const h = '{http}'
  return [
    ['ok', 'api', `${h}/ok`, {}, 'ok', /^200 OK in \d+ ms$/],
    ['refused', 'api', 'http://127.0.0.1:1/', {}, 'error', /^connection refused by 127\.0\.0\.1:1$/],
    ['reset', 'api', `${h}/reset`, {}, 'error', /^connection reset by 127\.0\.0\.1:\d+$/],
    ['hang', 'api', `${h}/hang`, {timeout: 800}, 'error', /^timeout after 800 ms$/],
    ['slow-body', 'api', `${h}/slow-body?ms=1500`, {timeout: 700}, 'error', /^timeout after 700 ms$/],
    ['tls-self-signed', 'api', '{https}/ok', {}, 'error', /^TLS: self-signed certificate$/],
    ['tls-expiring', 'api', '{httpsSoon}/ok', {}, 'warn', /^TLS certificate expires in [67] days \(200 OK in \d+ ms\)$/],
    ['status-503', 'api', `${h}/status/503`, {}, 'error', /^expected 2xx, got 503$/],
    ['status-listed', 'api', `${h}/status/503`, {status: [503]}, 'ok', /^503 Service Unavailable in \d+ ms$/],
    ['status-unlisted', 'api', `${h}/ok`, {status: [204]}, 'error', /^expected 204, got 200$/],
    ['redirect-loop', 'api', `${h}/redirect-loop`, {}, 'error', /^redirect loop$/],
    ['redirect-chain', 'api', `${h}/redirect-chain?n=8`, {}, 'error', /^more than 5 redirects$/],
    ['redirect-followed', 'api', `${h}/redirect-once`, {}, 'ok', /^200 OK in \d+ ms$/],
    ['slow', 'api', `${h}/slow?ms=400`, {degraded_after: 100}, 'warn', /^slower than 100 ms \(200 OK in \d+ ms\)$/],
    ['assert-error', 'health', `${h}/health/ok`, {json: [{path: 'status', equals: 'pass', severity: 'error'}]}, 'error', /^status: expected "pass", got "ok"/],
    ['assert-warn', 'health', `${h}/health/ok`, {json: [{path: 'status', in: ['pass'], severity: 'warn'}]}, 'warn', /^status: expected one of \["pass"\], got "ok"/],
    ['assert-ok', 'api', `${h}/models/two`, {json: [{path: 'data', min_items: 2, severity: 'error'}, {path: 'data.0.id', matches: '^m', severity: 'error'}, {path: 'nope', exists: false, severity: 'error'}]}, 'ok', /^200 OK/],
    ['health-pass', 'health', `${h}/health/pass`, {}, 'ok', /health status "pass"$/],
    ['health-degraded', 'health', `${h}/health/Degraded`, {}, 'warn', /^health status "Degraded"/],
    ['health-down', 'health', `${h}/health/DOWN`, {}, 'error', /^health status "DOWN"/],
    ['health-other', 'health', `${h}/health/sleepy`, {}, 'warn', /^unknown health status "sleepy"/],
    ['health-text', 'health', `${h}/ok`, {}, 'ok', /^200 OK in \d+ ms$/],
    ['health-bad-json', 'health', `${h}/bad-json`, {}, 'error', /^health: body is not valid JSON/],
    ['models-two', 'models', `${h}/models/two`, {}, 'ok', /, 2 models$/],
    ['models-empty', 'models', `${h}/models/empty`, {}, 'warn', /^model list is empty/],
    ['models-bad-json', 'models', `${h}/bad-json`, {}, 'error', /^model list: body is not valid JSON/],
    ['metrics-good', 'metrics', `${h}/metrics/good`, {}, 'ok', /, 2 samples$/],
    ['metrics-broken', 'metrics', `${h}/metrics/broken`, {}, 'error', /^metrics line 5: expected a quoted value for label quantile/],
    ['big-body', 'api', `${h}/big?mb=5`, {}, 'ok', /^200 OK in \d+ ms$/],
    // Past --max-payload (16 KiB) but within --max-body (1 MiB): judged on the whole body.
    ['health-long-down', 'health', `${h}/big-json/health?kb=60&status=down`, {}, 'error', /^health status "down"/],
    ['models-long', 'models', `${h}/big-json/models?n=5000`, {}, 'ok', /, 5000 models$/],
    ['assert-long', 'api', `${h}/big-json/models?n=5000`, {json: [{path: 'data', min_items: 5000, severity: 'error'}]}, 'ok', /^200 OK in \d+ ms$/],
    // Past --max-body: unread, so it cannot pass.
    ['health-too-long', 'health', `${h}/big-json/health?kb=2048&status=ok`, {}, 'error', /^health: body longer than --max-body \(1048576 bytes\)/],
    ['cookie', 'health', `${h}/cookie`, {}, 'ok', /health status "ok"$/],
    ['missing-env', 'api', `${h}/ok`, {headers: {Authorization: 'Bearer ${PROBE_TEST_NEVER_SET}'}}, 'error', /^environment variable PROBE_TEST_NEVER_SET is not set \(needed by header Authorization\)$/],
  ].map(([id, kind, url, ...rest]) => [id, kind, (srv: MisbehavingServer) => (url as string).replace('{http}', srv.http).replace('{https}', srv.https).replace('{httpsSoon}', srv.httpsSoon), ...rest]) as Array<[string, EndpointKind, Url, Partial<CheckSettings>, string, RegExp]>
})()

describe.each(ENGINES)('mon check on %s', (engine) => {
  let db: string
  let cleanup: () => Promise<void>
  let base: {dir: string; cleanup: () => void}
  let result: Awaited<ReturnType<typeof checkProcess>>
  let rows: Array<Record<string, unknown>>

  beforeAll(async () => {
    ;({db, cleanup} = await freshDb(engine))
    base = tempDir('mon-registries-')
    mkdirSync(path.join(base.dir, 'reg'))
    writeFileSync(path.join(base.dir, 'reg/good.json'), JSON.stringify({updated: 'x', models: [{id: 'a'}, {id: 'b'}, {id: 'c'}]}))
    writeFileSync(path.join(base.dir, 'reg/good.yaml'), '- id: a\n- id: b\n')
    writeFileSync(path.join(base.dir, 'reg/bad.json'), '{"models": [')
    writeFileSync(path.join(base.dir, 'reg/dup.yaml'), 'a: 1\na: 2\n')
    await seed(db, [
      {id: 'rules', endpoints: RULES.map(([id, kind, url, check]) => ep(`rules:${id}`, kind, url(server), check))},
      {
        id: 'reg',
        type: 'registry',
        registry: [
          {id: 'registry:good', path: 'reg/good.json'},
          {id: 'registry:yaml', path: 'reg/good.yaml', format: 'yaml'},
          {id: 'registry:missing', path: 'reg/missing.json'},
          {id: 'registry:bad', path: 'reg/bad.json'},
          {id: 'registry:dup', path: 'reg/dup.yaml', format: 'yaml'},
          {id: 'registry:url', path: `${server.http}/models/two`},
          {id: 'registry:url-404', path: `${server.http}/status/404`},
        ],
      },
    ])
    // A real process: NODE_EXTRA_CA_CERTS (trusting the test CA, for the expiring certificate) is read when a process starts.
    result = await checkProcess(['--db', db, '--json', '--base-dir', base.dir], {env: {NODE_EXTRA_CA_CERTS: server.caFile}})
    rows = await snapshots(db)
  })
  afterAll(async () => {
    await cleanup()
    base.cleanup()
  })

  const byId = () => new Map((JSON.parse(result.stdout) as {results: JsonResult[]}).results.map((r) => [r.endpoint_id ?? r.registry_id, r]))

  it('exits 2 when the worst result is an error, with nothing but JSON on stdout', () => {
    expect(result.stderr).toBe('')
    expect(result.code).toBe(2)
    const parsed = JSON.parse(result.stdout) as {results: JsonResult[]; summary: {ok: number; warn: number; error: number}}
    expect(Object.keys(parsed)).toEqual(['results', 'summary'])
    expect(parsed.summary.ok + parsed.summary.warn + parsed.summary.error).toBe(parsed.results.length)
  })

  it.each(RULES.map(([id, , , , status, detail]) => [id, status, detail] as const))('%s is %s', (id, status, detail) => {
    const r = byId().get(`rules:${id}`)
    expect(r, `no result for rules:${id}`).toBeDefined()
    expect({status: r!.status, detail: r!.detail}).toEqual({status, detail: expect.stringMatching(detail)})
  })

  it('judges registry entries by reading and parsing them, relative paths against --base-dir', () => {
    const r = byId()
    expect(r.get('registry:good')).toMatchObject({status: 'ok', endpoint_id: null, entity_id: 'reg', detail: expect.stringMatching(/^3 entries, \d+ bytes in/)})
    expect(r.get('registry:yaml')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^2 entries/)})
    expect(r.get('registry:url')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^2 entries/)})
    expect(r.get('registry:missing')).toMatchObject({status: 'error', detail: `cannot read reg/missing.json: no such file (resolved to ${path.join(base.dir, 'reg/missing.json')})`})
    expect(r.get('registry:bad')).toMatchObject({status: 'error', detail: expect.stringMatching(/^reg\/bad\.json: not valid JSON/)})
    expect(r.get('registry:dup')).toMatchObject({status: 'error', detail: expect.stringMatching(/^reg\/dup\.yaml: not valid YAML: Map keys must be unique at line 2, column 1$/)})
    expect(r.get('registry:url-404')).toMatchObject({status: 'error', detail: expect.stringMatching(/HTTP 404$/)})
  })

  it('writes one snapshot per check: UUIDv7 id, ISO time from the program, latency filled', () => {
    const results = (JSON.parse(result.stdout) as {results: JsonResult[]}).results
    expect(rows).toHaveLength(results.length)
    for (const row of rows) {
      expect(row.id).toMatch(UUID_V7)
      expect(row.observed_at).toMatch(ISO_MS)
      // A check that sent no request has no latency (asserted below).
      if (row.endpoint_id !== 'rules:missing-env') expect(row.latency_ms).not.toBeNull()
      expect(String(row.detail).length).toBeLessThanOrEqual(200)
    }
    const snapshotIds = new Set(rows.map((r) => r.id))
    for (const r of results) expect(snapshotIds.has(r.snapshot_id)).toBe(true)
    const reg = rows.find((r) => r.registry_id === 'registry:good')!
    expect(reg).toMatchObject({endpoint_id: null, entity_id: 'reg', status: 'ok'})
    expect(JSON.parse(String(reg.payload_json))).toMatchObject({entries: 3, bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/)})
    expect(rows.find((r) => r.endpoint_id === 'rules:ok')).toMatchObject({registry_id: null, entity_id: 'rules'})
  })

  it('stores latency NULL, not 0, for a check that never sent a request (missing ${VAR})', () => {
    const row = rows.find((r) => r.endpoint_id === 'rules:missing-env')!
    expect(row).toMatchObject({status: 'error', latency_ms: null})
    expect(JSON.parse(String(row.payload_json))).toMatchObject({latency_ms: null, attempts: 0})
    expect(byId().get('rules:missing-env')!.latency_ms).toBeNull()
  })

  it('stores the response, not the request: allow-listed headers, never Set-Cookie', () => {
    const cookie = rows.find((r) => r.endpoint_id === 'rules:cookie')!
    const payload = JSON.parse(String(cookie.payload_json))
    expect(payload).toMatchObject({http_status: 200, body: {status: 'ok'}, truncated: false, attempts: 1, headers: {'content-type': 'application/json'}})
    const all = rows.map((r) => String(r.payload_json)).join('\n')
    expect(all).not.toMatch(/set-cookie/i)
    expect(all).not.toContain('COOKIE-VALUE-42')
    expect(all).not.toContain('HDR-VALUE-42')
  })

  it('cuts a 5 MB body at --max-payload and says so', () => {
    const big = JSON.parse(String(rows.find((r) => r.endpoint_id === 'rules:big-body')!.payload_json))
    expect(big).toMatchObject({truncated: true, bytes: 16_384})
    expect(big.body).toHaveLength(16_384)
  })

  it('judges a body longer than --max-payload on all of it, and keeps only --max-payload of it', () => {
    const long = JSON.parse(String(rows.find((r) => r.endpoint_id === 'rules:health-long-down')!.payload_json))
    expect(long.truncated).toBe(true)
    expect(long.bytes).toBeGreaterThan(3 * 16_384)
    expect(Buffer.byteLength(long.body)).toBe(16_384)
    expect(long.body.startsWith('{"status":"down","checks":[')).toBe(true)
  })

  it('records TLS expiry where there is TLS', () => {
    const tls = JSON.parse(String(rows.find((r) => r.endpoint_id === 'rules:tls-expiring')!.payload_json))
    expect(tls.tls).toMatchObject({valid_to: expect.stringMatching(ISO_MS), days_left: expect.any(Number)})
    expect(tls.tls.days_left).toBeLessThan(14)
  })
})
