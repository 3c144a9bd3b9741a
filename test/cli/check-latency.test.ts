// The latency mon reports is the request's own (curl's time_total), not mon's
// start-up or its queue: a loopback server that answers at once reads a few
// ms in a run of 1 and in a run of 200. A generous bound, for loaded CI
// machines; bench/latency.js holds the real comparison with the floor.
// The run of 200 uses --concurrency 4: a server that answers in 0 ms keeps
// two cores saturated at 32 checks in flight, and a saturated machine's
// latency is its queue (Little's law), for mon and a raw client alike; the
// bench compares the two there.
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {monProcess, ROOT} from '../support/cli.js'

const BOUND_MS = 15
let server: ChildProcess
let port: number
let work: string

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'mon-latency-'))
  // Its own process, as in bench/: the server takes no CPU from the test's worker.
  server = spawn(process.execPath, [path.join(ROOT, 'bench/check-server.js'), '--latency', '0'], {stdio: ['ignore', 'pipe', 'inherit']})
  port = await new Promise<number>((resolve) => server.stdout!.once('data', (d) => resolve(Number(String(d).trim()))))
})
afterAll(() => {
  server.kill()
  rmSync(work, {recursive: true, force: true})
})

async function appliedRun(size: number): Promise<string> {
  const dir = mkdtempSync(path.join(work, `n${size}-`))
  const endpoints = Array.from({length: size}, (_, i) => `      - {id: "e:${i}", kind: api, url: "http://127.0.0.1:${port}/e/${i}"}`)
  writeFileSync(path.join(dir, 'monitors.yaml'), ['version: 1', 'entities:', '  - id: e', '    type: service', '    label: E', '    owner: o', '    endpoints:', ...endpoints, ''].join('\n'))
  const db = path.join(dir, 'monitor.db')
  expect((await monProcess(['apply', '-c', path.join(dir, 'monitors.yaml'), '--db', db])).code).toBe(0)
  return db
}

async function latencies(db: string, flags: string[] = []): Promise<number[]> {
  const r = await monProcess(['check', '--db', db, '--json', ...flags], {cwd: path.dirname(db)})
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return (JSON.parse(r.stdout) as {results: Array<{latency_ms: number}>}).results.map((x) => x.latency_ms)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
/** The best of three tries: a loaded CI machine stalls a whole run now and then, and one stall must not fail the test. */
async function bestOfThree(measure: () => Promise<number>): Promise<number> {
  const tries: number[] = []
  for (let i = 0; i < 3 && !(tries.length > 0 && Math.min(...tries) < BOUND_MS); i++) tries.push(await measure())
  return Math.min(...tries)
}

describe('the latency of a 0-delay loopback check', () => {
  it(`is under ${BOUND_MS} ms in a run of 1: no start-up, no parser compile on the clock`, async () => {
    const db = await appliedRun(1)
    expect(await bestOfThree(async () => median([...(await latencies(db)), ...(await latencies(db)), ...(await latencies(db))]))).toBeLessThan(BOUND_MS)
  }, 60_000)

  it(`is under ${BOUND_MS} ms in a run of 200, the first checks as the last`, async () => {
    const db = await appliedRun(200)
    const worst = async () => {
      const run = await latencies(db, ['--concurrency', '4'])
      expect(run).toHaveLength(200)
      // The first checks of a run used to carry the run's start-up (20 to 40 ms): they are held to the bound too.
      return Math.max(median(run), median(run.slice(0, 4)))
    }
    expect(await bestOfThree(worst)).toBeLessThan(BOUND_MS)
  }, 60_000)
})
