import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, describe, expect, it, vi} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import type {MonitorsModel} from '../../src/config/model.js'
import type {Engine} from '../../src/store/driver.js'
import {mon, ROOT, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {expectOk, monAt, workspace} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

const FIXTURES = path.join(ROOT, 'test/fixtures/gatus')
const fixture = (name: string) => path.join('test/fixtures/gatus', `${name}.yaml`)

/** Runs the import of a fixture and loads what it wrote on stdout, which must validate with no warning. */
async function imported(name: string): Promise<{model: MonitorsModel; stderr: string; stdout: string}> {
  const result = expectOk(await mon(['import', 'gatus', fixture(name)]))
  const loaded = parseConfig(result.stdout, 'monitors.yaml')
  expect([...loaded.errors, ...loaded.warnings]).toEqual([])
  return {model: loaded.model!, stderr: result.stderr, stdout: result.stdout}
}

const endpointIds = (model: MonitorsModel) => model.entities.flatMap((e) => e.endpoints.map((x) => x.id))

describe('mon import gatus: the Gatus repository’s own configs', () => {
  // What each real config maps to: its HTTP(S) endpoints, each in its group's entity; the rest is a line on stderr.
  const CASES: Array<[string, string[], string[]]> = [
    ['docker-compose', ['gatus:example'], []],
    ['grafana-prometheus', ['gatus:website', 'gatus:example', 'gatus:github', 'gatus:check-domain-expiration'], []],
    ['mattermost', ['gatus:example'], []],
    ['mtls', ['gatus:example'], []],
    ['multiple-backend', ['backend:check-if-api-is-healthy', 'gatus:check-domain-expiration'], []],
    ['multiple-frontend', ['frontend:make-sure-html-rendering-works'], []],
    ['postgres-storage', ['core:back-end', 'internal:monitoring', 'internal:nas'], []],
    ['sqlite-storage', ['core:back-end', 'internal:monitoring', 'internal:nas'], []],
    ['root-config', ['core:front-end', 'core:back-end', 'internal:monitoring', 'internal:nas', 'gatus:check-domain-expiration'], []],
    ['readme-email', ['gatus:website', 'core:back-end'], ['email']],
    ['readme-ntfy', ['gatus:website', 'other:other-example'], ['ntfy']],
    ['readme-pagerduty', ['gatus:website', 'core:back-end'], ['pagerduty']],
    ['readme-slack', ['gatus:website'], ['slack']],
    ['readme-custom', ['gatus:website'], ['custom']],
    ['readme-default-alerts', ['gatus:endpoint-1', 'gatus:endpoint-2'], ['slack', 'pagerduty']],
    ['readme-endpoint-maintenance', ['gatus:endpoint-1'], []],
    ['conditions', ['api-gateway:status-and-latency', 'api-gateway:status-range', 'api-gateway:status-any', 'api-gateway:status-pattern', 'api-gateway:body'], []],
    ['secrets', ['backend:private-api', 'backend:same-token'], ['slack', 'pagerduty', 'ntfy', 'email', 'custom']],
  ]

  it.each(CASES)('%s converts, validates and maps its endpoints and notifiers', async (name, endpoints, notifiers) => {
    const {model} = await imported(name)
    expect(endpointIds(model)).toEqual(endpoints)
    expect(model.notifiers.map((n) => n.id)).toEqual(notifiers)
  })

  it('lists what it could not convert on stderr, one line each at its Gatus line', async () => {
    const {stderr} = await imported('postgres-storage')
    expect(stderr).toBe(
      [
        'test/fixtures/gatus/postgres-storage.yaml:1: storage: mon keeps history in its own database (--db); not converted',
        'test/fixtures/gatus/postgres-storage.yaml:12: condition "[CERTIFICATE_EXPIRATION] > 48h": dropped: mon warns on its own when a certificate expires in less than 14 days (a fixed threshold; Gatus failed the check under 48h)',
        'test/fixtures/gatus/postgres-storage.yaml:28: endpoint "example-dns-query": a DNS endpoint: mon checks HTTP and HTTPS only; not converted',
        'test/fixtures/gatus/postgres-storage.yaml:39: endpoint "icmp-ping": an ICMP endpoint: mon checks HTTP and HTTPS only; not converted',
        'Converted 2 entities, 3 endpoints, 0 notifiers from 5 Gatus endpoints.',
        '',
      ].join('\n'),
    )
    const mattermost = await imported('mattermost')
    expect(mattermost.stderr).toContain('mattermost.yaml:2: alerting.mattermost: mon has no mattermost notifier (it has webhook, slack, ntfy, pagerduty, email, alertmanager); its alerts are not converted\n')
  })

  it('maps intervals, the Gatus timeout, status, degraded_after and JSON assertions', async () => {
    const {model} = await imported('multiple-backend')
    const [health, domain] = model.entities.flatMap((e) => e.endpoints)
    expect(health!.check).toMatchObject({status: [200], interval: 300_000, timeout: 10_000, degraded_after: 1000, json: [{path: 'status', equals: 'UP', severity: 'error'}]})
    expect(domain!.check).toMatchObject({status: null, interval: 21_600_000})
  })

  it('maps alerts: notify, failure-threshold as after (Gatus default 3), success-threshold as recover_after (default 2), default-alert merged', async () => {
    const slack = (await imported('readme-slack')).model.entities[0]!.endpoints[0]!
    expect(slack.alert).toMatchObject({notify: ['slack'], after: 3, recover_after: 2})
    const custom = (await imported('readme-custom')).model.entities[0]!.endpoints[0]!
    expect(custom.alert).toMatchObject({notify: ['custom'], after: 10, recover_after: 3})
    const both = await imported('readme-default-alerts')
    expect(both.model.entities[0]!.endpoints[0]!.alert).toMatchObject({notify: ['slack', 'pagerduty'], after: 3, recover_after: 2})
    expect(both.stderr).toContain('readme-default-alerts.yaml:16: alerts: failure-threshold: 3, 5: mon has one per endpoint; the least, 3, is used\n')
    expect(both.stderr).toContain('readme-default-alerts.yaml:17: alert of type slack: send-on-resolved is false: mon always tells slack when the alert resolves\n')
    const secrets = await imported('secrets')
    // slack's default-alert (4, 3) merged; pagerduty says 2; the disabled ntfy alert and discord are left out.
    expect(secrets.model.entities[0]!.endpoints[0]!.alert).toMatchObject({notify: ['slack', 'pagerduty', 'email', 'custom'], after: 2, recover_after: 2, remind_every: 1_800_000})
    expect(secrets.model.notifiers.find((n) => n.id === 'email')!.settings).toEqual({
      host: 'smtp.example.com',
      from: 'gatus@example.com',
      to: ['ops@example.com', 'oncall@example.com'],
      port: 465,
      tls: 'tls',
      username: 'gatus',
      password: '${GATUS_EMAIL_PASSWORD}',
    })
  })

  it('reads standard input with -', async () => {
    const result = expectOk(await mon(['import', 'gatus', '-'], {input: readFileSync(path.join(FIXTURES, 'docker-compose.yaml'), 'utf8')}))
    expect(parseConfig(result.stdout, 'monitors.yaml').model!.entities[0]!.endpoints[0]!.url).toBe('https://example.org')
  })
})

describe('mon import gatus: secrets', () => {
  // Every literal secret of the fixtures: none may reach stdout, stderr or the file.
  const LEAKS = [/LeakSecret/, /LEAK/, /hunter2/, /faketoken/, /\*{10}/]

  it.each(['secrets', 'readme-email', 'readme-ntfy', 'readme-pagerduty', 'readme-slack', 'readme-custom', 'readme-default-alerts'])('%s: no literal secret in the output, stdout or stderr; placeholders named', async (name) => {
    const {dir, cleanup} = tempDir('mon-gatus-')
    try {
      const out = path.join(dir, 'monitors.yaml')
      const result = expectOk(await mon(['import', 'gatus', fixture(name), '--out', out]))
      const json = expectOk(await mon(['import', 'gatus', fixture(name), '--json']))
      for (const text of [result.stdout, result.stderr, readFileSync(out, 'utf8'), json.stdout, json.stderr]) for (const leak of LEAKS) expect(text).not.toMatch(leak)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^Set (GATUS_[A-Z0-9_]+(, )?)+ where mon check runs/m)
    } finally {
      cleanup()
    }
  })

  it('names each placeholder at the secret’s line; one value, one variable; mon’s own variables renamed', async () => {
    const {stderr, stdout} = await imported('secrets')
    expect(stderr).toContain('secrets.yaml:5: alerting.slack.webhook-url: a secret: written as ${GATUS_SLACK_WEBHOOK_URL}; set GATUS_SLACK_WEBHOOK_URL where mon check runs\n')
    expect(stderr).toContain('secrets.yaml:37: endpoint "private-api": header Authorization: a secret: written as ${GATUS_AUTHORIZATION_2}; set GATUS_AUTHORIZATION_2 where mon check runs\n')
    expect(stderr).toContain('secrets.yaml:41: endpoint "private-api": header X-Db: ${PGPASSWORD} is one of mon\'s own variables (MON_*, PG*, DATABASE_URL), never sent: written as ${GATUS_PGPASSWORD}\n')
    expect(stderr).toContain('secrets.yaml:65: endpoint "token-in-url": its url carries a credential in its query, and mon stores and shows URLs as written; not converted\n')
    // Both endpoints send the same token: one variable, which export-style output writes once under defaults.
    expect(stdout.match(/GATUS_AUTHORIZATION_2/g)).toHaveLength(1)
    expect(stdout).toContain('X-Env-Token: ${API_TOKEN}')
    expect(stdout).toContain('Ocp-Apim-Subscription-Key: ${GATUS_OCP_APIM_SUBSCRIPTION_KEY}')
    expect(stdout).toContain('client_secret: ${GATUS_CLIENT_SECRET}')
  })
})

describe('mon import gatus: --out', () => {
  const {dir, cleanup} = tempDir('mon-gatus-out-')
  afterAll(cleanup)

  it('writes the file, refuses to replace one without --force, and gives the data with --json', async () => {
    const out = path.join(dir, 'monitors.yaml')
    const first = expectOk(await mon(['import', 'gatus', fixture('root-config'), '--out', out]))
    expect(first.stdout).toBe('')
    expect(first.stderr).toMatch(/\nWrote .*monitors\.yaml: 3 entities, 5 endpoints, 0 notifiers from 7 Gatus endpoints\.\n$/)
    expect(parseConfig(readFileSync(out, 'utf8'), out).errors).toEqual([])
    writeFileSync(out, 'hand-written\n')
    const refused = await mon(['import', 'gatus', fixture('root-config'), '--out', out])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(`Error: ${out} exists: mon import gatus writes a new file; pass --force to replace it, or --out another path\n`)
    expect(readFileSync(out, 'utf8')).toBe('hand-written\n')
    const forced = expectOk(await mon(['import', 'gatus', fixture('root-config'), '--out', out, '--force', '--json']))
    const data = JSON.parse(forced.stdout)
    expect(data).toMatchObject({out, counts: {entities: 3, endpoints: 5, notifiers: 0, endpoints_in_gatus: 7}, variables: []})
    expect(data.notes[0]).toEqual({line: 9, what: 'condition "[RESPONSE_TIME] < 150"', why: expect.stringMatching(/^mapped to degraded_after: 150ms/)})
    expect(readFileSync(out, 'utf8')).toBe(data.yaml)
  })
})

describe('mon import gatus: what it refuses (exit 1, one clear message, nothing written)', () => {
  const {dir, cleanup} = tempDir('mon-gatus-bad-')
  afterAll(cleanup)
  const write = (name: string, text: string | Buffer) => {
    writeFileSync(path.join(dir, name), text)
    return name
  }

  const CASES: Array<[string, string, string]> = [
    ['an empty file', write('empty.yaml', '# nothing\n'), 'empty.yaml is empty: expected a Gatus config, a mapping with endpoints'],
    ['a list', write('list.yaml', '- name: x\n'), 'list.yaml is not a Gatus config: expected a mapping with endpoints (got a list)'],
    ['unknown top-level keys', write('unknown.yaml', 'endpoint:\n  - name: x\nmetrics: true\nfoo: 1\n'), 'unknown.yaml:1:1: unknown top-level key "endpoint": not a Gatus key (Gatus ignores it, mon refuses to guess what it holds); did you mean "endpoints"?\nunknown.yaml:4:1: unknown top-level key "foo": not a Gatus key (Gatus ignores it, mon refuses to guess what it holds)'],
    ['a YAML error', write('broken.yaml', 'endpoints:\n  - name: [x\n'), 'broken.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['no endpoints', fixture('multiple-global'), 'test/fixtures/gatus/multiple-global.yaml has no endpoints: nothing to convert'],
    ['a missing file', 'nope.yaml', 'cannot read nope.yaml: no such file'],
    ['a control character', write('bell.yaml', 'endpoints:\n  - name: "a\\x07"\n'), 'bell.yaml:2:11 endpoints[0].name: contains the control character U+0007 (BEL); only tab and newline are allowed in text'],
    ['bytes that are not UTF-8', write('latin1.yaml', Buffer.concat([Buffer.from('endpoints:\n  - name: caf'), Buffer.from([0xe9, 0x0a])])), 'latin1.yaml:2:14: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8'],
  ]

  it.each(CASES)('%s', async (_what, file, message) => {
    const cwd = file.startsWith('test/') ? ROOT : dir
    const result = await mon(['import', 'gatus', file, '--out', path.join(dir, 'out.yaml')], {cwd})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(`Error: ${message}\n`)
    expect(existsSync(path.join(dir, 'out.yaml'))).toBe(false)
  })

  it('a Kubernetes manifest: says how to extract the config', async () => {
    const result = await mon(['import', 'gatus', fixture('kubernetes')])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`Error: test/fixtures/gatus/kubernetes.yaml is a Kubernetes ConfigMap, not a Gatus config: extract data["config.yaml"] (kubectl get configmap gatus -o jsonpath='{.data.config\\.yaml}' > gatus.yaml)\n`)
  })

  it('nothing convertible: the lines, then the error', async () => {
    write('tcp.yaml', 'endpoints:\n  - name: db\n    url: tcp://db:5432\n    conditions: ["[CONNECTED] == true"]\n')
    const result = await mon(['import', 'gatus', 'tcp.yaml'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'tcp.yaml:3: endpoint "db": a TCP endpoint: mon checks HTTP and HTTPS only; not converted\nError: nothing in tcp.yaml could be converted: its one endpoint is not an HTTP(S) endpoint mon can check (see the lines above)\n',
    )
  })
})

describe.each(ENGINES)('mon import gatus then apply on %s', (engine: Engine) => {
  const ws = workspace(engine)

  it('the converted file applies, and plans clean afterwards', async () => {
    expectOk(await mon(['import', 'gatus', path.join(FIXTURES, 'secrets.yaml'), '--out', path.join(ws.dir, 'monitors.yaml')]))
    const apply = expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(apply.stdout).toMatch(/^Apply complete: 8 added, 0 changed, 0 retired, 0 revived/m)
    const plan = await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])
    expect(plan.code, plan.stdout).toBe(0)
  })
})
