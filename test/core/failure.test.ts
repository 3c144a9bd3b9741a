import {Args, Errors, Flags, Parser} from '@oclif/core'
import {describe, expect, it} from 'vitest'

import {CHECK_EXIT, MonError, UsageError} from '../../src/errors.js'
import {failureOf} from '../../src/failure.js'

describe('failureOf: how an error that stopped a command is reported', () => {
  it('calls an unexpected error a bug, also where every failure has a fixed exit code (check: 3)', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')")
    expect(failureOf(bug)).toEqual({message: bug.message, exitCode: 1, bug: true})
    expect(failureOf(bug, CHECK_EXIT.unknown)).toEqual({message: bug.message, exitCode: 3, bug: true})
    expect(failureOf('thrown text', CHECK_EXIT.unknown)).toMatchObject({message: 'thrown text', bug: true})
  })

  it('takes a MonError as it is, its exit code replaced by a fixed one', () => {
    const err = new MonError('nothing to check', {details: {n: 0}})
    expect(failureOf(err)).toEqual({message: 'nothing to check', exitCode: 1, bug: false, details: {n: 0}})
    expect(failureOf(err, CHECK_EXIT.unknown)).toMatchObject({exitCode: 3, bug: false})
  })

  it("keeps a typed flag's own wording after oclif has rewritten its message", () => {
    const err = new UsageError('--since: "x" is not a duration')
    err.message = `Parsing --since \n\t${err.message}\nSee more help with --help`
    expect(failureOf(err)).toEqual({message: '--since: "x" is not a duration', exitCode: 1, bug: false})
  })

  it("puts any other oclif error on one line and never exits 2", () => {
    const err = new Errors.CLIError('Something oclif says\nover two lines\nSee more help with --help', {exit: 2})
    expect(failureOf(err)).toEqual({message: 'Something oclif says over two lines (see --help)', exitCode: 1, bug: false})
    expect(failureOf(err, CHECK_EXIT.unknown).exitCode).toBe(3)
  })
})

// Real errors from oclif's parser, one per class and per wording, so an oclif upgrade that renames or rewords one fails here.
describe("failureOf: each of oclif's parse errors in mon's words", () => {
  const flags = {
    format: Flags.string({options: ['text', 'json']}),
    count: Flags.integer({min: 1, max: 10}),
    since: Flags.string(),
    quiet: Flags.boolean({allowNo: true, exclusive: ['loud']}),
    loud: Flags.boolean(),
    secret: Flags.string({hidden: true}),
  }
  const args = {kind: Args.string({options: ['alpha', 'beta']})}
  const context = {command: 'db:migrate', flags}
  const wording = async (argv: string[], input: Record<string, unknown> = {}) => {
    const err = await Parser.parse(argv, {flags, args, strict: true, ...input} as never).then(
      () => undefined,
      (error: unknown) => error,
    )
    const failure = failureOf(err, undefined, context)
    expect(failure).toMatchObject({exitCode: 1, bug: false})
    return failure.message
  }

  it.each([
    ['NonExistentFlagsError, near a flag', ['--sicne=x'], 'unknown flag --sicne=x for mon db migrate; did you mean --since? (see --help)'],
    ['NonExistentFlagsError, near a negated flag', ['--no-quite'], 'unknown flag --no-quite for mon db migrate; did you mean --no-quiet? (see --help)'],
    ['NonExistentFlagsError, near only a hidden flag', ['--secrte'], 'unknown flag --secrte for mon db migrate (see --help)'],
    ['NonExistentFlagsError, two', ['--x1', '--y2'], 'unknown flags --x1, --y2 for mon db migrate (see --help)'],
    ['UnexpectedArgsError', ['alpha', 'b', 'c'], 'unexpected arguments "b", "c" for mon db migrate (see --help)'],
    ['ArgInvalidOptionError', ['gamma'], 'argument for mon db migrate must be one of alpha, beta (got "gamma") (see --help)'],
    ['ArgInvalidOptionError, near an option', ['alpah'], 'argument for mon db migrate must be one of alpha, beta (got "alpah"); did you mean "alpha"? (see --help)'],
    ['FlagInvalidOptionError', ['--format', 'txet'], '--format must be one of text, json (got "txet"); did you mean "text"? (see --help)'],
    ['FailedFlagValidationError, exclusive flags', ['--quiet', '--loud'], '--loud cannot be used with --quiet (see --help)'],
    ['Flags.integer, not a number', ['--count', '1.5'], '--count must be a whole number between 1 and 10 (got "1.5") (see --help)'],
    ['Flags.integer, below min', ['--count', '0'], '--count must be between 1 and 10 (got "0") (see --help)'],
    ['Flags.integer, above max', ['--count', '11'], '--count must be between 1 and 10 (got "11") (see --help)'],
    ['a flag without its value', ['--since'], '--since needs a value (see --help)'],
    ['a flag with options without its value', ['--format'], '--format needs a value: one of text, json (see --help)'],
    ['a flag given twice', ['--since', '1', '--since', '2'], '--since given more than once (it takes one value) (see --help)'],
  ])('%s', async (_name, argv, message) => {
    expect(await wording(argv)).toBe(message)
  })

  it('RequiredArgsError and a required flag (FailedFlagValidationError) name what is missing', async () => {
    const required = {id: Args.string({required: true, description: 'An endpoint ID.'})}
    expect(await wording([], {args: required})).toBe('missing argument ID for mon db migrate: an endpoint ID (see --help)')
    expect(await wording([], {args: {}, flags: {out: Flags.string({required: true})}})).toBe('missing flag --out for mon db migrate (see --help)')
  })

  it('ViolatedFlagConstraintError keeps its reasons, on one line', async () => {
    const constraints = [1, 2].map((n) => ({_evaluateAgainstFlags: () => ({status: 'failed', reason: `rule ${n} broken`})}))
    expect(await wording([], {constraints})).toBe('rule 1 broken; rule 2 broken (see --help)')
  })

  it('a reason from a custom flag that is not a UsageError follows the flag after a colon, and colour codes are dropped', async () => {
    const odd = {odd: Flags.custom<string>({parse: async () => Promise.reject(new Errors.CLIError('no good'))})()}
    expect(await wording(['--odd', 'x'], {flags: odd})).toBe('--odd: no good (see --help)')
    const coloured = new Errors.CLIError('The following error occurred:\n  \u001B[2mMissing required flag out\u001B[22m\nSee more help with --help')
    Object.defineProperty(coloured, 'constructor', {value: {name: 'FailedFlagValidationError'}})
    expect(failureOf(coloured, undefined, context).message).toBe('missing flag --out for mon db migrate (see --help)')
  })
})
