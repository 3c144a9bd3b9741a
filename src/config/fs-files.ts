/**
 * The file system as the loader reads it: bounded reads of files, pipes,
 * devices and standard input, and include globs (SPEC section 9).
 */
import {constants, createReadStream, open as openRaw} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {Socket} from 'node:net'
import type {Readable} from 'node:stream'

import {MonError} from '../errors.js'
import type {ConfigFiles} from './config-files.js'
import {STDIN_CONFIG, type ReadLimits} from './read-limits.js'

export const FS_FILES: ConfigFiles = {
  describe: 'the working tree',
  read: readConfigBytes,
  glob: () => {
    throw new Error('include globs are not built yet')
  },
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
