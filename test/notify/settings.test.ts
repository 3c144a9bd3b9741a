/** Resolving a notifier's ${VAR}s at delivery: what counts as a secret to redact. */
import {describe, expect, it} from 'vitest'

import {resolveSettings} from '../../src/notify/settings.js'

describe('resolveSettings', () => {
  it('takes a secret URL\'s per-tenant host, path and query as secrets of their own, for errors that name only a part', () => {
    const {values, secrets} = resolveSettings({url: '${HOOK_URL}'}, {HOOK_URL: 'https://eo7f3a9c2e1b44d.m.pipedream.net/hooks/t0k3n?sig=abcdef123456'})
    expect(values.url).toBe('https://eo7f3a9c2e1b44d.m.pipedream.net/hooks/t0k3n?sig=abcdef123456')
    expect(secrets).toEqual(expect.arrayContaining(['eo7f3a9c2e1b44d.m.pipedream.net', '/hooks/t0k3n', 'sig=abcdef123456']))
  })

  it('leaves an address, a short name and a short path alone: they are where a receiver runs', () => {
    const {secrets} = resolveSettings({url: '${HOOK_URL}'}, {HOOK_URL: 'http://127.0.0.1:8080/h'})
    expect(secrets).toEqual(['http://127.0.0.1:8080/h'])
  })
})
