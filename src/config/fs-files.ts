/**
 * The file system as the loader reads it: bounded reads of files, pipes,
 * devices and standard input, and include globs (SPEC section 9).
 */
import {execFile} from 'node:child_process'
import {constants, createReadStream, open as openRaw} from 'node:fs'
import {readFile, realpath, stat} from 'node:fs/promises'
import {Socket} from 'node:net'
import path from 'node:path'
import type {Readable} from 'node:stream'

import {MonError} from '../errors.js'
import type {ConfigFiles, GlobResult} from './config-files.js'
import {MAX_INCLUDED_FILES} from './includes.js'
import {STDIN_CONFIG, type ReadLimits} from './read-limits.js'
import {relativeInside} from '../relative-path.js'

export const FS_FILES: ConfigFiles = {
  describe: 'the working tree',
  read: readConfigBytes,
  glob: globFiles,
}

/**
 * The files a pattern matches below `dir`: files only (a directory is not
 * expanded), dot files only where the pattern names them, symlinks followed
 * but each match's real path inside the repository, sorted, at most one more
 * than may be included (enough to say there are too many).
 */
async function globFiles(pattern: string, dir: string): Promise<GlobResult> {
  const [{glob}, root] = await Promise.all([import('tinyglobby'), repositoryRoot(dir)])
  const matches = (await glob([pattern], {cwd: dir, onlyFiles: true, expandDirectories: false, dot: false, followSymbolicLinks: true}))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_INCLUDED_FILES + 1)
  const result: GlobResult = {files: [], identities: [], refused: []}
  const reals = await Promise.all(matches.map((match) => realpath(path.join(dir, match)).catch(() => null)))
  for (const [i, match] of matches.entries()) {
    const file = path.join(dir, match)
    const real = reals[i]
    // Gone since it was listed: as if it had not matched.
    if (real === null || real === undefined) continue
    const inside = relativeInside(root, real)
    if (inside === null || inside === '') result.refused.push({file, reason: `outside the repository (${real})`})
    else {
      result.files.push(file)
      result.identities!.push(real)
    }
  }
  return result
}

/** The roots being found: a load globs all its patterns at once, and git is asked once for them all. */
const roots = new Map<string, Promise<string>>()

/** The root of the git work tree that holds `dir`, or outside a work tree `dir` itself; a real path, as git gives it. */
function repositoryRoot(dir: string): Promise<string> {
  const key = path.resolve(dir)
  let root = roots.get(key)
  if (!root) {
    root = realpath(key).then(
      (real) =>
        new Promise<string>((resolve) => {
          execFile('git', ['-C', real, 'rev-parse', '--show-toplevel'], {timeout: 5000, env: {...process.env, GIT_TERMINAL_PROMPT: '0'}}, (error, stdout) => {
            const top = error ? '' : stdout.trim()
            resolve(top === '' ? real : realpath(top).catch(() => real))
          })
        }),
      () => key,
    )
    roots.set(key, root)
    void root.finally(() => roots.delete(key))
  }
  return root
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`
}

export function tooBig(configPath: string, limits: ReadLimits): MonError {
  return new MonError(`cannot read config ${configPath}: it is larger than ${sizeText(limits.maxBytes)} (raise the limit with --max-config-size)`)
}

async function readConfigBytes(configPath: string, limits: ReadLimits): Promise<Buffer | null> {
  if (configPath === STDIN_CONFIG) return readBounded(process.stdin, 'from standard input', limits)
  const fail = (reason: string) => new MonError(`cannot read config ${configPath}: ${reason}`)
  try {
    const info = await stat(configPath)
    if (info.isDirectory()) throw fail('it is a directory')
    if (info.isFile()) {
      if (info.size > limits.maxBytes) throw tooBig(configPath, limits)
      const bytes = await readFile(configPath)
      // It may have grown since stat.
      if (bytes.length > limits.maxBytes) throw tooBig(configPath, limits)
      return bytes
    }
    // A FIFO opened without O_NONBLOCK waits for a writer in a thread no timeout can stop.
    const stream = info.isFIFO() ? new Socket({fd: await openFd(configPath, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false}) : createReadStream(configPath)
    return await readBounded(stream, configPath, limits)
  } catch (error) {
    if (error instanceof MonError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return null
    throw fail(code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error))
  }
}

/** A raw descriptor for the socket to own (a FileHandle would close it when collected). */
function openFd(file: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) => openRaw(file, flags, (error, fd) => (error ? reject(error) : resolve(fd))))
}

/** A pipe, a device or standard input, read up to the size limit and within the read timeout. */
function readBounded(stream: Readable, name: string, limits: ReadLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (error: MonError | null) => {
      clearTimeout(timer)
      stream.removeAllListeners('data').removeAllListeners('end')
      if (error) {
        stream.on('error', () => {})
        stream.destroy()
        reject(error)
      } else resolve(Buffer.concat(chunks))
    }
    const timer = setTimeout(() => finish(new MonError(`cannot read config ${name}: still not complete after ${limits.timeoutMs / 1000}s (a pipe or device that does not end)`)), limits.timeoutMs)
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size > limits.maxBytes) finish(tooBig(name, limits))
      else chunks.push(bytes)
    })
    stream.once('end', () => finish(null))
    stream.once('error', (error: Error) => finish(new MonError(`cannot read config ${name}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)))
  })
}
