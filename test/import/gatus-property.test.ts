import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {stringify} from 'yaml'

import {formatDiagnostic, parseConfig} from '../../src/config/load.js'
import {importGatus} from '../../src/import/gatus.js'

// Hostile text: white space, punctuation mon's ids refuse, `$` and `[`, letters past ASCII (no control characters: the loader refuses those, and so does the import).
const unit = fc.constantFrom(...Array.from('aZ09 -_.:/@!#$%{}[]()*"\'\\é漢😀'))
const text = fc.oneof(fc.string({unit, maxLength: 12}), fc.string({unit, minLength: 95, maxLength: 210}))
// A few long names in common, so that two endpoints collide once cut to the id limit.
const name = fc.oneof(text, fc.constantFrom('n'.repeat(99), `${'n'.repeat(99)}x`, 'N'.repeat(150), 'a'))
const group = fc.option(fc.oneof(text, fc.constantFrom('g'.repeat(100), 'G'.repeat(120))), {nil: undefined})
const interval = fc.option(fc.oneof(fc.constantFrom('1ns', '0', '0s', '-1s', '1.5s', '5s', '1m30s', '1h', '999999h', '90000000000000h', 'soon'), fc.tuple(fc.nat(), fc.constantFrom('ns', 'ms', 's', 'm', 'h')).map(([n, u]) => `${n}${u}`)), {nil: undefined})
const url = fc
  .tuple(
    fc.oneof({arbitrary: fc.constant('http://'), weight: 4}, fc.constantFrom('https://', 'tcp://', 'ftp://', 'HTTP://')),
    fc.oneof({arbitrary: fc.constant('127.0.0.1:9'), weight: 4}, fc.constantFrom('127.0.0.1 :9', 'u:p@127.0.0.1', '${HOST}', '', '[::1]:9')),
    fc.oneof(fc.string({unit, maxLength: 20}).map((path) => `/${path}`), fc.constantFrom('/a\tb', `/${'p'.repeat(2100)}`, '')),
    fc.constantFrom('', '?q=a b', '?token=abc', '#frag ment'),
  )
  .map((parts) => parts.join(''))
const headers = fc.option(fc.dictionary(fc.oneof(text, fc.constantFrom('X-Ok', 'Bad Name', 'Authorization', '')), fc.oneof(text, fc.constantFrom('a\nb', 'Bearer abc', '$TOKEN'), fc.integer(), fc.boolean())), {nil: undefined})
const body = fc.option(fc.oneof(text, fc.constantFrom('x'.repeat(65_537), '{"password": "hunter2", "n": 1}', 'query { x }')), {nil: undefined})
const endpoint = fc.record(
  {
    name,
    group,
    url,
    interval,
    headers,
    body,
    method: fc.constantFrom('GET', 'POST', 'post', 'HEAD', 'DELETE'),
    client: fc.option(fc.record({timeout: fc.constantFrom('1ns', '0', '1.4ms', '2s', '999999h', 'later')}), {nil: undefined}),
    graphql: fc.boolean(),
    conditions: fc.subarray(['[STATUS] == 200', '[STATUS] == 999', '[RESPONSE_TIME] < 1ns', '[RESPONSE_TIME] < 999999h', '[BODY].status == UP', '[CONNECTED] == true']),
    alerts: fc.subarray([{type: 'custom', 'minimum-reminder-interval': '1s'}, {type: 'email', 'failure-threshold': 5000, 'success-threshold': 1001}, {type: 'slack', 'minimum-reminder-interval': '999999h'}]),
  },
  {requiredKeys: ['name', 'url']},
)
const alerting = fc.record({
  custom: fc.record({url: fc.constantFrom('http://127.0.0.1:9/hook', 'http://127.0.0.1:9/a b'), headers}),
  email: fc.record({from: fc.constant('mon@example.com'), host: fc.constant('mail.example.com'), to: fc.constant('ops@example.com'), port: fc.integer({min: -5, max: 100_000})}),
})

describe('mon import gatus: the output always validates', () => {
  it('whatever the names, groups, intervals, URLs, headers and bodies, what is written loads without an error', () => {
    fc.assert(
      fc.property(fc.array(endpoint, {minLength: 1, maxLength: 4}), alerting, (endpoints, alerts) => {
        const result = importGatus(stringify({alerting: alerts, endpoints}, {lineWidth: 0}), 'gatus.yaml')
        if (result.yaml === null) return
        expect(parseConfig(result.yaml, 'monitors.yaml').errors.map(formatDiagnostic)).toEqual([])
      }),
      {numRuns: 60},
    )
  })
})
