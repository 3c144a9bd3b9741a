import {afterEach, describe, expect, it} from 'vitest'

import {type Receiver, startReceiver} from '../support/receivers.js'

// The receivers the notifier and end-to-end tests use: their switches must do what they say.
describe('test receiver', () => {
  let r: Receiver | undefined
  afterEach(async () => {
    await r?.close()
    r = undefined
  })

  it('records requests and answers as switched: status, redirect, down and up on the same port', async () => {
    r = await startReceiver()
    let res = await fetch(`${r.url}/hook?x=1`, {method: 'POST', body: '{"a":1}', headers: {'x-k': 'v'}})
    expect(res.status).toBe(202)
    expect(r.requests[0]).toMatchObject({method: 'POST', path: '/hook?x=1', body: '{"a":1}'})
    expect(r.requests[0]!.headers['x-k']).toBe('v')
    expect(r.json()).toEqual({a: 1})
    r.answer(500)
    res = await fetch(r.url, {method: 'POST', body: 'x'})
    expect(res.status).toBe(500)
    r.redirect('http://127.0.0.1:1/elsewhere', 301)
    res = await fetch(r.url, {method: 'POST', body: 'x', redirect: 'manual'})
    expect([res.status, res.headers.get('location')]).toEqual([301, 'http://127.0.0.1:1/elsewhere'])
    await r.down()
    await expect(fetch(r.url, {method: 'POST', body: 'x'})).rejects.toThrow()
    await r.up()
    r.answer(200)
    res = await fetch(r.url, {method: 'POST', body: 'y'})
    expect(res.status).toBe(200)
    expect(r.requests.map((q) => q.body)).toEqual(['{"a":1}', 'x', 'x', 'y'])
  })

  it('answers late, or never', async () => {
    r = await startReceiver()
    r.slow(150)
    const started = Date.now()
    await fetch(r.url, {method: 'POST', body: 'x'})
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    r.slow(Infinity)
    await expect(fetch(r.url, {method: 'POST', body: 'x', signal: AbortSignal.timeout(200)})).rejects.toThrow()
    expect(r.requests).toHaveLength(2)
  })
})
