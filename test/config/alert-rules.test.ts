/** The alert rules (SPEC section 7) through the loader: each an error at its line:col, in mon's words. */
import {describe, expect, it} from 'vitest'

import {formatDiagnostic, parseConfig} from '../../src/config/load.js'

const errorsOf = (text: string) => parseConfig(text, 'm.yaml').errors.map(formatDiagnostic)

const entities = `entities:
  - id: api
    type: service
    label: API
    owner: ops
    endpoints:
      - kind: health
        url: http://127.0.0.1:1/health
  - id: db
    type: backend
    label: DB
    owner: ops
`

describe('alert rules', () => {
  it('loads a file that uses every alert key', () => {
    const text = `version: 1
notifiers:
  - id: ops-slack
    type: slack
    url: \${SLACK_WEBHOOK_URL}
  - id: hook
    type: webhook
    url: http://127.0.0.1:9/hook
    headers:
      Authorization: Bearer \${HOOK_TOKEN}
    signing_secret: \${HOOK_SIGNING_SECRET}
  - id: mail
    type: email
    host: 127.0.0.1
    from: mon@example.invalid
    to: [ops@example.invalid]
    password: \${SMTP_PASSWORD}
defaults:
  alert: {notify: [ops-slack], remind_every: 4h}
${entities}    depends_on: [api]
    alert: {notify: [hook], on: warn}
maintenance:
  - id: nightly
    entities: [db]
    cron: "0 3 * * *"
    duration: 30m
    timezone: Europe/Berlin
  - id: move
    entities: [api, db]
    start: 2026-12-05T22:00:00Z
    end: 2026-12-05T23:30:00+01:00
`
    const loaded = parseConfig(text, 'm.yaml')
    expect(loaded.errors.map(formatDiagnostic)).toEqual([])
    expect(loaded.model!.maintenance[1]).toMatchObject({start: '2026-12-05T22:00:00.000Z', end: '2026-12-05T22:30:00.000Z'})
  })

  it('an unknown notifier in notify, with did you mean, wherever alert is', () => {
    const text = `version: 1
notifiers:
  - {id: ops-slack, type: slack, url: "\${SLACK_WEBHOOK_URL}"}
defaults:
  alert: {notify: [ops-slak]}
${entities.replace('health\n', 'health\n        alert:\n          notify: [ops-slack, pager]\n')}`
    expect(errorsOf(text)).toEqual([
      'm.yaml:5:20 defaults.alert.notify[0]: unknown notifier "ops-slak"; did you mean "ops-slack"?',
      'm.yaml:14:31 entities[0].endpoints[0].alert.notify[1]: unknown notifier "pager"',
    ])
  })

  it('depends_on: an unknown id, itself, and a cycle named in order, once', () => {
    const text = `version: 1
entities:
  - {id: a, type: service, label: A, owner: o, depends_on: [b]}
  - {id: b, type: service, label: B, owner: o, depends_on: [c, b]}
  - {id: c, type: service, label: C, owner: o, depends_on: [a, dd]}
  - {id: d, type: service, label: D, owner: o}
`
    expect(errorsOf(text)).toEqual([
      'm.yaml:3:61 entities[0].depends_on[0]: dependency cycle: a → b → c → a',
      'm.yaml:4:64 entities[1].depends_on[1]: entity "b" cannot depend on itself',
      'm.yaml:5:64 entities[2].depends_on[1]: unknown entity "dd"; did you mean "d"?',
    ])
  })

  it('duplicate notifier and maintenance ids name the first place', () => {
    const text = `version: 1
notifiers:
  - {id: n, type: alertmanager, url: "http://127.0.0.1:9093"}
  - {id: n, type: alertmanager, url: "http://127.0.0.1:9094"}
${entities}maintenance:
  - {id: w, entities: [db], start: "2026-12-05T22:00:00Z", end: "2026-12-05T23:00:00Z"}
  - {id: w, entities: [dbb], start: "2026-12-05T22:00:00Z", end: "2026-12-05T23:00:00Z"}
`
    expect(errorsOf(text)).toEqual([
      'm.yaml:4:10 notifiers[1].id: duplicate notifier id "n": already used at m.yaml:3:10 (notifiers[0].id)',
      'm.yaml:19:10 maintenance[1].id: duplicate maintenance window id "w": already used at m.yaml:18:10 (maintenance[0].id)',
      'm.yaml:19:24 maintenance[1].entities[0]: unknown entity "dbb"; did you mean "db"?',
    ])
  })

  it('windows: a bad cron, an unknown zone, cron without duration or with start, start not before end', () => {
    const text = `version: 1
${entities}maintenance:
  - {id: a, entities: [db], cron: "61 3 * * *", duration: 30m}
  - {id: b, entities: [db], cron: "0 3 * *", duration: 30m, timezone: Mars/Olympus}
  - {id: c, entities: [db], cron: "0 3 * * *"}
  - {id: d, entities: [db], cron: "0 3 * * *", duration: 1h, start: "2026-12-05T22:00:00Z"}
  - {id: e, entities: [db], start: "2026-12-05T22:00:00Z", end: "2026-12-05T21:00:00Z"}
  - {id: f, entities: [db]}
`
    expect(errorsOf(text)).toEqual([
      'm.yaml:15:35 maintenance[0].cron: is not a cron expression: Invalid value for minute: 61',
      'm.yaml:16:35 maintenance[1].cron: must have five fields (minute hour day month weekday), got 4',
      'm.yaml:16:71 maintenance[1].timezone: unknown time zone "Mars/Olympus": use an IANA name such as UTC or Europe/Berlin',
      'm.yaml:17:5 maintenance[2]: a recurring window needs "duration" with its cron (e.g. duration: 30m)',
      'm.yaml:18:69 maintenance[3].start: a window is recurring (cron and duration) or fixed (start and end), not both',
      'm.yaml:19:65 maintenance[4].end: must be after start (2026-12-05T22:00:00Z)',
      'm.yaml:20:5 maintenance[5]: a window needs cron and duration (recurring), or start and end (fixed)',
    ])
  })

  it('notifiers: settings of another type, a missing required one, reminders under 10s', () => {
    const text = `version: 1
notifiers:
  - {id: s, type: slack, url: "\${SLACK_WEBHOOK_URL}", topic: alerts}
  - {id: p, type: pagerduty}
defaults:
  alert: {remind_every: 5s}
${entities}`
    expect(errorsOf(text)).toEqual([
      'm.yaml:3:55 notifiers[0].topic: a slack notifier takes no "topic": it is a setting of ntfy (its settings: url)',
      'm.yaml:4:5 notifiers[1]: a pagerduty notifier needs "routing_key"',
      'm.yaml:6:25 defaults.alert.remind_every: must be at least 10s (got 5s)',
    ])
  })

  it('literal secrets are errors: a Slack or Discord URL, a PagerDuty key, a password, token, signing secret, a credential header', () => {
    const text = `version: 1
notifiers:
  - {id: s, type: slack, url: "https://hooks.slack.com/services/T000/B000/XXXX"}
  - {id: d, type: webhook, url: "https://discord.com/api/webhooks/1/abc", headers: {Authorization: "Bearer abc123"}, signing_secret: hunter2}
  - {id: p, type: pagerduty, routing_key: 0123456789abcdef0123456789abcdef}
  - {id: n, type: ntfy, topic: t, token: tk_literal}
  - {id: m, type: email, host: h, from: f, to: [t], password: "pass", username: "\${MON_DB_USER}"}
${entities}`
    expect(errorsOf(text)).toEqual([
      'm.yaml:3:31 notifiers[0].url: is a literal webhook URL, which is a secret in itself: write it as ${VAR} (e.g. "${SLACK_WEBHOOK_URL}")',
      'm.yaml:4:33 notifiers[1].url: is a literal webhook URL, which is a secret in itself: write it as ${VAR} (e.g. "${SLACK_WEBHOOK_URL}")',
      'm.yaml:4:100 notifiers[1].headers.Authorization: holds a literal credential: write it as ${VAR} (e.g. "Bearer ${HOOK_TOKEN}") so it stays out of the file and the database',
      'm.yaml:4:134 notifiers[1].signing_secret: holds a literal secret: write it as one ${VAR} (e.g. "${SIGNING_SECRET}") so it stays out of the file and the database',
      'm.yaml:5:43 notifiers[2].routing_key: holds a literal PagerDuty routing key: write it as one ${VAR} (e.g. "${PAGERDUTY_ROUTING_KEY}") so it stays out of the file and the database',
      'm.yaml:6:42 notifiers[3].token: holds a literal secret: write it as one ${VAR} (e.g. "${TOKEN}") so it stays out of the file and the database',
      'm.yaml:7:63 notifiers[4].password: holds a literal secret: write it as one ${VAR} (e.g. "${PASSWORD}") so it stays out of the file and the database',
      'm.yaml:7:81 notifiers[4].username: ${MON_DB_USER} is one of mon\'s own variables (MON_*, PG*, DATABASE_URL), which hold the database URL and its password: a notifier must not send it; use a variable of your own',
    ])
  })

  it('literal secrets dressed up are errors too: a port, a trailing dot, a reference in the fragment, another API version, a partly literal password, a secret-named header', () => {
    const text = `version: 1
notifiers:
  - {id: a, type: slack, url: "https://hooks.slack.com:443/services/T0/B0/XX"}
  - {id: b, type: slack, url: "https://hooks.slack.com./services/T0/B0/XX"}
  - {id: c, type: slack, url: "https://hooks.slack.com/services/T0/B0/XX#\${HOME}"}
  - {id: d, type: webhook, url: "https://discord.com/api/v10/webhooks/1/abc"}
  - {id: e, type: slack, url: "https://hooks.slack.com/workflows/T0/A0/1/XX"}
  - {id: f, type: email, host: h, from: f, to: [t], password: "hunter2\${SUFFIX}"}
  - {id: g, type: webhook, url: "\${HOOK_URL}", headers: {X-Secret: "s3cr3t-value"}}
${entities}`
    const errors = errorsOf(text)
    for (const n of [0, 1, 2, 3, 4]) expect(errors.some((e) => e.includes(`notifiers[${n}].url: is a literal webhook URL`)), String(n)).toBe(true)
    expect(errors).toContain('m.yaml:8:63 notifiers[5].password: holds a secret that is partly literal: write it as one ${VAR} (e.g. "${PASSWORD}") so it stays out of the file and the database')
    expect(errors.some((e) => e.includes('notifiers[6].headers.X-Secret: holds a literal credential'))).toBe(true)
  })

  it('an email notifier with a password and tls: none is an error (the password would cross in clear)', () => {
    const text = `version: 1
notifiers:
  - {id: m, type: email, host: h, from: f, to: [t], username: u, password: "\${SMTP_PASSWORD}", tls: none}
  - {id: n, type: email, host: h, from: f, to: [t], tls: none}
${entities}`
    expect(errorsOf(text)).toEqual(['m.yaml:3:101 notifiers[0].tls: tls: none would send the password in clear text: use starttls (the default) or tls'])
  })

  it('a cron that never starts is an error; a fixed window of months is a warning', () => {
    const text = `version: 1
maintenance:
  - {id: never, entities: [db], cron: "0 0 31 2 *", duration: 1h}
  - {id: leap, entities: [db], cron: "0 0 29 2 *", duration: 1h}
  - {id: forever, entities: [db], start: "1970-01-01T00:00:00Z", end: "9999-01-01T00:00:00Z"}
${entities}`
    const result = parseConfig(text, 'm.yaml')
    expect(result.errors.map(formatDiagnostic)).toEqual(['m.yaml:3:39 maintenance[0].cron: never starts: no date matches it (e.g. 30 or 31 February)'])
    expect(result.warnings.map(formatDiagnostic)).toEqual([expect.stringMatching(/^m\.yaml:5:\d+ maintenance\[2\]\.end: holds alerts and leaves snapshots out of uptime for \d+d: is that maintenance\?$/)])
  })

  it("a window's reason is at most 500 characters", () => {
    const text = `version: 1
maintenance:
  - {id: w, entities: [db], cron: "0 3 * * *", duration: 1h, reason: "${'r'.repeat(501)}"}
${entities}`
    expect(errorsOf(text)).toEqual(['m.yaml:3:70 maintenance[0].reason: must be at most 500 characters (got 501)'])
  })

  it('a literal notifier URL is http(s) without credentials; a ${VAR} one is taken as written', () => {
    const text = `version: 1
notifiers:
  - {id: a, type: alertmanager, url: "ftp://127.0.0.1/"}
  - {id: b, type: webhook, url: "http://user:pw@127.0.0.1/"}
  - {id: c, type: webhook, url: "\${HOOK_URL}"}
${entities}`
    expect(errorsOf(text)).toEqual([
      'm.yaml:3:38 notifiers[0].url: must be an http: or https: URL (got ftp:)',
      'm.yaml:4:33 notifiers[1].url: must not contain credentials (user:password@); write the URL as ${VAR}',
    ])
  })
})
