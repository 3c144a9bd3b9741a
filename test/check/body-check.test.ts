/**
 * `check.body` through `mon check` against a local server that echoes what
 * it was sent: the body arrives exactly (a string as it is, an object as
 * canonical JSON, `${VAR}` resolved and JSON-escaped), its secret is in no
 * table and no output, a variable that cannot be resolved costs only its own
 * target, and redirects keep or drop the body as RFC 9110 says.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import type {CheckSettings} from '../../src/config/model.js'
import {mon} from '../support/cli.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {useModelServer} from '../support/model-servers.js'
import {useReceiver} from '../support/receivers.js'
import {check} from './cli-check.js'
import {dumpDatabase, leaks, RELAXED} from './hostile.js'
import {seed, snapshots} from './seed.js'

const {server, dir} = useModelServer()
/** Another origin: another port on 127.0.0.1. */
const receiver = useReceiver()

/** A POST to `url` sending `body`, its requests told apart by an X-Target header. */
const post = (id: string, url: string, body: CheckSettings['body'], headers: Record<string, string> = {}, method = 'POST') => ({
  id, kind: 'api' as const, url, method, check: {...RELAXED, headers: {'X-Target': id, ...headers}, ...(body === undefined ? {} : {body})},
})

describe('check.body through mon check', () => {
  const current = useMigratedDb('sqlite')
  const sent = (id: string, path = '/echo') => server().requests.filter((r) => r.headers['x-target'] === id && r.path === path)
  const results = async (env: Record<string, string> = {}) => {
    const r = await check(["--db", current().db, "--json"], {env})
    if (!JSON.parse(r.stdout).results) throw new Error(`mon check: ${r.code} ${r.stdout.slice(0, 500).replace(/\n/g, " ")}`)
    return {code: r.code, stdout: r.stdout, stderr: r.stderr, byId: new Map((JSON.parse(r.stdout).results as Array<{endpoint_id: string; status: string; detail: string}>).map((x) => [x.endpoint_id, x]))}
  }

  it('sends a string as it is with no Content-Type, an object as canonical JSON with application/json, and a header\'s own Content-Type instead', async () => {
    const text = 'ping\n{"not": "parsed"} ünïcode'
    await seed(current().db, [{id: 'b', endpoints: [
      post('b:string', server().echo, text),
      post('b:object', server().echo, {b: 1, a: {z: [1, 'two', true], y: null}, '${KEY_NOT_RESOLVED}': 'v'}),
      post('b:typed', server().echo, {a: 1}, {'Content-Type': 'application/vnd.api+json'}),
    ]}])
    const {code} = await results()
    expect(code).toBe(0)
    const [string] = sent('b:string')
    expect(string).toMatchObject({method: 'POST', body: text})
    expect(string!.headers['content-type']).toBeUndefined()
    expect(string!.headers['content-length']).toBe(String(Buffer.byteLength(text)))
    const [object] = sent('b:object')
    expect(object!.body).toBe('{"${KEY_NOT_RESOLVED}":"v","a":{"y":null,"z":[1,"two",true]},"b":1}')
    expect(object!.headers['content-type']).toBe('application/json')
    expect(sent('b:typed')[0]!.headers['content-type']).toBe('application/vnd.api+json')
  })

  it('resolves ${VAR} from monitors.yaml at check time, JSON-escaped, and no piece of the secret is stored or printed', async () => {
    // A quote and a backslash: the body must still be valid JSON.
    const secret = `sk-"quoted\\slash-${Math.random().toString(36).slice(2)}`
    const config = path.join(dir(), 'monitors.yaml')
    writeFileSync(
      config,
      `version: 1
entities:
  - id: gw
    label: Gateway
    type: gateway
    owner: ml
    endpoints:
      - id: gw:object
        kind: api
        url: ${server().echo}
        method: POST
        check:
          headers: {X-Target: "gw:object"}
          body: {model: qwen3-8b, auth: {token: "Bearer \${BODY_SECRET}"}, list: ["\${BODY_SECRET}", 2]}
      - id: gw:string
        kind: api
        url: ${server().echo}
        method: POST
        check: {headers: {X-Target: "gw:string"}, body: "token=\${BODY_SECRET}&x=1"}
      - id: gw:leaky
        kind: api
        url: ${server().say(`the other check sent ${secret}`)}
`,
    )
    const env = {BODY_SECRET: secret}
    const applied = await mon(['apply', '--db', current().db, '--config', config], {env})
    expect(applied.code, applied.stderr).toBe(0)
    const r = await check(['--db', current().db, '--config', config, '--json'], {env})
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(sent('gw:object')[0]!.body)).toEqual({auth: {token: `Bearer ${secret}`}, list: [secret, 2], model: 'qwen3-8b'})
    expect(sent('gw:string')[0]!.body).toBe(`token=${secret}&x=1`)
    const kept = new Map((await snapshots(current().db)).map((s) => [s.endpoint_id, JSON.parse(String(s.payload_json))]))
    expect(kept.get('gw:object').body).toEqual({auth: {token: 'Bearer [redacted]'}, list: ['[redacted]', 2], model: 'qwen3-8b'})
    expect(kept.get('gw:string').body).toBe('token=[redacted]&x=1')
    // A secret of one check's body is hidden from every snapshot of the run.
    expect(kept.get('gw:leaky').body).toBe('the other check sent [redacted]')
    const shown = await mon(['history', 'gw', '--db', current().db, '--payload', '--json'])
    for (const text of [r.stdout, r.stderr, shown.stdout, await dumpDatabase(current().db)]) expect(leaks(text, secret)).toEqual([])
  })

  it('a variable that cannot be resolved is one config error for its own target, no request sent; the others are checked', async () => {
    await seed(current().db, [{id: 'u', endpoints: [
      post('u:unset', server().echo, {prompt: 'hi', key: '${BODY_VAR_NOT_SET}'}),
      post('u:empty', server().echo, 'key=${BODY_VAR_EMPTY}'),
      post('u:own', server().echo, {db: '${PGPASSWORD}'}),
      post('u:long', server().echo, {key: '${BODY_VAR_LONG}'}),
      post('u:huge', server().echo, '${BODY_VAR_4K}'.repeat(300)),
      // Only a POST sends a body, so only a POST needs its variables.
      post('u:get', server().echo, '${BODY_VAR_NOT_SET}', {}, 'GET'),
      post('u:ok', server().echo, 'fine'),
    ]}])
    const {code, byId} = await results({BODY_VAR_EMPTY: '', PGPASSWORD: 'hunter2-not-sent', BODY_VAR_LONG: 'x'.repeat(5000), BODY_VAR_4K: 'y'.repeat(4000)})
    expect(code).toBe(2)
    expect(byId.get('u:unset')).toMatchObject({status: 'error', detail: 'environment variable BODY_VAR_NOT_SET is not set (needed by check.body)'})
    expect(byId.get('u:empty')).toMatchObject({status: 'error', detail: 'environment variable BODY_VAR_EMPTY is not set (needed by check.body)'})
    expect(byId.get('u:own')).toMatchObject({status: 'error', detail: "check.body reads PGPASSWORD, one of mon's own settings, which is never sent"})
    // A value that long could not be redacted: refused, and not one of the run's secrets (which would fail every check).
    expect(byId.get('u:long')).toMatchObject({status: 'error', detail: 'environment variable BODY_VAR_LONG holds 5000 characters, more than 4096: too long to keep out of what mon stores (needed by check.body)'})
    expect(byId.get('u:huge')).toMatchObject({status: 'error', detail: 'check.body is 1200000 bytes once its variables are resolved, more than 1 MiB'})
    for (const id of ['u:unset', 'u:empty', 'u:own', 'u:long', 'u:huge']) expect(sent(id)).toEqual([])
    expect(byId.get('u:get')).toMatchObject({status: 'ok'})
    expect(sent('u:get')[0]).toMatchObject({method: 'GET', body: ''})
    expect(byId.get('u:ok')).toMatchObject({status: 'ok'})
    expect(sent('u:ok')[0]).toMatchObject({method: 'POST', body: 'fine'})
  })

  it('a 307 or 308 keeps the POST and its body; a 301, 302 or 303 turns it into a GET without one', async () => {
    const statuses = [301, 302, 303, 307, 308]
    await seed(current().db, [{id: 'r', endpoints: statuses.map((status) => post(`r:${status}`, server().redirect(status), {q: 'keep me'}))}])
    const {code} = await results()
    expect(code).toBe(0)
    for (const status of statuses) {
      expect(sent(`r:${status}`, `/r/${status}`)[0], `${status}`).toMatchObject({method: 'POST', body: '{"q":"keep me"}'})
      const [followed] = sent(`r:${status}`)
      if (status >= 307) {
        expect(followed, `${status}`).toMatchObject({method: 'POST', body: '{"q":"keep me"}', headers: {'content-type': 'application/json'}})
      } else {
        expect(followed, `${status}`).toMatchObject({method: 'GET', body: ''})
        expect(followed!.headers['content-type'], `${status}`).toBeUndefined()
      }
    }
  })

  it('a body holding a ${VAR} value never follows a redirect to another origin; one without does', async () => {
    const other = receiver()
    await seed(current().db, [{id: 'x', endpoints: [
      post('x:secret', server().redirect(307, `${other.url}/elsewhere`), {token: '${BODY_TOKEN}'}),
      post('x:plain', server().redirect(308, `${other.url}/elsewhere`), {q: 'public'}),
    ]}])
    const {byId} = await results({BODY_TOKEN: 'tok-never-elsewhere'})
    expect(byId.get('x:secret')).toMatchObject({status: 'error', detail: `refused a 307 redirect to another origin (${other.url}): check.body holds a \${VAR} value`})
    expect(other.requests.map((r) => [r.headers['x-target'], r.method, r.body])).toEqual([['x:plain', 'POST', '{"q":"public"}']])
  })
})
