import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'
import {parse} from 'yaml'

import {parseConfig} from '../../src/config/load.js'
import {mon, ROOT} from '../support/cli.js'
import {expectOk, monAt, workspace} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

/** The example applied: owners mlx, ov-llm-server, platform and tools, and a registry at ./registries/models.json. */
async function applyExample(ws: {dir: string; db: string}): Promise<void> {
  cpSync(path.join(ROOT, 'monitors.yaml'), path.join(ws.dir, 'monitors.yaml'))
  cpSync(path.join(ROOT, 'registries'), path.join(ws.dir, 'registries'), {recursive: true})
  expectOk(await monAt(ws.dir, ws.db, ['apply']))
}

/** The split tree merged by hand the way include: merges it (main first, then the parts by path), registry paths back to the main file's directory. */
function mergedByHand(dir: string): string {
  const main = parse(readFileSync(path.join(dir, 'monitors.yaml'), 'utf8')) as Record<string, unknown>
  const parts = readdirSync(path.join(dir, 'monitors.d')).sort()
  const entities = parts.flatMap((name) => (parse(readFileSync(path.join(dir, 'monitors.d', name), 'utf8')) as {entities: Array<Record<string, unknown>>}).entities)
  for (const entity of entities) for (const entry of (entity.registry ?? []) as Array<{path: string}>) entry.path = entry.path.replace(/^\.\.\//, './')
  const {include: _include, ...rest} = main
  return JSON.stringify({...rest, entities})
}

const byId = (a: {id: string}, b: {id: string}) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

describe('mon export --split', () => {
  const ws = workspace('sqlite')

  it('writes the main file and one monitors.d/<owner>.yaml per owner, lists each on stderr, and the tree means the one-file export', async () => {
    await applyExample(ws)
    mkdirSync(path.join(ws.dir, 'split'))
    const result = expectOk(await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'split/monitors.yaml']))
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([
      'Wrote split/monitors.d/mlx.yaml: 1 entity of owner mlx.',
      'Wrote split/monitors.d/ov-llm-server.yaml: 1 entity of owner ov-llm-server.',
      'Wrote split/monitors.d/platform.yaml: 2 entities of owner platform.',
      'Wrote split/monitors.d/tools.yaml: 1 entity of owner tools.',
      'Wrote split/monitors.yaml: the main file, including monitors.d/*.yaml (4 files).',
    ])
    const dir = path.join(ws.dir, 'split')
    const main = readFileSync(path.join(dir, 'monitors.yaml'), 'utf8')
    expect(main).toMatch(/^version: 1\ndefaults:\n/)
    expect(main).toContain('\ninclude:\n  - monitors.d/*.yaml\nnotifiers:\n')
    expect(main).toContain('\nentities: []\nmaintenance:\n')
    const platform = readFileSync(path.join(dir, 'monitors.d/platform.yaml'), 'utf8')
    expect(platform).toMatch(/^entities:\n/)
    expect(platform).not.toMatch(/version|defaults|include|notifiers/)
    // Entities in id order; each file only its owner's.
    expect(platform.indexOf('- id: litellm')).toBeLessThan(platform.indexOf('- id: model-registry'))
    expect(platform.match(/^ {4}owner: (.*)$/gm)).toEqual(['    owner: platform', '    owner: platform'])
    // Relative to the file that holds it, which lives one directory down.
    expect(platform).toContain('- path: ../registries/models.json\n')

    // Until include: is read, merge it by hand: it loads to the model of the one-file export.
    const oneFile = expectOk(await monAt(ws.dir, ws.db, ['export'])).stdout
    const merged = parseConfig(mergedByHand(dir), 'merged.yaml')
    expect(merged.errors).toEqual([])
    const one = parseConfig(oneFile, 'one.yaml').model!
    // The same rows; only the order of the entities is by file, then by id.
    expect(merged.model!.entities.map((e) => e.id)).toEqual(['mlx:8100', 'ov:9000', 'litellm', 'model-registry', 'mcp:web-fetch'])
    expect({...merged.model!, entities: [...merged.model!.entities].sort(byId)}).toEqual({...one, entities: [...one.entities].sort(byId)})

    const json = JSON.parse(expectOk(await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'split/monitors.yaml', '--json'])).stdout) as Record<string, unknown>
    expect(json).toMatchObject({out: 'split/monitors.yaml', yaml: main, counts: {entities: 5}})
    expect(json.files).toEqual([
      {file: 'split/monitors.d/mlx.yaml', owner: 'mlx', entities: 1},
      {file: 'split/monitors.d/ov-llm-server.yaml', owner: 'ov-llm-server', entities: 1},
      {file: 'split/monitors.d/platform.yaml', owner: 'platform', entities: 2},
      {file: 'split/monitors.d/tools.yaml', owner: 'tools', entities: 1},
    ])
  })

  it('needs --out: a usage error before the database is opened', async () => {
    const result = await mon(['export', '--split', '--db', path.join(ws.dir, 'none.db')], {cwd: ws.dir})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('Error: --split needs --out FILE: it writes the main file there and monitors.d/ beside it\n')
    expect(result.stdout).toBe('')
    expect(existsSync(path.join(ws.dir, 'none.db'))).toBe(false)
  })

  it('refuses, writing nothing, when monitors.d/ holds a YAML file it would not write; rewrites its own files', async () => {
    await applyExample(ws)
    expectOk(await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'monitors.yaml']))
    const before = readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8')
    // Again over its own files: fine, and the same.
    expectOk(await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'monitors.yaml']))
    expect(readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8')).toBe(before)
    writeFileSync(path.join(ws.dir, 'monitors.d/old-team.yaml'), 'entities: []\n')
    writeFileSync(path.join(ws.dir, 'monitors.d/notes.txt'), 'not included\n')
    writeFileSync(path.join(ws.dir, 'monitors.yaml'), 'version: 1\nentities: []\n')
    const result = await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'monitors.yaml'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'Error: refusing to export into monitors.d: it holds monitors.d/old-team.yaml, which this export would not write and monitors.yaml would include. Nothing was written; remove it or export elsewhere\n',
    )
    expect(readFileSync(path.join(ws.dir, 'monitors.yaml'), 'utf8')).toBe('version: 1\nentities: []\n')
  })

  it('says so in one line when monitors.d is a file', async () => {
    await applyExample(ws)
    writeFileSync(path.join(ws.dir, 'monitors.d'), 'a file\n')
    const result = await monAt(ws.dir, ws.db, ['export', '--split', '--out', 'monitors.yaml'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('Error: cannot write monitors.d: it is not a directory\n')
  })
})
