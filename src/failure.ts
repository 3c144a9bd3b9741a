/**
 * How an error that stopped a command is reported: one message, an exit
 * code, and whether it is a bug in mon. Pure, so the mapping is tested
 * without running a command.
 */
import {Errors} from '@oclif/core'

import {EXIT, MonError, UsageError, messageOf} from './errors.js'

export interface Failure {
  message: string
  exitCode: number
  /** Neither a MonError nor one of oclif's own errors: mon did not expect it, and says so. */
  bug: boolean
  /** Extra machine-readable facts for `--json`. */
  details?: Record<string, unknown>
}

/**
 * `fixedExitCode` replaces the exit code of every failure (mon check: 3,
 * "could not run"), but never hides that a bug is a bug.
 */
export function failureOf(err: unknown, fixedExitCode?: number): Failure {
  if (err instanceof UsageError) return {message: err.reason, exitCode: fixedExitCode ?? err.exitCode, bug: false}
  if (err instanceof MonError) return {message: err.message, exitCode: fixedExitCode ?? err.exitCode, bug: false, details: err.details}
  if (err instanceof Errors.CLIError) return {message: usageLine(err.message), exitCode: fixedExitCode ?? oclifExitCode(err), bug: false}
  return {message: messageOf(err), exitCode: fixedExitCode ?? EXIT.error, bug: true}
}

/** oclif uses 2 for parse errors; 2 means "changes" to plan and "error" to check, so a usage error is 1. */
function oclifExitCode(err: Errors.CLIError & {parse?: unknown}): number {
  if (err.parse !== undefined || err.oclif?.exit === 2) return EXIT.error
  return err.oclif?.exit ?? EXIT.error
}

/** oclif's parse errors span several lines (and end in a help hint); the contract wants one. */
function usageLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with/.test(line))
  return `${lines.join(' ')} (see --help)`
}
