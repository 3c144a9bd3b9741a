/**
 * Schedules in the reading commands, on the seeded history (seed.ts): stale
 * after 3 intervals per target, --exact, and `mon slo` with no SLO defined
 * and without a database. The SLO math is tested on plain data (slo.test.ts),
 * SLOs from the file through the commands in slo-e2e.test.ts.
 */
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {seed} from './seed.js'

describe.each(ENGINES)('schedules in status, report and slo on %s', (engine) => {
  let fresh: FreshDb
  beforeAll(async () => {
    fresh = await freshDb(engine)
    await seed(fresh.db)
  })
  afterAll(async () => {
    await fresh.cleanup()
  })
  const run = (args: string[]) => mon([...args, '--db', fresh.db])

  it('is stale after 3 of each target\'s intervals without --stale-after', async () => {
    const out = JSON.parse((await run(['status', '--json', '--exact'])).stdout)
    expect(out.exact).toBe(true)
    // At one check a minute: web:health last seen 5 minutes ago is stale, registry:web a minute ago is not.
    const web = out.entities.find((e: {id: string}) => e.id === 'web')
    expect(web.endpoints.map((e: {id: string; status: string; stale_after_ms: number}) => [e.id, e.status, e.stale_after_ms])).toEqual([
      ['web:api', 'stale', 180_000],
      ['web:health', 'stale', 180_000],
    ])
    expect(web.registry[0]).toMatchObject({status: 'ok', stale_after_ms: 180_000})
    const text = (await run(['status'])).stdout
    expect(text.split('\n')[0]).toMatch(/; stale after 3 intervals\)$/)
  })

  it('says so when no SLO is defined, exit 0, and gives an empty list in JSON with where it read from', async () => {
    const [text, json, exact] = await Promise.all([
      run(['slo']),
      run(['slo', '--json']),
      mon(['slo', '--json', '--exact', '--db', fresh.db], {env: {MON_NOW: '2026-11-30T14:00:00.000Z'}}),
    ])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^No SLOs defined: add `slo:` \(target, window, optional latency_p95\) to an entity or an endpoint in monitors\.yaml, then mon apply\.\n$/)
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({exact: true, slos: []})
    expect(JSON.parse(exact.stdout)).toEqual({exact: true, slos: []})
  })

  it('takes --exact on report too, and says in its JSON that only raw rows were read', async () => {
    const {dir, cleanup} = tempDir('mon-report-exact-')
    try {
      const r = await run(['report', '--out', path.join(dir, 'status.html'), '--json', '--exact'])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout)).toMatchObject({entities: 3, exact: true})
    } finally {
      cleanup()
    }
  })
})

describe('mon slo without a database', () => {
  it('cannot evaluate: exit 1 with one line, and the error in JSON', async () => {
    const {dir, cleanup} = tempDir('mon-slo-')
    try {
      const db = path.join(dir, 'missing.db')
      const [text, json] = await Promise.all([mon(['slo', '--db', db]), mon(['slo', '--json', '--db', db])])
      expect(text.code).toBe(1)
      expect(text.stdout).toBe('')
      expect(text.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(text.stderr).toMatch(/^Error: .*missing\.db/)
      expect(JSON.parse(json.stdout)).toMatchObject({error: {exit_code: 1}})
    } finally {
      cleanup()
    }
  })
})
