/**
 * Exit codes and the one error type that commands throw. Anything else that
 * escapes a command is a bug and is reported as such (still without a stack
 * trace unless DEBUG=mon* is set).
 */
export const EXIT = {
  ok: 0,
  error: 1,
  /** `plan --detailed-exitcode`: the plan has changes. */
  changes: 2,
} as const

/** `mon check` follows the Nagios plugin convention. */
export const CHECK_EXIT = {ok: 0, warn: 1, error: 2, unknown: 3} as const

export class MonError extends Error {
  readonly exitCode: number
  /** Extra machine-readable facts for `--json` error output. */
  readonly details?: Record<string, unknown>

  constructor(message: string, options: {exitCode?: number; details?: Record<string, unknown>; cause?: unknown} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'MonError'
    this.exitCode = options.exitCode ?? EXIT.error
    this.details = options.details
  }
}

/** A bad flag value (e.g. an unparseable duration), thrown by a typed flag's parse. */
export class UsageError extends MonError {
  /** The message as mon words it: oclif rewrites `message` of an error thrown in a flag's parse. */
  readonly reason: string

  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
    this.reason = message
  }
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}
