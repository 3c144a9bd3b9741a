import {readFileSync} from 'node:fs'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createHttpProber, describeFailure, type HttpProber, tlsReason} from '../../src/check/http-probe.js'
import {judgeHttp} from '../../src/check/judge.js'
import type {EndpointTarget} from '../../src/check/types.js'
import {BUILTIN_CHECK, type CheckSettings, type EndpointKind} from '../../src/config/model.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'

let server: MisbehavingServer
let prober: HttpProber
beforeAll(async () => {
  server = await startMisbehavingServer()
  prober = await createHttpProber({maxPayload: 1024, maxBody: 4096, maxTimeoutMs: 5000, env: {TOKEN: 'abc123'}})
})
afterAll(async () => {
  await prober.close()
  await server.close()
})

const target = (url: string, check: Partial<CheckSettings> = {}, kind: EndpointKind = 'api'): EndpointTarget => ({
  table: 'endpoints', id: 't', entity_id: 'e', kind, url, method: 'GET', check: {...BUILTIN_CHECK, timeout: 3000, ...check},
})

describe('http prober', () => {
  it('reads at most maxPayload bytes of a 5 MB body and stops', async () => {
    const p = await prober.probe(target(`${server.http}/big?mb=5`))
    expect(p.response).toMatchObject({status: 200, truncated: true})
    expect(p.response!.body).toHaveLength(1024)
  })

  it('reads up to maxBody where a rule reads the body: metrics always; health, models and JSON assertions when it is JSON', async () => {
    const asserting = {json: [{path: 'x', exists: true, severity: 'error' as const}]}
    const read = async (path: string, kind: EndpointKind, check: Partial<CheckSettings> = {}) => {
      const p = await prober.probe(target(`${server.http}${path}`, check, kind))
      expect(p.response?.truncated, `${kind} ${path}`).toBe(true)
      return p.response!.body.length
    }
    // A text body: only metrics reads it; for the others only what the snapshot keeps is read.
    expect(await read('/big?mb=5', 'metrics')).toBe(4096)
    expect(await read('/big?mb=5', 'health')).toBe(1024)
    expect(await read('/big?mb=5', 'models')).toBe(1024)
    expect(await read('/big?mb=5', 'api', asserting)).toBe(1024)
    // A JSON body, whether it says so or only starts with {: read to maxBody.
    for (const ct of ['application/json', 'text/plain']) {
      const path = `/big-json/models?n=5000&ct=${encodeURIComponent(ct)}`
      expect(await read(path, 'health')).toBe(4096)
      expect(await read(path, 'models')).toBe(4096)
      expect(await read(path, 'api', asserting)).toBe(4096)
      expect(await read(path, 'api')).toBe(1024)
    }
  })

  it('reads a chunked body (no Content-Length) byte for byte, growing its buffer, up to the limit exactly', async () => {
    const lines = (n: number) => Array.from({length: n}, (_, i) => `${String(i).padStart(9, '0')}\n`).join('')
    const wide = await createHttpProber({maxPayload: 1024, maxBody: 100_000, maxTimeoutMs: 5000})
    try {
      const whole = await wide.probe(target(`${server.http}/chunked?lines=5000`, {}, 'metrics'))
      expect(whole.response?.truncated).toBe(false)
      expect(whole.response?.body.toString('utf8')).toBe(lines(5000))
      const exact = await wide.probe(target(`${server.http}/chunked?lines=10000`, {}, 'metrics'))
      expect(exact.response?.truncated).toBe(false)
      expect(exact.response?.body).toHaveLength(100_000)
      const over = await wide.probe(target(`${server.http}/chunked?lines=10001`, {}, 'metrics'))
      expect(over.response?.truncated).toBe(true)
      expect(over.response?.body.toString('utf8')).toBe(lines(10_000))
    } finally {
      await wide.close()
    }
  })

  it('a bare api check cut inside a character stores no half of it', async () => {
    const utf8 = target(`${server.http}/utf8?n=1000`)
    const p = await prober.probe(utf8)
    expect(p.response?.body).toHaveLength(1024)
    const j = judgeHttp(utf8, p, {maxPayload: 1024, maxBody: 4096})
    expect(j.payload).toMatchObject({truncated: true, bytes: 1024, body: `a${'\u00E9'.repeat(511)}`})
  })

  it('the deadline covers the body, not just the headers', async () => {
    const before = server.cutShort('/slow-body')
    const p = await prober.probe(target(`${server.http}/slow-body?ms=3000`, {timeout: 400}))
    expect(p.failure).toEqual({reason: 'timeout', message: 'timeout after 400 ms'})
    // The prober hung up mid-body: the deadline, not the end of the 3 s body, ended it (seen at the server, not timed).
    for (let i = 0; i < 100 && server.cutShort('/slow-body') === before; i++) await new Promise((r) => setTimeout(r, 20))
    expect(server.cutShort('/slow-body')).toBe(before + 1)
    // While a body read to its end within the deadline is not cut short.
    const whole = await prober.probe(target(`${server.http}/slow-body?ms=200`, {timeout: 3000}))
    expect(whole.response?.body.toString()).toBe('start .........end')
    expect(server.cutShort('/slow-body')).toBe(before + 1)
  })

  it('sends resolved ${VAR} headers and hands back the values to scrub', async () => {
    const p = await prober.probe(target(`${server.http}/echo-headers`, {headers: {Authorization: 'Bearer ${TOKEN}'}}))
    expect(JSON.parse(p.response!.body.toString('utf8')).headers.authorization).toBe('Bearer abc123')
    expect(p.secrets).toEqual(['abc123'])
  })

  it('does not send a request when a variable is missing', async () => {
    const before = server.hits('/ok')
    const p = await prober.probe(target(`${server.http}/ok`, {headers: {A: '${MISSING_VAR}'}}))
    expect(p).toMatchObject({attempts: 0, failure: {reason: 'config'}})
    expect(server.hits('/ok')).toBe(before)
  })

  it('reports a stored row it cannot check as a config error, without a request', async () => {
    const p = await prober.probe({...target(`${server.http}/ok`), settings_error: 'unknown endpoint kind "ftp"'})
    expect(p).toMatchObject({attempts: 0, failure: {reason: 'config', message: 'unknown endpoint kind "ftp"'}})
  })

  it('a stored URL that does not parse is an error, not a crash and not retried', async () => {
    const p = await prober.probe(target('http://[broken', {retries: 2}))
    expect(p).toMatchObject({attempts: 1, failure: {reason: 'config', message: 'not a valid URL: http://[broken'}})
  })

  it('times each phase: the server\'s wait is processing, a dripped body is transfer, and they add up to the latency', async () => {
    const sum = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0)
    const waited = await prober.probe(target(`${server.http}/slow?ms=150`))
    expect(waited.phases_ms!.processing).toBeGreaterThanOrEqual(149)
    expect(waited.phases_ms!.transfer).toBeLessThan(50)
    expect(waited.phases_ms!.tls).toBe(0)
    expect(waited.phases_ms!.resolve).toBe(0) // an IP address: no DNS
    const dripped = await prober.probe(target(`${server.http}/slow-body?ms=150`))
    expect(dripped.phases_ms!.transfer).toBeGreaterThanOrEqual(100)
    for (const p of [waited, dripped]) expect(sum(p.phases_ms!)).toBeCloseTo(p.latency_ms!, 0)
  })

  it('gives every check a connection and a TLS handshake of its own, so each one times the whole set-up', async () => {
    const trusting = await createHttpProber({maxPayload: 1024, maxBody: 4096, maxTimeoutMs: 5000, ca: readFileSync(server.caFile, 'utf8')})
    try {
      for (let i = 0; i < 2; i++) {
        const p = await trusting.probe(target(`${server.httpsSoon}/ok`))
        expect(p.response?.status).toBe(200)
        expect(p.phases_ms!.connect).toBeGreaterThan(0)
        // No session reuse: the second check pays the full handshake too.
        expect(p.phases_ms!.tls).toBeGreaterThan(0.1)
      }
    } finally {
      await trusting.close()
    }
  })

  it('times a failed check up to where it failed: a refused connection is all connect', async () => {
    const p = await prober.probe(target('http://127.0.0.1:9/'))
    expect(p.failure?.reason).toBe('network')
    expect(p.phases_ms).toMatchObject({tls: 0, processing: 0, transfer: 0})
    expect(p.phases_ms!.connect).toBeCloseTo(p.latency_ms!, 1)
  })

  it('knows the certificate expiry on a reused connection too, and names why a certificate is refused', async () => {
    const trusting = await createHttpProber({maxPayload: 1024, maxBody: 4096, maxTimeoutMs: 5000, ca: readFileSync(server.caFile, 'utf8')})
    try {
      const first = await trusting.probe(target(`${server.httpsSoon}/ok`))
      const second = await trusting.probe(target(`${server.httpsSoon}/health/ok`))
      const soon = Date.now() + 8 * 86_400_000
      for (const p of [first, second]) {
        expect(p.response?.status).toBe(200)
        expect(Date.parse(p.tls_valid_to!)).toBeLessThan(soon)
      }
      const refused = await trusting.probe(target(`${server.https}/ok`))
      expect(refused.failure).toEqual({reason: 'tls', message: 'TLS: self-signed certificate'})
    } finally {
      await trusting.close()
    }
  })

  it('does not retry a TLS failure or an answer, only network errors and timeouts', async () => {
    expect((await prober.probe(target(`${server.https}/ok`, {retries: 2}))).attempts).toBe(1)
    expect((await prober.probe(target(`${server.http}/status/500`, {retries: 2}))).attempts).toBe(1)
    expect((await prober.probe(target(`${server.http}/reset`, {retries: 2}))).attempts).toBe(3)
  })
})

describe('redirects', () => {
  let other: MisbehavingServer
  beforeAll(async () => {
    other = await startMisbehavingServer()
  })
  afterAll(async () => {
    await other.close()
  })
  const via = (from: string, to: string) => `${from}/redirect-to?url=${encodeURIComponent(to)}`
  const headers = {'X-Api-Key': '${TOKEN}', Authorization: 'Bearer ${TOKEN}', 'X-Trace': 'literal-7'}
  const seenBy = async (url: string, p: HttpProber = prober) => {
    const probe = await p.probe(target(url, {headers}))
    expect(probe.response?.status, JSON.stringify(probe.failure)).toBe(200)
    return JSON.parse(probe.response!.body.toString('utf8')).headers as Record<string, string>
  }

  it('to another origin (another port, or localhost for 127.0.0.1) drop every ${VAR} header and credentials', async () => {
    for (const to of [`${other.http}/echo-headers`, `${server.http.replace('127.0.0.1', 'localhost')}/echo-headers`]) {
      const seen = await seenBy(via(server.http, to))
      expect(seen['x-api-key'], to).toBeUndefined()
      expect(seen.authorization, to).toBeUndefined()
      expect(seen['x-trace'], to).toBe('literal-7')
      expect(JSON.stringify(seen), to).not.toContain('abc123')
    }
  })

  it('within the origin keep every header', async () => {
    const seen = await seenBy(via(server.http, '/echo-headers'))
    expect(seen).toMatchObject({'x-api-key': 'abc123', authorization: 'Bearer abc123', 'x-trace': 'literal-7'})
  })

  it('from https to http are an error, and the http server never hears of it', async () => {
    const trusting = await createHttpProber({maxPayload: 1024, maxBody: 4096, maxTimeoutMs: 5000, ca: readFileSync(server.caFile, 'utf8'), env: {TOKEN: 'abc123'}})
    try {
      const before = other.hits('/echo-headers')
      const p = await trusting.probe(target(via(server.httpsSoon, `${other.http}/echo-headers`), {headers, retries: 2}))
      expect(p).toMatchObject({attempts: 1, failure: {reason: 'redirects', message: `refused a redirect from https to http (${other.http})`}})
      expect(other.hits('/echo-headers')).toBe(before)
      // While https to https is followed.
      expect((await trusting.probe(target(via(server.httpsSoon, `${server.httpsSoon}/ok`)))).response?.status).toBe(200)
    } finally {
      await trusting.close()
    }
  })

  it('are followed up to 5; a sixth is an error, and so is a loop', async () => {
    // /redirect-chain?n=N redirects N + 1 times: N hops, then to /ok.
    expect((await prober.probe(target(`${server.http}/redirect-chain?n=4`))).response?.status).toBe(200)
    expect((await prober.probe(target(`${server.http}/redirect-chain?n=5`))).failure).toEqual({reason: 'redirects', message: 'more than 5 redirects'})
    expect((await prober.probe(target(`${server.http}/redirect-loop`))).failure).toEqual({reason: 'redirects', message: 'redirect loop'})
  })

  it('share the one deadline of the attempt', async () => {
    const p = await prober.probe(target(via(server.http, `${other.http}/slow?ms=3000`), {timeout: 400}))
    expect(p.failure).toEqual({reason: 'timeout', message: 'timeout after 400 ms'})
  })
})

describe('TLS failure details', () => {
  const raw = '805C82093D7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:'

  it('reduce OpenSSL text to its reason, with a hint for https to a plain-HTTP port', () => {
    expect(describeFailure({code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: raw}, 'https://127.0.0.1:8080/', 1000)).toEqual({
      reason: 'tls',
      message: 'TLS: wrong version number (is the port speaking plain HTTP?)',
    })
    expect(tlsReason('ERR_SSL_SOMETHING', '40E7:error:0A000126:SSL routines:ssl3_read_bytes:unexpected eof while reading:ssl/record/rec_layer_s3.c:1:')).toBe(
      'unexpected eof while reading',
    )
  })

  it('keep the named reasons as they are', () => {
    expect(describeFailure({code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate'}, 'https://h/', 1000).message).toBe('TLS: self-signed certificate')
    expect(describeFailure({code: 'CERT_HAS_EXPIRED', message: 'certificate has expired'}, 'https://h/', 1000).message).toBe('TLS: certificate has expired')
  })
})
