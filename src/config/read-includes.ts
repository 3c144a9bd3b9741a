/**
 * `include:` (SPEC section 9), the reading half: each pattern globbed through
 * the ConfigFiles it is given (the working tree, a git revision), the matches
 * sorted and read once each, within the bounds. Problems are findings at the
 * pattern's place in the main file.
 */
import path from 'node:path'

import {MonError} from '../errors.js'
import type {ConfigFiles} from './config-files.js'
import type {Finding} from './finding.js'
import {MAX_INCLUDED_FILES, TOTAL_SIZE_FACTOR, includePatterns, patternProblem} from './includes.js'
import type {ReadLimits} from './read-limits.js'
import {decodeUtf8} from './text-rules.js'
import {parseYaml} from './yaml-source.js'
import {visible} from '../text.js'

/** C0 controls, DEL and C1 controls: a newline in a name would forge lines in a plan, a PR comment or a workflow command. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** Files read at once: enough to overlap the reads, few enough for any limit on open files. */
const READS_AT_ONCE = 16

export interface IncludedFile {
  /** Named as diagnostics name it: the main file's directory joined with its path there. */
  file: string
  bytes: Buffer
}

export interface ReadIncludes {
  /** In load order: sorted by path. */
  included: IncludedFile[]
  /** At the patterns' places in the main file. */
  findings: Finding[]
}

/** Reads what the patterns match; `mainBytes` counts towards the total. */
export async function readIncludes(mainFile: string, patterns: Array<{index: number; pattern: string}>, files: ConfigFiles, limits: ReadLimits, mainBytes: number): Promise<ReadIncludes> {
  const findings: Finding[] = []
  const dir = path.dirname(mainFile)
  const matched = new Map<string, number>()
  const problems = patterns.map(({pattern}) => patternProblem(pattern))
  const globbed = await Promise.all(patterns.map(({pattern}, i) => (problems[i] === undefined ? files.glob(pattern, dir) : null)))
  const {isDynamicPattern} = await import('tinyglobby')
  // Both named from the same place: the main file as given, the matches joined to its directory.
  const main = path.normalize(mainFile)
  const identities = new Set<string>()
  for (const [i, {index, pattern}] of patterns.entries()) {
    const at = ['include', index]
    const result = globbed[i]
    if (!result) {
      findings.push({path: at, severity: 'error', message: problems[i]!})
      continue
    }
    for (const {file, reason} of result.refused) findings.push({path: at, severity: 'error', message: `${file} is ${reason}: include only files inside the repository`})
    const named = result.files.map((file, f) => ({file: path.normalize(file), identity: result.identities?.[f] ?? path.resolve(file)}))
    const own = named.filter(({file}) => file !== main)
    if (own.length < named.length) findings.push({path: at, severity: 'warning', message: `${JSON.stringify(pattern)} matches the main file itself; it is read once, as the main file`})
    if (result.files.length === 0 && result.refused.length === 0) {
      if (isDynamicPattern(pattern)) findings.push({path: at, severity: 'warning', message: `${JSON.stringify(pattern)} matches no file`})
      else findings.push({path: at, severity: 'error', message: `${path.join(dir, pattern)}: no such file (or not a regular file)`})
    }
    // A file matched twice, by one name or two (a symlinked directory), is read once, for its first pattern and name.
    for (const {file, identity} of own) {
      if (CONTROL.test(file)) findings.push({path: at, severity: 'error', message: `${visible(file)}: a file name with a control character cannot be named in a plan or an annotation; rename the file`})
      else if (!identities.has(identity) && !matched.has(file)) {
        identities.add(identity)
        matched.set(file, index)
      }
    }
  }
  if (matched.size > MAX_INCLUDED_FILES) {
    findings.push({path: ['include'], atKey: true, severity: 'error', message: `the patterns match more than ${MAX_INCLUDED_FILES.toLocaleString('en-US')} files: at most ${MAX_INCLUDED_FILES.toLocaleString('en-US')} may be included`})
    return {included: [], findings}
  }
  const included: IncludedFile[] = []
  let total = mainBytes
  const budget = TOTAL_SIZE_FACTOR * limits.maxBytes
  const order = [...matched.keys()].sort(byPath)
  // A few reads at a time, judged in load order: the total stops the reading at the file that passes it.
  for (let start = 0; start < order.length; start += READS_AT_ONCE) {
    const batch = order.slice(start, start + READS_AT_ONCE)
    const reads = await Promise.all(batch.map((file) => files.read(file, limits).catch((error: unknown) => (error instanceof MonError ? error : Promise.reject(error)))))
    for (const [i, file] of batch.entries()) {
      const at = ['include', matched.get(file)!]
      const bytes = reads[i]!
      if (bytes instanceof MonError) findings.push({path: at, severity: 'error', message: bytes.message.replace(/^cannot read config /, 'cannot read ')})
      else if (bytes === null) findings.push({path: at, severity: 'error', message: `${file}: no such file`})
      else if ((total += bytes.length) > budget) {
        findings.push({path: ['include'], atKey: true, severity: 'error', message: `the main file and its included files hold more than ${TOTAL_SIZE_FACTOR} × --max-config-size (${budget.toLocaleString('en-US')} bytes) together`})
        return {included, findings}
      } else included.push({file, bytes})
    }
  }
  return {included, findings}
}

/** Plain code-unit order: the same on every machine, whatever the locale. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The texts of a tree as the loader reads it (main first), without judging
 * it: what apply hashes, for a caller that only compares hashes. Null when the
 * main text includes nothing; an included file that is not UTF-8 counts as empty.
 */
export async function treeTexts(mainFile: string, mainText: string, files: ConfigFiles, limits: ReadLimits): Promise<Array<{file: string; text: string}> | null> {
  // Most files include nothing: those are not parsed here at all.
  if (!mainText.includes('include')) return null
  const parsed = parseYaml(mainText)
  const patterns = parsed.problems.some((problem) => problem.fatal) ? [] : includePatterns(parsed.data)
  if (patterns.length === 0) return null
  const {included} = await readIncludes(mainFile, patterns, files, limits, Buffer.byteLength(mainText))
  return [{file: mainFile, text: mainText}, ...included.map(({file, bytes}) => ({file, text: textOf(bytes)}))]
}

function textOf(bytes: Buffer): string {
  const decoded = decodeUtf8(bytes)
  return 'text' in decoded ? decoded.text : ''
}
