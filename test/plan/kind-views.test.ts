/**
 * The plan of the kind-specific settings (SPEC section 8): one line per
 * setting, so that a changed one names only itself, in the text and in the
 * JSON alike; defaults shown where the stored JSON leaves them out, and
 * nothing for a kind that has none.
 */
import {describe, expect, it} from 'vitest'

import {kindSettings} from '../../src/config/normalise.js'
import type {CheckSettings, Endpoint, Serves} from '../../src/config/model.js'
import {planChanges} from '../../src/plan/diff.js'
import {planJson} from '../../src/plan/render-json.js'
import {renderText} from '../../src/plan/render-text.js'
import {appliedState, check, emptyState, endpoint, entity, model, registry} from './fixtures.js'

const at = (kind: Endpoint['kind'], own: Partial<CheckSettings>, method: Endpoint['method'] = kind === 'mcp' || kind === 'completion' ? 'POST' : 'GET') => model(entity('a', {endpoints: [endpoint('a', kind, {method, check: check(own)})]}))
const served = (serves: Serves | null) => model(entity('r', {type: 'registry', registry: [registry('r', {serves})]}))

/** The plan from one model to the other: its one change's fields, and the text's field lines. */
function change(before: ReturnType<typeof model>, after: ReturnType<typeof model>) {
  const plan = planChanges(after, appliedState(before))
  const json = planJson(plan)
  const lines = renderText(plan).split('\n').filter((line) => line.startsWith('      ') && !line.includes('unchanged fields hidden'))
  return {changes: json.changes.length, fields: json.changes[0]?.fields ?? {}, lines: lines.map((line) => line.trim())}
}

describe('plan views of the kind-specific settings', () => {
  it('names only the setting that changed, in the text and the JSON, for every setting', () => {
    const cases: Array<[Endpoint['kind'], Partial<CheckSettings>, Partial<CheckSettings>, string, unknown, unknown]> = [
      ['mcp', {}, {mcp: {pin_tools: true}}, 'check.mcp.pin_tools', false, true],
      ['mcp', {mcp: {tools: ['fetch']}}, {mcp: {tools: ['fetch', 'search']}}, 'check.mcp.tools', ['fetch'], ['fetch', 'search']],
      ['models', {}, {models: {expect: ['qwen3-8b']}}, 'check.models.expect', [], ['qwen3-8b']],
      ['models', {models: {expect: ['m']}}, {models: {expect: ['m'], changed: 'ignore'}}, 'check.models.changed', 'warn', 'ignore'],
      ['completion', {completion: {model: 'a', prompt: 'ping', max_tokens: 1}}, {completion: {model: 'b', prompt: 'ping', max_tokens: 1}}, 'check.completion.model', 'a', 'b'],
      ['completion', {completion: {model: 'a', prompt: 'ping', max_tokens: 1}}, {completion: {model: 'a', prompt: 'Say ok.', max_tokens: 1}}, 'check.completion.prompt', 'ping', 'Say ok.'],
      ['completion', {completion: {model: 'a', prompt: 'ping', max_tokens: 1}}, {completion: {model: 'a', prompt: 'ping', max_tokens: 8}}, 'check.completion.max_tokens', 1, 8],
      ['api', {body: {q: '${QUERY}'}}, {body: {q: '${QUERY}', limit: 2}}, 'check.body', {q: '${QUERY}'}, {limit: 2, q: '${QUERY}'}],
      ['api', {}, {body: 'ping'}, 'check.body', null, 'ping'],
    ]
    for (const [kind, before, after, name, from, to] of cases) {
      const method = kind === 'api' ? 'POST' : undefined
      const got = change(at(kind, before, method), at(kind, after, method))
      expect(got.fields, name).toEqual({[name]: {before: from, after: to}})
      expect(got.lines, name).toEqual([`${name}: ${JSON.stringify(from)} -> ${JSON.stringify(to)}`])
    }
  })

  it('shows a kind\'s settings with their defaults where the stored JSON leaves them out, and none on a kind without them', () => {
    const plan = planChanges(model(entity('a', {endpoints: [endpoint('a', 'mcp', {method: 'POST'}), endpoint('a', 'models'), endpoint('a', 'health'), endpoint('a', 'completion', {method: 'POST', check: check(kindSettings({completion: {model: 'qwen3-8b'}}))})]})), emptyState())
    const fields = (id: string) => Object.keys(planJson(plan).changes.find((c) => c.id === id)!.fields)
    const kindKeys = (id: string) => fields(id).filter((key) => /^check\.(mcp|models|completion|body)/.test(key))
    expect(kindKeys('a:mcp')).toEqual(['check.mcp.tools', 'check.mcp.pin_tools'])
    expect(kindKeys('a:models')).toEqual(['check.models.expect', 'check.models.changed'])
    expect(kindKeys('a:health')).toEqual([])
    expect(kindKeys('a:completion')).toEqual(['check.completion.model', 'check.completion.prompt', 'check.completion.max_tokens'])
    const text = renderText(plan).replaceAll(/: +/g, ': ')
    expect(text).toContain('      check.mcp.tools: []\n      check.mcp.pin_tools: false\n')
    expect(text).toContain('      check.completion.model: "qwen3-8b"\n      check.completion.prompt: "ping"\n      check.completion.max_tokens: 1\n')
  })

  it('plans an endpoint applied before the kind settings existed, or one that sets them to their defaults, as no change', () => {
    // What an earlier release stored for a models endpoint is what one that sets nothing (or only defaults) stores now.
    const defaults = kindSettings({models: {expect: [], changed: 'warn'}, mcp: {tools: [], pin_tools: false}})
    expect(defaults).toEqual({})
    expect(change(at('models', {}), at('models', defaults)).changes).toBe(0)
  })

  it('shows no check.status or check.json on a protocol kind, unless a row applied before still holds them', () => {
    const created = planJson(planChanges(model(entity('a', {endpoints: [endpoint('a', 'mcp', {method: 'POST'}), endpoint('a', 'health')]})), emptyState())).changes
    const keys = (id: string) => Object.keys(created.find((c) => c.id === id)!.fields).filter((key) => /^check\.(status|json)$/.test(key))
    expect(keys('a:mcp')).toEqual([])
    expect(keys('a:health')).toEqual(['check.json'])
    const json = [{path: 'status', equals: 'ok', severity: 'warn' as const}]
    const got = change(at('mcp', {json, status: [200]}), at('mcp', {}))
    expect(got.fields).toEqual({'check.status': {before: [200], after: null}, 'check.json': {before: json, after: null}})
  })

  it('shows serves path by path: a changed path names only itself, a registry without serves shows none', () => {
    const before = {items: 'models', model: 'id', entities: ['served_by']}
    const got = change(served(before), served({...before, entities: ['served_by', 'via']}))
    expect(got.fields).toEqual({'serves.entities': {before: ['served_by'], after: ['served_by', 'via']}})
    expect(got.lines).toEqual(['serves.entities: ["served_by"] -> ["served_by","via"]'])
    const removed = change(served(before), served(null))
    expect(removed.fields).toEqual({'serves.items': {before: 'models', after: null}, 'serves.model': {before: 'id', after: null}, 'serves.entities': {before: ['served_by'], after: null}})
    const created = planJson(planChanges(served(null), emptyState())).changes.find((c) => c.table === 'registry_index')!
    expect(Object.keys(created.fields).filter((key) => key.startsWith('serves'))).toEqual([])
  })
})
