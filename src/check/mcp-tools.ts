/**
 * The tool list of `kind: mcp` (SPEC section 8), pure: each tool's key and
 * input-schema fingerprint, the list as `payload.tools` keeps it (a name
 * listed twice, more tools than are kept), and what changed since the last.
 */
import {andMore} from '../plural.js'
import {sha256} from '../canonical-json.js'
import {depthMarker, MAX_STORED_DEPTH} from './json-depth.js'

/** Tools kept in `payload.tools` at most (the first by name); all are counted and looked up. */
export const MCP_MAX_TOOLS = 2000
/** A tool name this long or longer is kept as its start and a hash of the whole: two long names never share a key. */
const KEY_MAX = 200
const KEY_HASH = 16
/** Names a detail lists before `and N more`, and how much of each. */
const NAMES_SHOWN = 5
const NAME_SHOWN_MAX = 40

export interface McpTool {
  /** toolKey of its name. */
  name: string
  /** toolFingerprint of its inputSchema. */
  fingerprint: string
}

/** A name whole below KEY_MAX characters; else its first ones, `…` and 16 hex of its sha256, KEY_MAX in all. */
export function toolKey(name: string): string {
  return name.length < KEY_MAX ? name : `${name.slice(0, KEY_MAX - KEY_HASH - 1)}…${sha256(name).slice(0, KEY_HASH)}`
}

/**
 * Canonical text of a JSON value with object keys sorted and arrays sorted
 * by their own canonical text: SPEC section 8 pins input schemas by meaning,
 * key and list order not counting. Below MAX_STORED_DEPTH levels a marker stands in.
 */
export function canonicalSchema(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (depth >= MAX_STORED_DEPTH) return JSON.stringify(depthMarker(MAX_STORED_DEPTH))
  if (Array.isArray(value)) return `[${value.map((v) => canonicalSchema(v, depth + 1)).sort().join(',')}]`
  const object = value as Record<string, unknown>
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalSchema(object[key], depth + 1)}`)
    .join(',')}}`
}

/** The first 16 hex characters of the sha256 of the canonical input schema. */
export function toolFingerprint(inputSchema: unknown): string {
  return sha256(canonicalSchema(inputSchema ?? null)).slice(0, 16)
}

/** A tool list as the judge keeps it. */
export interface KeptTools {
  /** Every name listed → its fingerprint (a name listed more than once: one over all its entries, sorted, so order never counts). */
  all: Map<string, string>
  /** What `payload.tools` keeps: all of them, or the first MCP_MAX_TOOLS by name. */
  kept: Map<string, string>
  cut: boolean
  /** Names listed more than once, sorted. */
  twice: string[]
}

export function keptTools(tools: readonly McpTool[], key: (name: string) => string = (name) => name): KeptTools {
  const entries = new Map<string, string[]>()
  for (const tool of tools) {
    const name = key(tool.name)
    const list = entries.get(name)
    if (list) list.push(tool.fingerprint)
    else entries.set(name, [tool.fingerprint])
  }
  const all = new Map([...entries].map(([name, list]) => [name, list.length === 1 ? list[0]! : sha256([...list].sort().join(',')).slice(0, 16)]))
  const twice = [...entries].filter(([, list]) => list.length > 1).map(([name]) => name).sort()
  const cut = all.size > MCP_MAX_TOOLS
  const kept = cut ? new Map([...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, MCP_MAX_TOOLS)) : all
  return {all, kept, cut, twice}
}

/**
 * What changed between two lists of name → fingerprint: `added x; removed y;
 * changed z`, or undefined. A list that was cut says nothing of names past
 * its last kept one (`horizons`): those are not compared.
 */
export function toolChanges(before: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>, horizons: readonly string[] = []): string | undefined {
  const known = (name: string) => horizons.every((last) => name <= last)
  const added = [...now.keys()].filter((name) => !before.has(name) && known(name))
  const removed = [...before.keys()].filter((name) => !now.has(name) && known(name))
  const changed = [...now].filter(([name, fp]) => before.has(name) && before.get(name) !== fp).map(([name]) => name)
  const parts = ([['added', added], ['removed', removed], ['changed', changed]] as const).filter(([, list]) => list.length > 0).map(([word, list]) => `${word} ${toolNames(list)}`)
  return parts.length > 0 ? parts.join('; ') : undefined
}

/** The last name a list keeps (the horizon of a cut one). */
export function lastName(tools: ReadonlyMap<string, string>): string {
  return [...tools.keys()].reduce((last, name) => (name > last ? name : last), '')
}

/** Sorted, each cut for a detail, at most NAMES_SHOWN, then `and N more`. */
export function toolNames(list: readonly string[]): string {
  const sorted = [...list].sort()
  const shown = sorted.slice(0, NAMES_SHOWN).map((name) => (name.length > NAME_SHOWN_MAX ? `${name.slice(0, NAME_SHOWN_MAX - 1)}…` : name))
  return andMore(shown, sorted.length)
}
