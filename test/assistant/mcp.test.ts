/**
 * `mon mcp` as an MCP client sees it: a real `node bin/run.js mcp` process
 * (stdio is the protocol), driven by the SDK's Client, one process for the
 * whole file, against a database filled by `mon apply` and rows written
 * through the store (fleet.ts). Every tool's answer is exact, or equal to
 * what the command it stands for prints; every kind of bad argument is a
 * tool error of one line, and the session goes on; the database's bytes are
 * the same after. Besides: the command's own exits (stdin ends; no database),
 * and a pipe that writes its requests and closes stdin, on both engines.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {BIN, mon, monProcess, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDbs} from '../support/migrated-db.js'
import {NOW, QWEN_ANSWER, recordFleet} from './fleet.js'

const work = tempDir('mon-mcp-')
const db = path.join(work.dir, 'monitor.db')
const digest = () => createHash('sha256').update(readFileSync(db)).digest('hex')
let client: Client
let transport: StdioClientTransport
let stderr = ''
let before: string

type Result = {isError?: boolean; content: Array<{type: string; text: string}>; structuredContent?: unknown}
const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({name, arguments: args})) as Result
/** A tool's answer: its JSON text, which is also its structured content. */
async function answer(name: string, args: Record<string, unknown> = {}): Promise<any> {
  const r = await call(name, args)
  expect(r.isError, r.content[0]?.text).toBeFalsy()
  const value = JSON.parse(r.content[0]!.text)
  expect(r.structuredContent).toEqual(value)
  return value
}
const json = async (args: string[]) => {
  const r = await mon([...args, '--db', db, '--json'], {cwd: work.dir, env: {MON_NOW: NOW}})
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

beforeAll(async () => {
  await recordFleet(work.dir, db)
  before = digest()
  transport = new StdioClientTransport({command: process.execPath, args: [BIN, 'mcp', '--db', db], env: {MON_NOW: NOW, NO_COLOR: '1'}, stderr: 'pipe'})
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  client = new Client({name: 'mon-test', version: '1'})
  await client.connect(transport)
})

afterAll(async () => {
  await client?.close()
  work.cleanup()
})

describe('mon mcp over stdio', () => {
  it('names itself and lists exactly the five read-only tools, each with a described input schema', async () => {
    expect(client.getServerVersion()).toMatchObject({name: 'mon'})
    const {tools} = await client.listTools()
    expect(tools.map((t) => t.name)).toEqual(['inventory', 'status', 'history', 'alerts', 'where_is_model'])
    for (const t of tools) {
      expect(t.annotations).toMatchObject({readOnlyHint: true, openWorldHint: false})
      expect(t.description!.length).toBeGreaterThan(40)
      for (const property of Object.values(t.inputSchema.properties ?? {})) expect((property as {description?: string}).description).toBeTruthy()
    }
    const schema = (name: string) => tools.find((t) => t.name === name)!.inputSchema
    expect(schema('where_is_model').required).toEqual(['model'])
    expect(schema('where_is_model').properties).toMatchObject({model: {type: 'string', minLength: 1, maxLength: 500}})
    expect(schema('history').required).toEqual(['id'])
    expect(schema('history').properties).toMatchObject({limit: {type: 'integer', minimum: 1, maximum: 500, default: 50}, since: {type: 'string', default: '7d'}})
    expect(schema('inventory').properties).toMatchObject({limit: {type: 'integer', maximum: 500, default: 100}, type: {type: 'string'}, owner: {type: 'string'}})
    expect(schema('alerts').properties).toMatchObject({all: {type: 'boolean', default: false}})
    expect(schema('status').required ?? []).toEqual([])
  })

  it('inventory: the entities by id with endpoints (kind, url, interval) and registry entries; filtered by type and owner; bounded by limit', async () => {
    const models = (entity: string, url: string, interval_ms = 60_000) => ({id: `${entity}:models`, kind: 'models', url: `http://127.0.0.1:9${url}`, interval_ms})
    expect(await answer('inventory', {type: 'backend'})).toEqual({
      entities: [
        {id: 'mlx', type: 'backend', label: 'MLX box', owner: 'ml', registry: [], endpoints: [{id: 'mlx:health', kind: 'health', url: 'http://127.0.0.1:9/health', interval_ms: 60_000}, models('mlx', '/v1/models')]},
        {id: 'ov', type: 'backend', label: 'OpenVINO', owner: 'ml', registry: [], endpoints: [models('ov', '/v3/models')]},
      ],
      total: 2,
      truncated: false,
    })
    expect(await answer('inventory', {owner: 'platform'})).toEqual({
      entities: [
        {id: 'gw', type: 'gateway', label: 'LiteLLM', owner: 'platform', registry: [], endpoints: [models('gw', '/v1/models', 300_000)]},
        {id: 'reg', type: 'registry', label: 'Model registry', owner: 'platform', endpoints: [], registry: [{id: 'registry:reg', path: './models.json', authority: 'platform', interval_ms: 60_000}]},
      ],
      total: 2,
      truncated: false,
    })
    const cut = await answer('inventory', {limit: 1})
    expect(cut.entities.map((e: {id: string}) => e.id)).toEqual(['gw'])
    expect(cut).toMatchObject({total: 4, truncated: true})
  })

  it('status: what mon status --json says, of all entities and of one', async () => {
    const all = await answer('status')
    const printed = await json(['status'])
    expect(all).toEqual({since: printed.since, exact: printed.exact, entities: printed.entities, total: 4, truncated: false})
    expect(all.entities.map((e: {id: string; status: string}) => `${e.id} ${e.status}`)).toEqual(['ov error', 'mlx warn', 'gw ok', 'reg ok'])
    expect(await answer('status', {entity_id: 'mlx'})).toEqual({since: printed.since, exact: printed.exact, entities: [printed.entities[1]], total: 1, truncated: false})
  })

  it('history: what mon history --json lists, newest first, without payloads; since and limit bound it', async () => {
    const printed = await json(['history', 'mlx:models'])
    const h = await answer('history', {id: 'mlx:models'})
    expect(h).toEqual({id: 'mlx:models', since: '2026-11-24T12:00:00.000Z', snapshots: printed.snapshots})
    expect(h.snapshots.map((s: {observed_at: string; status: string; detail: string}) => `${s.observed_at} ${s.status} ${s.detail}`)).toEqual([
      '2026-12-01T11:59:00.000Z ok 2 models',
      '2026-12-01T11:58:00.000Z ok 2 models',
    ])
    expect(Object.keys(h.snapshots[0]).sort()).toEqual(['detail', 'endpoint_id', 'entity_id', 'id', 'latency_ms', 'maintenance', 'observed_at', 'phases_ms', 'registry_id', 'status'])
    expect((await answer('history', {id: 'mlx', limit: 2})).snapshots.map((s: {endpoint_id: string}) => s.endpoint_id)).toEqual(['mlx:models', 'mlx:health'])
    expect((await answer('history', {id: 'mlx:models', since: '90s'})).snapshots).toHaveLength(1)
  })

  it('alerts: the open ones, as mon alerts --json lists them', async () => {
    const printed = await json(['alerts'])
    const a = await answer('alerts')
    expect(a).toEqual({alerts: printed.alerts, total: 1, truncated: false})
    expect(a.alerts[0]).toMatchObject({id: 'a1', target_id: 'ov:models', entity_id: 'ov', status: 'error', detail: 'model missing: qwen3-8b', resolved_at: null})
    expect(await answer('alerts', {all: true})).toEqual(a)
  })

  it('where_is_model: who should serve it, who does, and each one\'s worst latest status', async () => {
    expect(await answer('where_is_model', {model: 'qwen3-8b'})).toEqual(QWEN_ANSWER)
  })

  it('where_is_model: ids equal but for case only when none is exact; none at all is an empty answer, not an error', async () => {
    expect(await answer('where_is_model', {model: 'openvino/qwen3-8b-INT4-ov'})).toEqual({
      model: 'openvino/qwen3-8b-INT4-ov',
      match: 'case-insensitive',
      models: ['OpenVINO/Qwen3-8B-int4-ov'],
      entities: [{entity_id: 'ov', status: 'error', declared_by: [], served_by: [{endpoint_id: 'ov:models', model: 'OpenVINO/Qwen3-8B-int4-ov'}]}],
      total: 1,
      truncated: false,
    })
    expect(await answer('where_is_model', {model: 'gpt-x'})).toEqual({model: 'gpt-x', match: 'none', models: [], entities: [], total: 0, truncated: false})
  })

  it('a bad argument of every kind is a tool error of one clear line, and the session goes on', async () => {
    const failure = async (name: string, args: Record<string, unknown>, message: RegExp) => {
      const r = await call(name, args)
      expect(r.isError).toBe(true)
      expect(r.content).toHaveLength(1)
      expect(r.content[0]!.text).not.toContain('\n')
      expect(r.content[0]!.text).toMatch(message)
    }
    await failure('where_is_model', {model: 5}, /^MCP error -32602: Input validation error: Invalid arguments for tool where_is_model: .*expected string, received number/)
    await failure('where_is_model', {}, /Invalid arguments for tool where_is_model: .*model/)
    await failure('where_is_model', {model: ''}, /Invalid arguments for tool where_is_model: .*(>=1|at least 1)/)
    await failure('history', {id: 'mlx', limit: 501}, /Invalid arguments for tool history: .*(<=500|at most 500)/)
    await failure('history', {id: 'mlx', limit: 2.5}, /Invalid arguments for tool history: .*expected int, received number at limit/)
    await failure('history', {id: 'mlx', since: '7 days'}, /Invalid arguments for tool history: .*a duration such as 30m, 24h or 7d/)
    await failure('history', {id: 'mlx', since: '99999999999d'}, /^since: at most 36500d, got 99999999999d$/)
    await failure('alerts', {all: 'yes'}, /Invalid arguments for tool alerts: .*expected boolean/)
    await failure('history', {id: 'mlx:model'}, /^no entity, endpoint or registry entry with id "mlx:model"; did you mean "mlx:models"\?$/)
    await failure('status', {entity_id: 'mxl'}, /^no active entity with id "mxl"; did you mean "mlx"\?$/)
    await failure('delete_everything', {}, /Tool delete_everything not found/)
    expect((await answer('where_is_model', {model: 'qwen3-8b'})).total).toBe(3)
    expect(stderr).toBe('')
  })
})

describe('mon mcp ends and refuses as a command', () => {
  const migrated = useMigratedDbs()
  it('ends with exit 0 and nothing on stdout when stdin ends; a database that cannot be opened is one line before serving', async () => {
    const ended = await mon(['mcp', '--db', db], {env: {MON_NOW: NOW}})
    expect(ended).toMatchObject({code: 0, stdout: '', stderr: ''})
    const missing = await mon(['mcp', '--db', path.join(work.dir, 'nope.db')])
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe(`Error: no SQLite database at ${path.join(work.dir, 'nope.db')} (mon db migrate or mon apply creates it)\n`)
    expect(missing.code).not.toBe(0)
  })

  // On PostgreSQL every read is a round trip, so stdin's end comes before the answers are ready.
  // Side by side: each engine's process waits on its own pipe and database.
  it.concurrent.each(ENGINES)('answers what a pipe wrote before it closed stdin, then exits 0; stdout holds JSON-RPC messages and nothing else (%s)', async (engine) => {
    const fresh = engine === 'sqlite' ? {db, cleanup: async () => {}} : await migrated(engine)
    if (engine !== 'sqlite') await recordFleet(work.dir, fresh.db)
    const lines = [
      {jsonrpc: '2.0', id: 1, method: 'initialize', params: {protocolVersion: '2025-06-18', capabilities: {}, clientInfo: {name: 'pipe', version: '1'}}},
      {jsonrpc: '2.0', method: 'notifications/initialized'},
      {jsonrpc: '2.0', id: 2, method: 'tools/call', params: {name: 'where_is_model', arguments: {model: 'qwen3-8b'}}},
      {jsonrpc: '2.0', id: 3, method: 'tools/call', params: {name: 'history', arguments: {id: 'nope'}}},
    ]
    const r = await monProcess(['mcp', '--db', fresh.db], {env: {MON_NOW: NOW}, input: lines.map((l) => `${JSON.stringify(l)}\n`).join('')})
    await fresh.cleanup()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const messages = r.stdout.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(messages.map((m) => [m.jsonrpc, m.id])).toEqual([['2.0', 1], ['2.0', 2], ['2.0', 3]])
    expect(messages[0].result).toMatchObject({protocolVersion: '2025-06-18', serverInfo: {name: 'mon'}})
    expect(messages[1].result.structuredContent).toEqual(QWEN_ANSWER)
    expect(messages[2].result).toMatchObject({isError: true, content: [{type: 'text', text: 'no entity, endpoint or registry entry with id "nope"'}]})
  })

  it('left the database as it was: the same bytes after every tool was called', async () => {
    await client.close()
    expect(digest()).toBe(before)
  })
})
