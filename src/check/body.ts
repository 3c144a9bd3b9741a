/**
 * `check.body` (SPEC section 8): what a `method: POST` check sends. A string
 * is sent as it is, an object as canonical JSON. `${VAR}` is resolved at
 * check time by the rules of headers (resolveTemplate), in an object's string
 * values only (never its keys), before it is serialised, so a value holding a
 * quote or a backslash is escaped and the JSON stays valid. The values are
 * secrets: the probe hands them on to be hidden from every snapshot.
 */
import {canonicalJson} from '../canonical-json.js'
import type {CheckSettings} from '../config/model.js'
import {resolveTemplate, templateProblem} from './headers.js'

/** The file's body is at most 64 KiB (the schema); what its variables hold may add to it, up to this. */
export const BODY_MAX_BYTES = 1_048_576

export type BodyResolution =
  | {ok: true; body?: string; json: boolean; secrets: string[]}
  | {ok: false; error: string}

/** What a check without a body sends. */
export const NO_BODY: BodyResolution = {ok: true, json: false, secrets: []}

/** The body to send, or one line of why it cannot be (a config error: no request is sent). */
export function resolveBody(body: CheckSettings['body'], env: Record<string, string | undefined>): BodyResolution {
  if (body === undefined) return NO_BODY
  const secrets = new Set<string>()
  let error: string | undefined
  const resolve = (template: string): string => {
    if (error !== undefined) return template
    const value = resolveTemplate(template, env, secrets)
    if ('text' in value) return value.text
    error = templateProblem(value, 'check.body')
    return template
  }
  const text = typeof body === 'string' ? resolve(body) : canonicalJson(mapStrings(body, resolve))
  if (error !== undefined) return {ok: false, error}
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > BODY_MAX_BYTES) return {ok: false, error: `check.body is ${bytes} bytes once its variables are resolved, more than 1 MiB`}
  return {ok: true, body: text, json: typeof body !== 'string', secrets: [...secrets]}
}

/** Every string of a body where `${VAR}` may stand: the string itself, or an object's string values at any depth. */
export function bodyTemplates(body: CheckSettings['body']): string[] {
  const found: string[] = []
  if (body !== undefined) mapStrings(body, (text) => (found.push(text), text))
  return found
}

/** The headers sent with a body: `Content-Type: application/json` for an object, unless a header already names a content type. */
export function bodyHeaders(headers: Record<string, string>, body: BodyResolution & {ok: true}): Record<string, string> {
  if (!body.json || Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) return headers
  return {...headers, 'content-type': 'application/json'}
}

/** The value with each string passed through `f`; keys, numbers, booleans and null as they are. */
function mapStrings(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === 'string') return f(value)
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, f))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, f)]))
  }
  return value
}
