import {createHash} from 'node:crypto'

import type {RegistryFormat} from '../config/model.js'
import {MAX_YAML_DEPTH, yamlDepthBound} from './nesting.js'
import type {RegistrySummary} from './types.js'

export type RegistryRead = {ok: true; summary: RegistrySummary} | {ok: false; message: string}

/**
 * Parses a registry in its format and summarises it. The snapshot keeps the
 * summary (how many entries, how big, which content), never the registry.
 * YAML gets the same guards as monitors.yaml: unique keys, bounded aliases.
 */
export async function summariseRegistry(bytes: Buffer, format: RegistryFormat): Promise<RegistryRead> {
  const text = bytes.toString('utf8')
  let value: unknown
  try {
    if (format === 'yaml') {
      if (yamlDepthBound(text) > MAX_YAML_DEPTH) throw new Error(`nested deeper than ${MAX_YAML_DEPTH} levels`)
      const {parseDocument} = await import('yaml')
      const doc = parseDocument(text, {uniqueKeys: true, strict: true})
      if (doc.errors.length > 0) throw new Error(yamlReason(doc.errors[0]!.message))
      value = doc.toJS({maxAliasCount: 50})
    } else {
      value = JSON.parse(text)
    }
  } catch (err) {
    return {ok: false, message: `not valid ${format.toUpperCase()}: ${(err as Error).message}`}
  }
  const entries = countEntries(value)
  if (entries === undefined) return {ok: false, message: `expected a list or a map at the top level, got ${value === null ? 'null' : typeof value}`}
  return {ok: true, summary: {entries, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex')}}
}

/**
 * yaml's message is "<reason> at line L, column C:" followed by a code frame;
 * the detail keeps the first line, without the colon that led into the frame.
 */
export function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? '').trim().replace(/:$/, '')
}

/**
 * The items of a top-level list; or of the one list inside a top-level map
 * (`{"updated": "...", "models": [...]}` holds 2 models, not 2 keys); or else
 * the keys of the map.
 */
export function countEntries(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length
  if (value === null || typeof value !== 'object') return undefined
  const lists = Object.values(value).filter((v) => Array.isArray(v)) as unknown[][]
  return lists.length === 1 ? lists[0]!.length : Object.keys(value).length
}
