import {constants} from 'node:fs'
import type {FileHandle} from 'node:fs/promises'

/**
 * Reading a file a person named, which may not be what it says: only a
 * regular file is read (a FIFO would block, /dev/zero never ends), and at
 * most maxBytes of it, whatever its size said (a file may grow while it is
 * read, and /proc files say 0). Shared by the registry probe and the
 * unapplied-config hint.
 */

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
export const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY
const CHUNK = 64 * 1024

export type RegularFileRead =
  | {ok: true; bytes: Buffer}
  | {ok: false; why: 'not a regular file'; type: string}
  | {ok: false; why: 'too large' | 'timeout'}

/** The bytes of an open file, or why not; `deadline` is a performance.now() by which the read must be done. */
export async function readRegularFile(handle: FileHandle, maxBytes: number, deadline = Number.POSITIVE_INFINITY): Promise<RegularFileRead> {
  const stat = await handle.stat()
  if (!stat.isFile()) return {ok: false, why: 'not a regular file', type: fileType(stat)}
  if (stat.size > maxBytes) return {ok: false, why: 'too large'}
  // Read in chunks up to one byte past maxBytes.
  let bytes = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size + 1, CHUNK)))
  let size = 0
  for (;;) {
    if (performance.now() > deadline) return {ok: false, why: 'timeout'}
    if (size === bytes.length) {
      if (size > maxBytes) return {ok: false, why: 'too large'}
      const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, bytes.length * 2))
      bytes.copy(grown, 0, 0, size)
      bytes = grown
    }
    const {bytesRead} = await handle.read(bytes, size, Math.min(CHUNK, bytes.length - size), null)
    if (bytesRead === 0) break
    size += bytesRead
  }
  if (size > maxBytes) return {ok: false, why: 'too large'}
  return {ok: true, bytes: bytes.subarray(0, size)}
}

function fileType(stat: {isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean}): string {
  if (stat.isDirectory()) return 'a directory'
  if (stat.isFIFO()) return 'a named pipe'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isBlockDevice()) return 'a block device'
  if (stat.isSocket()) return 'a socket'
  return 'not a file'
}
