import {describe, expect, it} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import {ownerFileName, ownerFileNames, pathFromSplitDir, splitModel} from '../../src/config/split.js'
import {endpoint, entity, model, registry} from '../plan/fixtures.js'

describe('ownerFileName', () => {
  it('keeps lowercase [a-z0-9._-], turns anything else into one -, and is never empty, hidden or ..', () => {
    expect(ownerFileName('Team A')).toBe('team-a')
    expect(ownerFileName('ov-llm-server')).toBe('ov-llm-server')
    expect(ownerFileName('ops@example.com')).toBe('ops-example.com')
    expect(ownerFileName('Équipe / Données')).toBe('quipe-donn-es')
    expect(ownerFileName('..')).toBe('unowned')
    expect(ownerFileName('../../etc/passwd')).toBe('etc-passwd')
    expect(ownerFileName('.hidden')).toBe('hidden')
    expect(ownerFileName('   ')).toBe('unowned')
    expect(ownerFileName('日本')).toBe('unowned')
    expect(ownerFileName('x'.repeat(300))).toHaveLength(100)
  })

  it('gives two owners with one name -2, -3 in owner order, past a name another owner already has', () => {
    const names = ownerFileNames(['team a', 'Team A', 'team-a', 'TEAM A', 'team-a-2', 'team a'])
    expect([...names]).toEqual([
      ['TEAM A', 'team-a'],
      ['Team A', 'team-a-2'],
      ['team a', 'team-a-3'],
      ['team-a', 'team-a-4'],
      ['team-a-2', 'team-a-2-2'],
    ])
  })
})

describe('pathFromSplitDir', () => {
  it('writes a relative registry path relative to monitors.d/, and leaves absolute paths and URLs alone', () => {
    expect(pathFromSplitDir('./registries/models.json')).toBe('../registries/models.json')
    expect(pathFromSplitDir('registries/models.json')).toBe('../registries/models.json')
    expect(pathFromSplitDir('/srv/registry.json')).toBe('/srv/registry.json')
    expect(pathFromSplitDir('http://127.0.0.1:9000/registry.json')).toBe('http://127.0.0.1:9000/registry.json')
  })
})

describe('splitModel', () => {
  const m = model(
    entity('b', {owner: 'Team A', endpoints: [endpoint('b', 'health')]}),
    entity('a', {owner: 'Team A', registry: [registry('a', {path: './reg.json'})]}),
    entity('c', {owner: 'ops'}),
  )

  it('writes the main file with the defaults and include, and each owner its entities in id order', () => {
    const split = splitModel(m, {schema: './schemas/monitors.schema.json'})
    expect(split.main).toBe('# yaml-language-server: $schema=./schemas/monitors.schema.json\nversion: 1\ninclude:\n  - monitors.d/*.yaml\nentities: []\n')
    expect(split.parts.map((p) => [p.file, p.owner, p.entities])).toEqual([
      ['monitors.d/ops.yaml', 'ops', 1],
      ['monitors.d/team-a.yaml', 'Team A', 2],
    ])
    const teamA = split.parts[1]!.yaml
    expect(teamA.indexOf('- id: a')).toBeLessThan(teamA.indexOf('- id: b'))
    expect(teamA).toContain('path: ../reg.json')
    expect(teamA).not.toMatch(/version|include|defaults/)
  })

  it('loads, merged by hand as include: will merge it, to the same model as the one-file export', () => {
    const split = splitModel(m)
    const parts = split.parts.map((p) => p.yaml.replace(/^entities:\n/, '').replace('path: ../reg.json', 'path: ./reg.json'))
    const merged = split.main.replace('include:\n  - monitors.d/*.yaml\n', '').replace('entities: []\n', `entities:\n${parts.join('')}`)
    const loaded = parseConfig(merged, 'merged.yaml')
    expect(loaded.errors).toEqual([])
    const byId = (list: Array<{id: string}>) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1))
    expect(byId(loaded.model!.entities)).toEqual(byId(m.entities))
  })
})
