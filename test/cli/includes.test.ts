import {execFileSync} from 'node:child_process'
import {appendFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {configSha256} from '../../src/apply/provenance.js'
import {sha256} from '../../src/canonical-json.js'
import {mon} from '../support/cli.js'
import {expectOk, monAt, sql, workspace} from './plan-support.js'

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), {recursive: true})
    writeFileSync(path.join(dir, file), text)
  }
}

const entity = (id: string, extra = '') => `  - id: ${id}
    type: service
    label: ${id}
    owner: team
    endpoints:
      - {kind: health, url: "http://127.0.0.1:1/${id}"}
${extra}`

const TREE = {
  'monitors.yaml': `version: 1\ninclude: ["monitors.d/*.yaml"]\nentities:\n${entity('core')}`,
  'monitors.d/web.yaml': `entities:\n${entity('web')}`,
  'monitors.d/data.yaml': `entities:\n${entity('data', '    registry:\n      - {path: ./registries/data.json, authority: data}\n')}`,
  'monitors.d/registries/data.json': '{}\n',
}

describe('a tree of included files through plan and apply', () => {
  const ws = workspace('sqlite')

  it('applies, then plans clean; an included file is hashed into config_sha256', async () => {
    write(ws.dir, TREE)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const plan = await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])
    expect(plan.code, plan.stdout + plan.stderr).toBe(0)
    const [run] = await sql<{config_sha256: string}>(ws.db, 'SELECT config_sha256 FROM apply_runs')
    const text = (file: string) => readFileSync(path.join(ws.dir, file), 'utf8')
    // Load order: the main file, then the included files by path.
    const files = ['monitors.yaml', 'monitors.d/data.yaml', 'monitors.d/web.yaml'].map((file) => ({file, text: text(file)}))
    expect(run!.config_sha256).toBe(configSha256(files))
    expect(run!.config_sha256).not.toBe(sha256(text('monitors.yaml')))

    // A comment in an included file changes the hash (a saved plan records it), and no row.
    await monAt(ws.dir, ws.db, ['plan', '--out', 'before.json'])
    appendFileSync(path.join(ws.dir, 'monitors.d/web.yaml'), '# edited\n')
    await monAt(ws.dir, ws.db, ['plan', '--out', 'after.json'])
    const shaOf = (file: string) => (JSON.parse(text(file)) as {source: {config_sha256: string}}).source.config_sha256
    expect(shaOf('after.json')).not.toBe(shaOf('before.json'))
    expect(shaOf('before.json')).toBe(run!.config_sha256)
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)
  })

  it('a plan saved from a tree applies as it was planned, with the tree\'s hash', async () => {
    write(ws.dir, TREE)
    expectOk(await monAt(ws.dir, ws.db, ['plan', '--out', 'plan.json']))
    const saved = JSON.parse(readFileSync(path.join(ws.dir, 'plan.json'), 'utf8')) as {source: {config_sha256: string}}
    expectOk(await monAt(ws.dir, ws.db, ['apply', 'plan.json']))
    expect(await sql(ws.db, 'SELECT id FROM entities ORDER BY id')).toEqual([{id: 'core'}, {id: 'data'}, {id: 'web'}])
    expect(await sql(ws.db, 'SELECT config_sha256 FROM apply_runs')).toEqual([{config_sha256: saved.source.config_sha256}])
    expect((await monAt(ws.dir, ws.db, ['plan', '--detailed-exitcode'])).code).toBe(0)
  })

  it('stores an included registry path relative to the main file, as mon check resolves it', async () => {
    write(ws.dir, TREE)
    const validated = await mon(['validate'], {cwd: ws.dir})
    expect(validated.stdout).toBe('monitors.yaml: valid (3 entities, 3 endpoints, 1 registry entry)\n')
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect(await sql(ws.db, 'SELECT id, registry_path FROM registry_index')).toEqual([{id: 'registry:data', registry_path: './monitors.d/registries/data.json'}])
    // Beside the declaring file, not beside the main file: a path that is not there warns at its own line.
    write(ws.dir, {'monitors.d/data.yaml': `entities:\n${entity('data', '    registry:\n      - {path: ./registries/gone.json, authority: data}\n')}`})
    const warned = await mon(['validate'], {cwd: ws.dir})
    expect(warned.stdout).toContain('monitors.d/data.yaml:9:16 entities[0].registry[0].path: warning: ./registries/gone.json does not exist beside this file (in an included file a path is relative to it; it is stored relative to the main file\'s directory)')
  })

  it('check and status hint at an included file edited but not applied', async () => {
    write(ws.dir, TREE)
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    expect((await monAt(ws.dir, ws.db, ['status'])).stderr).not.toContain('differs from what was applied')
    write(ws.dir, {'monitors.d/web.yaml': `entities:\n${entity('web').replace('label: web', 'label: Web site')}`})
    expect((await monAt(ws.dir, ws.db, ['status'])).stderr).toMatch(/^monitors\.yaml differs from what was applied at \S+ \(run mon plan\)$/m)
  })
})

describe('config_sha256 of a tree', () => {
  it('is the main text\'s own hash without includes, and does not depend on where mon ran', () => {
    expect(configSha256([{file: 'config/monitors.yaml', text: 'version: 1\n'}])).toBe(sha256('version: 1\n'))
    const tree = (dir: string) => [{file: path.join(dir, 'monitors.yaml'), text: 'a'}, {file: path.join(dir, 'monitors.d/x.yaml'), text: 'b'}]
    expect(configSha256(tree('config'))).toBe(configSha256(tree('.')))
    expect(configSha256(tree('.'))).not.toBe(configSha256([{file: 'monitors.yaml', text: 'a'}, {file: 'monitors.d/y.yaml', text: 'b'}]))
  })

  it('standard input cannot include: one error at the include key', async () => {
    const result = await mon(['validate', '-c', '-'], {input: TREE['monitors.yaml']})
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("-:2:1 include: include needs the main file's path (the included files are found beside it), not a text on its own such as standard input")
  })
})

describe('validate --format github names every file from the repository root', () => {
  const ws = workspace('sqlite')
  const BROKEN = {...TREE, 'monitors.d/web.yaml': `entities:\n  - id: web\n    type: servce\n    label: Web\n    owner: o\n`}

  it('from a subdirectory of the repository', async () => {
    const repo = path.join(ws.dir, 'repo')
    write(path.join(repo, 'config'), BROKEN)
    execFileSync('git', ['init', '-q', repo])
    const result = await mon(['validate', '--format', 'github'], {cwd: path.join(repo, 'config')})
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')[0]).toMatch(/^::error file=config\/monitors\.d\/web\.yaml,line=3,col=11,title=mon validate::entities\[0\]\.type: /)
    const nested = await mon(['validate', '-c', 'config/monitors.yaml', '--format', 'github'], {cwd: repo})
    expect(nested.stdout.split('\n')[0]).toMatch(/^::error file=config\/monitors\.d\/web\.yaml,line=3,/)
  })

  it('outside a git work tree, relative to the current directory', async () => {
    write(path.join(ws.dir, 'plain'), BROKEN)
    const result = await mon(['validate', '-c', path.join(ws.dir, 'plain/monitors.yaml'), '--format', 'github'], {cwd: ws.dir})
    expect(result.stdout.split('\n')[0]).toMatch(/^::error file=plain\/monitors\.d\/web\.yaml,line=3,col=11,/)
  })
})
