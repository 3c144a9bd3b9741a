/**
 * Registry `serves:` against real model lists (SPEC section 8), through
 * `mon apply` and `mon check` in process: backends and a gateway on 127.0.0.1
 * whose lists change between runs, and two registries that share the gateway.
 * On both engines, what reads or writes the stored lists and drift (a run
 * that did not check the backend, where_is_model, the stored declarations);
 * on SQLite alone, what the judge decides from this run alone (an entity
 * with no models check, an items path to no list, the cap of 1,000 rows).
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {whereIsModelAnswer} from '../../src/assistant/answers.js'
import {openReadOnly} from '../../src/store/open.js'
import {mon, tempDir} from '../support/cli.js'
import type {Engine} from '../../src/store/driver.js'
import {ENGINES, type FreshDb} from '../support/engines.js'
import {useMigratedDbs} from '../support/migrated-db.js'
import {type ModelListServers, startModelListServers} from './drift-servers.js'

let servers: ModelListServers
beforeAll(async () => {
  servers = await startModelListServers()
})
afterAll(async () => {
  await servers.close()
})

const models = (name: string, id = name) => `
  - id: ${id}
    type: ${name === 'litellm' ? 'gateway' : 'backend'}
    label: ${name}
    owner: ml
    endpoints:
      - id: ${id}:models
        kind: models
        url: ${servers.url(name)}`

const registry = (id: string, file: string, items = 'models') => `
  - id: ${id}
    type: registry
    label: ${id}
    owner: ml
    registry:
      - id: registry:${id}
        path: ./${file}
        authority: ml
        serves: {items: ${items}, model: id, entities: [served_by, via]}`

const CONFIG = () => `version: 1
entities:${models('mlx-box')}${models('ov-box')}${models('litellm')}${registry('team-a', 'a.json')}${registry('team-b', 'b.json')}
  - id: plain
    type: registry
    label: plain
    owner: ml
    registry:
      - id: registry:plain
        path: ./a.json
        authority: ml
`

/** team-a: qwen3-8b and llama-3 on mlx-box; team-b: phi-4 on ov-box; both through litellm. */
const A = {models: [{id: 'qwen3-8b', served_by: 'mlx-box', via: 'litellm'}, {id: 'llama-3', served_by: 'mlx-box', via: 'litellm'}]}
const B = {models: [{id: 'phi-4', served_by: 'ov-box', via: 'litellm'}]}

interface Result {
  endpoint_id: string | null
  registry_id: string | null
  status: string
  detail: string
}

/** Per test, a migrated copy with CONFIG applied, its registry files and the servers' lists reset; the runs over it. */
function useDrift(engine: Engine) {
  const migrated = useMigratedDbs()
  let fresh: FreshDb
  const db = () => fresh.db
  let dir: {dir: string; cleanup: () => void}
  let file: string
  const write = (name: string, value: unknown) => writeFileSync(path.join(dir.dir, name), JSON.stringify(value))

  beforeEach(async () => {
    fresh = await migrated(engine)
    dir = tempDir('mon-drift-')
    file = path.join(dir.dir, 'monitors.yaml')
    writeFileSync(file, CONFIG())
    write('a.json', A)
    write('b.json', B)
    Object.assign(servers.lists, {'mlx-box': ['llama-3', 'qwen3-8b'], 'ov-box': ['phi-4'], litellm: ['llama-3', 'phi-4', 'qwen3-8b']})
    Object.assign(servers.delays, {'mlx-box': 0})
    const applied = await mon(['apply', '-c', file, '--db', db()])
    expect(applied.stderr).toBe('')
    expect(applied.code).toBe(0)
  })
  afterEach(async () => {
    await fresh.cleanup()
    dir.cleanup()
  })

  const check = async (...args: string[]) => {
    const r = await mon(['check', '-c', file, '--db', db(), '--json', ...args])
    return new Map((JSON.parse(r.stdout) as {results: Result[]}).results.map((x) => [x.registry_id ?? x.endpoint_id, x]))
  }
  const drift = async () => {
    const out = JSON.parse((await mon(['status', '--json', '--db', db()])).stdout) as {entities: Array<{registry: Array<{id: string; drift: unknown}>}>}
    return new Map(out.entities.flatMap((e) => e.registry.map((r) => [r.id, r.drift])))
  }
  return {check, drift, write, db, dir: () => dir.dir, file: () => file}
}

describe.each(ENGINES)('registry serves against the model lists (%s)', (engine) => {
  const {check, drift, write, db, dir} = useDrift(engine)

  it('is ok when every declared model is listed and nothing else is, and says how many it serves', async () => {
    const run = await check()
    expect(run.get('registry:team-a')).toMatchObject({status: 'ok', detail: expect.stringMatching(/^\d+ entries, \d+ bytes in \d+ ms, serves 2 models$/)})
    expect(run.get('registry:team-b')).toMatchObject({status: 'ok', detail: expect.stringMatching(/, serves 1 model$/)})
    // An entry without serves reads as before and has no drift to show.
    expect(run.get('registry:plain')!.detail).toMatch(/^\d+ entries, \d+ bytes in \d+ ms$/)
    expect(Object.fromEntries(await drift())).toEqual({'registry:team-a': [], 'registry:team-b': [], 'registry:plain': null})
  })

  it('errs once naming a model its backend does not serve, warns once naming what the gateway lists undeclared, and not about the other registry\'s models', async () => {
    servers.lists['mlx-box'] = ['llama-3']
    servers.lists.litellm = ['gpt-x', 'llama-3', 'phi-4', 'qwen3-8b']
    const run = await check()
    const a = run.get('registry:team-a')!
    expect(a.status).toBe('error')
    expect(a.detail).toMatch(/^qwen3-8b not served by mlx-box; gpt-x listed by litellm but declared by no registry \(\d+ entries, \d+ bytes in \d+ ms, serves 2 models\)$/)
    // team-b shares litellm: it warns about gpt-x, not about team-a's qwen3-8b and llama-3.
    expect(run.get('registry:team-b')).toMatchObject({status: 'warn', detail: expect.stringMatching(/^gpt-x listed by litellm but declared by no registry \(/)})
    const stored = await drift()
    expect(stored.get('registry:team-a')).toEqual([
      {model: 'gpt-x', entity_id: 'litellm', problem: 'not_declared'},
      {model: 'qwen3-8b', entity_id: 'mlx-box', problem: 'not_served'},
    ])
    expect(stored.get('registry:team-b')).toEqual([{model: 'gpt-x', entity_id: 'litellm', problem: 'not_declared'}])
    // mon status: per model that drifts, what is declared, what the backend serves, what the gateway lists.
    const text = (await mon(['status', '--db', db()])).stdout
    const table = text.slice(text.indexOf('    drift of registry:team-a:')).split('\n').slice(0, 4)
    expect(table.map((line) => line.replace(/ +/g, ' '))).toEqual([
      ' drift of registry:team-a:',
      ' MODEL DECLARED FOR SERVED BY BACKEND LISTED BY GATEWAY',
      ' gpt-x no registry – litellm',
      ' qwen3-8b litellm, mlx-box no mlx-box litellm',
    ])
    // The status page: the same table, escaped, in the self-contained page.
    const page = (await mon(['report', '--db', db(), '--out', '-'])).stdout
    expect(page).toContain('<td><code>qwen3-8b</code></td><td>litellm, mlx-box</td><td>no mlx-box</td><td>litellm</td>')
    expect(page).not.toMatch(/<(link|script) [^>]*src=/)
    // Narrowed to the registry, the table still knows litellm is a gateway.
    const only = (await mon(['status', '--db', db(), '--only', 'registry:team-a'])).stdout
    expect(only).toMatch(/^ +qwen3-8b +litellm, mlx-box +no mlx-box +litellm$/m)
    // A gateway's model id is not ours: the page escapes it.
    servers.lists.litellm = ['<img src=x onerror=alert(1)>', 'llama-3', 'phi-4', 'qwen3-8b']
    await check()
    const hostile = (await mon(['report', '--db', db(), '--out', '-'])).stdout
    expect(hostile).toContain('<td><code>&lt;img src=x onerror=alert(1)&gt;</code></td>')
    expect(hostile).not.toContain('<img src=x')
  })

  it('compares with the list the backend gave in this same run, though the backend answers last, and with the stored one when the run did not check it', async () => {
    servers.lists['mlx-box'] = ['llama-3']
    expect((await check()).get('registry:team-a')!.status).toBe('error')
    // The backend now serves qwen3-8b again, and answers slowly: the registry must wait for it, not read last run's list.
    servers.lists['mlx-box'] = ['llama-3', 'qwen3-8b']
    servers.delays['mlx-box'] = 150
    expect((await check()).get('registry:team-a')).toMatchObject({status: 'ok'})
    // The backend drops it, but this run checks the registry only: the stored list (which has it) is what counts.
    servers.lists['mlx-box'] = ['llama-3']
    const only = await check('--only', 'registry:team-a')
    expect([...only.keys()]).toEqual(['registry:team-a'])
    expect(only.get('registry:team-a')).toMatchObject({status: 'ok'})
  })

  it('warns that it cannot compare with a backend that is down, rather than report drift', async () => {
    servers.lists['mlx-box'] = 'down'
    const run = await check()
    expect(run.get('mlx-box:models')!.status).toBe('error')
    expect(run.get('registry:team-a')).toMatchObject({status: 'warn', detail: expect.stringMatching(/^cannot compare with mlx-box: its latest models check has no list \(error\) \(/)})
    expect((await drift()).get('registry:team-a')).toEqual([])
    // The same from the stored snapshot, in a run that checks the registry alone.
    expect((await check('--only', 'registry:team-a')).get('registry:team-a')!.detail).toMatch(/^cannot compare with mlx-box: its latest models check has no list \(error\)/)
  })

  it('does not call a model past a cut gateway list not served, says the list was cut, and where_is_model says so too', async () => {
    // litellm lists 5,005 models: only llama-3 and m00000..m04998 are kept, so qwen3-8b and zzz-model lie past the cut.
    const many = Array.from({length: 5001}, (_, i) => `m${String(i).padStart(5, '0')}`)
    servers.lists.litellm = ['llama-3', ...many, 'phi-4', 'qwen3-8b', 'zzz-model']
    write('a.json', {models: [...A.models, {id: 'zzz-model', via: 'litellm'}]})
    // team-b declares the m ids: over 5,000 pairs, so nothing is judged undeclared and only the cut list is in question.
    write('b.json', {models: [...B.models, ...many.map((id) => ({id, via: 'litellm'}))]})
    const run = await check()
    expect(run.get('litellm:models')!.status).toBe('ok')
    expect(run.get('registry:team-a')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^\d+ entries, \d+ bytes in \d+ ms, serves 3 models; litellm lists more than 5000 models: those past its first 5000 were not compared$/),
    })
    expect((await drift()).get('registry:team-a')).toEqual([])
    const driver = await openReadOnly(db())
    try {
      const where = await whereIsModelAnswer(driver, {model: 'zzz-model'})
      expect(where.entities).toEqual([{entity_id: 'litellm', declared_by: [{registry_id: 'registry:team-a', model: 'zzz-model'}], served_by: [], status: 'ok', list_cut: true}])
      // mlx-box's list is whole: no list_cut there.
      expect((await whereIsModelAnswer(driver, {model: 'qwen3-8b'})).entities.map((e) => `${e.entity_id} ${e.served_by.length} ${e.list_cut ?? false}`)).toEqual(['litellm 0 true', 'mlx-box 1 false'])
    } finally {
      await driver.close()
    }
  })

  it('judges nothing undeclared while another registry sharing the gateway has no readable declarations, and says why', async () => {
    expect((await check()).get('registry:team-a')!.status).toBe('ok')
    writeFileSync(path.join(dir(), 'b.json'), '{"models": [')
    for (const attempt of [1, 2]) {
      const run = await check()
      expect(run.get('registry:team-b')!.status, `run ${attempt}`).toBe('error')
      // The first run still has team-b's stored declarations; the next has none readable.
      const a = run.get('registry:team-a')!
      expect(a.status, `run ${attempt}`).toBe('ok')
      if (attempt === 2) expect(a.detail).toMatch(/, serves 2 models; not_declared not judged: registry:team-b has no readable declarations$/)
    }
  })
})

describe('registry serves against the model lists (sqlite, the judge alone)', () => {
  const {check, drift, write, db, file} = useDrift('sqlite')

  it('warns once about an entity with no models check, and errs clearly on an items path that leads to no list', async () => {
    write('a.json', {models: [{id: 'qwen3-8b', served_by: 'nowhere-box'}, {id: 'llama-3', served_by: 'nowhere-box', via: 'litellm'}, {id: 'qwen3-8b', via: 'litellm'}]})
    servers.lists.litellm = ['llama-3', 'phi-4', 'qwen3-8b']
    expect((await check()).get('registry:team-a')).toMatchObject({status: 'warn', detail: expect.stringMatching(/^nowhere-box has no models check to compare with \(\d+ entries, \d+ bytes in \d+ ms, serves 2 models\)$/)})
    writeFileSync(file(), CONFIG().replace('serves: {items: models,', 'serves: {items: data.models,'))
    expect((await mon(['apply', '-c', file(), '--db', db()])).code).toBe(0)
    const wrong = (await check()).get('registry:team-a')!
    expect(wrong).toMatchObject({status: 'error', detail: './a.json: serves: no list at data.models'})
    expect((await drift()).get('registry:team-a')).toBeNull()
  })

  it('keeps a not_served row in status when over 1,000 undeclared models are listed', async () => {
    servers.lists.litellm = ['llama-3', 'phi-4', 'qwen3-8b', ...Array.from({length: 1100}, (_, i) => `a${String(i).padStart(4, '0')}`)]
    write('a.json', {models: [...A.models, {id: 'zz-missing', via: 'litellm'}]})
    expect((await check()).get('registry:team-a')!.status).toBe('error')
    const rows = (await drift()).get('registry:team-a') as Array<{model: string; problem: string}>
    expect(rows).toHaveLength(1000)
    expect(rows.filter((r) => r.problem === 'not_served')).toEqual([{model: 'zz-missing', entity_id: 'litellm', problem: 'not_served'}])
    // The table and the page show at most 20 models: the one not served among them.
    expect((await mon(['status', '--db', db()])).stdout).toMatch(/^ +zz-missing +/m)
    expect((await mon(['report', '--db', db(), '--out', '-'])).stdout).toContain('<td><code>zz-missing</code></td>')
  })
})
