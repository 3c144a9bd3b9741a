/**
 * The YAML layer of the loader: parse text as YAML 1.2 with the safety rules
 * of the format, and map a path in the data back to a line and column.
 */
import {Document, LineCounter, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument} from 'yaml'
import type {Node} from 'yaml'

import {rawControlCharacters} from './text-rules.js'

/** A path in the document: map keys and sequence indexes. */
export type DocPath = ReadonlyArray<string | number>

export interface Position {
  line: number
  column: number
}

/** A problem found while reading the YAML itself, before the schema sees the data. */
export interface YamlProblem {
  offset: number
  severity: 'error' | 'warning'
  message: string
  /** The data cannot be trusted after it (a syntax error): later checks would only add noise. */
  fatal: boolean
}

export interface ParsedYaml {
  doc: Document.Parsed
  lineCounter: LineCounter
  /** The plain data, or undefined when it could not be built (an alias bomb). */
  data: unknown
  problems: YamlProblem[]
}

/** Aliases may expand to at most this many nodes each; more is an alias bomb. */
const MAX_ALIAS_COUNT = 50
/** Collections inside collections; the format's deepest path is about 8 (an `equals` value may add some). */
const MAX_DEPTH = 64
const PARSER_TOO_DEEP = 'nesting is deeper than the parser can follow'
/** A path longer than this many steps is shown with its middle left out, so that a message stays one short line. */
const MAX_PATH_STEPS = 12

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    strict: true,
    uniqueKeys: true,
    // YAML 1.2 core schema whatever the file's %YAML directive says, and no
    // explicitly tagged !!binary, !!set, !!timestamp...: a tag never runs code or builds objects.
    version: '1.2',
    schema: 'core',
    resolveKnownTags: false,
    merge: false,
  })
  const problems: YamlProblem[] = []
  // Not a YAML character at all: nothing after it is worth judging.
  for (const {offset, message} of rawControlCharacters(text)) problems.push({offset, severity: 'error', message, fatal: true})
  for (const error of doc.errors) {
    // A duplicate key leaves a well-formed document (the last value wins); any other error does not.
    const fatal = error.code !== 'DUPLICATE_KEY'
    problems.push({offset: error.pos[0], severity: 'error', message: yamlMessage(text, error.code, error.message, error.pos[0]), fatal})
  }
  for (const warning of doc.warnings) {
    // An unresolved tag would silently become a string: refuse it instead.
    const severity = warning.code === 'TAG_RESOLVE_FAILED' || warning.code === 'BAD_DIRECTIVE' ? 'error' : 'warning'
    problems.push({offset: warning.pos[0], severity, message: yamlMessage(text, warning.code, warning.message, warning.pos[0]), fatal: false})
  }
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') {
    problems.push({offset: 0, severity: 'warning', message: `%YAML ${doc.directives.yaml.version} directive ignored: mon reads YAML 1.2 (yes/no/on/off are strings)`, fatal: false})
  }
  const tooDeep = firstTooDeep(doc)
  if (tooDeep !== undefined) {
    // Every later step walks the tree; refuse it before one runs out of stack. One message for one cause.
    const parserGaveUp = problems.findIndex((problem) => problem.message.startsWith(PARSER_TOO_DEEP))
    if (parserGaveUp >= 0) problems.splice(parserGaveUp, 1)
    problems.push({offset: tooDeep, severity: 'error', message: `nesting is deeper than ${MAX_DEPTH} levels (monitors.yaml needs fewer than 10)`, fatal: true})
    return {doc, lineCounter, data: undefined, problems}
  }
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    problems.push({
      offset: firstAliasOffset(doc) ?? 0,
      severity: 'error',
      message: `aliases expand too far (an alias may stand for at most ${MAX_ALIAS_COUNT} nodes): ${error.message}`,
      fatal: true,
    })
  }
  return {doc, lineCounter, data, problems}
}

function yamlMessage(text: string, code: string, message: string, offset: number): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `duplicate key ${JSON.stringify(keyTextAt(text, offset))}: each key may appear once in a mapping`
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (---); mon reads exactly one'
    case 'TAG_RESOLVE_FAILED':
      return `unknown tag ${tagTextAt(text, offset)}: custom tags are not supported`
    default:
      // The parser's own recursion on a deeply nested flow collection.
      if (/call stack/i.test(message)) return `${PARSER_TOO_DEEP} (monitors.yaml needs fewer than 10 levels)`
      return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').slice(0, 200)
  }
}

function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset).split('\n')[0]!
  const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#]*?)\s*:(\s|$)/.exec(rest)
  return (match ? match[1]! : rest).trim()
}

function tagTextAt(text: string, offset: number): string {
  return /^!\S*/.exec(text.slice(offset))?.[0] ?? 'tag'
}

/** The offset of the first collection nested deeper than MAX_DEPTH, walked without recursion. */
function firstTooDeep(doc: Document.Parsed): number | undefined {
  const stack: Array<[unknown, number]> = [[doc.contents, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (isCollection(node)) {
      if (depth > MAX_DEPTH) return node.range?.[0] ?? 0
      for (const item of node.items) stack.push([item, depth + 1])
    } else if (isPair(node)) {
      stack.push([node.key, depth - 1], [node.value, depth - 1])
    }
  }
  return undefined
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let found: number | undefined
  const walk = (node: unknown): void => {
    if (found !== undefined || node === null || node === undefined) return
    if (isAlias(node)) {
      found = node.range?.[0]
    } else if (isCollection(node)) {
      for (const item of node.items) walk(item)
    } else if (isPair(node)) {
      walk(node.key)
      walk(node.value)
    }
  }
  walk(doc.contents)
  return found
}

function keyOf(node: unknown): string {
  return isScalar(node) ? String(node.value) : String(node)
}

/**
 * The YAML node at a path (following aliases), or the deepest node on the way
 * there when the path goes further than the document. With `key`, the key node
 * of the last step: an unknown key is reported at the key itself.
 */
export function nodeAt(parsed: ParsedYaml, path: DocPath, options: {key?: boolean} = {}): Node | null {
  let node: unknown = parsed.doc.contents
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(parsed.doc) ?? node
    const step = path[i]!
    if (isMap(node)) {
      const pair = node.items.findLast((item) => keyOf(item.key) === String(step))
      if (!pair) break
      if (options.key && i === path.length - 1) return pair.key as Node
      // `key:` with nothing after it has no value node: point at the key.
      node = pair.value ?? pair.key
    } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
      node = node.items[step]
    } else {
      break
    }
  }
  return (node as Node | null) ?? null
}

export function positionOf(parsed: ParsedYaml, path: DocPath, options: {key?: boolean} = {}): Position {
  const node = nodeAt(parsed, path, options)
  return positionAt(parsed, node?.range?.[0] ?? 0)
}

export function positionAt(parsed: ParsedYaml, offset: number): Position {
  const {line, col} = parsed.lineCounter.linePos(offset)
  return {line, column: col}
}

/** The path of the innermost node that contains an offset (for errors the YAML parser reports by offset). */
export function pathAtOffset(parsed: ParsedYaml, offset: number): Array<string | number> {
  const contains = (node: unknown): boolean => {
    const range = (node as Node | null)?.range
    return range != null && offset >= range[0] && offset < Math.max(range[1], range[0] + 1)
  }
  const path: Array<string | number> = []
  let node: unknown = parsed.doc.contents
  for (;;) {
    if (isMap(node)) {
      // A pair spans from its key to the end of its value, tags and anchors included.
      const pair = node.items.find((item) => {
        const start = (item.key as Node | null)?.range?.[0]
        const end = (item.value as Node | null)?.range?.[1] ?? (item.key as Node | null)?.range?.[1]
        return start !== undefined && end !== undefined && offset >= start && offset < Math.max(end, start + 1)
      })
      if (!pair) return path
      path.push(keyOf(pair.key))
      if (contains(pair.key) || !contains(pair.value)) return path
      node = pair.value
    } else if (isSeq(node)) {
      const index = node.items.findIndex(contains)
      if (index < 0) return path
      path.push(index)
      node = node.items[index]
    } else {
      return path
    }
  }
}

/** `entities[1].endpoints[0].url`; keys that are not plain words are quoted: `headers["X Key"]`. */
export function formatPath(path: DocPath): string {
  if (path.length > MAX_PATH_STEPS) return `${formatPath(path.slice(0, MAX_PATH_STEPS / 2))}…${formatPath(path.slice(-MAX_PATH_STEPS / 2)).replace(/^(?=[A-Za-z_$])/, '.')}`
  let out = ''
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) out += out === '' ? step : `.${step}`
    else out += `[${JSON.stringify(step)}]`
  }
  return out
}
