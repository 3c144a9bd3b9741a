/** apply against hostile or damaged input: each refusal is one line and leaves the database as it was, on each engine. */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {canonicalJson, sha256} from '../../src/canonical-json.js'
import type {Engine} from '../../src/store/driver.js'
import {ENGINES} from '../support/engines.js'
import {dump, endpoint, entity, expectOk, model, monAt, workspace, writeConfig} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

type SavedChange = {action: string; table: string; id: string; row?: Record<string, unknown>}

/** Edits a saved plan the way someone who knows the format would: the content hash recomputed to match. */
function editPlan(file: string, edit: (changes: SavedChange[]) => void, rehash = true): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {changes: SavedChange[]; content_sha256?: string}
  edit(saved.changes)
  if (rehash) {
    const {content_sha256: _old, ...rest} = saved
    saved.content_sha256 = sha256(canonicalJson(rest))
  }
  writeFileSync(file, JSON.stringify(saved))
}

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

  describe('a saved plan is checked as strictly as the file', () => {
    const planned = async () => {
      writeConfig(ws.dir, model(entity('a', {endpoints: [endpoint('a', 'api')]})))
      expectOk(await monAt(ws.dir, ws.db, ['plan', '--out', 'plan.json']))
      return path.join(ws.dir, 'plan.json')
    }
    const endpointRow = (changes: SavedChange[]) => changes.find((c) => c.table === 'endpoints')!.row!

    it.each([
      ['credentials in a URL', (row: Record<string, unknown>) => (row.url = 'http://admin:hunter2@127.0.0.1:9000/api'), '.url: must not contain credentials (user:password@); send them in check.headers as ${VAR}'],
      ['check settings of the wrong shape', (row: Record<string, unknown>) => (row.check_json = '{"timeout":"soon"}'), '.check_json: is not what mon plan writes for it (a value has the wrong type)'],
      ['check settings that are not JSON', (row: Record<string, unknown>) => (row.check_json = 'not json'), '.check_json: is not what mon plan writes for it (edited by hand?)'],
      ['a header that reads MON_DB', (row: Record<string, unknown>) => (row.check_json = row.check_json!.toString().replace('"headers":{}', '"headers":{"User-Agent":"mon ${MON_DB}"}')), ".check_json (check.headers.User-Agent): ${MON_DB} is one of mon's own variables"],
      ['a catastrophic regex', (row: Record<string, unknown>) => (row.check_json = row.check_json!.toString().replace('"json":[]', '"json":[{"matches":"(a)\\\\1","path":"v","severity":"error"}]')), '.check_json (check.json[0].matches): uses a backreference \\1'],
      ['a control character in a label', (row: Record<string, unknown>) => (row.kind = 'api\u001b[2J'), '.kind: contains the control character U+001B (ESC)'],
    ])('refuses %s, naming its JSON path, and changes nothing', async (_what, edit, message) => {
      const file = await planned()
      editPlan(file, (changes) => edit(endpointRow(changes)))
      const state = await dump(ws.db)
      const refused = await monAt(ws.dir, ws.db, ['apply', 'plan.json'])
      expect(refused.code).toBe(1)
      const index = (JSON.parse(readFileSync(file, 'utf8')) as {changes: SavedChange[]}).changes.findIndex((c) => c.table === 'endpoints')
      expect(refused.stderr).toMatch(/^Error: plan\.json is not a usable saved plan \(1 error; it is checked as strictly as monitors\.yaml\):\n/)
      expect(refused.stderr.split('\n')[1]).toContain(`plan.json changes[${index}].row${message}`)
      expect(refused.stderr).not.toContain('hunter2')
      expect(await dump(ws.db)).toBe(state)
    })

    it('refuses an edit that did not update content_sha256, and an id that is not one', async () => {
      const file = await planned()
      editPlan(file, (changes) => (endpointRow(changes).url = 'http://127.0.0.1:9999/other'), false)
      const state = await dump(ws.db)
      const edited = await monAt(ws.dir, ws.db, ['apply', 'plan.json'])
      expect(edited.code).toBe(1)
      expect(edited.stderr).toBe('Error: plan.json is not a usable saved plan: its content does not match its content_sha256, so it was changed after mon plan wrote it; make it again with `mon plan --out plan.json`\n')
      expect(await dump(ws.db)).toBe(state)

      await planned()
      editPlan(file, (changes) => {
        const entityChange = changes.find((c) => c.table === 'entities')!
        entityChange.id = entityChange.row!.id = 'a\u0000b'
      })
      const badId = await monAt(ws.dir, ws.db, ['apply', 'plan.json'])
      expect(badId.code).toBe(1)
      expect(badId.stderr).toContain('plan.json changes[0].id: contains the control character U+0000 (NUL)')
      expect(await dump(ws.db)).toBe(state)

      // What apply prints from the plan is checked too: a field name or an unmanaged id could rewrite the terminal.
      await planned()
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {changes: Array<{fields: Record<string, unknown>}>}
      saved.changes[0]!.fields['\u001b]0;owned\u0007'] = {before: null, after: 1}
      saved.unmanaged = [{table: 'entities', id: 'x\u001b[2J'}]
      const {content_sha256: _old, ...rest} = saved
      writeFileSync(file, JSON.stringify({...rest, content_sha256: sha256(canonicalJson(rest))}))
      const printed = await monAt(ws.dir, ws.db, ['apply', 'plan.json'])
      expect(printed.code).toBe(1)
      expect(printed.stderr).toContain('plan.json changes[0].fields: a field name contains the control character U+001B (ESC)')
      expect(printed.stderr).toContain('plan.json unmanaged[0]: contains the control character U+001B (ESC)')
      expect(await dump(ws.db)).toBe(state)
    })

    it('applies an unedited saved plan as before', async () => {
      await planned()
      expect(expectOk(await monAt(ws.dir, ws.db, ['apply', 'plan.json'])).stdout).toContain('Apply complete: 2 added')
    })
  })
})
