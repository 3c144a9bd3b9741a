/** The pure half of `kind: mcp`: tool fingerprints, the diff and the judge's lines. */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {judgeHttp} from '../../src/check/judge.js'
import {authScheme, type McpAnswer, readToolsPage, responseTo} from '../../src/check/mcp.js'
import {canonicalSchema, type McpTool, toolChanges, toolFingerprint} from '../../src/check/mcp-tools.js'
import {redactor} from '../../src/check/redact.js'
import type {EndpointTarget, HttpProbe} from '../../src/check/types.js'
import {BUILTIN_CHECK, type McpSettings} from '../../src/config/model.js'

describe('tool fingerprints', () => {
  /** Any JSON value, and the same value with every object's keys and every array shuffled. */
  const shuffled = (value: unknown, seed: number): unknown => {
    let s = seed
    const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff)
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk).sort(() => (next() % 2 === 0 ? -1 : 1))
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v).map(([k, x]) => [k, walk(x)] as const)
        return Object.fromEntries(entries.sort(() => (next() % 2 === 0 ? -1 : 1)))
      }
      return v
    }
    return walk(value)
  }

  it('is the same for any permutation of keys and arrays', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({min: 1, max: 1_000_000}), (value, seed) => {
        expect(toolFingerprint(shuffled(value, seed))).toBe(toolFingerprint(value))
      }),
    )
  })

  it('differs when a schema means something else, and is 16 hex characters', () => {
    const a = {type: 'object', properties: {q: {type: 'string'}}, required: ['q']}
    expect(toolFingerprint(a)).toMatch(/^[0-9a-f]{16}$/)
    expect(toolFingerprint({...a, required: []})).not.toBe(toolFingerprint(a))
    expect(toolFingerprint({...a, properties: {q: {type: 'number'}}})).not.toBe(toolFingerprint(a))
    expect(toolFingerprint(undefined)).toBe(toolFingerprint(null))
  })

  it('walks a schema nested 10,000 levels deep without overflowing, cut at 64 levels', () => {
    let deep: unknown = {}
    for (let i = 0; i < 10_000; i++) deep = {a: deep}
    expect(canonicalSchema(deep)).toContain('[cut: nested deeper than 64 levels]')
  })

  it('names what was added, removed and changed, sorted, with "and N more" past five', () => {
    const before = new Map([['a', '1'], ['b', '2'], ['c', '3']])
    expect(toolChanges(before, new Map([['c', '9'], ['b', '2'], ['d', '4']]))).toBe('added d; removed a; changed c')
    expect(toolChanges(before, new Map(before))).toBeUndefined()
    const many = new Map(Array.from({length: 8}, (_, i) => [`t${8 - i}`, 'x'] as [string, string]))
    expect(toolChanges(new Map(), many)).toBe('added t1, t2, t3, t4, t5 and 3 more')
  })

  it('compares no name past the last one a cut list kept', () => {
    const before = new Map([['a', '1'], ['m', '2']])
    expect(toolChanges(before, new Map([['a', '1'], ['z', '3']]), ['m'])).toBe('removed m')
    expect(toolChanges(before, new Map([['a', '1'], ['b', '3']]), ['b'])).toBe('added b')
  })

  it('keys two names over 200 characters that share their first 199 apart, each at most 200 characters', () => {
    const base = 'x'.repeat(199)
    const page = readToolsPage({tools: [{name: `${base}A-safe`, inputSchema: {type: 'object'}}, {name: `${base}B-evil`}]})
    const names = 'kind' in page ? [] : page.tools.map((t) => t.name)
    expect(new Set(names).size).toBe(2)
    for (const name of names) expect(name.length).toBeLessThanOrEqual(200)
  })
})

describe('JSON-RPC answers', () => {
  it('finds the answer to our id in a message or a batch, never a request from the server with the same id', () => {
    expect(responseTo({jsonrpc: '2.0', id: 1, result: {x: 1}}, 1)).toEqual({result: {x: 1}})
    expect(responseTo([{jsonrpc: '2.0', id: 1, method: 'ping'}, {jsonrpc: '2.0', id: 1, error: {code: -1, message: 'm'}}], 1)).toEqual({error: {code: -1, message: 'm'}})
    expect(responseTo({status: 'ok'}, 0)).toBeUndefined()
    expect(responseTo({jsonrpc: '2.0', id: 2, result: {}}, 1)).toBeUndefined()
  })

  it('keeps only the scheme of a WWW-Authenticate header', () => {
    expect(authScheme('Bearer realm="x", error="invalid_token"')).toBe('Bearer')
    expect(authScheme(' Basic')).toBe('Basic')
    expect(authScheme('"quoted"')).toBeUndefined()
    expect(authScheme(undefined)).toBeUndefined()
  })
})

describe('judging an MCP answer', () => {
  const target = (mcp?: McpSettings): EndpointTarget => ({
    table: 'endpoints', id: 'm', entity_id: 'e', kind: 'mcp', url: 'http://127.0.0.1/mcp', method: 'POST', check: {...BUILTIN_CHECK, ...(mcp ? {mcp} : {})},
  })
  const probe = (mcp: McpAnswer, extra: Partial<HttpProbe> = {}): HttpProbe => ({mcp, latency_ms: 35.4, attempts: 1, observed_at: '2026-12-01T00:00:00.000Z', ...extra})
  const listed: McpAnswer = {protocol_version: '2025-06-18', server: {name: 's', version: '1'}, tools: [{name: 'b', fingerprint: 'f2'}, {name: 'a', fingerprint: 'f1'}], session_ended: true}
  const judge = (t: EndpointTarget, p: HttpProbe, earlier?: Record<string, unknown>) => judgeHttp(t, p, {maxPayload: 16_384, maxBody: 1 << 20, ...(earlier ? {earlier} : {})})

  it('is ok with the version, latency and tool count, and keeps the facts and fingerprints', () => {
    const j = judge(target(), probe(listed))
    expect(j).toMatchObject({status: 'ok', detail: 'MCP 2025-06-18 in 35 ms, 2 tools'})
    expect(j.payload).toMatchObject({mcp: {protocol_version: '2025-06-18', server: {name: 's', version: '1'}, tools: 2, session_ended: true}, tools: {a: 'f1', b: 'f2'}, attempts: 1})
  })

  it('errors on a missing tool, warns on a changed list, and is ok without an earlier list to compare with', () => {
    expect(judge(target({tools: ['a', 'search', 'x']}), probe(listed)).detail).toBe('tools missing: search, x (MCP 2025-06-18 in 35 ms, 2 tools)')
    const pinned = target({pin_tools: true})
    expect(judge(pinned, probe(listed), {tools: {a: 'f0', c: 'f3'}})).toMatchObject({status: 'warn', detail: 'tools changed since the last list: added b; removed c; changed a (MCP 2025-06-18 in 35 ms, 2 tools)'})
    expect(judge(pinned, probe(listed), {tools: {a: 'f1', b: 'f2'}}).status).toBe('ok')
    expect(judge(pinned, probe(listed), {body: 'from an earlier release'}).status).toBe('ok')
    expect(judge(target(), probe(listed), {tools: {c: 'f3'}}).status).toBe('ok')
  })

  it('words each problem on one line, a tool named __proto__ kept like any other, and a secret in server text redacted', () => {
    const line = (problem: McpAnswer['problem']) => judge(target(), probe({session_ended: false, ...(problem ? {problem} : {})})).detail
    expect(line({kind: 'auth', status: 401, scheme: 'Bearer'})).toBe('needs auth (401, WWW-Authenticate: Bearer)')
    expect(line({kind: 'not_mcp', step: 'initialize', status: 200, content_type: 'application/json'})).toBe('not MCP: answer to initialize is not JSON-RPC (200 application/json)')
    expect(line({kind: 'rejected', step: 'notifications/initialized', status: 400})).toBe('rejects notifications/initialized (HTTP 400)')
    expect(line({kind: 'status', step: 'initialize', status: 307})).toBe('HTTP 307 to initialize (redirects are not followed)')
    expect(line({kind: 'bound', what: 'pages'})).toBe('tools/list has more than 20 pages')
    expect(line({kind: 'bound', what: 'loop'})).toBe('tools/list nextCursor repeats (a loop)')
    expect(line({kind: 'session_id'})).toBe('invalid Mcp-Session-Id from the server')
    const hide = redactor(['s3cr3t-token'], ['s3cr3t-token'])
    const leaky = judgeHttp(target(), probe({session_ended: false, problem: {kind: 'jsonrpc', step: 'tools/list', code: -32000, message: 'no\u001b[2J s3cr3t-token'}}), {maxPayload: 1, maxBody: 1, redactor: hide})
    expect(leaky.detail).toBe('JSON-RPC error -32000 on tools/list: no\\u001b[2J [redacted]')
    const proto = judge(target(), probe({...listed, tools: [{name: '__proto__', fingerprint: 'f'}]}))
    expect(Object.keys(proto.payload.tools as object)).toEqual(['__proto__'])
  })

  it('warns on a name listed twice, counts every entry, and fingerprints it the same in any order', () => {
    const a: McpTool = {name: 't', fingerprint: 'f1'}
    const b: McpTool = {name: 't', fingerprint: 'f2'}
    const pinned = target({pin_tools: true})
    const one = judge(pinned, probe({...listed, tools: [a, b]}))
    expect(one).toMatchObject({status: 'warn', detail: 'tool listed twice: t (MCP 2025-06-18 in 35 ms, 2 tools)', payload: {mcp: {tools: 2}}})
    const two = judge(pinned, probe({...listed, tools: [b, a]}), one.payload)
    expect(two.detail).toBe('tool listed twice: t (MCP 2025-06-18 in 35 ms, 2 tools)')
    expect(two.payload.tools).toEqual(one.payload.tools)
    expect(two.payload.tools).not.toEqual({t: 'f1'})
  })

  it('keeps the first 2,000 tools by name of more, counts them all, and is ok', () => {
    const tools = Array.from({length: 2001}, (_, i) => ({name: `t${String(2000 - i).padStart(4, '0')}`, fingerprint: 'f'}))
    const j = judge(target({tools: ['t2000'], pin_tools: true}), probe({...listed, tools}), {tools: {t0000: 'f'}, tools_cut: true})
    expect(j).toMatchObject({status: 'ok', detail: 'MCP 2025-06-18 in 35 ms, 2001 tools, only the first 2000 pinned', payload: {mcp: {tools: 2001}, tools_cut: true}})
    const kept = Object.keys(j.payload.tools as object)
    expect(kept).toHaveLength(2000)
    expect([kept[0], kept.at(-1)]).toEqual(['t0000', 't1999'])
    expect(judge(target(), probe(listed)).payload).not.toHaveProperty('tools_cut')
  })

  it('keeps the protocol version learned before a timeout beside the failure', () => {
    const j = judge(target(), probe({protocol_version: '2025-06-18', session_ended: false}, {failure: {reason: 'timeout', message: 'handshake timeout after 1000 ms (waiting for tools/list)'}}))
    expect(j).toMatchObject({status: 'error', detail: 'handshake timeout after 1000 ms (waiting for tools/list)', payload: {mcp: {protocol_version: '2025-06-18', session_ended: false}}})
    expect(j.payload).not.toHaveProperty('tools')
  })
})
