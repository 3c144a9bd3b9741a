import {afterAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'

// In an empty directory: should a value ever get through, nothing lands in the repository.
const {dir: cwd, cleanup} = tempDir()
afterAll(cleanup)

const DURATION = '(use e.g. 250ms, 5s, 2m, 1h, 14d)'

// Each typed flag (duration, byte size, shard) fails while oclif parses it: one line in mon's wording, before any database is opened.
describe('a bad typed flag value is a usage error: one line naming the flag, exit 1 (3 for check)', () => {
  it.each([
    [['status', '--since', 'yesterday'], 1, `--since: "yesterday" is not a duration ${DURATION}`],
    [['status', '--stale-after', '0s'], 1, '--stale-after: must be longer than 0 (e.g. 30m, 24h, 7d)'],
    [['history', 'x', '--since', '1000000d'], 1, '--since: at most 36500d'],
    [['prune', '--older-than', '30 days'], 1, `--older-than: "30 days" is not a duration ${DURATION}`],
    [['report', '--out', 'r.html', '--stale-after', 'never'], 1, `--stale-after: "never" is not a duration ${DURATION}`],
    [['apply', '--lock-timeout', 'soon'], 1, `--lock-timeout: "soon" is not a duration ${DURATION}`],
    [['init', '--lock-timeout', '-1s'], 1, `--lock-timeout: "-1s" is not a duration ${DURATION}`],
    [['db', 'migrate', '--lock-timeout', '5 s'], 1, `--lock-timeout: "5 s" is not a duration ${DURATION}`],
    [['db', 'rollback', '--lock-timeout', 'x'], 1, `--lock-timeout: "x" is not a duration ${DURATION}`],
    [['check', '--max-payload', 'lots'], 3, '--max-payload: "lots" is not a size (use bytes, or e.g. 16KiB, 1MiB)'],
    [['check', '--max-payload', '0'], 3, '--max-payload must be between 1 byte and 64MiB'],
    [['check', '--max-body', '1GiB'], 3, '--max-body must be between 1 byte and 256MiB'],
    [['check', '--shard', '4/3'], 3, '--shard must be K/N with 1 <= K <= N, e.g. 1/3 (got "4/3")'],
  ])('mon %j', async (args, code, message) => {
    const r = await mon(args, {cwd})
    expect(r.code).toBe(code)
    expect(r.stderr).toBe(`Error: ${message}\n`)
    expect(r.stdout).toBe('')
  })

  it('is JSON on stdout with --json, and a Nagios UNKNOWN line with --format nagios', async () => {
    const json = await mon(['check', '--shard', '0/3', '--json'], {cwd})
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout)).toEqual({error: {message: '--shard must be K/N with 1 <= K <= N, e.g. 1/3 (got "0/3")', exit_code: 3}})
    const nagios = await mon(['check', '--format=nagios', '--max-body', 'lots'], {cwd})
    expect(nagios.code).toBe(3)
    expect(nagios.stdout).toBe('MON UNKNOWN - --max-body: "lots" is not a size (use bytes, or e.g. 16KiB, 1MiB)\n')
  })
})
