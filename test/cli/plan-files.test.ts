import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {sourceKey} from '../../src/config/sources.js'
import {withFiles} from '../../src/plan/change-files.js'
import {planChanges} from '../../src/plan/diff.js'
import {rowStateHashes} from '../../src/plan/fingerprint.js'
import {savedPlan} from '../../src/plan/render-json.js'
import {emptyState, entity, model} from '../plan/fixtures.js'
import {expectOk, monAt, workspace} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

describe('a saved plan from several files', () => {
  const ws = workspace('sqlite')

  it('keeps each change\'s file, and mon apply of it prints the changes under a heading per file', async () => {
    const desired = model(entity('a'), entity('b', {owner: 'team-b'}))
    const sources = new Map([
      [sourceKey('entities', 'a'), 'monitors.yaml'],
      [sourceKey('entities', 'b'), 'monitors.d/team-b.yaml'],
    ])
    const plan = withFiles(planChanges(desired, emptyState()), {main: 'monitors.yaml', sources})
    const source = {config: 'monitors.yaml', config_sha256: 'x'.repeat(64), git_commit: null, created_at: '2026-12-01T00:00:00.000Z'}
    writeFileSync(path.join(ws.dir, 'plan.json'), JSON.stringify(savedPlan(plan, source, rowStateHashes(emptyState()))))
    const applied = expectOk(await monAt(ws.dir, ws.db, ['apply', 'plan.json']))
    expect(applied.stdout).toMatch(/^Migrated: .*\nmonitors\.yaml:\n {2}\+ entity {3}a {2}\(service, owner team\)\n {6}label: "a"\n\nmonitors\.d\/team-b\.yaml:\n {2}\+ entity {3}b {2}\(service, owner team-b\)\n {6}label: "b"\nApply complete: 2 added/)
  })
})
