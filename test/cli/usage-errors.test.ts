import {describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'

// oclif's own exit code for usage errors is 2, which means "changes" to plan and "error" to check.
describe('usage errors exit 1 (3 for check), on one line, never 2', () => {
  it.each([
    [['nope'], 1, /^Error: unknown command "nope"\. Commands: apply, check, /],
    [['validate', 'extra'], 1, /^Error: unexpected argument "extra" for mon validate \(see --help\)\n$/],
    [['check', 'foo'], 3, /^Error: unexpected argument "foo" for mon check \(see --help\)\n$/],
    [['check', '--bogus'], 3, /^Error: Nonexistent flag: --bogus \(see --help\)\n$/],
    [['plan', '--bogus'], 1, /^Error: Nonexistent flag: --bogus \(see --help\)\n$/],
    [['history'], 1, /^Error: Missing 1 required arg: id .*\(see --help\)\n$/],
  ])('mon %j', async (args, code, stderr) => {
    const result = await mon(args)
    expect(result.code).toBe(code)
    expect(result.stderr).toMatch(stderr)
    expect(result.stdout).toBe('')
  })

  it('with --json, the error is JSON on stdout too', async () => {
    const result = await mon(['check', 'foo', '--json'])
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual({error: {message: 'unexpected argument "foo" for mon check (see --help)', exit_code: 3}})
  })
})
