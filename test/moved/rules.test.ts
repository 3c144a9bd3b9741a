import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {mon, tempDir} from '../support/cli.js'

/** Line 1..: the file's entities, then `moved:` with the entries below at known lines. */
const HEAD = `version: 1
notifiers:
  - id: ops
    type: webhook
    url: http://127.0.0.1:9/hook
entities:
  - id: shop
    type: service
    label: Shop
    owner: team-a
    endpoints:
      - kind: health
        url: http://127.0.0.1:9/health
  - id: cart
    type: service
    label: Cart
    owner: team-a
moved:
`
const FIRST_LINE = HEAD.split('\n').length

function file(entries: string[]): string {
  return HEAD + entries.map((e) => `  - ${e}\n`).join('')
}

describe('moved: rules, each an error at its entry', () => {
  const {dir, cleanup} = tempDir('mon-moved-rules-')
  afterAll(cleanup)
  let n = 0
  const validate = async (entries: string[]) => {
    const config = path.join(dir, `m${n++}.yaml`)
    writeFileSync(config, file(entries))
    const result = await mon(['validate', '-c', config])
    return {...result, out: result.stdout + result.stderr, name: config}
  }
  // Each entry is one line: `  - {from: a, to: b}`, so entry i sits at FIRST_LINE + i; the error points at the key's value.
  const at = (i: number, key: 'from' | 'to', entry: string) => `${FIRST_LINE + i}:${5 + entry.indexOf(`${key}:`) + key.length + 2}`

  it.each([
    ['from still declared', ['{from: cart, to: shop}'], 0, 'from', 'moved cart → shop: cart is still declared (as entity)'],
    ['to not declared, with a did-you-mean', ['{from: old, to: shpo}'], 0, 'to', 'moved old → shpo: shpo is not declared in the file; did you mean "shop"?'],
    ['from = to', ['{from: shop, to: shop}'], 0, 'to', 'moved shop → shop: from and to are the same id'],
    ['a notifier is not movable', ['{from: pager, to: ops}'], 0, 'to', 'moved pager → ops: a notifier cannot be moved'],
    ['two moves to one id', ['{from: a, to: shop}', '{from: b, to: shop}'], 1, 'to', 'moved b → shop: '],
    ['two moves from one id', ['{from: a, to: shop}', '{from: a, to: cart}'], 1, 'from', 'moved a → cart: '],
    ['a chain', ['{from: a, to: b}', '{from: b, to: shop}'], 1, 'from', 'moved b → shop: chains with a → b at '],
  ])('%s', async (_name, entries, index, key, message) => {
    const result = await validate(entries)
    expect(result.code).toBe(1)
    const line = result.out.split('\n').find((l) => l.includes(message))
    expect(line, result.out).toBeDefined()
    expect(line).toContain(`${result.name}:${at(index, key as 'from' | 'to', entries[index]!)}`)
  })

  it('names the other entry of a pair and says what to write for a chain', async () => {
    const twice = await validate(['{from: a, to: shop}', '{from: b, to: shop}'])
    expect(twice.out).toContain(`${twice.name}:${FIRST_LINE}:`)
    expect(twice.out).toContain('two rows cannot become one')
    const chain = await validate(['{from: a, to: b}', '{from: b, to: shop}'])
    expect(chain.out).toContain('write a → shop instead')
    // b is the middle of the chain, not a typo: no "not declared" for it.
    expect(chain.out).not.toContain('b is not declared')
  })

  it('accepts a move to a declared id, a derived endpoint id included', async () => {
    const result = await validate(['{from: old-shop, to: shop}', '{from: old:health, to: shop:health}'])
    expect(result.out).toContain('valid (2 entities, 1 endpoint, 0 registry entries)')
    expect(result.code).toBe(0)
  })
})
