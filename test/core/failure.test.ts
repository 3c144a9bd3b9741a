import {Errors} from '@oclif/core'
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

  it("puts oclif's parse errors on one line and never exits 2", () => {
    const err = new Errors.CLIError('Nonexistent flag: --bogus\nSee more help with --help', {exit: 2})
    expect(failureOf(err)).toEqual({message: 'Nonexistent flag: --bogus (see --help)', exitCode: 1, bug: false})
    expect(failureOf(err, CHECK_EXIT.unknown).exitCode).toBe(3)
  })
})
