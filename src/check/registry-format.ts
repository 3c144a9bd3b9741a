import {createHash} from 'node:crypto'

import type {Serves} from '../config/model.js'
import {jsonSyntaxError} from './json-syntax.js'
import {MODEL_ID_MAX_LENGTH} from './model-ids.js'
import {type Declarations, DECLARED_MAX, declaredPairs} from './serves.js'
import type {RegistryDeclared, RegistrySummary} from './types.js'

export type RegistryRead = {ok: true; summary: RegistrySummary; declared?: RegistryDeclared} | {ok: false; message: string}

/**
 * A registry's summary: how many entries, how big, which content. The
 * snapshot keeps this, never the registry, and a parse error names the
 * position and the reason, never the bytes: a registry path may point at
 * /etc/passwd. YAML is parsed apart, in a worker (registry-yaml.ts).
 */
export function summariseJson(bytes: Buffer, serves: Serves | null = null): RegistryRead {
  const text = bytes.toString('utf8')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    const at = jsonSyntaxError(text)
    return {ok: false, message: at ? `not valid JSON: ${at.reason} at line ${at.line}, column ${at.column}` : 'not valid JSON'}
  }
  return summarise(bytes, countEntries(value), value === null ? 'null' : typeof value, serves && declaredPairs(value, serves, DECLARED_MAX, MODEL_ID_MAX_LENGTH))
}

/**
 * `entries` as countEntries counts them; `top` names the top-level value's
 * type where there are none; `declarations` what `serves:` read, if set.
 */
export function summarise(bytes: Buffer, entries: number | undefined, top: string, declarations: Declarations | null = null): RegistryRead {
  if (entries === undefined) return {ok: false, message: `expected a list or a map at the top level, got ${top}`}
  if (declarations && !declarations.ok) return declarations
  const summary = {entries, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex')}
  return declarations ? {ok: true, summary, declared: {pairs: declarations.declared, cut: declarations.cut}} : {ok: true, summary}
}

/**
 * The items of a top-level list; or of the one list inside a top-level map
 * (`{"updated": "...", "models": [...]}` holds 2 models, not 2 keys); or else
 * the keys of the map. The YAML worker (registry-yaml.ts) counts the same way.
 */
export function countEntries(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length
  if (value === null || typeof value !== 'object') return undefined
  const lists = Object.values(value).filter((v) => Array.isArray(v)) as unknown[][]
  return lists.length === 1 ? lists[0]!.length : Object.keys(value).length
}
