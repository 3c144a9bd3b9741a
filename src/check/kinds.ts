import type {EndpointKind} from '../config/model.js'
import {parseExposition} from './prometheus-text.js'
import type {CheckStatus, HttpResponse} from './target.js'

/** One thing the judge noticed; `ok` findings only add context to the detail. */
export interface Finding {
  status: CheckStatus
  message: string
}

/** The body as JSON, if it is JSON. */
export type JsonBody =
  | {state: 'parsed'; value: unknown}
  /** Not JSON, and it did not claim to be. */
  | {state: 'none'}
  /** Claimed or looked like JSON, but does not parse. */
  | {state: 'invalid'; message: string}
  /** Cut at --max-payload, so it cannot be read as a whole. */
  | {state: 'truncated'}

export function readJson(response: HttpResponse): JsonBody {
  const claimsJson = /\bjson\b/i.test(response.headers['content-type'] ?? '')
  const text = response.body.trim()
  const looksJson = text.startsWith('{') || text.startsWith('[')
  if (!claimsJson && !looksJson) return {state: 'none'}
  if (response.truncated) return {state: 'truncated'}
  try {
    return {state: 'parsed', value: JSON.parse(response.body)}
  } catch (err) {
    return {state: 'invalid', message: (err as Error).message}
  }
}

/** Health status words, from the health-check response format and common servers. */
const HEALTH_WORDS: Record<string, CheckStatus> = {
  pass: 'ok', ok: 'ok', up: 'ok', healthy: 'ok', ready: 'ok', connected: 'ok', serving: 'ok',
  warn: 'warn', degraded: 'warn', partial: 'warn',
  fail: 'error', down: 'error', error: 'error', unhealthy: 'error', out_of_service: 'error', not_serving: 'error',
}

export function healthWord(value: unknown): Finding {
  const word = typeof value === 'string' ? value : JSON.stringify(value)
  const status = HEALTH_WORDS[word.trim().toLowerCase()]
  if (status === undefined) return {status: 'warn', message: `unknown health status ${JSON.stringify(word)}`}
  return {status, message: `health status ${JSON.stringify(word)}`}
}

function unreadable(json: JsonBody, what: string, maxPayload: number): Finding {
  if (json.state === 'truncated') return {status: 'error', message: `${what}: body longer than --max-payload (${maxPayload} bytes)`}
  if (json.state === 'invalid') return {status: 'error', message: `${what}: body is not valid JSON`}
  return {status: 'error', message: `${what}: body is not JSON`}
}

/** The rule of each kind, applied to a response whose status code was expected. */
export function kindFindings(kind: EndpointKind, response: HttpResponse, json: JsonBody, maxPayload: number): Finding[] {
  switch (kind) {
    case 'health': {
      if (json.state === 'parsed') {
        const value = json.value
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'status' in value) {
          return [healthWord((value as {status: unknown}).status)]
        }
        return []
      }
      // A server that says JSON and sends something else is broken; plain text is judged on the code alone.
      if (json.state === 'invalid' && /\bjson\b/i.test(response.headers['content-type'] ?? '')) return [unreadable(json, 'health', maxPayload)]
      return []
    }
    case 'models': {
      if (json.state !== 'parsed') return [unreadable(json, 'model list', maxPayload)]
      const data = (json.value as {data?: unknown} | null)?.data
      if (!Array.isArray(data)) return [{status: 'error', message: 'not an OpenAI-style model list (no "data" array)'}]
      if (data.length === 0) return [{status: 'warn', message: 'model list is empty'}]
      return [{status: 'ok', message: `${data.length} model${data.length === 1 ? '' : 's'}`}]
    }
    case 'metrics': {
      let text = response.body
      // Only whole lines of a cut body can be read; what was not read is not judged.
      if (response.truncated) text = text.slice(0, text.lastIndexOf('\n') + 1)
      const parsed = parseExposition(text)
      if (!parsed.ok) return [{status: 'error', message: `metrics line ${parsed.line}: ${parsed.message}`}]
      const {samples} = parsed.summary
      const scope = response.truncated ? ` in the first ${response.bytes} bytes` : ''
      if (samples === 0) return [{status: 'warn', message: `metrics exposition has no samples${scope}`}]
      return [{status: 'ok', message: `${samples} sample${samples === 1 ? '' : 's'}${scope}`}]
    }
    case 'api':
      return []
  }
}
