import {constants} from 'node:fs'
import {open, realpath} from 'node:fs/promises'
import path from 'node:path'

import {OPEN_FLAGS, readRegularFile} from '../regular-file.js'

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
    // O_NOFOLLOW: the path opened is the real one checked above; a symlink swapped in since is refused.
    handle = await open(real, OPEN_FLAGS | constants.O_NOFOLLOW)
  } catch (err) {
    return {ok: false, file: real, message: reasonOf(err)}
  }
  const fail = (message: string): FileRead => ({ok: false, file: real, message})
  try {
    const read = await readRegularFile(handle, maxBytes, limits.deadline)
    if (read.ok) return {ok: true, file: real, bytes: read.bytes}
    if (read.why === 'not a regular file') return fail(`${real} is not a regular file (${read.type})`)
    return fail(read.why === 'timeout' ? `timeout after ${limits.timeoutMs} ms` : tooLarge(maxBytes))
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

/** The system's reason without Node's "EACCES: ..., open '/path'" framing, which repeats the path. */
function reasonOf(err: unknown): string {
  const e = err as {code?: string; message?: string}
  const plain = (e.message ?? String(err)).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')
  return e.code ? `${plain} (${e.code})` : plain
}
