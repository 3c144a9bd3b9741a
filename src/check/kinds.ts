import {KINDS, type EndpointKind} from '../config/kinds.js'
import {quoteJson} from './json-depth.js'
import {parseExposition} from './prometheus-text.js'
import type {Status} from '../status.js'
import type {EndpointTarget, HttpResponse} from './types.js'
import type {CheckSettings} from '../config/model.js'
import {changedModels, keptIds, keptModelIds, listedIds, missingModels} from './model-ids.js'
import {plural} from '../plural.js'

/** One thing the judge noticed; `ok` findings only add context to the detail. */
export interface CheckFinding {
  status: Status
  message: string
}

/** How much of a body is read, and how much of it a snapshot keeps. */
export interface BodyLimits {
  /** Bytes of body kept in the snapshot's payload: --max-payload. */
  maxPayload: number
  /** Bytes of body read to judge it where a rule reads the body: --max-body. */
  maxBody: number
}

/**
 * Bytes of a target's body to read, decided from its content type and its
 * first bytes (`head`); undefined while `head` holds only whitespace.
 * A rule that reads the body must see all of it, up to --max-body, or a large
 * "down" would pass: metrics always, and health, models and JSON assertions
 * when the body is JSON (it says so, or starts with { or [), the same test
 * readJson makes. Any other body is judged without being read, so only what
 * the snapshot keeps is read: a 5 MB text answer costs --max-payload.
 */
export function readLimit(target: Pick<EndpointTarget, 'kind' | 'check'>, limits: BodyLimits, contentType: string | undefined, head: Buffer): number | undefined {
  const {reads} = KINDS[target.kind]
  if (reads === 'all') return limits.maxBody
  if (reads === 'none' && target.check.json.length === 0) return limits.maxPayload
  const json = isJson(contentType, head)
  if (json === undefined) return head.length >= limits.maxPayload ? limits.maxPayload : undefined
  return json ? limits.maxBody : limits.maxPayload
}

/**
 * Whether a body is JSON: its content type says so, or it starts with { or [
 * (after whitespace and a byte order mark); undefined while it holds only whitespace.
 */
function isJson(contentType: string | undefined, bytes: Buffer): boolean | undefined {
  if (/\bjson\b/i.test(contentType ?? '')) return true
  const first = firstNonSpace(bytes, hasBom(bytes) ? 3 : 0)
  return first === -1 ? undefined : first === 0x7b || first === 0x5b
}

/** The body as JSON, if it is JSON. */
export type JsonBody =
  | {state: 'parsed'; value: unknown}
  /** Not JSON, and it did not claim to be. */
  | {state: 'none'}
  /** Claimed or looked like JSON, but does not parse. */
  | {state: 'invalid'; message: string}
  /** Longer than the read limit (--max-body), so it cannot be read as a whole. */
  | {state: 'truncated'}

/** Decided on the content type and the first byte, as readLimit decides, so a long body that is not JSON is never decoded. */
export function readJson(response: HttpResponse): JsonBody {
  if (isJson(response.headers['content-type'], response.body) !== true) return {state: 'none'}
  if (response.truncated) return {state: 'truncated'}
  try {
    // JSON.parse refuses a byte order mark, which some servers send (RFC 8259 lets a parser ignore it).
    return {state: 'parsed', value: JSON.parse(response.body.toString('utf8', hasBom(response.body) ? 3 : 0))}
  } catch (err) {
    return {state: 'invalid', message: (err as Error).message}
  }
}

function hasBom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

/** The first byte from `from` on that is not JSON whitespace; -1 when there is none. */
function firstNonSpace(bytes: Buffer, from: number): number {
  let i = from
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++
  return i < bytes.length ? bytes[i]! : -1
}

/** Health status words, from the health-check response format and common servers. */
const HEALTH_WORDS: Record<string, Status> = {
  pass: 'ok', ok: 'ok', up: 'ok', healthy: 'ok', ready: 'ok', connected: 'ok', serving: 'ok',
  warn: 'warn', degraded: 'warn', partial: 'warn',
  fail: 'error', down: 'error', error: 'error', unhealthy: 'error', out_of_service: 'error', not_serving: 'error',
}

export function healthWord(value: unknown): CheckFinding {
  const word = typeof value === 'string' ? value : quoteJson(value)
  const status = HEALTH_WORDS[word.trim().toLowerCase()]
  if (status === undefined) return {status: 'warn', message: `unknown health status ${JSON.stringify(word)}`}
  return {status, message: `health status ${JSON.stringify(word)}`}
}

/** Why a body cannot be read as JSON, for a finding or an assertion. */
export function unreadableReason(json: JsonBody, limit: number): string {
  if (json.state === 'truncated') return `body longer than --max-body (${limit} bytes)`
  if (json.state === 'invalid') return 'body is not valid JSON'
  return 'body is not JSON'
}

function unreadable(json: JsonBody, what: string, limit: number): CheckFinding {
  return {status: 'error', message: `${what}: ${unreadableReason(json, limit)}`}
}

/** Hides the check's secrets in body text a rule quotes in its messages. */
type Hide = (text: string) => string

/** What a rule may need besides the response. */
export interface RuleContext {
  check: CheckSettings
  /** The payload of the target's latest snapshot that holds a list, for a rule that compares (JudgeOptions.earlier). */
  earlier?: Record<string, unknown>
  /** The snapshot's payload: a rule adds what it read there (a model list's ids). */
  payload: Record<string, unknown>
}

type KindRule = (response: HttpResponse, json: JsonBody, limit: number, hide: Hide, context: RuleContext) => CheckFinding[]

/** How each kind judges a response whose status code was expected (the kind's facts are in config/kinds.ts). */
const KIND_RULES: Record<EndpointKind, KindRule> = {
  api: () => [],
  health: (response, json, limit) => {
    if (json.state === 'parsed') {
      const value = json.value
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'status' in value) {
        return [healthWord((value as {status: unknown}).status)]
      }
      return []
    }
    // A server that says JSON and sends something else is broken; plain text is judged on the code alone.
    if (json.state === 'invalid' && /\bjson\b/i.test(response.headers['content-type'] ?? '')) return [unreadable(json, 'health', limit)]
    // Its status could say down: a body too long to read cannot pass as ok.
    if (json.state === 'truncated') return [unreadable(json, 'health', limit)]
    return []
  },
  models: (_, json, limit, _hide, context) => {
    if (json.state !== 'parsed') return [unreadable(json, 'model list', limit)]
    const data = (json.value as {data?: unknown} | null)?.data
    if (!Array.isArray(data)) return [{status: 'error', message: 'not an OpenAI-style model list (no "data" array)'}]
    return modelListFindings(data, context)
  },
  metrics: (response, _json, _limit, hide) => {
    // Only whole lines of a cut body can be read; what was not read is not judged.
    const bytes = response.truncated ? response.body.subarray(0, response.body.lastIndexOf(0x0a) + 1) : response.body
    // Redacted before parsing: an error quotes the line split at the parser's position ("after G, got "+GG...""), where no redaction afterwards could find the secret whole.
    const parsed = parseExposition(hide(bytes.toString('utf8')))
    if (!parsed.ok) return [{status: 'error', message: `metrics line ${parsed.line}: ${parsed.message}`}]
    const {samples} = parsed.summary
    const scope = response.truncated ? ` in the first ${response.body.length} bytes` : ''
    if (samples === 0) return [{status: 'warn', message: `metrics exposition has no samples${scope}`}]
    return [{status: 'ok', message: `${plural(samples, 'sample')}${scope}`}]
  },
  // A protocol kind is judged from its own probe's answer (judge.ts hands it to check/mcp.ts or check/completion.ts), never as one body.
  mcp: () => [],
  completion: () => [],
}

/** The rule of a kind, applied to a response whose status code was expected. */
export function kindFindings(kind: EndpointKind, response: HttpResponse, json: JsonBody, limit: number, hide: Hide, context: RuleContext): CheckFinding[] {
  return KIND_RULES[kind](response, json, limit, hide, context)
}

/**
 * A model list that was read (SPEC section 8): its ids kept in the payload
 * whatever the verdict, every `check.models.expect` id looked up in all it
 * listed, and, unless `changed: ignore`, its kept ids compared with the
 * earlier snapshot's (none kept there: nothing to compare, ok).
 */
function modelListFindings(data: readonly unknown[], {check, earlier, payload}: RuleContext): CheckFinding[] {
  const listed = listedIds(data)
  const kept = keptIds(listed)
  payload.models = kept.ids
  if (kept.cut) payload.models_cut = true
  // Models are counted by id: an item listed twice is one model, and items with no id are named apart.
  const noId = data.filter((item) => typeof (item as {id?: unknown} | null)?.id !== 'string' || (item as {id: string}).id === '').length
  const count = `${plural(listed.size, 'model')}${noId > 0 ? ` (and ${plural(noId, 'item')} with no id)` : ''}`
  const findings: CheckFinding[] = [data.length === 0 ? {status: 'warn', message: 'model list is empty'} : {status: listed.size === 0 ? 'warn' : 'ok', message: listed.size === 0 ? `no model ids in a list of ${plural(noId, 'item')}` : count}]
  const missing = missingModels(check.models?.expect ?? [], listed)
  if (missing !== undefined) findings.push({status: 'error', message: missing})
  const before = keptModelIds(earlier)
  if (before !== undefined && (check.models?.changed ?? 'warn') === 'warn') {
    const changed = changedModels({ids: before, cut: earlier?.models_cut === true}, kept)
    if (changed !== undefined) findings.push({status: 'warn', message: changed})
  }
  return findings
}
