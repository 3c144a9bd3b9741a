import type {Dispatcher} from 'undici'

const EMPTY = Buffer.alloc(0)

export function contentLength(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = Number(headers['content-length'])
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined
}

/**
 * Reads a body up to its limit, then destroys the stream instead of buffering
 * the rest. The limit comes from the first bytes (`limitOf`, undefined while
 * it cannot tell; `ceiling` meanwhile). Each chunk is copied into one buffer,
 * sized from Content-Length when the server sent one, so the body is never
 * held twice (chunks and their concatenation) at its largest.
 */
export function readCapped(
  body: Dispatcher.ResponseData['body'],
  limitOf: (head: Buffer) => number | undefined,
  ceiling: number,
  expected?: number,
): Promise<{bytes: Buffer; truncated: boolean}> {
  let max: number | undefined
  // Allocated at the first chunk: a HEAD, 204 or 304 answer announces a length and sends nothing.
  let bytes = EMPTY
  let size = 0
  // Events, not `for await`: the async iterator makes an AbortError with a stack trace for every body, on the clock.
  return new Promise((resolve, reject) => {
    const done = (truncated: boolean) => {
      body.off('data', onData)
      body.off('end', onEnd)
      if (truncated) body.destroy()
      resolve({bytes: bytes.subarray(0, size), truncated})
    }
    const onEnd = () => done(false)
    const onData = (chunk: Buffer) => {
      try {
        take(chunk)
      } catch (err) {
        // Thrown inside an event handler it would end the process: it fails this check instead.
        body.off('data', onData)
        body.destroy()
        reject(err)
      }
    }
    const take = (chunk: Buffer) => {
      if (bytes === EMPTY) {
        max = limitOf(chunk)
        bytes = Buffer.allocUnsafe(Math.min(max ?? ceiling, Math.max(expected ?? 16 * 1024, chunk.length)))
      }
      const cap = max ?? ceiling
      const kept = Math.min(chunk.length, cap - size)
      if (size + kept > bytes.length) {
        // The server sent more than it announced, or announced nothing: grow.
        const grown = Buffer.allocUnsafe(Math.min(cap, Math.max(bytes.length * 2, size + kept)))
        bytes.copy(grown, 0, 0, size)
        bytes = grown
      }
      chunk.copy(bytes, size, 0, kept)
      size += kept
      if (max === undefined) {
        // Only whitespace so far: decide on what has come since.
        max = limitOf(bytes.subarray(0, size))
        if (max !== undefined && size > max) {
          size = max
          return done(true)
        }
      }
      if (kept < chunk.length) done(true)
    }
    body.on('data', onData)
    body.once('end', onEnd)
    // Kept after the end: a body destroyed later (cut short, aborted) still emits its error to someone.
    body.on('error', reject)
  })
}

export function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

