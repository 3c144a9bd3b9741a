/**
 * `kind: mcp` through `mon check`, against real MCP servers on 127.0.0.1:
 * the SDK's own (JSON, SSE, pages) and ones that misbehave on purpose. Each
 * gets its exact status and detail, and the server sees the DELETE that ends
 * the session whenever the handshake completed, and none after a timeout.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {check} from './cli-check.js'
import {dumpDatabase, leaks, RELAXED} from './hostile.js'
import {snapshots, type SeedEndpoint} from './seed.js'
import {ENGINES} from '../support/engines.js'
import {useSeededDbs} from '../support/migrated-db.js'
import {
  authServer,
  changingServer,
  echoingServer,
  hangingServer,
  hugeSseServer,
  type McpStandIn,
  noToolsServer,
  notMcpServer,
  pagedServer,
  type RawTool,
  redirectServer,
  rejectsInitializedServer,
  sdkServer,
  sessionIdServer,
  sseForeverServer,
  notificationStreamServer,
  loopingServer,
} from '../support/mcp-servers.js'
import type {McpSettings} from '../../src/config/model.js'

const TOKEN = 'tok-5ecret-value-42'
/** Each test's database: a seeded copy of one migrated per engine. */
const withDb = useSeededDbs()
const started: McpStandIn[] = []
const start = async <T extends McpStandIn>(server: Promise<T>): Promise<T> => {
  const s = await server
  started.push(s)
  return s
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()))
})

const mcp = (id: string, server: McpStandIn, settings: {mcp?: McpSettings; timeout?: number; headers?: Record<string, string>} = {}): SeedEndpoint => ({
  id,
  kind: 'mcp',
  url: server.url,
  method: 'POST',
  check: {...RELAXED, ...settings},
})

type Row = {status: string; detail: string; payload: Record<string, unknown>}
async function run(db: string, env: Record<string, string> = {}): Promise<{rows: Map<string, Row>; stdout: string}> {
  const r = await check(['--db', db, '--json'], {env})
  expect(r.stderr).toBe('')
  const rows = new Map<string, Row>()
  // Oldest first: the latest of each endpoint wins.
  for (const s of await snapshots(db)) rows.set(String(s.endpoint_id), {status: String(s.status), detail: String(s.detail), payload: JSON.parse(String(s.payload_json)) as Record<string, unknown>})
  return {rows, stdout: r.stdout}
}

const OK = /^MCP 2025-11-25 in \d+ ms, 2 tools$/

describe('kind: mcp against real servers', () => {
  let servers: Awaited<ReturnType<typeof startAll>>
  const startAll = async () => ({
    json: await start(sdkServer({json: true})),
    sse: await start(sdkServer({json: false})),
    paged: await start(pagedServer(3, 2)),
    endless: await start(pagedServer(25, 1)),
    crowded: await start(pagedServer(3, 1000)),
    notMcp: await start(notMcpServer()),
    auth: await start(authServer()),
    hangs: await start(hangingServer()),
    forever: await start(sseForeverServer()),
    noTools: await start(noToolsServer()),
    rejects: await start(rejectsInitializedServer()),
    redirect: await start(redirectServer()),
    huge: await start(hugeSseServer(5)),
    missing: await start(sdkServer({json: true})),
  })
  beforeAll(async () => {
    servers = await startAll()
    // The stand-ins share this process: the SDK's first answer here compiles its code, a second or so on a loaded machine, not on a check's clock.
    const init = {jsonrpc: '2.0', id: 0, method: 'initialize', params: {protocolVersion: '2025-11-25', capabilities: {}, clientInfo: {name: 'warm-up', version: '1'}}}
    await fetch(servers.hangs.url, {method: 'POST', headers: {'content-type': 'application/json', accept: 'application/json, text/event-stream'}, body: JSON.stringify(init)}).then((r) => r.text())
  })

  it('gives each server its exact status and detail, and ends every session whose handshake completed', async () => {
    const s = servers
    const endpoints = [
      mcp('json', s.json),
      mcp('sse', s.sse),
      mcp('paged', s.paged, {mcp: {tools: ['p2_t1']}}),
      mcp('endless', s.endless),
      mcp('crowded', s.crowded),
      mcp('not-mcp', s.notMcp),
      // An answer is never retried: only a timeout or a failed connection is.
      {...mcp('auth', s.auth), check: {...RELAXED, retries: 2}},
      mcp('hangs', s.hangs, {timeout: 2000}),
      mcp('forever', s.forever, {timeout: 2000}),
      mcp('no-tools', s.noTools),
      mcp('rejects', s.rejects),
      mcp('redirect', s.redirect),
      mcp('huge', s.huge),
      mcp('missing', s.missing, {mcp: {tools: ['add', 'search']}}),
    ]
    await withDb('sqlite', [{id: 'tools', endpoints}], async (db) => {
      const {rows} = await run(db)
      const got = (id: string) => rows.get(id)!
      // The check's one deadline ends a stream that a keep-alive every 50 ms would keep open for ever (loose: a loaded machine).
      expect(got('forever').payload.latency_ms).toBeLessThan(4000)
      for (const id of ['json', 'sse']) {
        expect(got(id).status, id).toBe('ok')
        expect(got(id).detail, id).toMatch(OK)
        expect(got(id).payload.mcp, id).toEqual({protocol_version: '2025-11-25', server: {name: 'stand-in', version: '1.2.3'}, tools: 2, session_ended: true})
        expect(Object.keys(got(id).payload.tools as object).sort(), id).toEqual(['add', 'echo'])
        expect(got(id).payload.phases_ms, id).toBeDefined()
      }
      expect(got('paged')).toMatchObject({status: 'ok', payload: {mcp: {tools: 6}}})
      expect(got('paged').detail).toMatch(/^MCP 2025-11-25 in \d+ ms, 6 tools$/)
      expect(got('endless')).toMatchObject({status: 'error', detail: 'tools/list has more than 20 pages', payload: {mcp: {tools: 20, session_ended: true}}})
      // Every tool read and counted; the first 2,000 by name kept, and the status as without the cut.
      expect(got('crowded')).toMatchObject({status: 'ok', payload: {mcp: {tools: 3000}, tools_cut: true}})
      expect(got('crowded').detail).toMatch(/^MCP 2025-11-25 in \d+ ms, 3000 tools, only the first 2000 pinned$/)
      const crowded = Object.keys(got('crowded').payload.tools as object)
      expect([crowded.length, crowded.some((name) => name.startsWith('p2_'))]).toEqual([2000, false])
      expect(got('not-mcp')).toMatchObject({status: 'error', detail: 'not MCP: answer to initialize is not JSON-RPC (200 application/json)'})
      expect(got('auth')).toMatchObject({status: 'error', detail: 'needs auth (401, WWW-Authenticate: Bearer)', payload: {attempts: 1}})
      expect(s.auth.requests).toEqual(['POST'])
      expect(got('hangs')).toMatchObject({status: 'error', detail: 'handshake timeout after 2000 ms (waiting for tools/list)', payload: {mcp: {protocol_version: '2025-11-25', session_ended: false}}})
      expect(got('forever')).toMatchObject({status: 'error', detail: 'handshake timeout after 2000 ms (waiting for tools/list)', payload: {mcp: {protocol_version: '2025-06-18'}}})
      expect(got('no-tools')).toMatchObject({status: 'error', detail: 'JSON-RPC error -32601 on tools/list: Method not found', payload: {mcp: {session_ended: true}}})
      expect(got('rejects')).toMatchObject({status: 'error', detail: 'rejects notifications/initialized (HTTP 400)'})
      expect(got('redirect')).toMatchObject({status: 'error', detail: 'HTTP 307 to initialize (redirects are not followed)'})
      expect(got('huge')).toMatchObject({status: 'error', detail: 'answer to tools/list larger than --max-body (1048576 bytes)'})
      expect(got('missing')).toMatchObject({status: 'error'})
      expect(got('missing').detail).toMatch(/^tool missing: search \(MCP 2025-11-25 in \d+ ms, 2 tools\)$/)

      // The DELETE: seen whenever initialize opened a session, never after a timeout, never where none was opened.
      for (const name of ['json', 'sse', 'paged', 'endless', 'crowded', 'noTools', 'rejects', 'huge', 'missing'] as const) expect(s[name].ended, name).toHaveLength(1)
      for (const name of ['hangs', 'forever', 'notMcp', 'auth', 'redirect'] as const) expect(s[name].requests, name).not.toContain('DELETE')
      expect(s.hangs.ended).toEqual([])
      expect(s.notMcp.requests).toEqual(['POST'])
      // initialize, initialized, tools/list: one connection each, and no GET stream.
      expect(s.json.requests).toEqual(['POST', 'POST', 'POST', 'DELETE'])
    })
  })

  it('reads a JSON answer to --max-body at most, and says so', async () => {
    const wide = await start(changingServer(Array.from({length: 40}, (_, i) => tool(`tool-${i}`, schema({q: 'string'}, ['q'])))))
    await withDb('sqlite', [{id: 'wide', endpoints: [mcp('wide', wide)]}], async (db) => {
      const r = await check(['--db', db, '--json', '--max-body', '2KiB'])
      expect(JSON.parse(r.stdout).results[0]).toMatchObject({status: 'error', detail: 'answer to tools/list larger than --max-body (2048 bytes)'})
      expect(wide.ended).toHaveLength(1)
    })
  })

  it('never stores or prints a secret header value that a server echoes, in its name, an SSE answer or a JSON-RPC error', async () => {
    const echo = await start(echoingServer())
    await withDb('sqlite', [{id: 'echo', endpoints: [mcp('echo', echo, {headers: {Authorization: 'Bearer ${MCP_TOKEN}'}})]}], async (db) => {
      const {rows, stdout} = await run(db, {MCP_TOKEN: TOKEN})
      expect(rows.get('echo')).toMatchObject({status: 'error', detail: 'JSON-RPC error -32000 on tools/list: refused Bearer [redacted] for this client'})
      expect(rows.get('echo')!.payload.mcp).toMatchObject({protocol_version: '2025-06-18', server: {name: 'echo Bearer [redacted]'}})
      expect(echo.ended).toHaveLength(1)
      expect(leaks(await dumpDatabase(db), TOKEN)).toEqual([])
      expect(leaks(stdout, TOKEN)).toEqual([])
    })
  })
})

describe('kind: mcp against servers that bend the protocol', () => {
  it('does not wait for the body of an answer to notifications/initialized: a 200 event stream kept open is let go', async () => {
    const stream = await start(notificationStreamServer())
    await withDb('sqlite', [{id: 'n', endpoints: [mcp('notif', stream, {timeout: 3000})]}], async (db) => {
      const {rows} = await run(db)
      expect(rows.get('notif')).toMatchObject({status: 'ok', payload: {mcp: {tools: 1, session_ended: true}}})
      expect(rows.get('notif')!.payload.latency_ms).toBeLessThan(2500)
    })
  })

  it('calls a nextCursor given before a loop, not a long list', async () => {
    const loop = await start(loopingServer())
    await withDb('sqlite', [{id: 'l', endpoints: [mcp('loop', loop)]}], async (db) => {
      const {rows} = await run(db)
      expect(rows.get('loop')).toMatchObject({status: 'error', detail: 'tools/list nextCursor repeats (a loop)', payload: {mcp: {tools: 2, session_ended: true}}})
    })
  })

  it('warns on a tool listed twice on every run, whatever the order, and never calls it changed; long names never collapse', async () => {
    const a = tool('t', schema({a: 'string'}, [])), b = tool('t', schema({b: 'number'}, []))
    const long = 'x'.repeat(199)
    const server = await start(changingServer([a, b, tool(`${long}A-safe`, schema({}, [])), tool(`${long}B-evil`, schema({cmd: 'string'}, []))]))
    await withDb('sqlite', [{id: 'd', endpoints: [mcp('dup', server, {mcp: {pin_tools: true}})]}], async (db) => {
      for (const order of [[a, b], [b, a], [a, b]]) {
        server.setTools([...order, tool(`${long}A-safe`, schema({}, [])), tool(`${long}B-evil`, schema({cmd: 'string'}, []))])
        const row = (await run(db)).rows.get('dup')!
        expect(row.status).toBe('warn')
        expect(row.detail).toMatch(/^tool listed twice: t \(MCP 2025-11-25 in \d+ ms, 4 tools\)$/)
        expect(Object.keys(row.payload.tools as object)).toHaveLength(3)
      }
    })
  })

  it('errors on an Mcp-Session-Id outside visible ASCII or over 1,024 characters, never echoes it, and sends nothing more with it', async () => {
    const ids = {space: 'a b', tab: 'a\tb', obs: 'abc\u00ff', long: 'a'.repeat(1025), empty: ''}
    const servers = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, await start(sessionIdServer(id))] as const)))
    const fine = await start(sessionIdServer('a'.repeat(1024)))
    const endpoints = [...Object.entries(servers).map(([name, server]) => mcp(name, server)), mcp('fine', fine)]
    await withDb('sqlite', [{id: 's', endpoints}], async (db) => {
      const {rows, stdout} = await run(db)
      for (const name of Object.keys(ids)) {
        expect(rows.get(name), name).toMatchObject({status: 'error', detail: 'invalid Mcp-Session-Id from the server', payload: {mcp: {session_ended: false}}})
        expect(servers[name]!.requests, name).toEqual(['POST'])
      }
      expect(stdout).not.toContain('a'.repeat(1025))
      expect(rows.get('fine')).toMatchObject({status: 'ok', payload: {mcp: {session_ended: true}}})
      expect(fine.ended).toEqual(['a'.repeat(1024)])
    })
  })
})

const tool = (name: string, inputSchema: Record<string, unknown>): RawTool => ({name, inputSchema})
const schema = (props: Record<string, string>, required: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(props).map(([k, type]) => [k, {type}])),
  required,
})

describe.each(ENGINES)('pin_tools compares with the latest list read, on %s', (engine) => {
  it('is ok, then warns naming what was added, removed and changed, then ok again; key and list order never count', async () => {
    const first = [tool('search', schema({q: 'string', limit: 'number'}, ['q', 'limit'])), tool('fetch', schema({url: 'string'}, ['url']))]
    const server = await start(changingServer(first))
    await withDb(engine, [{id: 'pinned', endpoints: [mcp('pinned', server, {mcp: {pin_tools: true}})]}], async (db) => {
      const detail = async () => (await run(db)).rows.get('pinned')!
      const one = await detail()
      expect(one).toMatchObject({status: 'ok', payload: {tools: {fetch: expect.stringMatching(/^[0-9a-f]{16}$/), search: expect.any(String)}}})

      server.setTools([tool('search', schema({q: 'string', limit: 'string'}, ['q'])), tool('browse', schema({}, [])), tool('zip', schema({}, []))])
      const two = await detail()
      expect(two.status).toBe('warn')
      expect(two.detail).toMatch(/^tools changed since the last list: added browse, zip; removed fetch; changed search \(MCP 2025-11-25 in \d+ ms, 3 tools\)$/)

      expect((await detail()).status).toBe('ok')

      // The same tools, every object's keys and every list in another order.
      const permuted = (t: RawTool): RawTool => {
        const s = t.inputSchema as {type: string; properties: Record<string, unknown>; required: string[]}
        return tool(t.name, {required: [...s.required].reverse(), properties: Object.fromEntries(Object.entries(s.properties).reverse()), type: s.type})
      }
      server.setTools([tool('zip', schema({}, [])), tool('search', schema({q: 'string', limit: 'string'}, ['limit', 'q'].slice(1))), tool('browse', schema({}, []))].map(permuted))
      expect(await detail()).toMatchObject({status: 'ok'})
      expect(server.ended).toHaveLength(4)
    })
  })
})
