import {describe, expect, it} from 'vitest'

import {cutUtf8, judgeHttp, judgeRegistry} from '../../src/check/judge.js'
import {readJson, readLimit} from '../../src/check/kinds.js'
import type {EndpointTarget, HttpProbe, HttpResponse, RegistryTarget} from '../../src/check/types.js'
import {BUILTIN_CHECK, type CheckSettings, type EndpointKind} from '../../src/config/model.js'

const NOW = '2026-11-26T10:00:00.000Z'
const opts = {maxPayload: 16_384, maxBody: 1_048_576}

function target(kind: EndpointKind = 'api', check: Partial<CheckSettings> = {}): EndpointTarget {
  return {table: 'endpoints', id: `svc:${kind}`, entity_id: 'svc', kind, url: 'http://127.0.0.1:1/x', method: 'GET', check: {...BUILTIN_CHECK, ...check}}
}

function response(body: unknown, extra: Partial<HttpResponse> = {}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const type = typeof body === 'string' ? 'text/plain' : 'application/json'
  return {status: 200, status_text: 'OK', headers: {'content-type': type}, body: Buffer.from(text), truncated: false, ...extra}
}

function probe(res: HttpResponse | undefined, extra: Partial<HttpProbe> = {}): HttpProbe {
  return {response: res, latency_ms: 12.3, attempts: 1, observed_at: NOW, ...extra}
}

describe('judgeHttp: errors', () => {
  it('cannot connect', () => {
    const j = judgeHttp(target(), probe(undefined, {failure: {reason: 'network', message: 'connection refused'}}), opts)
    expect(j).toMatchObject({status: 'error', detail: 'connection refused', payload: {error: 'connection refused'}})
  })

  it('counts attempts when it retried', () => {
    const j = judgeHttp(target(), probe(undefined, {attempts: 2, failure: {reason: 'timeout', message: 'timeout after 2000 ms'}}), opts)
    expect(j.detail).toBe('timeout after 2000 ms (2 attempts)')
  })

  it('TLS failure', () => {
    const j = judgeHttp(target(), probe(undefined, {failure: {reason: 'tls', message: 'TLS: self-signed certificate'}}), opts)
    expect(j.status).toBe('error')
  })

  it('a missing ${ENV} variable', () => {
    const failure = {reason: 'config' as const, message: 'environment variable T is not set (needed by header Authorization)'}
    expect(judgeHttp(target(), probe(undefined, {failure}), opts)).toMatchObject({status: 'error', detail: failure.message})
  })

  it('a status code outside 2xx by default', () => {
    const j = judgeHttp(target(), probe(response('busy', {status: 503, status_text: 'Service Unavailable'})), opts)
    expect(j).toMatchObject({status: 'error', detail: 'expected 2xx, got 503', payload: {http_status: 503, body: 'busy'}})
  })

  it('a status code not in the expected list, even a 2xx one', () => {
    const j = judgeHttp(target('api', {status: [200, 204]}), probe(response('x', {status: 201})), opts)
    expect(j).toMatchObject({status: 'error', detail: 'expected 200 or 204, got 201'})
    expect(judgeHttp(target('api', {status: [401]}), probe(response('x', {status: 401})), opts).status).toBe('ok')
  })

  it('a failed assertion', () => {
    const j = judgeHttp(target('api', {json: [{path: 'status', equals: 'ok', severity: 'error'}]}), probe(response({status: 'bad'})), opts)
    expect(j.status).toBe('error')
    expect(j.detail).toBe('status: expected "ok", got "bad" (200 OK in 12 ms)')
    expect(j.payload.assertions).toEqual([{path: 'status', ok: false, severity: 'error', actual: 'bad', message: 'status: expected "ok", got "bad"'}])
  })

  it('an assertion on a body that is not JSON fails as an error even at severity warn', () => {
    const j = judgeHttp(target('api', {json: [{path: 'a', exists: true, severity: 'warn'}]}), probe(response('plain')), opts)
    expect(j).toMatchObject({status: 'error', detail: 'a: body is not JSON (200 OK in 12 ms)'})
  })

  it('a model list that is not one', () => {
    expect(judgeHttp(target('models'), probe(response({models: []})), opts).detail).toBe('not an OpenAI-style model list (no "data" array) (200 OK in 12 ms)')
    expect(judgeHttp(target('models'), probe(response('{"data": [', {headers: {'content-type': 'application/json'}})), opts)).toMatchObject({
      status: 'error',
      detail: 'model list: body is not valid JSON (200 OK in 12 ms)',
    })
  })

  it('a model list longer than --max-body cannot be read', () => {
    const j = judgeHttp(target('models'), probe(response('{"data": [{"id":"a"},', {truncated: true, headers: {'content-type': 'application/json'}})), {maxPayload: 10, maxBody: 20})
    expect(j).toMatchObject({status: 'error', detail: 'model list: body longer than --max-body (20 bytes) (200 OK in 12 ms)', payload: {truncated: true}})
  })

  it('a health body longer than --max-body cannot pass, nor can an assertion on it', () => {
    const cut = response('{"status": "ok", "checks": [', {truncated: true, headers: {'content-type': 'application/json'}})
    expect(judgeHttp(target('health'), probe(cut), {maxPayload: 10, maxBody: 28})).toMatchObject({
      status: 'error',
      detail: 'health: body longer than --max-body (28 bytes) (200 OK in 12 ms)',
    })
    const asserted = judgeHttp(target('api', {json: [{path: 'status', equals: 'ok', severity: 'warn'}]}), probe(cut), {maxPayload: 10, maxBody: 28})
    expect(asserted).toMatchObject({status: 'error', detail: 'status: body longer than --max-body (28 bytes) (200 OK in 12 ms)'})
  })

  it('judges a body longer than --max-payload on all of it, and keeps its first --max-payload bytes as text', () => {
    const body = {status: 'down', checks: Array.from({length: 50}, (_, i) => ({name: `dep-${i}`}))}
    const j = judgeHttp(target('health'), probe(response(body)), {maxPayload: 64, maxBody: 1_048_576})
    expect(j.status).toBe('error')
    expect(j.detail).toBe('health status "down" (200 OK in 12 ms)')
    expect(j.payload).toMatchObject({truncated: true, bytes: Buffer.byteLength(JSON.stringify(body)), body: JSON.stringify(body).slice(0, 64)})
  })

  it('reads JSON after whitespace or a byte order mark, and never takes a long text body for JSON', () => {
    expect(readJson(response('  \n {"a": 1}'))).toEqual({state: 'parsed', value: {a: 1}})
    expect(readJson(response('\uFEFF{"a": 1}'))).toEqual({state: 'parsed', value: {a: 1}})
    expect(judgeHttp(target('health'), probe(response('\uFEFF{"status": "down"}')), opts).status).toBe('error')
    expect(readJson(response('ok '.repeat(100_000), {truncated: true}))).toEqual({state: 'none'})
    expect(readJson(response(''))).toEqual({state: 'none'})
    expect(readJson(response('', {headers: {'content-type': 'application/json'}}))).toMatchObject({state: 'invalid'})
  })

  it('readLimit reads a body whole only where a rule reads it: metrics, and JSON for the others', () => {
    const limits = {maxPayload: 10, maxBody: 100}
    const head = (text: string) => Buffer.from(text)
    const asserting = {json: [{path: 'x', exists: true, severity: 'error' as const}]}
    expect(readLimit(target('metrics'), limits, 'text/plain', head('a 1'))).toBe(100)
    expect(readLimit(target('api'), limits, 'application/json', head('{'))).toBe(10)
    for (const t of [target('health'), target('models'), target('api', asserting)]) {
      expect(readLimit(t, limits, 'application/json', head('x'))).toBe(100)
      expect(readLimit(t, limits, 'text/plain', head(' \n{"a"'))).toBe(100)
      expect(readLimit(t, limits, undefined, head('\uFEFF[1'))).toBe(100)
      expect(readLimit(t, limits, 'text/plain', head('OK'))).toBe(10)
      expect(readLimit(t, limits, 'text/html', head('<html>'))).toBe(10)
      // Only whitespace so far: not decided, until it passes what the snapshot keeps.
      expect(readLimit(t, limits, 'text/plain', head('   '))).toBeUndefined()
      expect(readLimit(t, limits, 'text/plain', head(' '.repeat(10)))).toBe(10)
    }
  })

  it('cutUtf8 drops a character the cut split, and nothing else', () => {
    const text = 'a\u00E9\u20AC\u{1F600}b' // 1, 2, 3, 4 and 1 bytes
    const bytes = Buffer.from(text)
    const cuts = Array.from({length: bytes.length + 1}, (_, end) => cutUtf8(bytes, end))
    expect(cuts).toEqual(['', 'a', 'a', 'a\u00E9', 'a\u00E9', 'a\u00E9', 'a\u00E9\u20AC', 'a\u00E9\u20AC', 'a\u00E9\u20AC', 'a\u00E9\u20AC', 'a\u00E9\u20AC\u{1F600}', text])
    // Bytes that are not UTF-8 are cut where they are, not walked back to nothing.
    expect(cutUtf8(Buffer.alloc(100, 0x80), 50)).toHaveLength(50)
  })

  it('a body read only to --max-payload keeps no half character', () => {
    const cut = Buffer.from('a' + '\u00E9'.repeat(10)).subarray(0, 8) // a, 3 whole é, half of one
    const j = judgeHttp(target('api'), probe({...response(''), body: cut, truncated: true}), {maxPayload: 8, maxBody: 1024})
    expect(j.payload).toMatchObject({truncated: true, bytes: 8, body: 'a\u00E9\u00E9\u00E9'})
  })

  it('cuts the kept body at a byte count, never inside a character', () => {
    const j = judgeHttp(target('models'), probe(response('é'.repeat(40))), {maxPayload: 11, maxBody: 1024})
    expect(j.payload).toMatchObject({truncated: true, bytes: 80, body: 'ééééé'})
  })

  it('metrics that do not parse', () => {
    const j = judgeHttp(target('metrics'), probe(response('up 1\nbroken{ 2\n')), opts)
    expect(j).toMatchObject({status: 'error'})
    expect(j.detail).toMatch(/^metrics line 2: /)
  })

  it('a health body that says JSON but is not', () => {
    const j = judgeHttp(target('health'), probe(response('{status: ok', {headers: {'content-type': 'application/json'}})), opts)
    expect(j.status).toBe('error')
  })
})

describe('judgeHttp: health words', () => {
  it.each(['pass', 'ok', 'up', 'healthy', 'ready', 'connected', 'serving', 'UP', 'Healthy'])('%s is ok', (word) => {
    expect(judgeHttp(target('health'), probe(response({status: word})), opts)).toMatchObject({status: 'ok', detail: `200 OK in 12 ms, health status "${word}"`})
  })
  it.each(['warn', 'degraded', 'partial', 'DEGRADED'])('%s warns', (word) => {
    expect(judgeHttp(target('health'), probe(response({status: word})), opts).status).toBe('warn')
  })
  it.each(['fail', 'down', 'error', 'unhealthy', 'out_of_service', 'not_serving', 'DOWN', 'NOT_SERVING'])('%s is an error', (word) => {
    expect(judgeHttp(target('health'), probe(response({status: word})), opts).status).toBe('error')
  })
  it('any other word warns and names it', () => {
    expect(judgeHttp(target('health'), probe(response({status: 'sleepy'})), opts)).toMatchObject({status: 'warn', detail: 'unknown health status "sleepy" (200 OK in 12 ms)'})
  })
  it('other bodies are judged on the status code alone', () => {
    expect(judgeHttp(target('health'), probe(response('OK')), opts).status).toBe('ok')
    expect(judgeHttp(target('health'), probe(response({alive: false})), opts).status).toBe('ok')
    expect(judgeHttp(target('health'), probe(response('OK', {status: 500})), opts).status).toBe('error')
  })
})

describe('judgeHttp: warnings', () => {
  it('slower than degraded_after', () => {
    const j = judgeHttp(target('api', {degraded_after: 300}), probe(response('x'), {latency_ms: 412}), opts)
    expect(j).toMatchObject({status: 'warn', detail: 'slower than 300 ms (200 OK in 412 ms)'})
    expect(judgeHttp(target('api', {degraded_after: 300}), probe(response('x'), {latency_ms: 300}), opts).status).toBe('ok')
  })

  it('a failed assertion of severity warn', () => {
    const j = judgeHttp(target('api', {json: [{path: 'data', min_items: 1, severity: 'warn'}]}), probe(response({data: []})), opts)
    expect(j).toMatchObject({status: 'warn', detail: 'data: expected at least 1 item, got 0 (200 OK in 12 ms)'})
  })

  it('an empty model list', () => {
    expect(judgeHttp(target('models'), probe(response({object: 'list', data: []})), opts)).toMatchObject({status: 'warn', detail: 'model list is empty (200 OK in 12 ms)'})
  })

  it('metrics without samples', () => {
    expect(judgeHttp(target('metrics'), probe(response('# HELP x y\n')), opts).status).toBe('warn')
  })

  it('a TLS certificate expiring within 14 days, and not one expiring later', () => {
    const soon = judgeHttp(target(), probe(response('x'), {tls_valid_to: '2026-12-03T10:00:00.000Z'}), opts)
    expect(soon).toMatchObject({status: 'warn', detail: 'TLS certificate expires in 7 days (200 OK in 12 ms)', payload: {tls: {valid_to: '2026-12-03T10:00:00.000Z', days_left: 7}}})
    expect(judgeHttp(target(), probe(response('x'), {tls_valid_to: '2026-12-11T10:00:00.000Z'}), opts).status).toBe('ok')
  })

  it('an error outranks a warning, and comes first in the detail', () => {
    const t = target('models', {degraded_after: 5, json: [{path: 'object', equals: 'list', severity: 'error'}]})
    const j = judgeHttp(t, probe(response({object: 'dict', data: []})), opts)
    expect(j.status).toBe('error')
    expect(j.detail).toBe('object: expected "list", got "dict"; model list is empty; slower than 5 ms (200 OK in 12 ms)')
  })
})

describe('judgeHttp: ok and the payload', () => {
  it('ok names the status and latency, and what the kind found', () => {
    expect(judgeHttp(target(), probe(response('x')), opts)).toMatchObject({status: 'ok', detail: '200 OK in 12 ms'})
    expect(judgeHttp(target('models'), probe(response({data: [{id: 'm'}]})), opts).detail).toBe('200 OK in 12 ms, 1 model')
    expect(judgeHttp(target('metrics'), probe(response('a 1\nb 2\n')), opts).detail).toBe('200 OK in 12 ms, 2 samples')
  })

  it('metrics cut at --max-payload are judged on their whole lines', () => {
    const j = judgeHttp(target('metrics'), probe(response('a 1\nb 2\nc 3', {truncated: true})), opts)
    expect(j).toMatchObject({status: 'ok', detail: '200 OK in 12 ms, 2 samples in the first 11 bytes'})
  })

  it('keeps only allow-listed response headers: never Set-Cookie', () => {
    const res = response({data: [1]}, {headers: {'content-type': 'application/json', 'set-cookie': 'sid=abc', server: 'stand-in', 'x-secret': 'k'}})
    const j = judgeHttp(target(), probe(res, {tls_valid_to: '2027-01-01T00:00:00.000Z'}), opts)
    expect(j.payload).toEqual({
      latency_ms: 12.3,
      attempts: 1,
      tls: {valid_to: '2027-01-01T00:00:00.000Z', days_left: 35},
      http_status: 200,
      headers: {'content-type': 'application/json', server: 'stand-in'},
      bytes: 12,
      truncated: false,
      body: {data: [1]},
    })
  })

  it('the detail is one line of at most 200 characters', () => {
    const j = judgeHttp(target('health'), probe(response({status: 'x'.repeat(300) + '\nsecond line'})), opts)
    expect(j.detail.length).toBeLessThanOrEqual(200)
    expect(j.detail).not.toMatch(/\n/)
  })
})

describe('judgeRegistry', () => {
  const reg: RegistryTarget = {table: 'registry_index', id: 'registry:svc', entity_id: 'svc', path: 'r.json', authority: 'a', format: 'json', interval: '1m', serves: null}
  it('ok with a summary, never the registry itself', () => {
    const j = judgeRegistry(reg, {summary: {entries: 3, bytes: 120, sha256: 'ab'}, latency_ms: 1.2, observed_at: NOW})
    expect(j).toEqual({status: 'ok', detail: '3 entries, 120 bytes in 1 ms', payload: {latency_ms: 1.2, entries: 3, bytes: 120, sha256: 'ab'}})
  })
  it('warns when empty', () => {
    expect(judgeRegistry(reg, {summary: {entries: 0, bytes: 2, sha256: 'ab'}, latency_ms: 1, observed_at: NOW}).status).toBe('warn')
  })
  it('missing or unparseable is an error', () => {
    const j = judgeRegistry(reg, {failure: {message: 'cannot read r.json: no such file'}, latency_ms: 0.1, observed_at: NOW})
    expect(j).toMatchObject({status: 'error', detail: 'cannot read r.json: no such file'})
  })
})
