import net from 'node:net'

import {openDriver} from '../../src/store/open.js'
import {seed, type SeedEntity} from './seed.js'
import {freshDb} from '../support/engines.js'

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that answers each path with exactly the
 * bytes a test gives it (a status line with any reason phrase, any header
 * bytes, any body), as a hostile endpoint would. An answer may be a function
 * of the request's headers, to echo what the check sent.
 */
export interface HostileAnswer {
  status?: number
  /** The reason phrase, sent as given (latin1). */
  reason?: string
  /** Header lines as [name, value], sent as given (latin1); content-length and connection are added. */
  headers?: Array<[string, string]>
  body?: Buffer | string
}

/** Check settings loose enough that a loaded machine never turns a test's ok into a warn or a timeout. */
export const RELAXED = {timeout: 5000, degraded_after: 5000}

export type Answer = HostileAnswer | ((request: {headers: Record<string, string>}) => HostileAnswer)

export interface HostileServer {
  url: string
  /** Serves `answer` at `path` (a path with no query); returns its URL. */
  serve(path: string, answer: Answer): string
  close(): Promise<void>
}

export async function startHostileServer(): Promise<HostileServer> {
  const answers = new Map<string, Answer>()
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    let head = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) return
      socket.removeAllListeners('data')
      const [requestLine = '', ...lines] = head.subarray(0, end).toString('latin1').split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      const path = (requestLine.split(' ')[1] ?? '/').split('?')[0]!
      const found = answers.get(path)
      const answer = typeof found === 'function' ? found({headers}) : (found ?? {status: 404, body: 'no such path'})
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : (answer.body ?? Buffer.alloc(0))
      const headerLines = (answer.headers ?? []).map(([n, v]) => `${n}: ${v}\r\n`).join('')
      const status = answer.status ?? 200
      const start = `HTTP/1.1 ${status} ${answer.reason ?? 'OK'}\r\n${headerLines}content-length: ${body.length}\r\nconnection: close\r\n\r\n`
      socket.end(Buffer.concat([Buffer.from(start, 'latin1'), body]))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as net.AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    serve(path, answer) {
      answers.set(path, answer)
      return `${url}${path}`
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export async function withDb(engine: 'sqlite' | 'postgres', entities: SeedEntity[], fn: (db: string) => Promise<void>): Promise<void> {
  const {db, cleanup} = await freshDb(engine)
  try {
    await seed(db, entities)
    await fn(db)
  } finally {
    await cleanup()
  }
}

/** Every value of every column of every table, as text: what a secret must never be found in. */
export async function dumpDatabase(db: string): Promise<string> {
  const driver = await openDriver(db, {create: false})
  try {
    const tables =
      driver.engine === 'sqlite'
        ? await driver.all<{name: string}>("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await driver.all<{name: string}>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'")
    const parts: string[] = []
    for (const {name} of tables) {
      for (const row of await driver.all<Record<string, unknown>>(`SELECT * FROM ${name}`)) parts.push(Object.values(row).map(String).join('\n'))
    }
    return parts.join('\n')
  } finally {
    await driver.close()
  }
}

/** Every piece of `secret` of `length` characters: none may appear anywhere mon stores or prints. */
export function piecesOf(secret: string, length = 6): string[] {
  return Array.from({length: Math.max(0, secret.length - length + 1)}, (_, i) => secret.slice(i, i + length))
}

/** The pieces of the secret found in text (an empty list is what a test wants). */
export function leaks(text: string, secret: string): string[] {
  return piecesOf(secret).filter((piece) => text.includes(piece))
}
