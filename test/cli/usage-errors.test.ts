import {describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'

/** Words of oclif's own that must never reach a user: mon says each thing its own way. */
const OCLIF_WORDING = /not found\.|Nonexistent flag|Missing \d+ required|Missing required flag|The following errors? occurred|Parsing --|Expected an integer|to be one of:|expects one of these values|can only be specified once|See more help with|Unexpected argument/

// oclif's own exit code for usage errors is 2, which means "changes" to plan and "error" to check.
describe('usage errors exit 1 (3 for check), on one line in mon\'s words, never 2', () => {
  it.each([
    // command_not_found hook
    [['nope'], 1, /^Error: unknown command "nope"\. Commands: alerts, apply, check, .*, version\n$/],
    [['stauts'], 1, /^Error: unknown command "stauts"; did you mean "status"\?\n$/],
    [['db', 'migarte'], 1, /^Error: unknown command "db migarte"; did you mean "db migrate"\?\n$/],
    // mon help NAME answers the same (a help class of mon's own: oclif's says "Command stauts not found." and exits 2)
    [['help', 'stauts'], 1, /^Error: unknown command "stauts"; did you mean "status"\?\n$/],
    [['help', 'nope'], 1, /^Error: unknown command "nope"\. Commands: alerts, apply, check, .*, version\n$/],
    [['validate', 'a.yaml', 'extra'], 1, /^Error: unexpected argument "extra" for mon validate \(see --help\)\n$/],
    [['check', 'foo'], 3, /^Error: unexpected argument "foo" for mon check \(see --help\)\n$/],
    // NonExistentFlagsError, with the nearest flag when one is close
    [['check', '--bogus'], 3, /^Error: unknown flag --bogus for mon check \(see --help\)\n$/],
    [['plan', '--bogus'], 1, /^Error: unknown flag --bogus for mon plan \(see --help\)\n$/],
    [['status', '--sinec', '1h'], 1, /^Error: unknown flag --sinec for mon status; did you mean --since\? \(see --help\)\n$/],
    [['check', '--concurency=4'], 3, /^Error: unknown flag --concurency=4 for mon check; did you mean --concurrency\? \(see --help\)\n$/],
    [['status', '-x'], 1, /^Error: unknown flag -x for mon status \(see --help\)\n$/],
    // UnexpectedArgsError
    [['history', 'a', 'b'], 1, /^Error: unexpected argument "b" for mon history \(see --help\)\n$/],
    // RequiredArgsError
    [['history'], 1, /^Error: missing argument ID for mon history: an entity, endpoint or registry entry ID \(see --help\)\n$/],
    // neither of prune's two flags (either is enough, so neither is a required flag)
    [['prune'], 1, /^Error: mon prune needs --older-than, --rollups-older-than or both \(see --help\)\n$/],
    // FlagInvalidOptionError, with the nearest option when one is close
    [['status', '--format', 'yaml'], 1, /^Error: --format must be one of text, json, prometheus \(got "yaml"\) \(see --help\)\n$/],
    [['status', '--format', 'jsno'], 1, /^Error: --format must be one of text, json, prometheus \(got "jsno"\); did you mean "json"\? \(see --help\)\n$/],
    // Flags.integer: not a number, below min, above max, min only
    [['check', '--concurrency', 'lots'], 3, /^Error: --concurrency must be a whole number between 1 and 1000 \(got "lots"\) \(see --help\)\n$/],
    [['check', '--concurrency', '0'], 3, /^Error: --concurrency must be between 1 and 1000 \(got "0"\) \(see --help\)\n$/],
    [['history', 'x', '--limit', '1000000000'], 1, /^Error: --limit must be between 1 and \d+ \(got "1000000000"\) \(see --help\)\n$/],
    [['prune', '--older-than', '1d', '--batch-size', '0'], 1, /^Error: --batch-size must be at least 1 \(got "0"\) \(see --help\)\n$/],
    // the parser's plain CLIErrors: a flag without its value, a flag given twice
    [['check', '--format'], 3, /^Error: --format needs a value: one of text, json, nagios \(see --help\)\n$/],
    [['status', '--db'], 1, /^Error: --db needs a value \(see --help\)\n$/],
    [['report', '--out', 'a.html', '--out', 'b.html'], 1, /^Error: --out given more than once \(it takes one value\) \(see --help\)\n$/],
  ])('mon %j', async (args, code, stderr) => {
    const result = await mon(args)
    expect(result.code).toBe(code)
    expect(result.stderr).toMatch(stderr)
    expect(result.stderr).not.toMatch(OCLIF_WORDING)
    expect(result.stdout).toBe('')
  })

  it('with --json, the error is JSON on stdout too', async () => {
    const result = await mon(['check', 'foo', '--json'])
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout)).toEqual({error: {message: 'unexpected argument "foo" for mon check (see --help)', exit_code: 3}})
    const flag = await mon(['status', '--sinec', '1h', '--json'])
    expect(flag.code).toBe(1)
    expect(JSON.parse(flag.stdout)).toEqual({error: {message: 'unknown flag --sinec for mon status; did you mean --since? (see --help)', exit_code: 1}})
  })
})

describe('habits from kubectl and terraform', () => {
  it('-h is --help, on the root and on every command', async () => {
    for (const args of [['status'], ['db', 'migrate'], []]) {
      const [short, long] = await Promise.all([mon([...args, '-h']), mon([...args, '--help'])])
      expect(short.code).toBe(0)
      expect(short.stdout).toMatch(/USAGE/)
      expect(short).toEqual(long)
    }
  })

  it('mon -v and mon version print what mon --version prints', async () => {
    const long = await mon(['--version'])
    expect(long.stdout).toMatch(/^mon\/\d+\.\d+\.\d+ /)
    expect(await mon(['-v'])).toEqual(long)
    expect(await mon(['version'])).toEqual(long)
    const json = await mon(['version', '--json'])
    expect(JSON.parse(json.stdout)).toEqual({version: expect.stringMatching(/^\d+\.\d+\.\d+$/), user_agent: long.stdout.trim()})
  })
})
