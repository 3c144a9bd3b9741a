/**
 * A protocol kind (completion, mcp) does not inherit defaults.check's status
 * or json: a health-check assertion must not turn every completion check into
 * `body is not JSON` (an event stream never is). Through the commands, against
 * the completion stand-in on 127.0.0.1.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'
import {type CompletionServer, startCompletionServer} from '../support/completion-servers.js'

let server: CompletionServer
let dir: string
let cleanup: () => void
beforeAll(async () => {
  server = await startCompletionServer()
  ;({dir, cleanup} = tempDir('mon-protocol-defaults-'))
})
afterAll(async () => {
  await server.close()
  cleanup()
})

it('checks a completion as ok under a defaults.check json and status aimed at health checks', async () => {
  const file = path.join(dir, 'monitors.yaml')
  const db = path.join(dir, 'mon.db')
  writeFileSync(
    file,
    [
      'version: 1',
      'defaults: {check: {status: [201], json: [{path: status, equals: ok}]}}',
      'entities:',
      '  - {id: llm, type: backend, label: LLM, owner: o, endpoints: [{kind: completion, url: "' + server.url + '/v1/vllm", check: {completion: {model: qwen3-8b}}}]}',
      '',
    ].join('\n'),
  )
  const env = {MON_NOW: '2026-12-01T12:00:00.000Z'}
  expect((await mon(['apply', '-c', file, '--db', db], {env})).code).toBe(0)
  const checked = await mon(['check', '-c', file, '--db', db, '--json'], {env})
  expect(checked.stderr).toBe('')
  const results = JSON.parse(checked.stdout) as {results: Array<{endpoint_id: string; status: string; detail: string}>}
  expect(results.results.map((r) => [r.endpoint_id, r.status])).toEqual([['llm:completion', 'ok']])
})
