import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import Check from '../../src/commands/check.js'

describe('mon check --help examples', () => {
  it('name only ids that exist in the example monitors.yaml', () => {
    const yaml = readFileSync(new URL('../../monitors.yaml', import.meta.url), 'utf8')
    const ids = (Check.examples as string[]).flatMap((e) => [...e.matchAll(/--only (\S+)/g)].map((m) => m[1]!))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) {
      // A registry entry's id defaults to "registry:<entity id>".
      const entity = id.replace(/^registry:/, '')
      expect(yaml, id).toMatch(new RegExp(`^  - id: ${entity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`, 'm'))
      if (id.startsWith('registry:')) expect(yaml, id).toContain(`id: ${id}`)
    }
  })
})
