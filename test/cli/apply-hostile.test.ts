/** apply against hostile or damaged input: each refusal is one line and leaves the database as it was, on each engine. */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {ENGINES} from '../support/engines.js'
import {dump, endpoint, entity, expectOk, model, monAt, workspace, writeConfig} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

describe.each(ENGINES)('mon apply on %s: hostile input', (engine: Engine) => {
  const ws = workspace(engine)

  it('refuses to retire every endpoint of a file that keeps every entity, unless --allow-mass-retire', async () => {
    const full = model(
      entity('a', {endpoints: [endpoint('a', 'health'), endpoint('a', 'api')]}),
      entity('b', {endpoints: [endpoint('b', 'health')]}),
    )
    writeConfig(ws.dir, full)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    writeConfig(ws.dir, model(entity('a'), entity('b')))
    const plan = expectOk(await monAt(ws.dir, ws.db, ['plan']))
    expect(plan.stdout).toContain('Warning: This plan retires 3 of 3 active endpoints; apply refuses that unless --allow-mass-retire.')
    const state = await dump(ws.db)
    const refused = await monAt(ws.dir, ws.db, ['apply'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^Error: refusing to retire 3 of 3 active endpoints \(more than half\)[^\n]*--allow-mass-retire\n$/)
    expect(await dump(ws.db)).toBe(state)
    const allowed = expectOk(await monAt(ws.dir, ws.db, ['apply', '--allow-mass-retire']))
    expect(allowed.stdout).toContain('Apply complete: 0 added, 0 changed, 3 retired, 0 revived')
  })

  it.each([
    ['a NUL', '"a\\0b"', 'contains the control character U+0000 (NUL)'],
    ['an escape sequence', '"\\e[31mred"', 'contains the control character U+001B (ESC)'],
    ['a lone surrogate', '"\\uD800"', 'contains a lone surrogate (\\uD800)'],
  ])('refuses %s in a label before anything is written, not even a migration', async (_what, label, message) => {
    writeConfig(ws.dir, model(entity('a')))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const state = await dump(ws.db)
    const text = `version: 1\nentities:\n  - id: a\n    type: service\n    label: ${label}\n    owner: team\n`
    writeFileSync(path.join(ws.dir, 'monitors.yaml'), text)
    const refused = await monAt(ws.dir, ws.db, ['apply'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(`Error: monitors.yaml is invalid (1 error; see mon validate):\nmonitors.yaml:5:12 entities[0].label: ${message}${message.includes('surrogate') ? ', which is not Unicode text: it would not read back the same from the database' : '; only tab and newline are allowed in text'}\n`)
    expect(await dump(ws.db)).toBe(state)
  })
})
