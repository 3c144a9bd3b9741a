/**
 * `kind: models` through `mon check`. On both engines, what reads the stored
 * lists (the judge compares with the latest snapshot that holds a list,
 * whatever its status): a list that gains and loses a model between runs, a
 * run that read no list, and history from a release that kept no list. On
 * SQLite alone, what is the judge's and not the store's: `changed: ignore`,
 * `check.models.expect` from monitors.yaml, a list cut at 5,000 ids.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {MODEL_IDS_MAX} from '../../src/check/model-ids.js'
import type {CheckSettings} from '../../src/config/model.js'
import {mon} from '../support/cli.js'
import type {Engine} from '../../src/store/driver.js'
import {ENGINES} from '../support/engines.js'
import {useMigratedDb} from '../support/migrated-db.js'
import {useModelServer} from '../support/model-servers.js'
import {RELAXED} from './hostile.js'
import {check} from './cli-check.js'
import {seed, snapshots} from './seed.js'

const {server, dir} = useModelServer()

/** The helpers of one describe: a migrated database per test (useMigratedDb), seeded with one models endpoint, and a check run. */
function useModels(engine: Engine) {
  const current = useMigratedDb(engine)
  const seeded = (check: Partial<CheckSettings> = {}) =>
    seed(current().db, [{id: 'mlx', endpoints: [{id: 'mlx:models', kind: 'models', url: server().models, check: {...RELAXED, ...check}}]}])
  const run = async (args: string[] = []) => {
    const r = await check(['--db', current().db, '--json', ...args])
    // Only the alerts' note, when an error opens one.
    expect(r.stderr).toMatch(/^(alerts: .*\n)?$/)
    const [result] = JSON.parse(r.stdout).results as Array<{status: string; detail: string}>
    return {code: r.code, status: result!.status, detail: result!.detail.replace(/ in [\d.]+ ms/, ' in N ms')}
  }
  return {current, seeded, run}
}

describe.each(ENGINES)('kind models through mon check on %s', (engine) => {
  const {current, seeded, run} = useModels(engine)

  it('a list that gains and loses a model warns once, naming both, then is ok again', async () => {
    await seeded()
    server().list(['qwen3-8b', 'llama-3'])
    expect(await run()).toEqual({code: 0, status: 'ok', detail: '200 OK in N ms, 2 models'})
    server().list(['qwen3-8b', 'gemma-3', 'mistral-7b'])
    expect(await run()).toEqual({code: 1, status: 'warn', detail: 'models changed: added gemma-3, mistral-7b; removed llama-3 (200 OK in N ms)'})
    expect(await run()).toEqual({code: 0, status: 'ok', detail: '200 OK in N ms, 3 models'})
    const kept = (await snapshots(current().db)).map((s) => JSON.parse(String(s.payload_json)).models)
    expect(kept).toEqual([['llama-3', 'qwen3-8b'], ['gemma-3', 'mistral-7b', 'qwen3-8b'], ['gemma-3', 'mistral-7b', 'qwen3-8b']])
  })

  it('a change is told once: not again while the check is in error for a missing model, nor after a run that read no list', async () => {
    await seeded({models: {expect: ['want']}})
    server().list(['want', 'a'])
    expect(await run()).toMatchObject({status: 'ok'})
    server().list(['a', 'b'])
    expect(await run()).toMatchObject({status: 'error', detail: 'model missing: want; models changed: added b; removed want (200 OK in N ms)'})
    expect(await run()).toMatchObject({status: 'error', detail: 'model missing: want (200 OK in N ms)'})
    // A run that read no list is skipped over: the next list is compared with the last one read.
    server().answer('{"error":"Invalid request URL"}')
    expect(await run()).toMatchObject({status: 'error', detail: 'not an OpenAI-style model list (no "data" array) (200 OK in N ms)'})
    server().list(['want', 'a', 'b'])
    expect(await run()).toEqual({code: 1, status: 'warn', detail: 'models changed: added want (200 OK in N ms)'})
    expect(await run()).toEqual({code: 0, status: 'ok', detail: '200 OK in N ms, 3 models'})
  })

  it('history from an earlier release (a payload without models) is nothing to compare with: ok', async () => {
    await seeded()
    server().list(['old-model'])
    await run()
    // As an earlier release stored it: the same snapshot without the list.
    const {withDriver} = await import('../history/seed.js')
    await withDriver(current().db, async (driver) => {
      const [row] = await driver.all<{id: string; payload_json: string}>('SELECT id, payload_json FROM snapshots')
      const payload = JSON.parse((await snapshots(current().db))[0]!.payload_json as string)
      delete payload.models
      await driver.run('UPDATE snapshots SET payload_json = ? WHERE id = ?', [JSON.stringify(payload), row!.id])
    })
    server().list(['new-model'])
    expect(await run()).toMatchObject({status: 'ok', detail: '200 OK in N ms, 1 model'})
  })
})

describe('kind models through mon check on sqlite, the judge alone', () => {
  const engine = 'sqlite'
  const {current, seeded, run} = useModels(engine)

  it('changed: ignore never warns', async () => {
    await seeded({models: {changed: 'ignore'}})
    server().list(['a-model'])
    await run()
    server().list(['b-model'])
    expect(await run()).toMatchObject({status: 'ok', detail: '200 OK in N ms, 1 model'})
  })

  it('expect from monitors.yaml: a missing model is an error naming it, and the list is still kept', async () => {
    const config = path.join(dir(), `${engine}.yaml`)
    writeFileSync(
      config,
      `version: 1
entities:
  - id: ovms
    label: OpenVINO model server
    type: backend
    owner: ml
    endpoints:
      - kind: models
        url: ${server().models}
        check: {timeout: 5s, degraded_after: 4s, models: {expect: [qwen3-8b, phi-4, llama-3]}}
`,
    )
    const applied = await mon(['apply', '--db', current().db, '--config', config])
    expect(applied.stderr).toBe('')
    server().list(['qwen3-8b', 'gemma-3'])
    expect(await run(['--config', config])).toEqual({code: 2, status: 'error', detail: 'models missing: llama-3, phi-4 (200 OK in N ms)'})
    server().list(['qwen3-8b', 'phi-4', 'gemma-3'])
    // An error that read a list read one: the change since is named beside the error.
    expect(await run(['--config', config])).toEqual({code: 2, status: 'error', detail: 'model missing: llama-3; models changed: added phi-4 (200 OK in N ms)'})
    server().list(['qwen3-8b', 'phi-4', 'llama-3'])
    expect(await run(['--config', config])).toEqual({code: 1, status: 'warn', detail: 'models changed: added llama-3; removed gemma-3 (200 OK in N ms)'})
    expect(await run(['--config', config])).toEqual({code: 0, status: 'ok', detail: '200 OK in N ms, 3 models'})
    const [first] = await snapshots(current().db)
    expect(JSON.parse(String(first!.payload_json)).models).toEqual(['gemma-3', 'qwen3-8b'])
  })

  it('a list of 6,000 models is kept cut to 5,000, with models_cut, and the same list next time is ok', async () => {
    await seeded()
    const ids = Array.from({length: 6000}, (_, i) => `m-${String(i).padStart(5, '0')}`)
    server().list(ids)
    expect(await run()).toMatchObject({status: 'ok', detail: '200 OK in N ms, 6000 models'})
    // A model past the cut comes and one goes: past the last id kept, so neither is known to have changed.
    server().list([...ids.slice(0, 5999), 'z-new'])
    expect(await run()).toMatchObject({status: 'ok'})
    // One that sorts first pushes the last kept id out: that one is past the new cut, not removed.
    server().list(['a-new', ...ids])
    expect(await run()).toMatchObject({status: 'warn', detail: 'models changed: added a-new (200 OK in N ms)'})
    const payloads = (await snapshots(current().db)).map((s) => JSON.parse(String(s.payload_json)))
    expect(payloads[0].models).toHaveLength(MODEL_IDS_MAX)
    expect(payloads[0].models.at(-1)).toBe('m-04999')
    expect(payloads.map((p) => p.models_cut)).toEqual([true, true, true])
    expect(payloads[2].models[0]).toBe('a-new')
  })
})
