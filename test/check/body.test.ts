/** Resolving `check.body` (check/body.ts), on plain data. */
import {describe, expect, it} from 'vitest'

import {BODY_MAX_BYTES, bodyHeaders, bodyTemplates, resolveBody} from '../../src/check/body.js'
import {referencedValues, VALUE_MAX_CHARS} from '../../src/check/headers.js'

describe('resolveBody', () => {
  it('sends a string as it is, with its variables', () => {
    expect(resolveBody('a=${A}&b=${B}&c=$5 {x}', {A: 'one1', B: 'two2'})).toEqual({ok: true, body: 'a=one1&b=two2&c=$5 {x}', json: false, secrets: ['one1', 'two2']})
  })

  it('sends an object as canonical JSON, resolving string values at any depth but never keys', () => {
    const r = resolveBody({z: {b: ['${A}', 1, null, {k: 'x ${A}'}], a: false}, '${A}': 0}, {A: 'one1'})
    expect(r).toEqual({ok: true, body: '{"${A}":0,"z":{"a":false,"b":["one1",1,null,{"k":"x one1"}]}}', json: true, secrets: ['one1']})
  })

  it('JSON-escapes a resolved value, so the body stays valid JSON', () => {
    const value = 'a"b\\c\nd</script>\u2028'
    const r = resolveBody({token: '${T}'}, {T: value})
    expect(r.ok && JSON.parse(r.body!)).toEqual({token: value})
  })

  it('refuses an unset or empty variable, one of mon\'s own, or a value too long to redact, naming check.body', () => {
    expect(resolveBody({a: '${NOPE}'}, {})).toEqual({ok: false, error: 'environment variable NOPE is not set (needed by check.body)'})
    expect(resolveBody('${EMPTY}', {EMPTY: ''})).toEqual({ok: false, error: 'environment variable EMPTY is not set (needed by check.body)'})
    expect(resolveBody('${DATABASE_URL}', {DATABASE_URL: 'postgres://x'})).toEqual({ok: false, error: "check.body reads DATABASE_URL, one of mon's own settings, which is never sent"})
    const long = 'x'.repeat(VALUE_MAX_CHARS + 1)
    expect(resolveBody({k: '${LONG}'}, {LONG: long})).toMatchObject({ok: false, error: expect.stringContaining('environment variable LONG holds 4097 characters, more than 4096')})
    expect(resolveBody('${OK}', {OK: 'x'.repeat(VALUE_MAX_CHARS)}).ok).toBe(true)
  })

  it('refuses a body over 1 MiB once resolved, counted in bytes', () => {
    const value = 'é'.repeat(2000)
    const refs = Math.ceil(BODY_MAX_BYTES / Buffer.byteLength(value)) + 1
    expect(resolveBody('${V}'.repeat(refs), {V: value})).toEqual({ok: false, error: `check.body is ${refs * 4000} bytes once its variables are resolved, more than 1 MiB`})
  })

  it('no body: nothing sent, nothing needed', () => {
    expect(resolveBody(undefined, {})).toEqual({ok: true, json: false, secrets: []})
  })
})

describe('the headers sent with a body', () => {
  const resolved = (body: Parameters<typeof resolveBody>[0]) => resolveBody(body, {}) as ReturnType<typeof resolveBody> & {ok: true}
  it('adds Content-Type: application/json for an object, unless a header names one in any case; none for a string', () => {
    expect(bodyHeaders({Accept: 'x'}, resolved({a: 1}))).toEqual({Accept: 'x', 'content-type': 'application/json'})
    expect(bodyHeaders({'CONTENT-TYPE': 'application/vnd.x+json'}, resolved({a: 1}))).toEqual({'CONTENT-TYPE': 'application/vnd.x+json'})
    expect(bodyHeaders({}, resolved('a'))).toEqual({})
  })
})

describe('the run\'s secrets include every body\'s variables', () => {
  it('from a string body and from the string values of an object, not its keys', () => {
    expect(bodyTemplates({a: ['${A}', 2], '${K}': {b: 'x${B}'}})).toEqual(['${A}', 'x${B}'])
    expect(referencedValues(bodyTemplates({a: '${A}', '${K}': 'v'}), {A: 'alpha', K: 'kappa'})).toEqual(['alpha'])
    expect(referencedValues(['${LONG}'], {LONG: 'x'.repeat(VALUE_MAX_CHARS + 1)})).toEqual([])
  })
})
