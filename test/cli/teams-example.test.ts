/** examples/teams: the main file, one file per team, and a rename that keeps history, as the README shows them. */
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'
import {expectOk} from './plan-support.js'

const EXAMPLE = path.resolve('examples/teams')

describe('examples/teams', () => {
  it('validates, and plans each team under its own file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mon-teams-'))
    cpSync(EXAMPLE, dir, {recursive: true})
    const config = path.join(dir, 'monitors.yaml')
    const db = path.join(dir, 'monitor.db')
    expect(expectOk(await mon(['validate', '-c', config])).stdout).toBe(`${config}: valid (3 entities, 3 endpoints, 0 registry entries)\n`)
    const json = JSON.parse(expectOk(await mon(['plan', '-c', config, '--db', db, '--json'])).stdout) as {changes: Array<{id: string; file: string}>}
    expect(new Set(json.changes.map((c) => path.relative(dir, c.file)))).toEqual(new Set(['monitors.yaml', 'monitors.d/platform.yaml', 'monitors.d/serving.yaml']))
  })

  it("moves ovms's history to ov:9000, its health endpoint with it, and then plans clean", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mon-teams-'))
    cpSync(EXAMPLE, dir, {recursive: true})
    const config = path.join(dir, 'monitors.yaml')
    const db = path.join(dir, 'monitor.db')
    const serving = path.join(dir, 'monitors.d/serving.yaml')
    const renamed = readFileSync(serving, 'utf8')
    // What the database held before the rename: the entity under its old id, no moved: yet.
    writeFileSync(serving, renamed.replace('id: ov:9000', 'id: ovms').replace(/\nmoved:[\s\S]*$/, '\n'))
    expectOk(await mon(['apply', '-c', config, '--db', db]))
    writeFileSync(serving, renamed)
    const plan = JSON.parse(expectOk(await mon(['plan', '-c', config, '--db', db, '--json'])).stdout) as {changes: Array<{action: string; id: string; from?: string}>}
    expect(plan.changes.filter((c) => c.action === 'move').map((c) => [c.from, c.id])).toEqual([
      ['ovms', 'ov:9000'],
      ['ovms:health', 'ov:9000:health'],
    ])
    expectOk(await mon(['apply', '-c', config, '--db', db]))
    const again = await mon(['plan', '-c', config, '--db', db, '--detailed-exitcode'])
    expect(again.code, again.stdout).toBe(0)
  })
})
