/**
 * The pure half of `kind: completion` (SPEC section 8): the request mon
 * sends, the reading of the streamed answer (Server-Sent Events `data:`
 * lines, fed in as bytes by completion-probe.ts) up to the first token, and
 * how the answer is judged. What counts as the first token: the first
 * `choices[0].delta` whose `content`, `reasoning_content` or `reasoning` is
 * a non-empty string (vLLM's first chunk is `content: ""`, so an empty one
 * does not count; tool-call deltas do not count either: mon sends no tools).
 */
import type {CompletionSettings} from '../config/model.js'
import type {Status} from '../status.js'
import {SseParser, type SseEvent} from './sse.js'

/** A model name as kept in the payload. */
const MODEL_NAME_MAX = 200
/** A server's error message is quoted after a non-2xx code only when at most this long. */
const SHORT_MESSAGE_MAX = 120

/** What a completion check learned, for its judge: the stream read up to its first token, or why it has none. */
export interface CompletionAnswer {
  /** The top-level `model` of the first chunk that has one (cut to MODEL_NAME_MAX); null when none said. */
  model: string | null
  /** The first token was reasoning (`reasoning_content` or `reasoning`), not content. */
  reasoning: boolean
  /** Why the stream gave no first token; absent when it did. */
  problem?: string
}

/** The request body, keys in this order: `{"model","messages","max_tokens","stream"}`. */
export function completionRequest(settings: CompletionSettings): string {
  return JSON.stringify({model: settings.model, messages: [{role: 'user', content: settings.prompt}], max_tokens: settings.max_tokens, stream: true})
}

/** What one event of a chat-completion stream says. */
export type StreamStep = {type: 'done'} | {type: 'error'; message: string} | {type: 'chunk'; model?: string; first?: 'content' | 'reasoning'}

/** One event read: `[DONE]`, an error (an object with an `error` member, or vLLM's older `object: "error"`), or a chunk. */
export function streamStep(event: SseEvent): StreamStep {
  const data = event.data.trim()
  if (data === '[DONE]') return {type: 'done'}
  // An empty `data:` line keeps a connection alive; it says nothing.
  if (data === '') return {type: 'chunk'}
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    if (event.event === 'error') return {type: 'error', message: `error event in stream: ${data.slice(0, 160)}`}
    return {type: 'error', message: `event in stream is not JSON: ${data.slice(0, 60)}`}
  }
  const said = errorMessage(value) ?? (event.event === 'error' ? data.slice(0, 160) : undefined)
  if (said !== undefined) return {type: 'error', message: `error event in stream: ${said}`}
  if (!isObject(value)) return {type: 'chunk'}
  const model = typeof value.model === 'string' && value.model !== '' ? value.model : undefined
  const choice = Array.isArray(value.choices) ? value.choices[0] : undefined
  const first = isObject(choice) ? firstToken(choice.delta) : undefined
  return {type: 'chunk', ...(model === undefined ? {} : {model}), ...(first ? {first} : {})}
}

/** Whether a delta (or a whole answer's message) holds a first token, and which kind. */
function firstToken(delta: unknown): 'content' | 'reasoning' | undefined {
  if (!isObject(delta)) return undefined
  if (nonEmpty(delta.content)) return 'content'
  if (nonEmpty(delta.reasoning_content) || nonEmpty(delta.reasoning)) return 'reasoning'
  return undefined
}

/** The message of an error a server put in its answer: `{"error": {"message"}}`, `{"error": "text"}` or `{"object": "error", "message"}`. */
function errorMessage(value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  if ('error' in value && value.error !== null && value.error !== undefined && value.error !== false) {
    const error = value.error
    if (typeof error === 'string') return error
    if (isObject(error) && typeof error.message === 'string') return error.message
    return JSON.stringify(error).slice(0, 160)
  }
  if (value.object === 'error') return typeof value.message === 'string' ? value.message : 'no message'
  return undefined
}

/**
 * Reads a chat-completion stream fed in as bytes, up to its first token, at
 * most `maxBytes` in all (--max-body): `push` returns the answer once the
 * stream decided it, `end` at the stream's end.
 */
export class CompletionStream {
  private readonly parser = new SseParser()
  private model: string | null = null
  private size = 0

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array): CompletionAnswer | undefined {
    const room = this.maxBytes - this.size
    const taken = chunk.length > room ? chunk.subarray(0, room) : chunk
    this.size += taken.length
    const answer = this.steps(this.parser.push(taken))
    if (answer || taken.length === chunk.length) return answer
    return this.answer(`stream longer than --max-body (${this.maxBytes} bytes) with no content or reasoning delta`)
  }

  end(): CompletionAnswer {
    return this.steps(this.parser.end()) ?? this.answer(NO_DELTA)
  }

  private steps(events: SseEvent[]): CompletionAnswer | undefined {
    for (const event of events) {
      const step = streamStep(event)
      if (step.type === 'done') return this.answer(NO_DELTA)
      if (step.type === 'error') return this.answer(step.message)
      if (step.model !== undefined) this.model ??= step.model.slice(0, MODEL_NAME_MAX)
      if (step.first) return {model: this.model, reasoning: step.first === 'reasoning'}
    }
    return undefined
  }

  private answer(problem: string): CompletionAnswer {
    return {model: this.model, reasoning: false, problem}
  }
}

const NO_DELTA = 'stream ended with no content or reasoning delta'

/**
 * A 2xx answer that is not an event stream: a plain JSON completion (a
 * server that ignores `stream`) is an answer, judged on its first choice's
 * message; anything else is not a completion.
 */
function unstreamedAnswer(json: ParsedBody, contentType: string | undefined): CompletionAnswer {
  const type = contentType ? contentType.split(';')[0]!.trim() : 'no content type'
  if (!json) return {model: null, reasoning: false, problem: `not an event stream (${type})`}
  const value = json.value
  const said = errorMessage(value)
  const model = isObject(value) && typeof value.model === 'string' && value.model !== '' ? value.model.slice(0, MODEL_NAME_MAX) : null
  if (said !== undefined) return {model, reasoning: false, problem: `error in answer: ${said}`}
  const choice = isObject(value) && Array.isArray(value.choices) ? value.choices[0] : undefined
  const first = isObject(choice) ? firstToken(choice.message) : undefined
  if (!first) return {model, reasoning: false, problem: 'answer has no content or reasoning'}
  return {model, reasoning: first === 'reasoning'}
}

/** The body of the answer, when it was read whole and parsed as JSON (kinds.ts readJson). */
export type ParsedBody = {value: unknown} | undefined

/** A finding, as kinds.ts's CheckFinding (not imported: types.ts, which kinds.ts imports, imports this file). */
export interface CompletionFinding {
  status: Status
  message: string
}

export interface CompletionVerdict {
  findings: CompletionFinding[]
  /** The detail's summary when a first token came: `first token in 212 ms from qwen3-8b`. */
  summary?: string
  /** `payload.completion`, when a first token came. */
  completion?: {model: string | null; first_token_ms: number; reasoning: boolean; streamed?: false}
}

/**
 * The judgement of a 2xx answer. `answer` is the stream read by the probe;
 * without one the answer was not an event stream (`json` is its body).
 * `latencyMs` is the time to the first token (the whole answer, unstreamed).
 */
export function judgeCompletion(asked: string | undefined, answer: CompletionAnswer | undefined, json: ParsedBody, contentType: string | undefined, latencyMs: number): CompletionVerdict {
  const streamed = answer !== undefined
  const read = answer ?? unstreamedAnswer(json, contentType)
  if (read.problem !== undefined) return {findings: [{status: 'error', message: read.problem}]}
  const findings: CompletionFinding[] = []
  if (!streamed) findings.push({status: 'warn', message: 'not streamed'})
  const other = read.model !== null && asked !== undefined && read.model !== asked
  if (other) findings.push({status: 'warn', message: `answered by ${read.model} instead of ${asked}`})
  const ms = Math.round(latencyMs)
  const what = streamed ? `first ${read.reasoning ? 'reasoning ' : ''}token in ${ms} ms` : `answer in ${ms} ms`
  return {
    findings,
    summary: read.model === null || other ? what : `${what} from ${read.model}`,
    completion: {model: read.model, first_token_ms: latencyMs, reasoning: read.reasoning, ...(streamed ? {} : {streamed: false as const})},
  }
}

/** `: <message>` after a non-2xx code, when the body is JSON with a short error message. */
export function errorNote(json: ParsedBody): string {
  if (!json) return ''
  const said = errorMessage(json.value)?.trim()
  return said && said.length <= SHORT_MESSAGE_MAX ? `: ${said}` : ''
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value !== ''
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
