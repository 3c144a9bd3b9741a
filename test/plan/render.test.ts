import {describe, expect, it} from 'vitest'

import {FIELDS, withField} from '../../src/config/fields.js'
import {planChanges, withSnapshotCounts} from '../../src/plan/diff.js'
import {planJson} from '../../src/plan/render-json.js'
import {MARKDOWN_LIMIT, mdText, renderMarkdown} from '../../src/plan/render-markdown.js'
import {renderText} from '../../src/plan/render-text.js'
import type {Plan} from '../../src/plan/types.js'
import {ANSI_PAINT} from '../../src/terminal.js'
import {appliedState, check, emptyState, endpoint, entity, model, registry, T0} from './fixtures.js'

/** The plan example of docs/plan-apply.md: add ov:9000 and its health endpoint, relabel mlx:8100, drop its metrics endpoint. */
function specPlan(): Plan {
  const before = model(entity('mlx:8100', {type: 'backend', label: 'jerry', owner: 'mlx', endpoints: [endpoint('mlx:8100', 'metrics')]}))
  const after = model(
    entity('mlx:8100', {type: 'backend', label: 'jerry-xl', owner: 'mlx'}),
    entity('ov:9000', {owner: 'ov-llm-server', endpoints: [endpoint('ov:9000', 'health', {url: 'http://127.0.0.1:9000/health'})]}),
  )
  const plan = planChanges(after, appliedState(before))
  return withSnapshotCounts(plan, new Map([['endpoints:mlx:8100:metrics', 1204]]))
}

describe('renderText', () => {
  it('prints the documented example: every setting of a new row, changed fields with unchanged ones counted, ids in one column', () => {
    expect(renderText(specPlan())).toBe(
      [
        '  + entity   ov:9000           (service, owner ov-llm-server)',
        '      label: "ov:9000"',
        '  + endpoint ov:9000:health    GET http://127.0.0.1:9000/health',
        '      entity_id:            "ov:9000"',
        '      kind:                 "health"',
        '      check.degraded_after: "1s"',
        '      check.timeout:        "5s"',
        '      check.retries:        0',
        '      check.interval:       "1m"',
        '      check.json:           []',
        '      alert.notify:         []',
        '      alert.on:             "error"',
        '      alert.after:          2',
        '      alert.recover_after:  1',
        '  ~ entity   mlx:8100',
        '      label: "jerry" -> "jerry-xl"',
        '      (5 unchanged fields hidden)',
        '  - endpoint mlx:8100:metrics  (retire; 1204 snapshots kept)',
        'Plan: 2 to add, 1 to change, 1 to retire, 0 to revive. Pending migrations: none.',
        '',
      ].join('\n'),
    )
  })

  it('lists a new row\'s settings from the field table, so that a new field shows up unasked', () => {
    const fields = withField(FIELDS, 'endpoints', {name: 'tier', column: 'tier', type: 'text', nullable: true, from: 'file', default: null})
    const m = model(entity('a', {endpoints: [endpoint('a', 'health')]}))
    ;(m.entities[0]!.endpoints[0] as unknown as Record<string, unknown>).tier = 'gold'
    const text = renderText(planChanges(m, emptyState(), {fields}))
    expect(text).toContain('      alert.recover_after:  1\n      tier:                 "gold"\n')
    expect(renderMarkdown(planChanges(m, emptyState(), {fields}))).toContain('\n    tier:                 "gold"\n')
  })

  it('says so when there is nothing to do, and names pending migrations', () => {
    const m = model(entity('a'))
    const text = renderText(planChanges(m, appliedState(m), {pendingMigrations: ['0005-x', '0006-y']}))
    expect(text).toBe('No changes. The database matches the file.\nPlan: 0 to add, 0 to change, 0 to retire, 0 to revive. Pending migrations: 0005-x, 0006-y.\n')
  })

  it('shows durations as written, a registry entry by its path, revive and adopt', () => {
    const before = model(
      entity('a', {endpoints: [endpoint('a', 'health', {check: check({timeout: 5000})})]}),
      entity('b'),
      entity('c', {registry: [registry('c')]}),
    )
    const observed = appliedState(before)
    observed.entities[1]!.retired_at = T0
    observed.entities[2]!.applied_at = null
    const after = model(
      entity('a', {endpoints: [endpoint('a', 'health', {check: check({timeout: 2000})})]}),
      entity('b', {label: 'bee'}),
      entity('c', {registry: [registry('c')]}),
      entity('d', {registry: [registry('d', {format: 'yaml'})]}),
    )
    const text = renderText(planChanges(after, observed))
    expect(text).toContain('  + registry registry:d  ./registries/d.json (yaml, authority reg)\n      entity_id:           "d"\n')
    expect(text).toContain('  ~ endpoint a:health\n      check.timeout: "5s" -> "2s"\n      (14 unchanged fields hidden)\n')
    expect(text).toContain('  ~ entity   c           (adopt: unmanaged row, managed by the file from now on)\n')
    expect(text).toContain('  ↺ entity   b           (revive)\n      label: "b" -> "bee"\n      (5 unchanged fields hidden)\n')
    expect(text).toContain('Plan: 2 to add, 2 to change, 0 to retire, 1 to revive.')
  })

  it('puts drift in its own section and unmanaged rows in another', () => {
    const m = model(entity('a'), entity('b'))
    const observed = appliedState(m)
    observed.entities[0]!.owner = 'hand'
    observed.entities.push({...observed.entities[1]!, id: 'z', applied_at: null, applied_hash: null})
    const text = renderText(planChanges(model(entity('a'), entity('b', {label: 'B'})), observed))
    expect(text).toBe(
      [
        '  ~ entity   b',
        '      label: "b" -> "B"',
        '      (5 unchanged fields hidden)',
        '',
        'Drift: changed in the database by hand since the last apply; this plan puts them back:',
        '  ~ entity   a',
        '      owner: "hand" -> "team"',
        '      (5 unchanged fields hidden)',
        '',
        'Unmanaged: 1 row not in the file, left alone:',
        '    entity   z',
        'Plan: 0 to add, 2 to change, 0 to retire, 0 to revive. Pending migrations: none.',
        '',
      ].join('\n'),
    )
  })

  it('warns about a mass retirement', () => {
    const m = model(entity('a'), entity('b'), entity('c'))
    const text = renderText(planChanges(model(entity('a')), appliedState(m)))
    expect(text).toContain('Warning: This plan retires 2 of 3 active entities; apply refuses that unless --allow-mass-retire.\n')
    expect(text).toContain('  - entity   b  (retire; snapshots kept)\n  - entity   c  (retire; snapshots kept)\n')
  })

  it('colours only when asked', () => {
    expect(renderText(specPlan())).not.toContain('\u001B[')
    const coloured = renderText(specPlan(), ANSI_PAINT)
    expect(coloured).toContain('\u001B[32m  + entity   ov:9000')
    expect(coloured).toContain('\u001B[31m  - endpoint')
  })
})

describe('renderMarkdown', () => {
  it('leads with the summary, then the retirement warning, the table by action, and the details fold', () => {
    const md = renderMarkdown(specPlan())
    const summary = md.indexOf('**Plan: 2 to add, 1 to change, 1 to retire, 0 to revive.')
    const warning = md.indexOf('> [!WARNING]')
    const table = md.indexOf('| action | table | id | change |')
    const details = md.indexOf('<details>')
    expect(summary).toBeGreaterThan(-1)
    expect(summary).toBeLessThan(warning)
    expect(warning).toBeLessThan(table)
    expect(table).toBeLessThan(details)
    expect(md).toContain('> - endpoint `mlx:8100:metrics` (1204 snapshots kept)')
    expect(md).toContain('| + add | entity | `ov:9000` | service, owner ov-llm-server |')
    expect(md).toContain('| ~ change | entity | `mlx:8100` | `label` |')
    expect(md).toContain('| - retire | endpoint | `mlx:8100:metrics` | 1204 snapshots kept |')
    expect(md).toContain('```diff\n+ entity   ov:9000           (service, owner ov-llm-server)\n    label: "ov:9000"\n+ endpoint ov:9000:health    GET http://127.0.0.1:9000/health\n    entity_id:            "ov:9000"\n')
    expect(md).toContain('\n</details>\n')
    expect(md).not.toContain('cut at')
  })

  it('escapes labels that would break the table', () => {
    expect(mdText('a|b <script>')).toBe('a\\|b \\<script\\>')
    const plan = planChanges(model(entity('x', {owner: 'a|b'})), emptyState())
    expect(renderMarkdown(plan)).toContain('| + add | entity | `x` | service, owner a\\|b |')
  })

  it('stays under GitHub\'s limit for a huge plan, cutting details and table rows but never the summary', () => {
    const big = model(
      ...Array.from({length: 3000}, (_, i) =>
        entity(`service-${String(i).padStart(5, '0')}`, {notes: 'n'.repeat(50), endpoints: [endpoint(`service-${i}`, 'health')]}),
      ),
    )
    const plan = planChanges(big, emptyState())
    const md = renderMarkdown(plan)
    expect(md.length).toBeLessThan(65_535)
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT)
    expect(md.startsWith('### mon plan\n\n**Plan: 6000 to add, 0 to change, 0 to retire, 0 to revive.')).toBe(true)
    expect(md).toMatch(/more changes not shown here/)
    expect(md).toMatch(/_Details cut at \d+ of \d+ lines/)
    expect(md).toContain('</details>')
  })

  it('keeps a long retirement list in the warning, bounded, and still under the limit', () => {
    const big = model(...Array.from({length: 4000}, (_, i) => entity(`e${i}`)))
    const md = renderMarkdown(planChanges(model(), appliedState(big)))
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT)
    expect(md).toContain('**This plan retires 4000 of 4000 active entities; apply refuses that unless --allow-mass-retire.**')
    expect(md).toMatch(/> - … and \d+ more/)
    expect(md.indexOf('**Plan:')).toBeLessThan(md.indexOf('[!WARNING]'))
  })

  it('uses a longer fence when a value holds backticks', () => {
    const plan = planChanges(model(entity('x', {label: 'a```b'})), appliedState(model(entity('x'))))
    expect(renderMarkdown(plan)).toContain('````diff\n')
  })
})

describe('planJson', () => {
  it('has format_version, the documented fields and a drift flag on every change', () => {
    const json = planJson(specPlan())
    expect(json.format_version).toBe('1')
    expect(Object.keys(json)).toEqual(['format_version', 'changes', 'summary', 'drift', 'unmanaged', 'migrations', 'mass_retire', 'base'])
    expect(json.summary).toEqual({create: 2, update: 1, move: 0, retire: 1, revive: 0})
    expect(json.migrations).toEqual({pending: []})
    expect(json.changes.find((c) => c.id === 'mlx:8100')).toEqual({
      action: 'update',
      table: 'entities',
      id: 'mlx:8100',
      drift: false,
      adopt: false,
      fields: {label: {before: 'jerry', after: 'jerry-xl'}},
      unchanged_fields: 5,
    })
    expect(json.changes.find((c) => c.action === 'retire')).toMatchObject({entity_id: 'mlx:8100', snapshots_kept: 1204})
    expect(JSON.stringify(json)).not.toContain('"row"')
  })
})

describe('apply output', () => {
  it('replaces the plan summary with the apply line, and says when nothing was written', async () => {
    const {renderApplied} = await import('../../src/plan/render-text.js')
    const {appliedJson} = await import('../../src/plan/render-json.js')
    const text = renderApplied(specPlan(), 'run-1', ['0006-x'])
    expect(text.startsWith('Migrated: 0006-x.\n  + entity   ov:9000')).toBe(true)
    expect(text.endsWith('  - endpoint mlx:8100:metrics  (retire; 1204 snapshots kept)\nApply complete: 2 added, 1 changed, 1 retired, 0 revived (run run-1).\n')).toBe(true)
    expect(text).not.toContain('Plan:')
    const m = model(entity('a'))
    expect(renderApplied(planChanges(m, appliedState(m)), null, [])).toBe('No changes. The database matches the file; nothing was written.\n')
    expect(appliedJson(specPlan(), 'run-1', ['0006-x'])).toMatchObject({format_version: '1', applied: true, run_id: 'run-1', migrations: {pending: [], applied: ['0006-x']}})
  })
})
