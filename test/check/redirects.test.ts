import {describe, expect, it} from 'vitest'

import {type Hop, nextHop, secretHeaderNames} from '../../src/check/redirects.js'

const hop = (url: string, method = 'GET', headers: Record<string, string> = {}): Hop => ({url: new URL(url), method, headers})
const none = new Set<string>()

describe('nextHop', () => {
  it('is undefined for an answer that is not a redirect, or a redirect without a Location', () => {
    expect(nextHop(hop('http://a/'), 200, '/x', none, [])).toBeUndefined()
    expect(nextHop(hop('http://a/'), 302, undefined, none, [])).toBeUndefined()
  })

  it('drops ${VAR} headers and credentials on another origin, and they stay dropped on the way back', () => {
    const secret = secretHeaderNames({'X-Api-Key': '${KEY}', 'X-Trace': 'literal', Cookie: 'a=b'})
    expect([...secret]).toEqual(['x-api-key'])
    const first = hop('http://127.0.0.1:8000/', 'GET', {'X-Api-Key': 'k', 'X-Trace': 'literal', Cookie: 'a=b'})
    const away = nextHop(first, 307, 'http://localhost:8000/x', secret, [])
    expect(away).toEqual({ok: true, hop: hop('http://localhost:8000/x', 'GET', {'X-Trace': 'literal'})})
    const back = nextHop(away?.ok ? away.hop : first, 302, 'http://127.0.0.1:8000/y', secret, [])
    expect(back?.ok && back.hop.headers).toEqual({'X-Trace': 'literal'})
    expect(nextHop(first, 302, '/z', secret, [])).toEqual({ok: true, hop: hop('http://127.0.0.1:8000/z', 'GET', first.headers)})
  })

  it('refuses https to http, other schemes and a Location that does not parse', () => {
    expect(nextHop(hop('https://a/'), 301, 'http://a/', none, [])).toEqual({ok: false, message: 'refused a redirect from https to http (http://a)'})
    expect(nextHop(hop('http://a/'), 301, 'file:///etc/passwd', none, [])).toEqual({ok: false, message: 'redirect to a non-HTTP URL (file:)'})
    expect(nextHop(hop('http://a/'), 301, 'http://[::1', none, [])).toEqual({ok: false, message: 'redirect to an invalid URL'})
  })

  it('names a loop, and turns a POST into a GET where the status says so', () => {
    expect(nextHop(hop('http://a/x'), 302, '/x', none, ['http://a/x'])).toEqual({ok: false, message: 'redirect loop'})
    const post = hop('http://a/', 'POST', {'Content-Type': 'application/json'})
    expect(nextHop(post, 302, '/b', none, [])).toEqual({ok: true, hop: hop('http://a/b', 'GET')})
    expect(nextHop(post, 307, '/b', none, [])).toEqual({ok: true, hop: hop('http://a/b', 'POST', post.headers)})
    expect(nextHop(hop('http://a/', 'HEAD'), 303, '/b', none, [])).toEqual({ok: true, hop: hop('http://a/b', 'HEAD')})
  })
})
