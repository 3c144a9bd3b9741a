/**
 * `mon check --due` when an endpoint and a registry entry have the same id
 * (ids are unique per table only: endpoint `registry:models` of entity
 * `registry`, and the derived `registry:<entity>` of entity `models`): each
 * is due by its own latest snapshot. Both engines, MON_NOW.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {openDriver} from '../../src/store/open.js'
import {uuidv7} from '../../src/time.js'
import {mon, tempDir} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {type MisbehavingServer, startMisbehavingServer} from '../support/misbehaving-server.js'

let server: MisbehavingServer
beforeAll(async () => {
  server = await startMisbehavingServer()
})
afterAll(async () => {
  await server.close()
})

const NOW = '2026-12-01T12:00:00.000Z'

const config = (http: string) => `version: 1
entities:
  - id: registry
    type: service
    label: Registry service
    owner: ov
    endpoints:
      - kind: models
        url: ${http}/ok
  - id: models
    type: registry
    label: Models
    owner: ov
    registry:
      - path: ./registry.json
        authority: ov
`

describe.each(ENGINES)('mon check --due with an endpoint and a registry entry of one id on %s', (engine) => {
  const fresh = useFreshDb(engine)

  it('checks the never-checked registry entry though the endpoint of its id was checked 5 s ago', async () => {
    const {dir, cleanup} = tempDir('mon-due-ids-')
    try {
      const file = path.join(dir, 'monitors.yaml')
      writeFileSync(file, config(server.http))
      writeFileSync(path.join(dir, 'registry.json'), '{"models": []}')
      const db = fresh().db
      expect((await mon(['apply', '-c', file, '--db', db], {env: {MON_NOW: '2026-12-01T11:00:00.000Z'}})).code).toBe(0)
      const driver = await openDriver(db)
      try {
        await driver.run('INSERT INTO snapshots (id, entity_id, endpoint_id, registry_id, status, detail, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          uuidv7(),
          'registry',
          'registry:models',
          null,
          'ok',
          'seeded',
          new Date(Date.parse(NOW) - 5000).toISOString(),
        ])
      } finally {
        await driver.close()
      }
      const r = await mon(['check', '-c', file, '--db', db, '--due', '--json'], {env: {MON_NOW: NOW}})
      const results = JSON.parse(r.stdout).results as Array<{endpoint_id: string | null; registry_id: string | null; status: string; detail: string}>
      expect(results.map((x) => [x.endpoint_id, x.registry_id]), r.stderr).toEqual([[null, 'registry:models']])
    } finally {
      cleanup()
    }
  })
})
