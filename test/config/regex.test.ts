/**
 * `matches` is RE2 syntax, run in linear time: a catastrophic pattern against
 * a hostile body ends like any other failed assertion, and a construct RE2
 * cannot run is a validation error at its line that names it.
 */
import http from 'node:http'
import type {AddressInfo} from 'node:net'

import {describe, expect, it, vi} from 'vitest'

import {formatDiagnostic, parseConfig} from '../../src/config/load.js'
import {evaluateAssertion} from '../../src/check/assertions.js'
import {monProcess, tempDir} from '../support/cli.js'
import {check, endpoint, entity, expectOk, model, monAt, writeConfig} from '../cli/plan-support.js'

vi.setConfig({testTimeout: 120_000})

const withMatches = (pattern: string) => `version: 1
entities:
  - id: api
    type: service
    label: API
    owner: web
    endpoints:
      - kind: api
        url: http://127.0.0.1:9/v
        check:
          json:
            - path: version
              matches: '${pattern}'
`

const errors = (pattern: string) => parseConfig(withMatches(pattern), 'm.yaml').errors.map(formatDiagnostic)

describe('matches in RE2 syntax', () => {
  it.each([
    ['(?=x)', 'a lookahead (?=...)'],
    ['a(?!b)', 'a negative lookahead (?!...)'],
    ['(?<=a)b', 'a lookbehind (?<=...)'],
    ['(?<!a)b', 'a negative lookbehind (?<!...)'],
    ['(a)\\1', 'a backreference \\1'],
    ['(?<n>a)\\k<n>', 'a named backreference \\k<...>'],
  ])('refuses %s at its line, naming the construct', (pattern, construct) => {
    expect(errors(pattern)).toEqual([`m.yaml:13:24 entities[0].endpoints[0].check.json[0].matches: uses ${construct}, which RE2 syntax does not have: matches runs in linear time, without lookarounds or backreferences`])
  })

  it('reads escapes and character classes as RE2 does: \\(?= and [(?=] are literals, not lookaheads', () => {
    expect(errors('\\(?=')).toEqual([])
    expect(errors('[(?=]x')).toEqual([])
    expect(errors('[\\]]\\\\1')).toEqual([])
  })

  it('says why another pattern does not compile', () => {
    expect(errors('^v(1|2')).toEqual(['m.yaml:13:24 entities[0].endpoints[0].check.json[0].matches: is not a valid RE2 regular expression: missing closing ): `^v(1|2`'])
    expect(errors('a{1001}')).toEqual([expect.stringContaining('is not a valid RE2 regular expression: invalid repeat count')])
  })

  it('evaluates RE2 syntax: unanchored search, classes, named groups', () => {
    const body = {version: 'v2.10.0'}
    expect(evaluateAssertion(body, {path: 'version', matches: '^v[0-9]+\\.', severity: 'error'}).ok).toBe(true)
    expect(evaluateAssertion(body, {path: 'version', matches: '(?P<major>\\d+)\\.10', severity: 'error'}).ok).toBe(true)
    expect(evaluateAssertion(body, {path: 'version', matches: '^2', severity: 'error'}).ok).toBe(false)
  })

  it('ends a check of ^(a+)+$ against a long "aaaa…!" like any failed assertion, in a real process', async () => {
    // A backtracking engine would take 2^n steps here and block the event loop: no timeout, no SIGTERM.
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({version: `${'a'.repeat(50_000)}!`}))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {dir, cleanup} = tempDir('mon-re2-')
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v`
      writeConfig(dir, model(entity('a', {endpoints: [endpoint('a', 'api', {url, check: check({timeout: 2000, json: [{path: 'version', matches: '^(a+)+$', severity: 'error'}]})})]})))
      const db = `${dir}/monitor.db`
      expectOk(await monAt(dir, db, ['apply']))
      const result = await monProcess(['check', '--db', db], {cwd: dir, timeoutMs: 30_000})
      expect(result.signal).toBeUndefined()
      expect(result.code).toBe(2)
      expect(result.stdout).toMatch(/a:api .*does not match \/\^\(a\+\)\+\$\//)
    } finally {
      cleanup()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
