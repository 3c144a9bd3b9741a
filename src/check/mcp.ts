/**
 * The pure half of `kind: mcp` (SPEC section 8): the JSON-RPC messages the
 * probe sends, the SSE splitter it reads answers with, what it learned
 * (McpAnswer), the tool fingerprints and the judge. mcp-probe.ts does the requests.
 */
import {plural} from '../plural.js'
import {visible} from '../text.js'
import {keptTools, lastName, MCP_MAX_TOOLS, type McpTool, toolChanges, toolFingerprint, toolKey, toolNames} from './mcp-tools.js'
import type {McpSettings} from '../config/model.js'
import type {Status} from '../status.js'
import type {Redactor} from './redact.js'

/** The version mon offers in `initialize`: the SDK's LATEST_PROTOCOL_VERSION. */
const MCP_OFFERED_VERSION = '2025-11-25'
/**
 * The versions a server may answer with, as the official SDK's client accepts them:
 * SUPPORTED_PROTOCOL_VERSIONS of @modelcontextprotocol/sdk 1.32.2 (dist/esm/types.js:2-4).
 */
const MCP_SUPPORTED_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07']
/** `tools/list` pages followed at most: a judge never trusts a server's sizes (each page is read to --max-body at most). */
export const MCP_MAX_PAGES = 20
/** Server names and versions are cut to this many characters (tool names are keyed: mcp-tools.ts). */
const NAME_MAX = 200
/** How much of a version a detail quotes. */
const NAME_SHOWN_MAX = 40
/** How much of a server's JSON-RPC error message a detail quotes. */
const MESSAGE_MAX = 120

export type McpStep = 'initialize' | 'notifications/initialized' | 'tools/list'

/** Why the handshake stopped, as the server answered it (the network's failures are the probe's `failure`). */
export type McpProblem =
  | {kind: 'auth'; status: number; scheme?: string}
  | {kind: 'status'; step: McpStep; status: number}
  | {kind: 'rejected'; step: McpStep; status: number}
  | {kind: 'not_mcp'; step: McpStep; status: number; content_type: string}
  | {kind: 'bad_result'; step: McpStep; why: string}
  | {kind: 'jsonrpc'; step: McpStep; code: unknown; message: unknown}
  | {kind: 'version'; version: string}
  | {kind: 'too_long'; step: McpStep; max: number}
  | {kind: 'no_answer'; step: McpStep}
  | {kind: 'bound'; what: 'pages' | 'loop'}
  | {kind: 'session_id'}

/** What an MCP check learned, for its judge; kept beside a failure too (what it learned before). */
export interface McpAnswer {
  /** The version the server negotiated, once it answered `initialize` with one mon accepts. */
  protocol_version?: string
  server?: {name: string; version: string}
  /** Every tool listed, in the server's order; set once `tools/list` was read to its end or to a bound. */
  tools?: McpTool[]
  /** The server answered the DELETE that ends the session with a 2xx. */
  session_ended: boolean
  problem?: McpProblem
}

/**
 * A protocol kind's own part of a verdict: its error, or its findings and the
 * summary that ends the detail (judge.ts adds what every check shares). Its
 * own types, not kinds.ts's: types.ts imports this file.
 */
export type ProtocolVerdict = {error: string} | {findings: Array<{status: Status; message: string}>; summary: string}

/** What judgeMcp reads of the probe. */
export interface McpProbe {
  mcp?: McpAnswer
  failure?: {message: string}
  latency_ms: number | null
}

export interface JsonRpcResponse {
  result?: unknown
  error?: {code?: unknown; message?: unknown}
}

export function initializeRequest(clientVersion: string): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {protocolVersion: MCP_OFFERED_VERSION, capabilities: {}, clientInfo: {name: 'mon', version: clientVersion}},
  })
}

export const INITIALIZED_NOTIFICATION = JSON.stringify({jsonrpc: '2.0', method: 'notifications/initialized'})

/** Page N of the list (ids 1, 2, ...: initialize is 0). */
export function toolsListRequest(id: number, cursor: string | undefined): string {
  return JSON.stringify({jsonrpc: '2.0', id, method: 'tools/list', ...(cursor === undefined ? {} : {params: {cursor}})})
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The answer to request `id` in a message or a batch of them; a request or notification from the server is not one. */
export function responseTo(value: unknown, id: number): JsonRpcResponse | undefined {
  for (const message of Array.isArray(value) ? value : [value]) {
    if (!isObject(message) || message.id !== id || 'method' in message) continue
    if ('error' in message) return {error: isObject(message.error) ? message.error : {}}
    if ('result' in message) return {result: message.result}
  }
  return undefined
}

/** The `initialize` result: the version (accepted or not) and the server's name. */
export function readInitialize(result: unknown): {version: string; server?: {name: string; version: string}} | McpProblem {
  if (!isObject(result) || typeof result.protocolVersion !== 'string') return {kind: 'bad_result', step: 'initialize', why: 'has no protocolVersion'}
  const version = cut(result.protocolVersion, NAME_MAX)
  if (!MCP_SUPPORTED_VERSIONS.includes(version)) return {kind: 'version', version}
  const info = result.serverInfo
  if (!isObject(info) || typeof info.name !== 'string') return {version}
  return {version, server: {name: cut(info.name, NAME_MAX), version: typeof info.version === 'string' ? cut(info.version, NAME_MAX) : ''}}
}

/** One `tools/list` page: its tools fingerprinted, and the cursor of the next page. */
export function readToolsPage(result: unknown): {tools: McpTool[]; cursor?: string} | McpProblem {
  if (!isObject(result) || !Array.isArray(result.tools)) return {kind: 'bad_result', step: 'tools/list', why: 'has no tools list'}
  const tools: McpTool[] = []
  for (const tool of result.tools) {
    if (!isObject(tool) || typeof tool.name !== 'string') return {kind: 'bad_result', step: 'tools/list', why: 'has a tool without a name'}
    tools.push({name: toolKey(tool.name), fingerprint: toolFingerprint(tool.inputSchema)})
  }
  const next = result.nextCursor
  return typeof next === 'string' && next !== '' ? {tools, cursor: next} : {tools}
}

/** The first scheme of a WWW-Authenticate header (`Bearer`), never its parameters: they may name a realm or a token's fault. */
export function authScheme(header: string | undefined): string | undefined {
  return /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]{1,40})/.exec(header ?? '')?.[1]
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function problemLine(p: McpProblem): string {
  switch (p.kind) {
    case 'auth':
      return `needs auth (${p.status}${p.scheme ? `, WWW-Authenticate: ${p.scheme}` : ''})`
    case 'status':
      return p.status >= 300 && p.status < 400 ? `HTTP ${p.status} to ${p.step} (redirects are not followed)` : `HTTP ${p.status} to ${p.step}`
    case 'rejected':
      return `rejects ${p.step} (HTTP ${p.status})`
    case 'not_mcp':
      return `not MCP: answer to ${p.step} is not JSON-RPC (${p.status} ${p.content_type || 'without a content type'})`
    case 'bad_result':
      return `not MCP: ${p.step} result ${p.why}`
    case 'jsonrpc': {
      const code = Number.isSafeInteger(p.code) ? String(p.code) : '(no code)'
      const message = typeof p.message === 'string' ? `: ${cut(p.message, MESSAGE_MAX)}` : ''
      return `JSON-RPC error ${code} on ${p.step}${message}`
    }
    case 'version':
      return `unsupported MCP protocol version ${JSON.stringify(cut(p.version, NAME_SHOWN_MAX))} (mon accepts ${MCP_SUPPORTED_VERSIONS.join(', ')})`
    case 'too_long':
      return `answer to ${p.step} larger than --max-body (${p.max} bytes)`
    case 'no_answer':
      return `stream ended with no answer to ${p.step}`
    case 'session_id':
      return 'invalid Mcp-Session-Id from the server'
    case 'bound':
      return p.what === 'pages' ? `tools/list has more than ${MCP_MAX_PAGES} pages` : 'tools/list nextCursor repeats (a loop)'
  }
}

/** `payload.tools` of an earlier snapshot as name → fingerprint; undefined when it kept none (or not in that shape). */
function earlierTools(earlier: Record<string, unknown> | undefined): Map<string, string> | undefined {
  const tools = earlier?.tools
  if (!isObject(tools)) return undefined
  const entries = Object.entries(tools)
  return entries.every(([, fp]) => typeof fp === 'string') ? new Map(entries as Array<[string, string]>) : undefined
}

/**
 * The MCP half of the verdict (judge.ts adds what every check shares:
 * latency, attempts, TLS, degraded_after). Writes `payload.mcp` and, once
 * the list was read, `payload.tools`; server text is redacted where it is cut.
 */
export function judgeMcp(settings: McpSettings | undefined, probe: McpProbe, payload: Record<string, unknown>, earlier: Record<string, unknown> | undefined, redactor: Redactor): ProtocolVerdict {
  const answer = probe.mcp
  const list = keptTools(answer?.tools ?? [], (name) => redactor.cut(name))
  const count = answer?.tools?.length ?? 0
  if (answer) {
    const server = answer.server && {name: redactor.cut(answer.server.name), version: redactor.cut(answer.server.version)}
    payload.mcp = {
      ...(answer.protocol_version ? {protocol_version: answer.protocol_version} : {}),
      ...(server ? {server} : {}),
      ...(answer.tools ? {tools: count} : {}),
      session_ended: answer.session_ended,
    }
    // fromEntries: a tool named __proto__ is a key like any other.
    if (answer.tools) payload.tools = Object.fromEntries(list.kept)
    if (answer.tools && list.cut) payload.tools_cut = true
  }
  if (probe.failure) return {error: probe.failure.message}
  if (!answer) return {error: 'no answer'}
  if (answer.problem) return {error: problemLine(answer.problem)}

  const findings: Array<{status: Status; message: string}> = []
  const missing = (settings?.tools ?? []).filter((name) => !list.all.has(name))
  if (missing.length > 0) findings.push({status: 'error', message: `${missing.length === 1 ? 'tool' : 'tools'} missing: ${toolNames(missing)}`})
  if (list.twice.length > 0) findings.push({status: 'warn', message: `${list.twice.length === 1 ? 'tool' : 'tools'} listed twice: ${toolNames(list.twice)}`})
  const before = settings?.pin_tools === true ? earlierTools(earlier) : undefined
  // A cut list says nothing of the names past its last one: those are not compared.
  const horizons = before ? [...(earlier?.tools_cut === true ? [lastName(before)] : []), ...(list.cut ? [lastName(list.kept)] : [])] : []
  const changes = before && toolChanges(before, list.kept, horizons)
  if (changes) findings.push({status: 'warn', message: `tools changed since the last list: ${changes}`})
  const version = visible(answer.protocol_version ?? '')
  const cutNote = list.cut ? `, only the first ${MCP_MAX_TOOLS} pinned` : ''
  return {findings, summary: `MCP ${version} in ${Math.round(probe.latency_ms ?? 0)} ms, ${plural(count, 'tool')}${cutNote}`}
}
