/**
 * The round trip of `mon export --split` through `include:`. Passes only
 * once the includes scope (SPEC section 9: the loader reads `include:`) has
 * landed: until then the loader does not read monitors.d/ and the split main
 * file holds no entity. Run it after merging the includes branch.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {loadConfigFile, parseConfig} from '../../src/config/load.js'
import {sourceOf} from '../../src/config/sources.js'
import {ROOT} from '../support/cli.js'
import {expectOk, monAt, workspace} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

const byId = (a: {id: string}, b: {id: string}) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

describe('mon export --split, read back through include:', () => {
  const ws = workspace('sqlite')

  it('round-trips through include', async () => {
    cpSync(path.join(ROOT, 'monitors.yaml'), path.join(ws.dir, 'monitors.yaml'))
    cpSync(path.join(ROOT, 'registries'), path.join(ws.dir, 'registries'), {recursive: true})
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const oneFile = parseConfig(expectOk(await monAt(ws.dir, ws.db, ['export'])).stdout, 'one.yaml').model!
    expectOk(await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'monitors.yaml']))

    const loaded = await loadConfigFile(path.join(ws.dir, 'monitors.yaml'))
    expect(loaded.errors).toEqual([])
    expect(loaded.warnings).toEqual([])
    // The same rows as one file (registry paths back relative to the main file's directory), each from its owner's file.
    expect({...loaded.model!, entities: [...loaded.model!.entities].sort(byId)}).toEqual({...oneFile, entities: [...oneFile.entities].sort(byId)})
    expect(sourceOf(loaded.sources, 'entities', 'litellm')).toBe(path.join(ws.dir, 'monitors.d/platform.yaml'))
    expect(sourceOf(loaded.sources, 'registry_index', 'registry:model-registry')).toBe(path.join(ws.dir, 'monitors.d/platform.yaml'))

    // Applied back it plans clean: nothing about the rows depends on which file declares them.
    const clean = await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])
    expect(clean.code, clean.stdout + clean.stderr).toBe(0)

    // A change in two teams' files: the plan names each file and groups the text by file.
    const edit = (file: string, from: string, to: string) => writeFileSync(path.join(ws.dir, file), readFileSync(path.join(ws.dir, file), 'utf8').replace(from, to))
    edit('monitors.d/platform.yaml', 'label: LiteLLM gateway', 'label: LiteLLM')
    edit('monitors.d/mlx.yaml', 'label: jerry-xl', 'label: jerry')
    const json = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['plan', '--json'])).stdout) as {changes: Array<{id: string; file?: string}>}
    expect(json.changes.map((c) => [c.id, c.file])).toEqual([
      ['litellm', 'monitors.d/platform.yaml'],
      ['mlx:8100', 'monitors.d/mlx.yaml'],
    ])
    const text = expectOk(await monAt(ws.dir, ws.db, ['plan'])).stdout
    expect(text).toMatch(/^monitors\.d\/mlx\.yaml:\n {2}~ entity {3}mlx:8100\n[\s\S]*\n\nmonitors\.d\/platform\.yaml:\n {2}~ entity {3}litellm\n/)
  })
})
