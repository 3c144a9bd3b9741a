import {describe, expect, it} from 'vitest'

import {resolveHeaders, scrubSecrets} from '../../src/check/headers.js'

describe('resolveHeaders', () => {
  it('substitutes ${VAR} from the environment and reports the values as secrets', () => {
    const r = resolveHeaders({Authorization: 'Bearer ${TOKEN}', 'X-Plain': 'v1'}, {TOKEN: 's3cr3t'})
    expect(r).toEqual({ok: true, headers: {Authorization: 'Bearer s3cr3t', 'X-Plain': 'v1'}, secrets: ['s3cr3t']})
  })

  it('treats a missing variable as an error, naming it and the header', () => {
    const r = resolveHeaders({Authorization: 'Bearer ${NOPE}'}, {})
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error).toBe('environment variable NOPE is not set (needed by header Authorization)')
  })

  it('treats an empty variable as missing, never sending an empty credential', () => {
    expect(resolveHeaders({A: 'x${EMPTY}'}, {EMPTY: ''}).ok).toBe(false)
  })

  it('refuses a value that would inject a second header', () => {
    const r = resolveHeaders({A: '${V}'}, {V: 'a\r\nX-Evil: 1'})
    expect(r.ok).toBe(false)
  })

  it('refuses a value with a character past Latin-1 in one clear line, not the HTTP client\'s', () => {
    expect(resolveHeaders({Authorization: 'Bearer ${T}'}, {T: 'tök€n-1234'})).toEqual({
      ok: false,
      error: 'header Authorization holds a character that is not Latin-1 after resolving variables (a header value is bytes: percent-encode it, or send it in check.body)',
    })
    // Latin-1 itself is bytes a header may carry.
    expect(resolveHeaders({A: '${T}'}, {T: 'tök-1234'}).ok).toBe(true)
  })

  it('refuses a value too long to redact (it would not compile into the run\'s redactor), naming its length', () => {
    const r = resolveHeaders({'X-Key': '${BIG}'}, {BIG: 'k'.repeat(5000)})
    expect(r).toEqual({ok: false, error: 'environment variable BIG holds 5000 characters, more than 4096: too long to keep out of what mon stores (needed by header X-Key)'})
  })

  it('leaves text without ${...} alone', () => {
    expect(resolveHeaders({A: 'cost $5 {x}'}, {})).toEqual({ok: true, headers: {A: 'cost $5 {x}'}, secrets: []})
  })
})

describe('scrubSecrets', () => {
  it('replaces every occurrence, also in JSON-escaped form', () => {
    expect(scrubSecrets('{"echo":"Bearer tok-123","again":"tok-123"}', ['tok-123'])).toBe('{"echo":"Bearer [redacted]","again":"[redacted]"}')
    expect(scrubSecrets(JSON.stringify({v: 'a"quote"b'}), ['a"quote"b'])).toBe('{"v":"[redacted]"}')
  })

  it('ignores values too short to be secrets', () => {
    expect(scrubSecrets('status 1', ['1'])).toBe('status 1')
  })
})

describe('mon\'s own settings are never sent, whatever the row says', () => {
  it('refuses a header reading MON_*, PG* or DATABASE_URL, without resolving it', async () => {
    const {resolveHeaders} = await import('../../src/check/headers.js')
    const env = {MON_DB: 'postgres://mon:hunter2@db/mon', PGPASSWORD: 'hunter2', DATABASE_URL: 'postgres://x', TOKEN: 'abcd1234'}
    for (const variable of ['MON_DB', 'PGPASSWORD', 'DATABASE_URL']) {
      const r = resolveHeaders({'User-Agent': `mon \${${variable}}`}, env)
      expect(r).toEqual({ok: false, error: `header User-Agent reads ${variable}, one of mon's own settings, which is never sent`})
    }
    expect(resolveHeaders({Authorization: 'Bearer ${TOKEN}'}, env)).toMatchObject({ok: true, headers: {Authorization: 'Bearer abcd1234'}})
  })
})
