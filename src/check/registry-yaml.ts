import {createRequire} from 'node:module'
import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'

import type {Serves} from '../config/model.js'
import {MODEL_ID_MAX_LENGTH} from './model-ids.js'
import {MAX_YAML_DEPTH, yamlDepthBound} from './nesting.js'
import {type Declarations, DECLARED_MAX, declaredPairs} from './serves.js'

/**
 * A YAML registry is parsed in a worker thread, because parsing cannot be
 * bounded from outside on the main thread: 1 MiB of YAML can take seconds
 * and a gigabyte, and a 32 MB one ran the process out of memory. The worker
 * has a heap limit and is terminated at the deadline, so a hostile registry
 * costs its own check, never the run.
 */
export const YAML_HEAP_MB = 512
/** Parses at once: each may take a core and YAML_HEAP_MB. */
const SLOTS = Math.max(1, availableParallelism())

export type YamlCount = {ok: true; entries: number | undefined; top: string; declarations?: Declarations} | {ok: false; message: string}

const yamlPath = createRequire(import.meta.url).resolve('yaml')

/**
 * Runs in the worker (CommonJS, no imports of ours). Duplicate keys are found
 * with one Set per map: yaml's own uniqueKeys compares every pair, which took
 * 100 s on a 1 MiB map. Messages never quote the text: the codes whose yaml
 * message does quote it are named by their code instead. `entries` follows
 * countEntries (registry-format.ts), computed here so only a number comes back;
 * `serves:` pairs by check/serves.ts's own function, so only the bounded pairs do.
 */
const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
const declaredPairs = ${declaredPairs.toString()}
const {parseDocument, visit, isScalar, LineCounter} = require(workerData.yamlPath)
const SAFE = new Set(${JSON.stringify([
  'ALIAS_PROPS', 'BAD_ALIAS', 'BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'DUPLICATE_KEY', 'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY', 'MULTIPLE_ANCHORS', 'MULTIPLE_TAGS', 'TAB_AS_INDENT',
])})
const at = (pos) => pos ? ' at line ' + pos.line + ', column ' + pos.col : ''
const reason = (code, message) => SAFE.has(code)
  ? String(message).split('\\n')[0].replace(/ at line \\d+, column \\d+.*$/, '').replace(/:$/, '')
  : code.toLowerCase().replace(/_/g, ' ')
function run(text) {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {uniqueKeys: false, strict: true, lineCounter})
  const error = doc.errors[0]
  if (error) return {ok: false, message: reason(error.code, error.message) + at(error.linePos && error.linePos[0])}
  let duplicate
  visit(doc, {Map(_, map) {
    const seen = new Set()
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue
      if (seen.has(pair.key.value)) {
        duplicate = pair.key
        return visit.BREAK
      }
      seen.add(pair.key.value)
    }
  }})
  if (duplicate) return {ok: false, message: 'Map keys must be unique' + at(lineCounter.linePos(duplicate.range[0]))}
  let value
  try {
    value = doc.toJS({maxAliasCount: 50})
  } catch (err) {
    const m = String(err && err.message)
    return {ok: false, message: /Excessive alias count/.test(m) ? 'too many aliases' : err instanceof RangeError ? 'nested too deeply' : /alias/i.test(m) ? 'unresolved alias' : 'cannot be read'}
  }
  const top = value === null ? 'null' : typeof value
  const declarations = workerData.serves ? {declarations: declaredPairs(value, workerData.serves, ${DECLARED_MAX}, ${MODEL_ID_MAX_LENGTH})} : {}
  if (Array.isArray(value)) return {ok: true, entries: value.length, top, ...declarations}
  if (value === null || typeof value !== 'object') return {ok: true, entries: undefined, top}
  const lists = Object.values(value).filter((v) => Array.isArray(v))
  return {ok: true, entries: lists.length === 1 ? lists[0].length : Object.keys(value).length, top, ...declarations}
}
parentPort.postMessage(run(workerData.text))
`

let busy = 0
/** Callers waiting for a slot; a finished parse hands its slot to the first. */
const waiting: Array<() => void> = []

/**
 * Parses YAML text in a worker and counts its entries, within leftMs (the
 * wait for a free slot included); timeoutMs is the deadline a timeout names.
 */
export async function countYamlEntries(text: string, leftMs: number, timeoutMs: number, heapMb = YAML_HEAP_MB, serves: Serves | null = null): Promise<YamlCount> {
  // Bounded before yaml sees it: a stack overflow inside V8's regexp compiler is fatal to the whole process, worker or not.
  if (yamlDepthBound(text) > MAX_YAML_DEPTH) return {ok: false, message: `not valid YAML: nested deeper than ${MAX_YAML_DEPTH} levels`}
  const started = performance.now()
  if (busy < SLOTS) busy++
  else await new Promise<void>((resolve) => waiting.push(resolve))
  try {
    const left = leftMs - (performance.now() - started)
    if (left <= 0) return {ok: false, message: timedOut(timeoutMs)}
    return await inWorker(text, left, timeoutMs, heapMb, serves)
  } finally {
    const next = waiting.shift()
    if (next) next()
    else busy--
  }
}

function inWorker(text: string, left: number, timeoutMs: number, heapMb: number, serves: Serves | null): Promise<YamlCount> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {eval: true, workerData: {yamlPath, text, serves}, resourceLimits: {maxOldGenerationSizeMb: heapMb}})
    let settled = false
    const settle = (result: YamlCount) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resolve(result)
    }
    const timer = setTimeout(() => settle({ok: false, message: timedOut(timeoutMs)}), left)
    worker.once('message', (result: YamlCount) => settle(result.ok ? result : {ok: false, message: `not valid YAML: ${result.message}`}))
    worker.once('error', (err: Error & {code?: string}) =>
      settle({ok: false, message: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `YAML too large to parse within ${heapMb} MB` : 'the YAML parser failed'}),
    )
    worker.once('exit', () => settle({ok: false, message: 'the YAML parser stopped'}))
  })
}

function timedOut(timeoutMs: number): string {
  return `timeout after ${timeoutMs} ms parsing YAML`
}
