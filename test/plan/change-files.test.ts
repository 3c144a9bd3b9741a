import {describe, expect, it} from 'vitest'

import {canonicalJson, sha256} from '../../src/canonical-json.js'
import {treeSources} from '../../src/config/includes.js'
import {sourceKey} from '../../src/config/sources.js'
import {fileOrder, groupByFile, withFiles} from '../../src/plan/change-files.js'
import {planChanges, withSnapshotCounts} from '../../src/plan/diff.js'
import {baseFingerprint} from '../../src/plan/fingerprint.js'
import {parseSavedPlan, planJson, savedPlan} from '../../src/plan/render-json.js'
import {renderMarkdown} from '../../src/plan/render-markdown.js'
import {renderApplied, renderText} from '../../src/plan/render-text.js'
import type {Plan} from '../../src/plan/types.js'
import {appliedState, endpoint, entity, model} from './fixtures.js'

const MAIN = 'config/monitors.yaml'
const TEAM_A = 'config/monitors.d/team-a.yaml'
const TEAM_B = 'config/monitors.d/team-b.yaml'

/** Where a saved plan came from, and the row hashes it was made against (none: only its own content is checked here). */
const SOURCE = {config: MAIN, config_sha256: 'x'.repeat(64), git_commit: null, created_at: '2026-12-01T00:00:00.000Z'}
const OBSERVED = {entities: {}, endpoints: {}, registry_index: {}, notifiers: {}, maintenance_windows: {}}

const before = model(entity('b', {label: 'B'}), entity('gone', {endpoints: [endpoint('gone', 'health')]}), entity('z'))
const after = model(entity('a', {owner: 'ops'}), entity('b', {label: 'B2'}), entity('c'), entity('z', {label: 'Z2'}))

/** Changes from three files (the way `include:` names them) and two retires; the planner itself knows no file. */
function threeFilePlan(): Plan {
  const sources = new Map([
    [sourceKey('entities', 'a'), MAIN],
    [sourceKey('entities', 'b'), TEAM_B],
    [sourceKey('entities', 'c'), TEAM_A],
    [sourceKey('entities', 'z'), MAIN],
  ])
  const plan = withSnapshotCounts(planChanges(after, appliedState(before)), new Map([['endpoints:gone:health', 7]]))
  return withFiles(plan, {main: MAIN, sources})
}

describe('withFiles', () => {
  it('names the declaring file of every change but a retire, and leaves the planned changes and base as they were', () => {
    const bare = planChanges(after, appliedState(before))
    const plan = threeFilePlan()
    expect(plan.changes.map((c) => [c.action, c.id, c.file])).toEqual([
      ['create', 'a', MAIN],
      ['create', 'c', TEAM_A],
      ['update', 'b', TEAM_B],
      ['update', 'z', MAIN],
      ['retire', 'gone', undefined],
      ['retire', 'gone:health', undefined],
    ])
    expect(plan.base).toBe(bare.base)
    expect(plan.base).toBe(baseFingerprint(appliedState(before)))
    expect(plan.changes.map(({file: _file, snapshots_kept: _kept, ...c}) => c)).toEqual(bare.changes.map(({snapshots_kept: _kept, ...c}) => c))
  })

  it('orders the files main first, then by path, and groups by file only when there are two or more', () => {
    expect(fileOrder([{file: TEAM_B}, {file: MAIN}, {file: TEAM_A}, {}], MAIN)).toEqual([MAIN, TEAM_A, TEAM_B])
    // The main file first even where a path sorts before it.
    expect(fileOrder([{file: 'config/a.yaml'}, {file: MAIN}], MAIN)).toEqual([MAIN, 'config/a.yaml'])
    expect(fileOrder([{file: MAIN}, {file: MAIN}, {}], MAIN)).toBeNull()
    expect(groupByFile([{file: null}], null)).toEqual([{heading: null, rows: [{file: null}]}])
  })

  it('heads even a one-file plan with its file when the main file includes others (a team\'s pull request)', () => {
    const one = planChanges(model(entity('c')), appliedState(model()))
    const team = withFiles(one, {main: MAIN, sources: new Map([[sourceKey('entities', 'c'), TEAM_A], [sourceKey('entities', 'a'), MAIN]])})
    expect(team.included).toBe(true)
    expect(renderText(team)).toMatch(/^config\/monitors\.d\/team-a\.yaml:\n {2}\+ entity/)
    const alone = withFiles(one, {main: MAIN, sources: new Map([[sourceKey('entities', 'c'), MAIN]])})
    expect(alone.included).toBeUndefined()
    expect(renderText(alone)).toMatch(/^ {2}\+ entity/)
  })
})

describe('a plan from several files', () => {
  it('lists the text plan under a heading per file: main first, then by path, retires last', () => {
    const expected = [
      'config/monitors.yaml:',
      '  + entity   a            (service, owner ops)',
      '      label: "a"',
      '  ~ entity   z',
      '      label: "z" -> "Z2"',
      '      (5 unchanged fields hidden)',
      '',
      'config/monitors.d/team-a.yaml:',
      '  + entity   c            (service, owner team)',
      '      label: "c"',
      '',
      'config/monitors.d/team-b.yaml:',
      '  ~ entity   b',
      '      label: "B" -> "B2"',
      '      (5 unchanged fields hidden)',
      '',
      'no longer in any file:',
      '  - entity   gone         (retire; 0 snapshots kept)',
      '  - endpoint gone:health  (retire; 7 snapshots kept)',
    ]
    expect(renderText(threeFilePlan())).toBe([...expected, 'Plan: 2 to add, 2 to change, 2 to retire, 0 to revive. Pending migrations: none.', ''].join('\n'))
    // apply prints the same groups above its own last line.
    expect(renderApplied(threeFilePlan(), 'run-1', [])).toBe([...expected, 'Apply complete: 2 added, 2 changed, 2 retired, 0 revived (run run-1).', ''].join('\n'))
  })

  it('groups the drift section by file too', () => {
    const plan = threeFilePlan()
    // A hand edit of b (team-b's file) and of z (the main file): the plan puts them back.
    const drifted: Plan = {...plan, changes: plan.changes.map((c) => (c.id === 'b' || c.id === 'z' ? {...c, drift: true} : c))}
    expect(renderText(drifted)).toContain(
      [
        'Drift: changed in the database by hand since the last apply; this plan puts them back:',
        'config/monitors.yaml:',
        '  ~ entity   z',
        '      label: "z" -> "Z2"',
        '      (5 unchanged fields hidden)',
        '',
        'config/monitors.d/team-b.yaml:',
        '  ~ entity   b',
      ].join('\n'),
    )
    expect(renderMarkdown(drifted)).toContain(['# Drift: changed by hand since the last apply; this plan puts them back', '# config/monitors.yaml', '~ entity   z'].join('\n'))
  })

  it('gives the markdown one table per file, and the same headings in the details fold', () => {
    const md = renderMarkdown(threeFilePlan())
    expect(md).toContain(
      [
        '#### `config/monitors.yaml`',
        '',
        '| action | table | id | change |',
        '|---|---|---|---|',
        '| + add | entity | `a` | service, owner ops |',
        '| ~ change | entity | `z` | `label` |',
        '',
        '#### `config/monitors.d/team-a.yaml`',
        '',
        '| action | table | id | change |',
        '|---|---|---|---|',
        '| + add | entity | `c` | service, owner team |',
        '',
        '#### `config/monitors.d/team-b.yaml`',
        '',
        '| action | table | id | change |',
        '|---|---|---|---|',
        '| ~ change | entity | `b` | `label` |',
        '',
        '#### No longer in any file',
        '',
        '| action | table | id | change |',
        '|---|---|---|---|',
        '| - retire | entity | `gone` | 0 snapshots kept |',
        '| - retire | endpoint | `gone:health` | 7 snapshots kept |',
        '',
      ].join('\n'),
    )
    expect(md).toContain(['```diff', '# config/monitors.yaml', '+ entity   a            (service, owner ops)'].join('\n'))
    expect(md).toContain(['', '# config/monitors.d/team-b.yaml', '~ entity   b', ''].join('\n'))
    expect(md).toContain(['', '# no longer in any file', '- entity   gone         (retire; 0 snapshots kept)'].join('\n'))
  })

  it('cuts a long grouped table with one note, in the group where it stops, and stays under the limit', () => {
    const many = model(...Array.from({length: 400}, (_, i) => entity(`e${String(i).padStart(3, '0')}`)))
    const sources = new Map(many.entities.map((e, i) => [sourceKey('entities', e.id), i < 200 ? MAIN : TEAM_A]))
    const plan = withFiles(planChanges(many, appliedState(model())), {main: MAIN, sources})
    const md = renderMarkdown(plan, 20_000)
    expect(md.length).toBeLessThanOrEqual(20_000)
    expect(md.match(/more changes not shown here/g)).toHaveLength(1)
    const second = md.indexOf('#### `config/monitors.d/team-a.yaml`')
    expect(md.indexOf('#### `config/monitors.yaml`')).toBeGreaterThan(0)
    expect(second).toBeGreaterThan(md.indexOf('| + add | entity | `e199` |'))
    expect(md.indexOf('more changes not shown here')).toBeGreaterThan(second)
    expect(md).not.toContain('| + add | entity | `e399` |')
  })

  it('gives plan --json each change its file, none for a retire, and a saved plan keeps them', () => {
    const plan = threeFilePlan()
    const json = planJson(plan)
    expect(json.changes.map((c) => c.file)).toEqual([MAIN, TEAM_A, TEAM_B, MAIN, undefined, undefined])
    expect(Object.keys(json.changes[0]!)).toEqual(['action', 'table', 'id', 'drift', 'adopt', 'file', 'fields', 'unchanged_fields'])
    const back = parseSavedPlan(JSON.stringify(savedPlan(plan, SOURCE, OBSERVED)), 'plan.json').plan
    expect(back.changes.map((c) => c.file)).toEqual(plan.changes.map((c) => c.file))
    expect(renderText(back)).toBe(renderText(plan))
  })

  it('refuses a saved plan whose file is not text', () => {
    const plan = threeFilePlan()
    const saved = savedPlan(plan, SOURCE, OBSERVED)
    const bad = JSON.parse(JSON.stringify(saved)) as {changes: Array<{file?: unknown}>}
    bad.changes[0]!.file = 'a\u001b[31m.yaml'
    // Made as mon plan would make it (its own content hash), so that only the file's text check can refuse it.
    const {content_sha256: _old, ...rest} = bad as unknown as Record<string, unknown>
    ;(bad as unknown as Record<string, unknown>).content_sha256 = sha256(canonicalJson(rest))
    expect(() => parseSavedPlan(JSON.stringify(bad), 'plan.json')).toThrow(/changes\[0\]\.file/)
  })
})

describe('a plan from one file', () => {
  it('looks exactly as it did before include: no heading, the same text, markdown and retires', () => {
    const bare = withSnapshotCounts(planChanges(after, appliedState(before)), new Map([['endpoints:gone:health', 7]]))
    const plan = withFiles(bare, {main: 'monitors.yaml', sources: treeSources(after, () => 0, ['monitors.yaml'])})
    expect(plan.changes.filter((c) => c.action !== 'retire').every((c) => c.file === 'monitors.yaml')).toBe(true)
    expect(renderText(plan)).toBe(renderText(bare))
    expect(renderMarkdown(plan)).toBe(renderMarkdown(bare))
    expect(renderApplied(plan, 'run-1', [])).toBe(renderApplied(bare, 'run-1', []))
    expect(renderText(plan)).not.toContain('monitors.yaml')
  })
})
