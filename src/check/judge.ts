import type {AssertionResult} from './assertions.js'
import {evaluateAssertions} from './assertions.js'
import {errorNote, judgeCompletion} from './completion.js'
import {type BodyLimits, type CheckFinding, type JsonBody, kindFindings, readJson, unreadableReason} from './kinds.js'
import type {EndpointTarget, HttpProbe, HttpResponse, Judgement, RegistryProbe, RegistryTarget} from './types.js'
import {cutDepth} from './json-depth.js'
import {judgeMcp, type ProtocolVerdict} from './mcp.js'
import {type DriftInputs, driftDetail, judgeDrift, servesText} from './drift.js'
import {NO_SECRETS, type Redactor} from './redact.js'
import {worstStatus} from '../status.js'
import {plural} from '../plural.js'
import {visible} from '../text.js'

export const DETAIL_MAX = 200
/** A certificate that expires sooner than this warns. */
export const TLS_WARN_DAYS = 14
const DAY_MS = 86_400_000

/** Response headers worth keeping. An allow-list, so Set-Cookie and anything secret never reach the database. */
export const STORED_HEADERS = [
  'content-type',
  'content-length',
  'server',
  'date',
  'cache-control',
  'location',
  'etag',
  'last-modified',
  'retry-after',
] as const

export interface JudgeOptions extends BodyLimits {
  /** Hides the check's secrets from the detail and the kept body, before either is cut. */
  redactor?: Redactor
  /**
   * The payload of the target's latest snapshot that holds a list, for a kind that
   * compares what it reads with the last time (`models` lists, MCP tool
   * lists: `payload.models`, `payload.tools`); absent when there is none.
   */
  earlier?: Record<string, unknown>
}

/**
 * The verdict on one HTTP probe: pure, so every status rule is tested with
 * plain data. The payload holds what the response said, never what was sent.
 */
export function judgeHttp(target: EndpointTarget, probe: HttpProbe, options: JudgeOptions): Judgement {
  const redactor = options.redactor ?? NO_SECRETS
  const payload: Record<string, unknown> = {latency_ms: probe.latency_ms, attempts: probe.attempts}
  if (probe.phases_ms) payload.phases_ms = probe.phases_ms
  if (probe.tls_valid_to) payload.tls = tlsFacts(probe.tls_valid_to, probe.observed_at)

  // A protocol kind judges its own answer; latency, attempts, TLS and degraded_after are judged here as for any check.
  if (target.kind === 'mcp') return protocolVerdict(target, probe, payload, judgeMcp(target.check.mcp, probe, payload, options.earlier, redactor), redactor)

  const response = probe.response
  if (!response) return failed(probe.failure?.message ?? 'no response', probe, payload, redactor)

  // A response means a request went out, so latency was measured.
  const ms = probe.latency_ms ?? 0
  const latency = Math.round(ms)
  payload.http_status = response.status
  payload.headers = pickHeaders(response.headers)
  payload.bytes = response.body.length
  const json = readJson(response)
  Object.assign(payload, keptBody(response, json, options.maxPayload, redactor))

  const summary = `${response.status}${response.status_text ? ` ${response.status_text}` : ''} in ${latency} ms`
  const expected = target.check.status
  const codeOk = expected === null ? response.status >= 200 && response.status < 300 : expected.includes(response.status)
  if (!codeOk) {
    const wanted = expected === null ? '2xx' : expected.join(' or ')
    const said = target.kind === 'completion' ? errorNote(json.state === 'parsed' ? json : undefined) : ''
    return {status: 'error', detail: detailLine(`expected ${wanted}, got ${response.status}${said}`, redactor), payload}
  }

  // A completion is judged on its stream up to the first token (check/completion.ts), and its summary says when that came.
  const completion = target.kind === 'completion' ? judgeCompletion(target.check.completion?.model, probe.completion, json.state === 'parsed' ? json : undefined, response.headers['content-type'], ms) : undefined
  if (completion?.completion) payload.completion = completion.completion
  // Only a JSON body is ever cut short of a rule, and a rule reads a JSON body to --max-body.
  const findings: CheckFinding[] = completion?.findings ?? kindFindings(target.kind, response, json, options.maxBody, redactor.text, {check: target.check, earlier: options.earlier, payload})
  if (target.check.json.length > 0) {
    const results = assertionResults(json, target.check.json, options.maxBody).map((r) => (r.message === undefined ? r : {...r, message: redactor.cut(r.message)}))
    payload.assertions = results
    for (const result of results) if (!result.ok) findings.push({status: result.severity, message: result.message ?? result.path})
  }
  return verdict(target, ms, payload, findings, completion?.summary ?? summary, redactor)
}

/** An error that got no answer to judge: the failure's line, and how many attempts it took. */
function failed(message: string, probe: HttpProbe, payload: Record<string, unknown>, redactor: Redactor): Judgement {
  payload.error = redactor.cut(message)
  const tries = probe.attempts > 1 ? ` (${probe.attempts} attempts)` : ''
  return {status: 'error', detail: detailLine(`${message}${tries}`, redactor), payload}
}

/** A protocol kind's own part of the verdict (check/mcp.ts), finished as any answered check is. */
function protocolVerdict(target: EndpointTarget, probe: HttpProbe, payload: Record<string, unknown>, own: ProtocolVerdict, redactor: Redactor): Judgement {
  if ('error' in own) return failed(own.error, probe, payload, redactor)
  return verdict(target, probe.latency_ms ?? 0, payload, [...own.findings], own.summary, redactor)
}

/** What every answered check shares: slower than degraded_after, a certificate near its end, secrets too short to hide. */
function verdict(target: EndpointTarget, ms: number, payload: Record<string, unknown>, findings: CheckFinding[], summary: string, redactor: Redactor): Judgement {
  if (ms > target.check.degraded_after) {
    findings.push({status: 'warn', message: `slower than ${target.check.degraded_after} ms`})
  }
  if (payload.tls) {
    const {days_left} = payload.tls as {days_left: number}
    if (days_left < TLS_WARN_DAYS) findings.push({status: 'warn', message: `TLS certificate expires in ${plural(days_left, 'day')}`})
  }
  for (const message of redactor.warnings) findings.push({status: 'warn', message})
  return {status: worstStatus(findings.map((f) => f.status)) ?? 'ok', detail: describe(findings, summary, redactor), payload}
}

/**
 * What the snapshot keeps of the body: all of it (parsed, if JSON, and cut
 * below MAX_STORED_DEPTH levels) when it fits in --max-payload, else its first
 * --max-payload bytes as text, flagged. Secrets are redacted before the cut,
 * so that the cut cannot leave a piece of one; a body that was read only to
 * a limit may end in a piece of one, redacted too.
 */
function keptBody(response: HttpResponse, json: JsonBody, maxPayload: number, redactor: Redactor): {body: unknown; truncated: boolean} {
  let bytes = response.body
  if (redactor.active && (bytes.length > maxPayload || response.truncated)) bytes = Buffer.from(redactor.text(bytes.toString('utf8')), 'utf8')
  if (bytes.length > maxPayload) return {body: redactor.cut(cutUtf8(bytes, maxPayload), {end: true}), truncated: true}
  // Read only to --max-payload, the body may end inside a character too.
  if (response.truncated) return {body: redactor.cut(cutUtf8(bytes, bytes.length), {end: true}), truncated: true}
  // Whole and uncut: the run redacts the stored payload as a whole.
  return {body: json.state === 'parsed' ? cutDepth(json.value) : response.body.toString('utf8'), truncated: false}
}

/**
 * The first `end` bytes decoded, less a last character that the cut split:
 * never half a character, never more than `end` bytes. Bytes that are not
 * UTF-8 are cut where they are, at most 3 bytes back.
 */
export function cutUtf8(bytes: Buffer, end: number): string {
  let lead = end - 1
  while (lead >= 0 && end - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--
  if (lead >= 0) {
    const first = bytes[lead]!
    const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1
    if (lead + length > end) end = lead
  }
  return bytes.subarray(0, end).toString('utf8')
}

function assertionResults(json: JsonBody, assertions: EndpointTarget['check']['json'], limit: number): AssertionResult[] {
  if (json.state === 'parsed') return evaluateAssertions(json.value, assertions)
  const why = unreadableReason(json, limit)
  // An assertion cannot pass on a body it cannot read, whatever its severity.
  return assertions.map((a) => ({path: a.path, ok: false, severity: 'error', message: `${a.path}: ${why}`}))
}

/**
 * The verdict on a registry read. An entry with `serves` keeps what it
 * declares and, given what its entities list (`serves`: run.ts gathers it),
 * the drift between them (check/drift.ts).
 */
export function judgeRegistry(_target: RegistryTarget, probe: RegistryProbe, redactor: Redactor = NO_SECRETS, serves?: Omit<DriftInputs, 'declared'>): Judgement {
  const payload: Record<string, unknown> = {latency_ms: probe.latency_ms}
  if (probe.resolved_path) payload.resolved_path = probe.resolved_path
  if (!probe.summary) {
    const message = probe.failure?.message ?? 'could not read'
    payload.error = redactor.cut(message)
    return {status: 'error', detail: detailLine(message, redactor), payload}
  }
  const {entries, bytes, sha256} = probe.summary
  Object.assign(payload, {entries, bytes, sha256})
  let read = `${plural(entries, 'entry', 'entries')}, ${bytes} bytes in ${Math.round(probe.latency_ms)} ms`
  const findings: CheckFinding[] = entries === 0 ? [{status: 'warn', message: 'registry is empty'}] : []
  if (probe.declared) {
    const {pairs, cut} = probe.declared
    Object.assign(payload, {declared: pairs, ...(cut ? {declared_cut: true} : {})})
    read += `, ${servesText(pairs, cut)}`
    if (serves) {
      const drift = judgeDrift({...serves, declared: pairs})
      Object.assign(payload, {drift: drift.drift, ...(drift.cut ? {drift_cut: true} : {})})
      findings.push(...drift.findings)
      for (const remark of drift.remarks) read += `; ${remark}`
    }
  }
  return {status: worstStatus(findings.map((f) => f.status)) ?? 'ok', detail: detailLine(driftDetail(findings, read), redactor), payload}
}

function tlsFacts(validTo: string, observedAt: string): {valid_to: string; days_left: number} {
  const days = Math.floor((Date.parse(validTo) - Date.parse(observedAt)) / DAY_MS)
  return {valid_to: validTo, days_left: days}
}

function pickHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of STORED_HEADERS) if (headers[name] !== undefined) kept[name] = headers[name]
  return kept
}

/** Problems first, worst first, so the line says what matters before it is cut. */
function describe(findings: CheckFinding[], summary: string, redactor: Redactor): string {
  const problems = findings.filter((f) => f.status !== 'ok').sort((a, b) => (a.status === b.status ? 0 : a.status === 'error' ? -1 : 1))
  const notes = findings.filter((f) => f.status === 'ok').map((f) => f.message)
  if (problems.length === 0) return detailLine([summary, ...notes].join(', '), redactor)
  return detailLine(`${problems.map((p) => p.message).join('; ')} (${summary})`, redactor)
}

/**
 * One line of at most DETAIL_MAX characters, in this order: secrets redacted
 * (also a piece left by an inner cut), line breaks flattened, control
 * characters made visible, and only then cut, never inside an escape.
 */
export function detailLine(text: string, redactor: Redactor = NO_SECRETS): string {
  const flat = visible(redactor.cut(text).replace(/[\r\n\t]+/g, ' ').trim())
  if (flat.length <= DETAIL_MAX) return flat
  let end = DETAIL_MAX - 1
  const escape = flat.lastIndexOf('\\u', end - 1)
  if (escape !== -1 && escape + 6 > end) end = escape
  return `${flat.slice(0, end)}…`
}
