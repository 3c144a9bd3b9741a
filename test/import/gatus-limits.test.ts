import {describe, expect, it} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import {ID_MAX_LENGTH} from '../../src/config/model.js'
import {importGatus} from '../../src/import/gatus.js'
import {convert} from './gatus-support.js'

/** Hostile values a Gatus config may hold, each clamped, dropped with a note, or made valid: the output always validates. */
describe('mon import gatus: values past mon’s limits', () => {
  it('ids of long names stay within 200 characters, unique, with room left for the -2 suffix', () => {
    const group = 'g'.repeat(100)
    const name = 'n'.repeat(99)
    const {model} = convert(`endpoints:
  - {name: "${name}", group: "${group}", url: "http://127.0.0.1:9/a", conditions: ["[STATUS] == 200"]}
  - {name: "${name}", group: "${group}", url: "http://127.0.0.1:9/b", conditions: ["[STATUS] == 200"]}
  - {name: "${name}x", group: "${group}", url: "http://127.0.0.1:9/c", conditions: ["[STATUS] == 200"]}
`)
    const ids = model.entities[0]!.endpoints.map((e) => e.id)
    expect(ids).toEqual([`${group}:${name}`, `${group}:${name.slice(0, 97)}-2`, `${group}:${name.slice(0, 97)}-3`])
    expect(Math.max(...ids.map((id) => id.length))).toBe(ID_MAX_LENGTH)
  })

  it('an interval above mon’s longest is lowered to 36500d, and 1ns (a Go duration that rounds to 0 ms) is raised to 10s', () => {
    const {model, notes} = convert(`endpoints:
  - {name: a, url: "http://127.0.0.1:9/a", interval: 999999h, conditions: ["[STATUS] == 200"]}
  - {name: b, url: "http://127.0.0.1:9/b", interval: 1ns, conditions: ["[STATUS] == 200"]}
  - {name: c, url: "http://127.0.0.1:9/c", interval: 0s, conditions: ["[STATUS] == 200"]}
`)
    expect(model.entities[0]!.endpoints.map((e) => e.check.interval)).toEqual([36_500 * 86_400_000, 10_000, 60_000])
    expect(notes).toEqual([
      '2: endpoint "a": interval: 999999h is above mon\'s longest interval: lowered to 36500d',
      '3: endpoint "b": interval: 1ns is below mon\'s least interval: raised to 10s',
      '4: endpoint "c": interval: 0s: Gatus\'s default, 1m, is used',
    ])
  })

  it('a client.timeout of 1ns is raised to 1ms, mon’s least (a warning only: the built-in degraded_after, 1s, is not below it)', () => {
    const result = importGatus('endpoints:\n  - {name: a, url: "http://127.0.0.1:9/a", client: {timeout: 1ns}, conditions: ["[STATUS] == 200"]}\n', 'gatus.yaml')
    const loaded = parseConfig(result.yaml!, 'monitors.yaml')
    expect(loaded.errors).toEqual([])
    expect(loaded.model!.entities[0]!.endpoints[0]!.check.timeout).toBe(1)
    expect(result.notes.map((n) => `${n.line}: ${n.what}: ${n.why}`)).toEqual(['2: endpoint "a": client.timeout: 1ns is below mon\'s least timeout: 1ms is used'])
  })

  it('spaces in a URL’s path and query are written as %20; white space mon cannot write so, a URL over 2048 characters or holding ${ leaves the endpoint out', () => {
    const {model, notes} = convert(`endpoints:
  - {name: a, url: "http://127.0.0.1:9/a b?q=x y", conditions: ["[STATUS] == 200"]}
  - {name: b, url: "http://127.0.0.1 :9/b", conditions: ["[STATUS] == 200"]}
  - {name: c, url: "http://127.0.0.1:9/c\\td", conditions: ["[STATUS] == 200"]}
  - {name: d, url: "http://127.0.0.1:9/${'d'.repeat(2048)}", conditions: ["[STATUS] == 200"]}
  - {name: e, url: "http://127.0.0.1:9/\${x", conditions: ["[STATUS] == 200"]}
`)
    expect(model.entities[0]!.endpoints.map((e) => e.url)).toEqual(['http://127.0.0.1:9/a%20b?q=x%20y'])
    expect(notes).toEqual([
      '2: endpoint "a": url: its spaces are written as %20, as Gatus\'s client sends them',
      '3: endpoint "b": its url holds white space in its host, or other than spaces (mon stores URLs without any); not converted',
      '4: endpoint "c": its url holds white space in its host, or other than spaces (mon stores URLs without any); not converted',
      '5: endpoint "d": its url is over 2048 characters, mon\'s longest; not converted',
      '6: endpoint "e": its url holds ${, which mon refuses in a URL (it resolves ${VAR} in headers only); not converted',
    ])
  })

  it('a body over 65536 characters is left out with a note; one of 65536 is kept', () => {
    const {model, notes} = convert(`endpoints:
  - {name: a, url: "http://127.0.0.1:9/a", method: POST, body: "${'x'.repeat(65_537)}", conditions: ["[STATUS] == 200"]}
  - {name: b, url: "http://127.0.0.1:9/b", method: POST, body: "${'y'.repeat(65_536)}", conditions: ["[STATUS] == 200"]}
`)
    const [a, b] = model.entities[0]!.endpoints
    expect(a!.check.body).toBeUndefined()
    expect(b!.check.body).toBe('y'.repeat(65_536))
    expect(notes).toEqual(['2: endpoint "a": body: over 65536 characters, mon\'s longest; left out'])
  })

  it('a webhook header mon cannot send and an email port past 65535 are dropped with a note; the notifiers are kept', () => {
    const {model, notes} = convert(`alerting:
  custom:
    url: "http://127.0.0.1:9/hook"
    headers: {"Bad Name": x, X-Ok: y, X-Broken: "a\\nb"}
  email: {from: "mon@example.com", host: mail.example.com, port: 99999, to: "ops@example.com"}
endpoints:
  - {name: a, url: "http://127.0.0.1:9/a", alerts: [{type: custom, send-on-resolved: true}, {type: email, send-on-resolved: true}], conditions: ["[STATUS] == 200"]}
`)
    expect(model.notifiers.map((n) => [n.id, n.settings])).toEqual([
      ['custom', {url: 'http://127.0.0.1:9/hook', headers: {'X-Ok': 'y'}}],
      ['email', {host: 'mail.example.com', from: 'mon@example.com', to: ['ops@example.com']}],
    ])
    expect(notes).toEqual([
      '4: alerting.custom.headers.Bad Name: not an HTTP header name; not converted',
      '4: alerting.custom.headers.X-Broken: its value holds a line break; not converted',
      '5: alerting.email.port: 99999 is not a TCP port (1 to 65535): mon\'s default, 587, is used',
    ])
  })

  it('alert thresholds past 1000 and reminders outside 10s..36500d take mon’s bound; a header holding a ${ that is no reference is dropped', () => {
    const {model, notes} = convert(`alerting:
  custom: {url: "http://127.0.0.1:9/hook"}
endpoints:
  - name: a
    url: "http://127.0.0.1:9/a"
    headers: {X-Odd: "a\${b%c", X-Ok: "\${TOKEN}"}
    alerts: [{type: custom, failure-threshold: 5000, success-threshold: 1001, minimum-reminder-interval: 1s, send-on-resolved: true}]
    conditions: ["[STATUS] == 200"]
`)
    const endpoint = model.entities[0]!.endpoints[0]!
    expect(endpoint.alert).toMatchObject({after: 1000, recover_after: 1000, remind_every: 10_000})
    expect(endpoint.check.headers).toEqual({'X-Ok': '${TOKEN}'})
    expect(notes).toEqual([
      '6: endpoint "a": header "X-Odd": its value holds a ${ that is no ${NAME} reference, which mon cannot send as written; not converted',
      "7: alerts: minimum-reminder-interval: 1s is below mon's least: 10s is used",
      "7: alerts: failure-threshold: 5000 is above mon's most: 1000 is used",
      "7: alerts: success-threshold: 1001 is above mon's most: 1000 is used",
    ])
  })
})
