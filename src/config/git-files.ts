/**
 * A config tree as it was at a git revision (`mon plan --base-rev`): the
 * ConfigFiles the loader reads through, so that includes resolve at the
 * revision exactly as on disk. Every git call is `execFile` (never a shell),
 * bounded in time and output, with no prompt and no optional locks; the
 * revision is verified once and then only its full SHA is passed to git, so
 * a revision that looks like an option (`--upload-pack=...`) never reaches a
 * command that would take it as one.
 */
import {execFile} from 'node:child_process'
import {realpath, stat} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'

import {MonError} from '../errors.js'
import type {ConfigFiles, GlobResult} from './config-files.js'
import {MAX_INCLUDED_FILES, TOTAL_SIZE_FACTOR} from './includes.js'
import {tooBig} from './fs-files.js'
import {DEFAULT_READ_LIMITS, type ReadLimits} from './read-limits.js'
import {relativeInside} from '../relative-path.js'

export interface GitFiles extends ConfigFiles {
  /** The revision as given (`origin/main`). */
  readonly rev: string
  /** Its full commit SHA. */
  readonly commit: string
}

/** A listing of a large tree is a few MiB; past this something is wrong. */
const LISTING_MAX_BYTES = 64 * 1024 * 1024

interface GitOutcome {
  ok: boolean
  stdout: Buffer
  /** git's first line on stderr, or why git could not run. */
  reason: string
  /** git could not be started at all (not installed). */
  missing: boolean
  tooBig: boolean
}

/** `input`: written to git's standard input (`cat-file --batch`). */
function runGit(cwd: string, args: string[], timeoutMs: number, maxBuffer: number, input?: string): Promise<GitOutcome> {
  const env = {...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_LITERAL_PATHSPECS: '1'}
  return new Promise((resolve) => {
    const child = execFile('git', args, {cwd, env, timeout: timeoutMs, maxBuffer, encoding: 'buffer', windowsHide: true}, (error, stdout, stderr) => {
      const firstLine = stderr.toString('utf8').split('\n').find((line) => line.trim() !== '') ?? ''
      if (!error) return resolve({ok: true, stdout, reason: firstLine, missing: false, tooBig: false})
      const code = (error as NodeJS.ErrnoException).code
      const killed = (error as {killed?: boolean}).killed === true
      const reason = code === 'ENOENT' ? 'git is not installed (or not on PATH)' : killed && code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ? `git did not answer within ${timeoutMs / 1000}s` : firstLine.replace(/^fatal: /, '') || error.message
      resolve({ok: false, stdout, reason, missing: code === 'ENOENT', tooBig: code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'})
    })
    child.stdin?.on('error', () => {})
    child.stdin?.end(input ?? '')
  })
}

/**
 * The blobs of `entries` in one `git cat-file --batch`: one process for all
 * of a glob's matches rather than one per file. Each answer is
 * `OBJECT blob SIZE\n` + the bytes + `\n`.
 */
async function readBlobs(root: string, entries: readonly TreeEntry[], timeoutMs: number): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>()
  if (entries.length === 0) return blobs
  const total = entries.reduce((sum, e) => sum + e.size + e.object.length + 64, 0)
  const batch = await runGit(root, ['cat-file', '--batch'], timeoutMs, total, `${entries.map((e) => e.object).join('\n')}\n`)
  if (!batch.ok) return blobs
  let at = 0
  const out = batch.stdout
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at)
    if (eol < 0) break
    const [object = '', type = '', size = ''] = out.subarray(at, eol).toString('utf8').split(' ')
    if (type !== 'blob') break
    const length = Number(size)
    blobs.set(object, out.subarray(eol + 1, eol + 1 + length))
    at = eol + 1 + length + 1
  }
  return blobs
}

/**
 * The matcher tinyglobby uses (its own picomatch, whatever version it
 * resolves), with the options it passes by default, so that `include:`
 * means the same on disk and at a revision.
 */
type Matcher = (file: string) => boolean
let picomatch: ((pattern: string, options: object) => Matcher) | undefined
function matcher(pattern: string): Matcher {
  if (!picomatch) {
    const here = createRequire(import.meta.url)
    picomatch = createRequire(here.resolve('tinyglobby'))('picomatch') as typeof picomatch
  }
  return picomatch!(pattern.replace(/^(\.\/)+/, ''), {dot: false, nocase: false, posix: true})
}

/** One entry of `git ls-tree -l -z`: `MODE TYPE OBJECT SIZE\tPATH`. */
interface TreeEntry {
  mode: string
  type: string
  object: string
  size: number
  path: string
}

function treeEntries(listing: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = []
  for (const record of listing.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t')
    if (tab < 0) continue
    const [mode = '', type = '', object = '', size = ''] = record.slice(0, tab).split(/ +/)
    entries.push({mode, type, object, size: Number(size), path: record.slice(tab + 1)})
  }
  return entries
}

/** Why an entry that is not a regular file cannot be read as a config. */
function notAFile(entry: TreeEntry): string | null {
  if (entry.type === 'tree') return 'it is a directory'
  if (entry.type === 'commit') return 'it is a git submodule'
  if (entry.mode === '120000') return 'it is a symbolic link (mon reads only regular files at a revision)'
  if (entry.type !== 'blob') return `it is a git ${entry.type}`
  return null
}

/**
 * The files of the repository that holds `mainFile` as they were at `rev`.
 * Refuses an empty revision, a directory outside any git work tree, and a
 * revision that names no commit, each in one line.
 */
export async function gitFiles(mainFile: string, rev: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<GitFiles> {
  const fail = (why: string) => new MonError(`--base-rev: ${why}`)
  if (rev.trim() === '') throw fail('the revision is empty (name a branch, tag or commit, e.g. origin/main)')
  const givenDir = path.dirname(path.resolve(mainFile))
  let dir: string
  try {
    dir = await realpath(givenDir)
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory')
  } catch {
    throw fail(`cannot read the directory of ${mainFile} (${givenDir})`)
  }
  const timeoutMs = limits.timeoutMs
  const top = await runGit(dir, ['rev-parse', '--show-toplevel'], timeoutMs, 64 * 1024)
  if (!top.ok) {
    if (top.missing) throw fail(top.reason)
    if (/not a git repository|must be run in a work tree/.test(top.reason)) throw fail(`not a git work tree (${givenDir})`)
    // CI containers often check out as another user than the one running mon.
    const trust = /dubious ownership/.test(top.reason) ? ` (if you trust it: git config --global --add safe.directory ${dir})` : ''
    throw fail(`git cannot read the repository at ${givenDir}: ${top.reason}${trust}`)
  }
  const root = top.stdout.toString('utf8').trim()
  // git takes anything that starts with "-" for an option, and no branch, tag or commit name does: refused before git sees it.
  const verified = rev.startsWith('-') ? null : await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], timeoutMs, 64 * 1024)
  const commit = verified?.ok ? verified.stdout.toString('utf8').trim() : ''
  if (verified && !verified.ok && verified.missing) throw fail(verified.reason)
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw fail(`unknown revision ${rev} (no such branch, tag or commit here; a shallow clone may lack it: fetch it, e.g. actions/checkout with fetch-depth: 0)`)
  const short = commit.slice(0, 7)
  const describe = /^[0-9a-f]{4,64}$/.test(rev) && commit.startsWith(rev) ? short : `${rev} (${short})`

  /** A path as the loader names it -> its path in the repository, from the root, with "/". */
  const repoPath = (file: string): string => {
    const inDir = path.relative(givenDir, path.resolve(file))
    const inside = relativeInside(root, path.join(dir, inDir))
    if (inside === null || inside === '') throw new MonError(`cannot read config ${file} at ${describe}: it is outside the repository (${root})`)
    return inside
  }
  // What a glob listed and read ahead, by repository path: the loader reads each match next.
  const known = new Map<string, TreeEntry>()
  const readAhead = new Map<string, Buffer>()
  const listings = new Map<string, Promise<TreeEntry[]>>()
  const listing = async (args: string[]): Promise<TreeEntry[]> => {
    const listed = await runGit(root, ['ls-tree', '-l', '-z', '--full-tree', ...args], timeoutMs, LISTING_MAX_BYTES)
    if (!listed.ok) throw new MonError(`cannot list the files at ${describe}: ${listed.tooBig ? 'the listing is too large' : listed.reason}`)
    return treeEntries(listed.stdout)
  }

  return {
    describe,
    rev,
    commit,
    async read(file: string, readLimits: ReadLimits): Promise<Buffer | null> {
      const inRepo = repoPath(file)
      const entry = known.get(inRepo) ?? (await listing([commit, '--', inRepo])).find((e) => e.path === inRepo)
      if (!entry) return null
      const problem = notAFile(entry)
      if (problem) throw new MonError(`cannot read config ${file} at ${describe}: ${problem}`)
      if (entry.size > readLimits.maxBytes) throw tooBig(`${file} at ${describe}`, readLimits)
      const ahead = readAhead.get(entry.object)
      if (ahead?.length === entry.size) return ahead
      // By object id: nothing of the path is parsed by git again. The size bound stops a blob that lied.
      const blob = await runGit(root, ['cat-file', 'blob', entry.object], readLimits.timeoutMs, readLimits.maxBytes)
      if (blob.tooBig) throw tooBig(`${file} at ${describe}`, readLimits)
      if (!blob.ok) throw new MonError(`cannot read config ${file} at ${describe}: ${blob.reason}`)
      return blob.stdout
    },
    async glob(pattern: string, globDir: string): Promise<GlobResult> {
      const base = relativeInside(root, path.join(dir, path.relative(givenDir, path.resolve(globDir))))
      if (base === null) return {files: [], refused: []}
      const prefix = base === '' ? '' : `${base}/`
      const matches = matcher(pattern)
      const files: string[] = []
      const refused: GlobResult['refused'] = []
      // One listing per directory, however many patterns glob it (they are globbed at once).
      if (!listings.has(prefix)) listings.set(prefix, listing(['-r', commit, ...(prefix === '' ? [] : ['--', prefix])]))
      const entries = await listings.get(prefix)!
      const local = entries.filter((e) => e.path.startsWith(prefix)).map((e) => ({entry: e, relative: e.path.slice(prefix.length)}))
      local.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
      const wanted: TreeEntry[] = []
      let budget = TOTAL_SIZE_FACTOR * limits.maxBytes
      for (const {entry, relative} of local) {
        if (!matches(relative)) continue
        // Enough to say there are too many, as the file-system glob does.
        if (files.length + refused.length > MAX_INCLUDED_FILES) break
        const file = path.join(globDir, relative)
        const problem = notAFile(entry)
        if (problem) refused.push({file, reason: problem})
        else files.push(file)
        known.set(entry.path, entry)
        // Read ahead only what the loader may take; a file over the limit is refused by read().
        if (!problem && !readAhead.has(entry.object) && entry.size <= limits.maxBytes && entry.size <= budget) {
          wanted.push(entry)
          budget -= entry.size
        }
      }
      for (const [object, bytes] of await readBlobs(root, wanted, timeoutMs)) readAhead.set(object, bytes)
      return {files, refused}
    },
  }
}
