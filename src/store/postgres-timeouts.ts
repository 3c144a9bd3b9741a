/**
 * How long mon waits for PostgreSQL, so that a frozen server or a network
 * partition costs a bounded wait, never a hung run. Each can be set in the
 * URL with libpq's and the server's own names (`?connect_timeout=5` in
 * seconds; `statement_timeout`, `idle_in_transaction_session_timeout`,
 * `query_timeout` in milliseconds).
 */
export interface PgTimeouts {
  /** Connecting, TLS and authentication included. */
  connectMs: number
  /** The server cancels a statement that runs longer (waits for locks included). */
  statementMs: number
  /** The client gives up on an answer after this long and drops the connection: a frozen server cancels nothing. */
  readMs: number
  /** The server ends a session that sits idle inside a transaction longer (a client that died holding locks). */
  idleInTransactionMs: number
  /** TCP keepalive probes start after this much silence, so that a dead peer is noticed. */
  keepAliveDelayMs: number
}

export const PG_TIMEOUT_DEFAULTS = {
  connectMs: 10_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
  keepAliveDelayMs: 10_000,
} as const

/** How much longer than the server's own limit the client waits for its answer (the cancel message has to arrive). */
export const READ_MARGIN_MS = 10_000

/** A duration as the server reads it: bare milliseconds, or with a unit. */
function serverMs(value: string | null): number | undefined {
  const match = /^\s*(\d+)\s*(ms|s|min|h)?\s*$/.exec(value ?? '')
  if (!match) return undefined
  const unit = {ms: 1, s: 1000, min: 60_000, h: 3_600_000}[(match[2] ?? 'ms') as 'ms' | 's' | 'min' | 'h']
  const ms = Number(match[1]) * unit
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined
}

export function pgTimeouts(url: string): PgTimeouts {
  let params: URLSearchParams
  try {
    params = new URL(url).searchParams
  } catch {
    params = new URLSearchParams()
  }
  const connectSeconds = Number(params.get('connect_timeout') ?? '')
  const connectMs = Number.isSafeInteger(connectSeconds) && connectSeconds > 0 ? connectSeconds * 1000 : PG_TIMEOUT_DEFAULTS.connectMs
  const statementMs = serverMs(params.get('statement_timeout')) ?? PG_TIMEOUT_DEFAULTS.statementMs
  return {
    connectMs,
    statementMs,
    readMs: serverMs(params.get('query_timeout')) ?? statementMs + READ_MARGIN_MS,
    idleInTransactionMs: serverMs(params.get('idle_in_transaction_session_timeout')) ?? PG_TIMEOUT_DEFAULTS.idleInTransactionMs,
    keepAliveDelayMs: PG_TIMEOUT_DEFAULTS.keepAliveDelayMs,
  }
}
