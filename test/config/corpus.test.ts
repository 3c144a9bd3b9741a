import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {loadConfigFile} from '../../src/config/load.js'
import {ENDPOINT_KINDS} from '../../src/config/model.js'
import {ROOT} from '../support/cli.js'
import {badFixtures, goodFixtures} from './corpus.js'

const here = (file: string) => path.join(ROOT, file)

describe('bad files: one per rule, each problem at its exact line and column', () => {
  it.each(badFixtures().map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const result = await loadConfigFile(fixture.file)
    const actual = {
      error: result.errors.map((d) => `${d.line}:${d.column} ${d.message}`),
      warning: result.warnings.map((d) => `${d.line}:${d.column} ${d.message}`),
    }
    for (const severity of ['error', 'warning'] as const) {
      const expected = fixture.expected.filter((e) => e.severity === severity)
      // Exactly the expected problems: no noise after the real one.
      expect(actual[severity], `${severity}s of ${fixture.name}`).toHaveLength(expected.length)
      for (const e of expected) {
        const found = actual[severity].some((line) => line.startsWith(`${e.line}:${e.column} `) && line.includes(e.fragment))
        expect(found, `${fixture.name} (${fixture.rule}): want ${e.line}:${e.column} ...${e.fragment}..., got ${JSON.stringify(actual[severity])}`).toBe(true)
      }
    }
    // Diagnostics carry the file as given and the path in the document.
    for (const d of [...result.errors, ...result.warnings]) expect(d.file).toBe(fixture.file)
    expect(result.model === null).toBe(result.errors.length > 0)
  })

  it('covers every rule of the format at least once', () => {
    const names = badFixtures().map((f) => f.name)
    expect(names.length).toBeGreaterThanOrEqual(40)
  })
})

describe('good files', () => {
  it.each(goodFixtures())('%s is valid with no warnings', async (file) => {
    const result = await loadConfigFile(file)
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.model).not.toBeNull()
  })

  it('the example monitors.yaml at the top level is valid with no warnings', async () => {
    const result = await loadConfigFile(here('monitors.yaml'))
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    const model = result.model!
    const ids = model.entities.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining(['mlx:8100', 'ov:9000', 'litellm', 'mcp:web-fetch']))
    expect(model.entities.some((e) => e.type === 'registry' && e.registry.length > 0)).toBe(true)
    const endpoints = model.entities.flatMap((e) => e.endpoints)
    // The example shows every kind, so a new kind lands with an example of it.
    expect(new Set(endpoints.map((e) => e.kind))).toEqual(new Set(ENDPOINT_KINDS))
    expect(model.entities.some((e) => e.registry.some((r) => r.serves !== null))).toBe(true)
    expect(endpoints.some((e) => Object.values(e.check.headers).some((v) => /\$\{[A-Z_]+\}/.test(v)))).toBe(true)
    // Stand-in services of the demo listen on these: loopback only, distinct ports in 18000-18999.
    const ports = new Map<string, string>()
    for (const entity of model.entities) {
      for (const endpoint of entity.endpoints) {
        const url = new URL(endpoint.url)
        expect(url.hostname).toBe('127.0.0.1')
        expect(Number(url.port)).toBeGreaterThanOrEqual(18000)
        expect(Number(url.port)).toBeLessThanOrEqual(18999)
        expect(ports.get(url.port) ?? entity.id).toBe(entity.id)
        ports.set(url.port, entity.id)
      }
    }
  })
})
