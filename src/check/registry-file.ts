import {constants} from 'node:fs'
import {open, realpath} from 'node:fs/promises'
import path from 'node:path'

/**
 * Reading a registry file named by monitors.yaml, which arrives through pull
 * requests: the path must resolve (symlinks followed) inside the base
 * directory unless --allow-outside-base, only a regular file is read (a FIFO
 * would block, /dev/zero never ends), and at most maxBytes of it.
 */
export interface RegistryFiles {
  /** The real path of the directory relative paths resolve against (see base-dir.ts). */
  baseDir: string
  allowOutsideBase: boolean
}

export type FileRead = {ok: true; bytes: Buffer; file: string} | {ok: false; message: string; file: string}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
// O_NOFOLLOW: the path opened is the real one checked below; a symlink swapped in since is refused.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW | constants.O_NOCTTY
const CHUNK = 64 * 1024

export interface ReadLimits {
  maxBytes: number
  timeoutMs: number
  /** performance.now() by which the read must be done. */
  deadline: number
}

export async function readRegistryFile(p: string, files: RegistryFiles, limits: ReadLimits): Promise<FileRead> {
  const {maxBytes} = limits
  // Node's own error would quote the path, NUL and all, into the detail.
  if (p.includes('\0')) return {ok: false, file: '', message: 'the path holds a NUL character'}
  const file = path.resolve(files.baseDir, p)
  let real: string
  try {
    real = await realpath(file)
  } catch (err) {
    return {ok: false, file, message: (err as {code?: string}).code === 'ENOENT' ? `no such file (resolved to ${file})` : reasonOf(err)}
  }
  if (!files.allowOutsideBase && !isInside(files.baseDir, real)) {
    return {ok: false, file: real, message: `resolves to ${real}, outside the base directory ${files.baseDir} (mon check --allow-outside-base reads it)`}
  }
  let handle
  try {
    handle = await open(real, OPEN_FLAGS)
  } catch (err) {
    return {ok: false, file: real, message: reasonOf(err)}
  }
  const fail = (message: string): FileRead => ({ok: false, file: real, message})
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) return fail(`${real} is not a regular file (${fileType(stat)})`)
    if (stat.size > maxBytes) return fail(tooLarge(maxBytes))
    // Read in chunks up to one byte past maxBytes, whatever the size said: a file may grow
    // while it is read, and /proc files say 0.
    let bytes = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size + 1, CHUNK)))
    let size = 0
    for (;;) {
      if (performance.now() > limits.deadline) return fail(`timeout after ${limits.timeoutMs} ms`)
      if (size === bytes.length) {
        if (size > maxBytes) return fail(tooLarge(maxBytes))
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, bytes.length * 2))
        bytes.copy(grown, 0, 0, size)
        bytes = grown
      }
      const {bytesRead} = await handle.read(bytes, size, Math.min(CHUNK, bytes.length - size), null)
      if (bytesRead === 0) break
      size += bytesRead
    }
    if (size > maxBytes) return fail(tooLarge(maxBytes))
    return {ok: true, file: real, bytes: bytes.subarray(0, size)}
  } catch (err) {
    return fail(reasonOf(err))
  } finally {
    await handle.close()
  }
}

export function tooLarge(maxBytes: number): string {
  return `larger than --max-body (${maxBytes} bytes)`
}

function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
}

function fileType(stat: {isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean}): string {
  if (stat.isDirectory()) return 'a directory'
  if (stat.isFIFO()) return 'a named pipe'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isBlockDevice()) return 'a block device'
  if (stat.isSocket()) return 'a socket'
  return 'not a file'
}

/** The system's reason without Node's "EACCES: ..., open '/path'" framing, which repeats the path. */
function reasonOf(err: unknown): string {
  const e = err as {code?: string; message?: string}
  const plain = (e.message ?? String(err)).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')
  return e.code ? `${plain} (${e.code})` : plain
}
