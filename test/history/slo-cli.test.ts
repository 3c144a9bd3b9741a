/**
 * `mon slo` through the command. The SLO math is tested on plain data
 * (slo.test.ts); SLOs reach the database with the schedules work (issue 12),
 * so here: no SLO defined, and the exit codes around it.
 */
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'
import {ENGINES, freshDb, type FreshDb} from '../support/engines.js'
import {seed} from './seed.js'

describe.each(ENGINES)('mon slo on %s', (engine) => {
  let fresh: FreshDb
  beforeAll(async () => {
    fresh = await freshDb(engine)
    await seed(fresh.db)
  })
  afterAll(async () => {
    await fresh.cleanup()
  })

  it('says so when no SLO is defined, exit 0, and gives an empty list in JSON with where it read from', async () => {
    const [text, json, exact] = await Promise.all([
      mon(['slo', '--db', fresh.db]),
      mon(['slo', '--json', '--db', fresh.db]),
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
      const r = await mon(['report', '--out', path.join(dir, 'status.html'), '--json', '--exact', '--db', fresh.db])
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
