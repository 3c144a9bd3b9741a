/**
 * How an error that stopped a command is reported: one message, an exit
 * code, and whether it is a bug in mon. Pure, so the mapping is tested
 * without running a command.
 */
import {Errors} from '@oclif/core'

import {closest} from './config/suggest.js'
import {EXIT, MonError, UsageError, messageOf} from './errors.js'

export interface Failure {
  message: string
  exitCode: number
  /** Neither a MonError nor one of oclif's own errors: mon did not expect it, and says so. */
  bug: boolean
  /** Extra machine-readable facts for `--json`. */
  details?: Record<string, unknown>
}

/** What a usage error names: the command (`db migrate`) and the flags it takes, for "did you mean". */
export interface CommandContext {
  command: string
  flags: Record<string, FlagFacts>
}

/** The parts of an oclif flag definition that the wording reads. */
export interface FlagFacts {
  char?: string
  hidden?: boolean
  allowNo?: boolean
  min?: number
  max?: number
}

/** Every usage error ends so: the command's help lists its arguments and flags. */
export const USAGE_HINT = '(see --help)'

/**
 * `fixedExitCode` replaces the exit code of every failure (mon check: 3,
 * "could not run"), but never hides that a bug is a bug.
 */
export function failureOf(err: unknown, fixedExitCode?: number, context?: CommandContext): Failure {
  if (err instanceof UsageError) return {message: err.reason, exitCode: fixedExitCode ?? err.exitCode, bug: false}
  if (err instanceof MonError) return {message: err.message, exitCode: fixedExitCode ?? err.exitCode, bug: false, details: err.details}
  if (err instanceof Errors.CLIError) return {message: usageMessage(err, context), exitCode: fixedExitCode ?? oclifExitCode(err), bug: false}
  return {message: messageOf(err), exitCode: fixedExitCode ?? EXIT.error, bug: true}
}

/**
 * `unknown command "stauts"; did you mean "status"?`, or with no likely
 * typo, the list of commands. `line` is what was typed, words separated by
 * spaces (`db migarte`); ids are oclif's (`db:migrate`).
 */
export function unknownCommand(line: string, commandIds: readonly string[]): string {
  const list = commandIds.map((id) => id.replaceAll(':', ' ')).sort()
  // The whole line first (`db migarte`), then its first word (`stauts` of `mon stauts foo`).
  const hint = closest(line, list) ?? closest(line.split(' ')[0]!, list)
  return hint ? `unknown command "${line}"; did you mean "${hint}"?` : `unknown command "${line}". Commands: ${list.join(', ')}`
}

/** `unexpected argument "b" for mon history`: the same words from the parser and from the command_not_found hook. */
export function unexpectedArguments(args: readonly string[], command?: string): string {
  return `unexpected argument${args.length === 1 ? '' : 's'} ${args.map(quote).join(', ')}${command ? ` for mon ${command}` : ''} ${USAGE_HINT}`
}

/** oclif uses 2 for parse errors; 2 means "changes" to plan and "error" to check, so a usage error is 1. */
function oclifExitCode(err: Errors.CLIError & {parse?: unknown}): number {
  if (err.parse !== undefined || err.oclif?.exit === 2) return EXIT.error
  return err.oclif?.exit ?? EXIT.error
}

/** The fields oclif's parse errors carry beside their message. */
interface ParseErrorFields {
  flags?: string[]
  args?: Array<string | {name: string; description?: string}>
}

/**
 * oclif's parse errors in mon's words, on one line. The error classes are
 * not exported by @oclif/core, so they are told apart by name; the plain
 * CLIErrors its parser throws, by their wording (test/core/failure.test.ts
 * has one case per class and per wording, so an oclif upgrade that changes
 * them fails there). Anything else keeps oclif's text, made one line.
 */
function usageMessage(err: Errors.CLIError, context?: CommandContext): string {
  const command = context ? context.command.replaceAll(':', ' ') : undefined
  const forCommand = command ? ` for mon ${command}` : ''
  const fields = err as Errors.CLIError & ParseErrorFields
  const lines = plainLines(err.message)
  switch (err.constructor.name) {
    case 'NonExistentFlagsError': {
      const flags = fields.flags ?? []
      const hint = flags.length === 1 && context ? flagSuggestion(flags[0]!, context) : undefined
      return `unknown flag${flags.length === 1 ? '' : 's'} ${flags.join(', ')}${forCommand}${hint ? `; did you mean ${hint}?` : ''} ${USAGE_HINT}`
    }
    case 'UnexpectedArgsError':
      return unexpectedArguments((fields.args ?? []).map(String), command)
    case 'RequiredArgsError': {
      const args = (fields.args ?? []).filter((arg): arg is {name: string; description?: string} => typeof arg === 'object')
      const described = args.length === 1 && args[0]!.description ? `: ${sentencePart(args[0]!.description)}` : ''
      return `missing argument${args.length === 1 ? '' : 's'} ${args.map((arg) => arg.name.toUpperCase()).join(', ')}${forCommand}${described} ${USAGE_HINT}`
    }
    case 'FailedFlagValidationError':
    case 'ViolatedFlagConstraintError':
      // The first line is "The following error(s) occurred:"; a reason per line follows.
      return `${lines.slice(1).map((reason) => flagRule(reason, forCommand)).join('; ')} ${USAGE_HINT}`
    case 'FlagInvalidOptionError': {
      const [, name, input, options] = /^Expected --(\S+?)=(.*) to be one of: (.*)$/s.exec(lines[0] ?? '') ?? []
      if (name !== undefined) return `--${name} ${notOneOf(input!, options!)} ${USAGE_HINT}`
      break
    }
    case 'ArgInvalidOptionError': {
      const [, input, options] = /^Expected (.*) to be one of: (.*)$/s.exec(lines[0] ?? '') ?? []
      if (input !== undefined) return `argument${forCommand} ${notOneOf(input, options!)} ${USAGE_HINT}`
      break
    }
  }
  return `${plainCliError(lines, context)} ${USAGE_HINT}`
}

/** The CLIErrors oclif's parser throws without a class of their own. */
function plainCliError(lines: string[], context?: CommandContext): string {
  const text = lines.join(' ')
  // A flag's own parse failed: `Parsing --concurrency` and, indented below, the reason.
  const parsing = /^Parsing --(\S+) (.*)$/s.exec(text)
  if (parsing) return `--${parsing[1]}${flagValueReason(parsing[2]!, context?.flags[parsing[1]!])}`
  const needsOneOf = /^Flag --(\S+) expects one of these values: (.*)$/.exec(text)
  if (needsOneOf) return `--${needsOneOf[1]} needs a value: one of ${needsOneOf[2]}`
  const needsValue = /^Flag --(\S+) expects a value$/.exec(text)
  if (needsValue) return `--${needsValue[1]} needs a value`
  const once = /^Flag --(\S+) can only be specified once$/.exec(text)
  if (once) return `--${once[1]} given more than once (it takes one value)`
  return text
}

/** What follows the flag's name: Flags.integer's reasons (with the flag's bounds when the context has them), or any other reason after a colon. */
function flagValueReason(reason: string, flag?: FlagFacts): string {
  const bounds = flag?.min !== undefined && flag.max !== undefined ? `between ${flag.min} and ${flag.max}` : undefined
  const notInteger = /^Expected an integer but received: (.*)$/s.exec(reason)
  if (notInteger) return ` must be a whole number${bounds ? ` ${bounds}` : ''} (got ${quote(notInteger[1]!)})`
  const low = /^Expected an integer greater than or equal to (\S+) but received: (.*)$/s.exec(reason)
  if (low) return ` must be ${bounds ?? `at least ${low[1]}`} (got ${quote(low[2]!)})`
  const high = /^Expected an integer less than or equal to (\S+) but received: (.*)$/s.exec(reason)
  if (high) return ` must be ${bounds ?? `at most ${high[1]}`} (got ${quote(high[2]!)})`
  return `: ${reason}`
}

/** One reason from oclif's flag validation. */
function flagRule(reason: string, forCommand: string): string {
  const required = /^Missing required flag (\S+)$/.exec(reason)
  if (required) return `missing flag --${required[1]}${forCommand}`
  const exclusive = /^--(\S+?)=.* cannot also be provided when using --(\S+)$/.exec(reason)
  if (exclusive) return `--${exclusive[1]} cannot be used with --${exclusive[2]}`
  return reason
}

function notOneOf(input: string, options: string): string {
  const allowed = options.split(', ')
  const hint = closest(input, allowed)
  return `must be one of ${allowed.join(', ')} (got ${quote(input)})${hint ? `; did you mean ${quote(hint)}?` : ''}`
}

/** The nearest flag the command takes, as it is written (`--detail`, `-c`, `--no-color`). */
function flagSuggestion(written: string, context: CommandContext): string | undefined {
  if (!written.startsWith('--')) return undefined
  const names = Object.entries(context.flags)
    .filter(([, flag]) => !flag.hidden)
    .flatMap(([name, flag]) => (flag.allowNo ? [name, `no-${name}`] : [name]))
  const hint = closest(written.slice(2).replace(/=.*$/s, ''), names)
  return hint === undefined ? undefined : `--${hint}`
}

/** oclif's message without colour codes, blank lines and its own help hint. */
function plainLines(message: string): string[] {
  return message
    .replaceAll(/\u001B\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with/.test(line))
}

/** An argument's description, inside a sentence: `An entity ID.` -> `an entity ID`. */
function sentencePart(description: string): string {
  const text = description.trim().replace(/\.$/, '')
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text
}

function quote(text: string): string {
  return JSON.stringify(text)
}
