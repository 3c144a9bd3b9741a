import {describe, expect, it} from 'vitest'

import type {Endpoint} from '../../src/config/model.js'
import {globRegex} from '../../src/import/gatus-conditions.js'
import {goDurationMs} from '../../src/import/gatus-context.js'
import {importGatus} from '../../src/import/gatus.js'
import {convert} from './gatus-support.js'

/** One endpoint with these conditions (and extra keys), converted. */
function withConditions(conditions: string[], extra = ''): {endpoint: Endpoint; notes: string[]} {
  const text = `endpoints:\n  - name: e\n    url: https://example.com/x\n${extra}    conditions:\n${conditions.map((c) => `      - "${c}"\n`).join('')}`
  const {model, notes} = convert(text)
  return {endpoint: model.entities[0]!.endpoints[0]!, notes}
}

describe('mon import gatus: conditions', () => {
  it('[STATUS] == 200, == any(...), == pat(2*) and ranges become check.status; < 300 is mon’s default (any 2xx)', () => {
    expect(withConditions(['[STATUS] == 200']).endpoint.check.status).toEqual([200])
    expect(withConditions(['[STATUS] == any(200, 201)']).endpoint.check.status).toEqual([200, 201])
    expect(withConditions(['[STATUS] < 300']).endpoint.check.status).toBeNull()
    expect(withConditions(['[STATUS] == pat(2*)']).endpoint.check.status).toBeNull()
    expect(withConditions(['[STATUS] >= 200', '[STATUS] <= 204']).endpoint.check.status).toEqual([200, 201, 202, 203, 204])
    expect(withConditions(['[STATUS] == pat(30?)']).endpoint.check.status).toEqual([300, 301, 302, 303, 304, 305, 306, 307, 308, 309])
  })

  it('an endpoint with no [STATUS] condition says that mon accepts 2xx where Gatus accepted any status', () => {
    const {endpoint, notes} = withConditions(['[CONNECTED] == true'])
    expect(endpoint.check.status).toBeNull()
    expect(notes).toEqual(['4: endpoint "e": no [STATUS] condition: Gatus accepted any status, mon accepts any 2xx (set check.status to widen it)'])
  })

  it('[RESPONSE_TIME] < N becomes degraded_after (a warn, noted), unless it is not below the timeout', () => {
    const fast = withConditions(['[STATUS] == 200', '[RESPONSE_TIME] < 300', '[RESPONSE_TIME] < 500'])
    expect(fast.endpoint.check.degraded_after).toBe(300)
    expect(fast.notes).toContain('6: condition "[RESPONSE_TIME] < 300": mapped to degraded_after: 300ms: a slower response is warn in mon (Gatus failed the check), and alerts open on error unless alert.on is warn')
    expect(withConditions(['[STATUS] == 200', '[RESPONSE_TIME] < 2s']).endpoint.check.degraded_after).toBe(2000)
    const slow = withConditions(['[STATUS] == 200', '[RESPONSE_TIME] < 15000'])
    expect(slow.endpoint.check.degraded_after).toBe(1000)
    expect(slow.endpoint.check.timeout).toBe(10_000)
    expect(slow.notes).toEqual(['6: condition "[RESPONSE_TIME] < 15000": dropped: not below the timeout (10s), which already fails a slower response'])
  })

  it('[BODY] conditions become JSON assertions: equals, matches, in, min_items, exists', () => {
    const {endpoint, notes} = withConditions([
      '[STATUS] == 200',
      '[BODY].status == UP',
      '[BODY].data[0].id == 1',
      '[BODY].name == pat(john*)',
      '[BODY].id == any(1, 2)',
      'len([BODY].data) > 0',
      'len([BODY].items) >= 3',
      'has([BODY].errors) == false',
      'has([BODY].users) == true',
    ])
    expect(endpoint.check.json).toEqual([
      {path: 'status', equals: 'UP', severity: 'error'},
      {path: 'data[0].id', equals: 1, severity: 'error'},
      {path: 'name', matches: '^john', severity: 'error'},
      {path: 'id', in: [1, 2], severity: 'error'},
      {path: 'data', min_items: 1, severity: 'error'},
      {path: 'items', min_items: 3, severity: 'error'},
      {path: 'errors', exists: false, severity: 'error'},
      {path: 'users', exists: true, severity: 'error'},
    ])
    expect(notes).toEqual([
      '7: condition "[BODY].data[0].id == 1": mapped to equals: 1, compared as JSON: a number or boolean matches that type only (Gatus compared text)',
      '10: condition "len([BODY].data) > 0": mapped to min_items: 1: mon counts the items of a list (Gatus\'s len also counts the characters of a string)',
      '11: condition "len([BODY].items) >= 3": mapped to min_items: 3: mon counts the items of a list (Gatus\'s len also counts the characters of a string)',
    ])
  })

  it('[CERTIFICATE_EXPIRATION] and [CONNECTED] are dropped (mon’s own TLS warning, a connection is implied); the rest is listed at its line', () => {
    const {endpoint, notes} = withConditions([
      '[STATUS] == 200',
      '[CERTIFICATE_EXPIRATION] > 48h',
      '[CONNECTED] == true',
      '[IP] == 127.0.0.1',
      '[DNS_RCODE] == NOERROR',
      '[DOMAIN_EXPIRATION] > 720h',
      '[BODY] == pat(*<h1>Example</h1>*)',
      '[BODY].name != bob',
      '[BODY].age == [BODY].id',
      '[BODY].n > 3',
      'len([BODY].data) < 5',
      'nonsense',
    ])
    expect(endpoint.check.json).toEqual([])
    expect(notes).toEqual([
      '6: condition "[CERTIFICATE_EXPIRATION] > 48h": dropped: mon warns on its own when a certificate expires in less than 14 days (a fixed threshold; Gatus failed the check under 48h)',
      '8: condition "[IP] == 127.0.0.1": mon has no [IP] check',
      '9: condition "[DNS_RCODE] == NOERROR": mon has no [DNS_RCODE] check',
      '10: condition "[DOMAIN_EXPIRATION] > 720h": mon has no [DOMAIN_EXPIRATION] check',
      '11: condition "[BODY] == pat(*<h1>Example</h1>*)": compares the whole body: mon asserts on the values of a JSON body',
      '12: condition "[BODY].name != bob": mon has no "not equal" assertion',
      '13: condition "[BODY].age == [BODY].id": compares two placeholders: mon compares a value with a constant',
      '14: condition "[BODY].n > 3": mon has no ordering assertion on a body value',
      '15: condition "len([BODY].data) < 5": mon bounds a list length from below only (min_items)',
      '16: condition "nonsense": not a Gatus condition (<left> <operator> <right>, the operator between spaces)',
    ])
  })

  it('a JSONPath mon cannot follow (wildcards, filters) is listed, not guessed', () => {
    const {endpoint, notes} = withConditions(['[STATUS] == 200', '[BODY].data[*].id == 1', 'len([BODY].items[?(@.ok)]) > 0'])
    expect(endpoint.check.json).toEqual([])
    expect(notes).toEqual([
      '6: condition "[BODY].data[*].id == 1": a JSONPath mon cannot follow: mon reads keys and indexes (data[0].id)',
      '7: condition "len([BODY].items[?(@.ok)]) > 0": a JSONPath mon cannot follow: mon reads keys and indexes (data[0].id)',
    ])
  })

  it('pat() is Go’s filepath.Match as an RE2 search', () => {
    expect(globRegex('*cat*')).toBe('cat')
    expect(globRegex('john*')).toBe('^john')
    expect(globRegex('*.example.com')).toBe('\\.example\\.com$')
    expect(globRegex('v?.[0-9]')).toBe('^v.\\.[0-9]$')
    expect(globRegex('a\\*b')).toBe('^a\\*b$')
  })
})

describe('mon import gatus: endpoints and groups', () => {
  it('a group is an entity, ungrouped endpoints go to the entity gatus; ids are made valid and unique', () => {
    const {model} = convert(`endpoints:
  - {name: Front End, group: Core Services, url: "https://a.example.com", conditions: ["[STATUS] == 200"]}
  - {name: front end!, group: Core Services, url: "https://b.example.com", conditions: ["[STATUS] == 200"]}
  - {name: solo, url: "https://c.example.com", conditions: ["[STATUS] == 200"]}
  - {name: 8080, group: 2026, url: "https://d.example.com", conditions: ["[STATUS] == 200"]}
`)
    expect(model.entities.map((e) => [e.id, e.label, e.owner, e.type])).toEqual([
      ['core-services', 'Core Services', 'core-services', 'service'],
      ['gatus', 'Gatus endpoints without a group', 'gatus', 'service'],
      ['2026', '2026', '2026', 'service'],
    ])
    expect(model.entities.flatMap((e) => e.endpoints.map((x) => [x.id, x.kind, x.url]))).toEqual([
      ['core-services:front-end', 'api', 'https://a.example.com'],
      ['core-services:front-end-2', 'api', 'https://b.example.com'],
      ['gatus:solo', 'api', 'https://c.example.com'],
      ['2026:8080', 'api', 'https://d.example.com'],
    ])
  })

  it('interval (Gatus default 60s, below 10s raised), client.timeout (default 10s), method and a POST body map', () => {
    const {model, notes} = convert(`endpoints:
  - name: a
    url: https://example.com/a
    interval: 1m30s
    method: post
    body: '{"ping": true}'
    client: {timeout: 2s, insecure: true}
    conditions: ["[STATUS] == 200"]
  - name: b
    url: https://example.com/b
    interval: 5s
    body: ignored
    graphql: false
    conditions: ["[STATUS] == 200"]
  - name: q
    url: https://example.com/graphql
    method: POST
    graphql: true
    body: "{ users { id } }"
    conditions: ["[STATUS] == 200"]
`)
    const [a, b, q] = model.entities[0]!.endpoints
    expect(a!.check).toMatchObject({interval: 90_000, timeout: 2000, body: {ping: true}})
    expect(a!.method).toBe('POST')
    expect(b!.check).toMatchObject({interval: 10_000, timeout: 10_000})
    expect(b!.check.body).toBeUndefined()
    expect(q!.check.body).toEqual({query: '{ users { id } }'})
    expect(notes).toEqual([
      '7: endpoint "a": client.insecure: mon always verifies certificates (NODE_EXTRA_CA_CERTS adds a CA)',
      '11: endpoint "b": interval: 5s is below mon\'s least interval: raised to 10s',
      "12: endpoint \"b\": body: mon sends a body with POST only (this endpoint's method is GET); left out",
    ])
    expect(goDurationMs('1h30m')).toBe(5_400_000)
    expect(goDurationMs('1.5s')).toBe(1500)
    expect(goDurationMs('5 minutes')).toBeUndefined()
  })

  it('non-HTTP endpoints, other methods, disabled ones and URLs mon cannot store are listed and left out', () => {
    const result = importGatus(`endpoints:
  - {name: ok, url: "https://example.com", conditions: ["[STATUS] == 200"]}
  - {name: t, url: "tcp://db:5432", conditions: ["[CONNECTED] == true"]}
  - {name: u, url: "udp://db:53", conditions: ["[CONNECTED] == true"]}
  - {name: i, url: "icmp://example.org", conditions: ["[CONNECTED] == true"]}
  - {name: d, url: "8.8.8.8", dns: {query-name: example.com, query-type: A}, conditions: ["[DNS_RCODE] == NOERROR"]}
  - {name: s, url: "ssh://example.org:22", ssh: {username: u, password: p}, conditions: ["[CONNECTED] == true"]}
  - {name: st, url: "starttls://smtp.example.com:587", conditions: ["[CONNECTED] == true"]}
  - {name: tl, url: "tls://example.org:443", conditions: ["[CONNECTED] == true"]}
  - {name: g, url: "grpc://example.org:50051", conditions: ["[CONNECTED] == true"]}
  - {name: w, url: "wss://example.org/ws", conditions: ["[CONNECTED] == true"]}
  - {name: p, url: "https://example.com", method: DELETE, conditions: ["[STATUS] == 200"]}
  - {name: off, enabled: false, url: "https://example.com", conditions: ["[STATUS] == 200"]}
  - {name: env, url: "https://\${HOST}/x", conditions: ["[STATUS] == 200"]}
`, 'gatus.yaml')
    expect(result.counts).toEqual({entities: 1, endpoints: 1, notifiers: 0, endpoints_in_gatus: 13})
    expect(result.notes.map((n) => `${n.line}: ${n.what}: ${n.why}`)).toEqual([
      '3: endpoint "t": a TCP endpoint: mon checks HTTP and HTTPS only; not converted',
      '4: endpoint "u": a UDP endpoint: mon checks HTTP and HTTPS only; not converted',
      '5: endpoint "i": an ICMP endpoint: mon checks HTTP and HTTPS only; not converted',
      '6: endpoint "d": a DNS endpoint: mon checks HTTP and HTTPS only; not converted',
      '7: endpoint "s": an SSH endpoint: mon checks HTTP and HTTPS only; not converted',
      '8: endpoint "st": a STARTTLS endpoint: mon checks HTTP and HTTPS only; not converted',
      '9: endpoint "tl": a TLS endpoint: mon checks HTTP and HTTPS only; not converted',
      '10: endpoint "g": a gRPC endpoint: mon checks HTTP and HTTPS only; not converted',
      '11: endpoint "w": a WebSocket endpoint: mon checks HTTP and HTTPS only; not converted',
      '12: endpoint "p": method DELETE: mon sends GET, HEAD or POST; not converted',
      '13: endpoint "off": disabled in Gatus; not converted',
      '14: endpoint "env": its url uses an environment variable: mon stores endpoint URLs as written; not converted',
    ])
  })

  it('YAML merge keys are applied as Gatus’s YAML library does (the mapping’s own keys win)', () => {
    const {model} = convert(`endpoints:
  - &base {name: a, url: "https://example.com/a", interval: 5m, conditions: ["[STATUS] == 200"]}
  - <<: *base
    name: b
    url: https://example.com/b
`)
    expect(model.entities[0]!.endpoints.map((e) => [e.id, e.url, e.check.interval, e.check.status])).toEqual([
      ['gatus:a', 'https://example.com/a', 300_000, [200]],
      ['gatus:b', 'https://example.com/b', 300_000, [200]],
    ])
  })

  it('a top-level maintenance becomes one recurring window over every entity; known keys mon does not map are one line each', () => {
    const {model, notes} = convert(`storage: {type: sqlite, path: /data/data.db}
ui: {header: Example}
maintenance:
  start: "23:00"
  duration: 1h
  timezone: Europe/Amsterdam
  every: [Monday, Thursday]
endpoints:
  - {name: a, group: x, url: "https://example.com", conditions: ["[STATUS] == 200"]}
  - {name: b, url: "https://example.com", conditions: ["[STATUS] == 200"]}
`)
    expect(model.maintenance).toEqual([
      {id: 'gatus-maintenance', entities: ['gatus', 'x'], cron: '0 23 * * 1,4', duration: 3_600_000, timezone: 'Europe/Amsterdam', start: null, end: null, reason: 'Gatus maintenance', source: 'file'},
    ])
    expect(notes).toEqual(['1: storage: mon keeps history in its own database (--db); not converted', "2: ui: Gatus's UI settings have no counterpart; not converted"])
  })
})

describe('mon import gatus: alerting', () => {
  it('keeps environment references, lists what mon’s notifiers cannot do, and maps what the alerts say', () => {
    const {model, notes, variables} = convert(`alerting:
  slack:
    webhook-url: "\${SLACK_URL}"
    title: Gatus
  custom:
    url: "https://hooks.example.com/[ENDPOINT_NAME]"
  pagerduty:
    default-alert: {failure-threshold: 5}
  ntfy:
    topic: ops
    url: https://ntfy.example.com
    priority: 4
endpoints:
  - name: a
    url: https://example.com
    conditions: ["[STATUS] == 200"]
    alerts:
      - {type: slack, send-on-resolved: true, minimum-reminder-interval: 1h}
      - {type: ntfy, send-on-resolved: true, failure-threshold: 4, success-threshold: 1, provider-override: {topic: other}}
      - {type: custom}
      - {type: teams}
      - {type: email}
`)
    expect(model.notifiers).toEqual([
      {id: 'slack', type: 'slack', settings: {url: '${SLACK_URL}'}},
      {id: 'ntfy', type: 'ntfy', settings: {topic: 'ops', url: 'https://ntfy.example.com'}},
    ])
    expect(model.entities[0]!.endpoints[0]!.alert).toEqual({notify: ['slack', 'ntfy'], on: 'error', after: 3, recover_after: 1, remind_every: 3_600_000})
    expect(variables).toEqual([])
    expect(notes).toEqual([
      "4: alerting.slack.title: no counterpart in mon's slack notifier",
      "6: alerting.custom: its url uses Gatus placeholders ([ENDPOINT_NAME]...): mon posts to one fixed URL; not converted",
      "7: alerting.pagerduty: has no integration-key, which mon's notifier needs: not converted",
      "12: alerting.ntfy.priority: no counterpart in mon's ntfy notifier",
      '17: alerts: failure-threshold: 3, 4: mon has one per endpoint; the least, 3, is used',
      '17: alerts: success-threshold: 2, 1: mon has one per endpoint; the least, 1, is used',
      '19: alert of type ntfy: provider-override: mon has one setting per notifier; declare another notifier for it',
      '20: alert of type custom: alerting.custom is not converted (see its line)',
      '21: alert of type teams: no mon notifier for teams',
      '22: alert of type email: alerting has no email (Gatus ignores this alert too)',
    ])
  })
})
