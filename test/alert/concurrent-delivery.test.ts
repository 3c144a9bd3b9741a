/**
 * Nothing sent twice, nothing lost: concurrent `mon check` runs on
 * PostgreSQL (shards, and overlapping runs of the same targets), counted at
 * the receiver, 20 times; and `kill -9` while a delivery is in flight, after
 * which the next run delivers it.
 */
import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Selection} from '../../src/check/select.js'
import {productionEnv} from '../check/cli-check.js'
import {withDriver} from '../history/seed.js'
import {checkInProcess} from '../support/check-in-process.js'
import {BIN, mon, tempDir} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {startReceiver, type Receiver} from '../support/receivers.js'
import {SECRETS, alertConfig} from './alert-yaml.js'

let target: Receiver
let hook: Receiver
let dir: string
let cleanupDir: () => void
beforeAll(async () => {
  target = await startReceiver({status: 200})
  hook = await startReceiver()
  ;({dir, cleanup: cleanupDir} = tempDir('mon-alerts-concurrent-'))
  // The in-process runs deliver with this process's environment.
  Object.assign(process.env, SECRETS)
})
afterAll(async () => {
  for (const name of Object.keys(SECRETS)) delete process.env[name]
  await target.close()
  await hook.close()
  cleanupDir()
})

/** Four more entities beside svc, all checking the same switchable target. */
const FLEET = Array.from({length: 4}, (_, i) =>
  [`  - id: e${i}`, '    type: service', `    label: E${i}`, '    owner: ops', '    endpoints:', `      - url: ${'${TARGET}'}/e${i}`, '        kind: api'].join('\n'),
).join('\n')

async function apply(db: string, yaml: string): Promise<void> {
  const config = path.join(dir, `${Math.random().toString(16).slice(2)}.yaml`)
  writeFileSync(config, yaml)
  const r = await mon(['apply', '--db', db, '--config', config])
  expect(r.code, r.stderr).toBe(0)
}

/** One check run in this process on its own connection: the command's work, without oclif's start-up. */
async function run(db: string, selection: Selection): Promise<void> {
  await checkInProcess(db, dir, selection)
}

describe.runIf(ENGINES.includes('postgres'))('concurrent mon check runs on postgres', () => {
  const current = useMigratedDb('postgres')

  it('two runs at once, 20 times (shards, then two overlapping runs of the same targets, in turn): every notification reaches the receiver exactly once', async () => {
    hook.clear()
    hook.answer(202)
    await apply(current().db, alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1'], entities: FLEET.replaceAll('${TARGET}', target.url)}))
    const shards: Selection[] = [{shard: {index: 1, count: 2}}, {shard: {index: 2, count: 2}}]
    const overlapping: Selection[] = [{}, {}]
    for (let i = 0; i < 20; i++) {
      for (const status of [500, 200]) {
        target.answer(status)
        await Promise.all((i % 2 === 0 ? shards : overlapping).map((selection) => run(current().db, selection)))
      }
    }
    const keys = hook.requests.map((q) => q.headers['idempotency-key'] as string)
    expect(new Set(keys).size).toBe(keys.length)
    const bodies = hook.requests.map((q) => JSON.parse(q.body))
    // Five targets, 20 outages each: one open and one resolve per outage and target, never more.
    for (const entity of ['svc', 'e0', 'e1', 'e2', 'e3']) {
      const mine = bodies.filter((b) => b.entity.id === entity)
      expect(mine.filter((b) => b.event === 'open'), entity).toHaveLength(20)
      expect(mine.filter((b) => b.event === 'resolve'), entity).toHaveLength(20)
    }
    await withDriver(current().db, async (driver) => {
      const states = await driver.all<{state: string; n: number | string}>('SELECT state, count(*) AS n FROM notifications GROUP BY state')
      expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['sent', 200]])
    })
  }, 120_000)
})

describe.each(ENGINES)('kill -9 during delivery on %s', (engine) => {
  const current = useMigratedDb(engine)

  it('the claim expires and the next run delivers it, with the same idempotency key', async () => {
    hook.clear()
    await apply(current().db, alertConfig(hook.url, `${target.url}/svc`, {alert: ['after: 1']}))
    target.answer(500)
    hook.slow(Infinity)
    const child = spawn(process.execPath, [BIN, 'check', '--db', current().db], {stdio: 'ignore', env: {...productionEnv(), ...SECRETS}})
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    for (let i = 0; i < 150 && hook.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 100))
    expect(hook.requests).toHaveLength(1)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    hook.slow(0)
    // Within the claim's 60 s nobody else takes it; after them the next run does.
    const early = await mon(['check', '--db', current().db], {env: {MON_NOW: new Date(Date.now() + 30_000).toISOString()}})
    expect(early.stderr).not.toContain('sent')
    const late = await mon(['check', '--db', current().db], {env: {MON_NOW: new Date(Date.now() + 61_000).toISOString()}})
    expect(late.stderr).toContain('notify: 1 sent')
    const keys = hook.requests.map((q) => q.headers['idempotency-key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    const listed = JSON.parse((await mon(['alerts', '--db', current().db, '--json'])).stdout)
    expect(listed.alerts[0].notifications).toMatchObject([{event: 'open', state: 'sent'}])
  }, 60_000)
})
