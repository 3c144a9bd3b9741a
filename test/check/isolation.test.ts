import {describe, expect, it} from 'vitest'

import {runChecks} from '../../src/check/run.js'
import type {EndpointTarget, HttpProbe} from '../../src/check/types.js'
import {BUILTIN_CHECK} from '../../src/config/model.js'
import type {SnapshotRow} from '../../src/rows.js'

const target = (id: string): EndpointTarget => ({table: 'endpoints', id, entity_id: 'e', kind: 'api', url: 'http://127.0.0.1:1/', method: 'GET', check: BUILTIN_CHECK})
const NOW = '2026-12-01T10:00:00.000Z'
const fine = (): HttpProbe & {secrets: string[]} => ({
  response: {status: 200, status_text: 'OK', headers: {}, body: Buffer.from('ok'), truncated: false},
  latency_ms: 1,
  attempts: 1,
  observed_at: NOW,
  secrets: [],
})

describe('runChecks isolates each target', () => {
  it('turns a throw while probing or judging into an error snapshot for that target, names the cause, and runs the rest', async () => {
    const rows: SnapshotRow[] = []
    const results = await runChecks([target('a'), target('probe-throws'), target('judge-throws'), target('b')], {
      concurrency: 2,
      maxPayload: 1024,
      maxBody: 4096,
      record: (row) => rows.push(row),
      probers: {
        http: async (t) => {
          if (t.id === 'probe-throws') throw new TypeError('cannot read properties of undefined')
          if (t.id === 'judge-throws') {
            const probe = fine()
            // A response whose headers fail when read: the judge throws on it.
            Object.defineProperty(probe.response!, 'headers', {get: () => { throw new RangeError('Maximum call stack size exceeded') }})
            return probe
          }
          return fine()
        },
        registry: async () => ({latency_ms: 0, observed_at: NOW}),
      },
    })
    expect(results).toHaveLength(4)
    expect(rows).toHaveLength(4)
    const byId = new Map(rows.map((r) => [r.endpoint_id, r]))
    expect(byId.get('probe-throws')).toMatchObject({status: 'error', detail: 'check failed while probing: TypeError: cannot read properties of undefined', latency_ms: null})
    expect(byId.get('judge-throws')).toMatchObject({status: 'error', detail: 'check failed while judging: RangeError: Maximum call stack size exceeded'})
    expect(JSON.parse(byId.get('judge-throws')!.payload_json!)).toEqual({error: 'check failed while judging: RangeError: Maximum call stack size exceeded', latency_ms: null})
    expect(byId.get('a')).toMatchObject({status: 'ok'})
    expect(byId.get('b')).toMatchObject({status: 'ok'})
  })

  it('records no snapshot for a check an interrupt cut short, even when its probe throws', async () => {
    const interrupt = new AbortController()
    const rows: SnapshotRow[] = []
    await runChecks([target('x')], {
      concurrency: 1, maxPayload: 1024, maxBody: 4096, signal: interrupt.signal, record: (row) => rows.push(row),
      probers: {
        http: async () => {
          interrupt.abort()
          throw new Error('aborted')
        },
        registry: async () => ({latency_ms: 0, observed_at: NOW}),
      },
    })
    expect(rows).toEqual([])
  })
})
