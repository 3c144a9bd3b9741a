import {describe, expect, it} from 'vitest'

import {httpUrlProblem, ruleFindings} from '../../src/config/rules.js'
import {closest, editDistance} from '../../src/config/suggest.js'

describe('did you mean', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('kidn', 'kind')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('timeout', 'timeout')).toBe(0)
  })

  it('suggests a close key, ignores case, and stays quiet when nothing is close', () => {
    const keys = ['id', 'kind', 'url', 'method', 'check']
    expect(closest('kidn', keys)).toBe('kind')
    expect(closest('URL', keys)).toBe('url')
    expect(closest('methdo', keys)).toBe('method')
    expect(closest('colour', keys)).toBeUndefined()
    expect(closest('degraded', ['degraded_after', 'timeout'])).toBeUndefined()
  })
})

describe('endpoint URLs', () => {
  it.each([
    ['http://127.0.0.1:8100/health', undefined],
    ['https://api.example.com/v1/models?x=1', undefined],
    ['http://[::1]:9100/metrics', undefined],
    ['HTTP://EXAMPLE.COM/', undefined],
    ['/health', 'must be an absolute http(s) URL'],
    ['127.0.0.1:8080/health', 'must be an absolute http(s) URL'],
    ['ftp://example.com/', 'must be an http: or https: URL (got ftp:)'],
    ['file:///etc/passwd', 'must be an http: or https: URL (got file:)'],
    ['http:/example.com', 'with // and a host'],
    ['http://', 'does not parse'],
    ['http://exa mple.com/', 'without spaces'],
    ['http://${HOST}/', 'resolved only in check.headers'],
    ['https://user:s3cret@example.com/', 'must not contain credentials'],
    ['https://token@example.com/', 'must not contain credentials'],
  ])('%s', (url, problem) => {
    const found = httpUrlProblem(url)
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
    // A message never repeats the secret.
    expect(found ?? '').not.toContain('s3cret')
  })
})

describe('rules on raw data', () => {
  const where = (p: ReadonlyArray<string | number>) => `f.yaml:?:? (${p.join('.')})`
  const endpoint = (extra: Record<string, unknown>) => ({version: 1, entities: [{id: 'a', type: 'service', label: 'A', owner: 'o', endpoints: [{kind: 'api', url: 'http://127.0.0.1:1/', ...extra}]}]})

  it('skips data of the wrong shape instead of throwing (the schema reports it)', () => {
    for (const data of [{}, {entities: 'x'}, {entities: [null, 1, 'x', {endpoints: [null, 'x', {url: 5}]}]}, {defaults: {check: {headers: 'x', json: 'y'}}}]) {
      expect(() => ruleFindings(data, where)).not.toThrow()
    }
  })

  it('warns on a literal credential in any credential header, not on ${VAR} or ordinary headers', () => {
    const messages = (headers: Record<string, string>) => ruleFindings(endpoint({check: {headers}}), where).map((f) => `${f.severity} ${String(f.path.at(-1))}`)
    expect(messages({Authorization: 'Bearer ${TOKEN}', 'X-Api-Key': '${KEY}', Accept: 'application/json'})).toEqual([])
    expect(messages({Authorization: 'Basic dXNlcjpwYXNz'})).toEqual(['warning Authorization'])
    expect(messages({'X-Forwarded': 'bearer abcdef'})).toEqual(['warning X-Forwarded'])
    expect(messages({Cookie: 'session=abc'})).toEqual(['warning Cookie'])
  })

  it.each([
    ['?key=AIzaSyA1234567890abcdef', 'key'],
    ['?api_key=0123456789', 'api_key'],
    ['?apikey=0123456789', 'apikey'],
    ['?v=1&token=0123456789', 'token'],
    ['?access_token=0123456789', 'access_token'],
    ['?sig=0123456789', 'sig'],
    ['?signature=0123456789', 'signature'],
    ['?q=Bearer%20abc', 'q'],
    ['?key=short', undefined],
    ['?max_tokens=123456789&page_size=100000000', undefined],
    ['#access_token=0123456789', undefined],
  ])('warns on a URL with %s by the parameter name (%s), never echoing the value', (query, name) => {
    const found = ruleFindings(endpoint({url: `http://127.0.0.1:1/v1${query}`}), where)
    expect(found.map((f) => `${f.severity} ${f.path.at(-1)} ${f.message}`)).toEqual(name === undefined ? [] : [`warning url query parameter ${name} looks like a credential; send it in check.headers as \${VAR}`])
  })

  it('reports a degraded_after that comes from defaults once, at the defaults', () => {
    const data = {
      version: 1,
      defaults: {check: {timeout: '1s', degraded_after: '2s'}},
      entities: [{id: 'a', type: 'service', label: 'A', owner: 'o', endpoints: [{kind: 'api', url: 'http://127.0.0.1:1/'}, {kind: 'health', url: 'http://127.0.0.1:1/h'}]}],
    }
    expect(ruleFindings(data, where).map((f) => `${f.severity} ${f.path.join('.')}`)).toEqual(['warning defaults.check.degraded_after'])
  })

  it('rejects json assertions on a HEAD endpoint, also when they come from defaults', () => {
    const data = {...endpoint({method: 'HEAD'}), defaults: {check: {json: [{path: 'status'}]}}}
    expect(ruleFindings(data, where).map((f) => f.message)).toEqual(['a HEAD response has no body, so its json assertions can never pass; use GET'])
    expect(ruleFindings(endpoint({method: 'HEAD'}), where)).toEqual([])
  })
})

describe('the kind registry drives the HEAD rule', () => {
  it('HEAD is an error exactly for the kinds whose rule needs a body; a protocol kind is told to use POST instead', async () => {
    const {KINDS, ENDPOINT_KINDS} = await import('../../src/config/kinds.js')
    const {parseConfig} = await import('../../src/config/load.js')
    for (const kind of ENDPOINT_KINDS) {
      const text = `version: 1\nentities:\n  - id: e\n    type: service\n    label: E\n    owner: o\n    endpoints:\n      - kind: ${kind}\n        method: HEAD\n        url: http://127.0.0.1:9/\n`
      const all = parseConfig(text, 'monitors.yaml').errors
      const protocol = 'protocol' in KINDS[kind] && KINDS[kind].protocol
      expect(all.filter((e) => /HEAD response has no body/.test(e.message)).length, kind).toBe(KINDS[kind].needsBody && !protocol ? 1 : 0)
      expect(all.filter((e) => /speaks its protocol over POST/.test(e.message)).length, kind).toBe(protocol ? 1 : 0)
    }
  })
})

describe('the kind-specific settings (SPEC section 8)', () => {
  const one = (endpoint: Record<string, unknown>) => ({entities: [{id: 'e', type: 'backend', label: 'E', owner: 'o', endpoints: [{url: 'http://127.0.0.1:9/', ...endpoint}]}]})
  const messages = (endpoint: Record<string, unknown>) => ruleFindings(one(endpoint), () => 'here').map((f) => `${f.severity} ${f.message}`)

  it('accepts each section on its own kind, a protocol kind with POST written or left out, and a body with POST', () => {
    expect(messages({kind: 'mcp', check: {mcp: {tools: ['a'], pin_tools: true}}})).toEqual([])
    expect(messages({kind: 'mcp', method: 'POST'})).toEqual([])
    expect(messages({kind: 'models', check: {models: {expect: ['m'], changed: 'ignore'}}})).toEqual([])
    expect(messages({kind: 'completion', check: {completion: {model: 'm'}}})).toEqual([])
    expect(messages({kind: 'api', method: 'POST', check: {body: {input: 'ping', token: '${API_TOKEN}', max_tokens: 'sixteen1'}}})).toEqual([])
    expect(messages({kind: 'api', method: 'POST', check: {body: 'plain text, not a secret'}})).toEqual([])
  })

  it('names the method a body would go without, written or by default', () => {
    expect(messages({kind: 'api', method: 'HEAD', check: {body: 'x'}})).toEqual(["error check.body is sent only with method: POST (this endpoint's method is HEAD)"])
    expect(messages({kind: 'health', check: {body: 'x'}})).toEqual(["error check.body is sent only with method: POST (this endpoint's method is GET)"])
  })

  it('warns about a literal secret in a body written as JSON text or as a form, not about a ${VAR}', () => {
    const warning = 'warning holds a literal credential: write it as ${VAR} (e.g. "token": "${API_TOKEN}") so the secret stays out of the file and the database'
    expect(messages({kind: 'api', method: 'POST', check: {body: '{"api_key": "sk-abcdefgh12345"}'}})).toEqual([warning])
    expect(messages({kind: 'api', method: 'POST', check: {body: 'user=a&password=hunter2hunter2'}})).toEqual([warning])
    expect(messages({kind: 'api', method: 'POST', check: {body: {auth: 'Bearer abc'}}})).toEqual([warning])
    expect(messages({kind: 'api', method: 'POST', check: {body: 'user=a&password=${PASSWORD}'}})).toEqual([])
  })

  it('refuses one of mon own variables anywhere in a body, in a list too', () => {
    expect(messages({kind: 'api', method: 'POST', check: {body: {inputs: ['a', '${PGPASSWORD}']}}})[0]).toMatch(/^error \$\{PGPASSWORD\} is one of mon's own variables/)
  })
})
