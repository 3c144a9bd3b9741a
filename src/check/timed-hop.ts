import {isIP, type Socket} from 'node:net'
import type {TLSSocket} from 'node:tls'

import type {buildConnector, Client, Dispatcher} from 'undici'

import {type HopMarks, hopPhases, type Phases} from './phases.js'

type Undici = typeof import('undici')
type Connector = ReturnType<typeof buildConnector>

export interface HopOptions {
  /** The undici module, loaded once by the prober. */
  undici: Undici
  /** The run's one connector (connect timeout, CA, no TLS session reuse). */
  connector: Connector
  /** Headers and body timeouts of the client: slack past the check's own deadline, which always fires first. */
  timeoutMs: number
}

/** One request on a connection of its own, and when it reached each phase. */
export interface TimedHop {
  marks: HopMarks
  /** The server certificate's notAfter (ISO), where the connection used TLS. */
  validTo?: string
  /** Sends the request; resolves at the headers. */
  send(request: {path: string; method: Dispatcher.HttpMethod; headers: Record<string, string>; body?: string | Buffer; signal: AbortSignal}): Promise<Dispatcher.ResponseData>
  /** Marks the end of the hop (its body read, drained or given up on) and returns its phases; later calls return the same. */
  finish(): Phases
  /** Closes the connection at once: a server still sending cannot hold the run. */
  close(): Promise<void>
}

/**
 * Every check opens its own connection, as curl and blackbox_exporter do:
 * its latency then always includes the connection set-up, whatever ran
 * before it on the same host, and a handshake that breaks is seen at once
 * rather than hidden behind a reused socket. The connector is wrapped to
 * note when the socket resolved, connected and finished its handshake.
 */
export function timedHop(url: URL, options: HopOptions): TimedHop {
  const marks: HopMarks = {start: performance.now(), end: Number.NaN}
  let phases: Phases | undefined
  let socket: Socket | undefined
  // The answer was read to its end, so its socket can go quietly (see close).
  let read = false
  const hop: TimedHop = {
    marks,
    send: async (request) => {
      marks.start = performance.now()
      const res = await client.request(request)
      marks.headers = performance.now()
      res.body.once('end', () => (read = true))
      return res
    },
    finish: () => {
      if (phases) return phases
      marks.end = performance.now()
      phases = hopPhases(marks, {resolves: isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0, tls: url.protocol === 'https:'})
      return phases
    },
    close: () => {
      // Closing the socket ourselves, with no error, first: undici closes it with one, and Node formats that error's
      // stack trace, tens of microseconds a check while other checks are on the clock.
      if (read) socket?.destroy()
      return client.destroy()
    },
  }
  const connect: Connector = (params, callback) => {
    // undici's connector returns the socket it opens, though its type says void.
    socket = options.connector(params, callback) as unknown as Socket
    socket.once('lookup', () => (marks.resolved = performance.now()))
    socket.once('connect', () => (marks.connected = performance.now()))
    socket.once('secureConnect', () => {
      marks.secured = performance.now()
      const cert = (socket as TLSSocket | undefined)?.getPeerCertificate?.()
      // In an event handler, a throw would end the process: a date that does not parse is no date.
      const validTo = cert?.valid_to ? Date.parse(cert.valid_to) : Number.NaN
      if (Number.isFinite(validTo)) hop.validTo = new Date(validTo).toISOString()
    })
    return socket
  }
  const client: Client = new options.undici.Client(url.origin, {
    connect,
    pipelining: 1,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  })
  return hop
}
