import {execFileSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {DEFAULT_READ_LIMITS, formatDiagnostic, loadConfigFile, parseConfig, type LoadResult} from '../../src/config/load.js'
import {sourceOf} from '../../src/config/sources.js'
import {mon, tempDir} from '../support/cli.js'

const {dir: TMP, cleanup} = tempDir('mon-includes-')
afterAll(cleanup)

let trees = 0
/** A fresh directory holding the files (paths relative to it); returns it. */
export function tree(files: Record<string, string | Buffer>): string {
  const dir = path.join(TMP, `tree-${++trees}`)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), {recursive: true})
    writeFileSync(path.join(dir, file), text)
  }
  return dir
}

const entity = (id: string, extra = '') => `  - id: ${id}
    type: service
    label: ${id}
    owner: team
${extra}`

/** The loader run from inside `dir` (diagnostics name files as typed), each diagnostic as text. */
async function load(dir: string, main = 'monitors.yaml', limits = DEFAULT_READ_LIMITS): Promise<LoadResult & {lines: string[]}> {
  const before = process.cwd()
  process.chdir(dir)
  try {
    const result = await loadConfigFile(main, limits)
    return {...result, lines: [...result.errors.map(formatDiagnostic), ...result.warnings.map((d) => `warning: ${formatDiagnostic(d)}`)]}
  } finally {
    process.chdir(before)
  }
}

const MAIN = `version: 1
include: ["monitors.d/*.yaml"]
entities:
${entity('core')}`

describe('include: a tree of files', () => {
  it('merges the lists in load order and names each row its own file', async () => {
    const dir = tree({
      'monitors.yaml': MAIN,
      'monitors.d/b.yaml': `entities:\n${entity('bee')}notifiers:\n  - {id: ops, type: webhook, url: "http://127.0.0.1:9/hook"}\n`,
      'monitors.d/a.yaml': `entities:\n${entity('ay', '    endpoints:\n      - {kind: health, url: "http://127.0.0.1:1/health"}\n')}`,
    })
    const result = await load(dir)
    expect(result.lines).toEqual([])
    expect(result.model!.entities.map((e) => e.id)).toEqual(['core', 'ay', 'bee'])
    expect(sourceOf(result.sources, 'entities', 'core')).toBe('monitors.yaml')
    expect(sourceOf(result.sources, 'entities', 'ay')).toBe('monitors.d/a.yaml')
    expect(sourceOf(result.sources, 'endpoints', 'ay:health')).toBe('monitors.d/a.yaml')
    expect(sourceOf(result.sources, 'notifiers', 'ops')).toBe('monitors.d/b.yaml')
    expect(result.files.map((f) => f.file)).toEqual(['monitors.yaml', 'monitors.d/a.yaml', 'monitors.d/b.yaml'])
    expect(result.counts).toEqual({entities: 3, endpoints: 1, registry_index: 0})
  })

  it('places every error at its own file, line and column', async () => {
    const dir = tree({
      'monitors.yaml': `${MAIN}    endpoints:\n      - {kind: helth, url: "http://127.0.0.1:1/h"}\n`,
      'monitors.d/a.yaml': `entities:\n${entity('ay', '    endpoints:\n      - kind: api\n        url: ftp://127.0.0.1/x\n')}`,
      'monitors.d/b.yaml': `\nentities:\n  - id: bee\n    type: servce\n    label: B\n    owner: o\n`,
    })
    expect((await load(dir)).lines).toEqual([
      'monitors.yaml:9:16 entities[0].endpoints[0].kind: must be one of api, health, models, metrics, mcp, completion (got "helth"); did you mean "health"?',
      'monitors.d/a.yaml:8:14 entities[0].endpoints[0].url: must be an http: or https: URL (got ftp:)',
      'monitors.d/b.yaml:4:11 entities[0].type: must be one of service, backend, tool, gateway, registry (got "servce"); did you mean "service"?',
    ])
  })

  it('keeps ids unique across files, and a duplicate names both files', async () => {
    const dir = tree({
      'monitors.yaml': MAIN,
      'monitors.d/a.yaml': `entities:\n${entity('shared')}`,
      'monitors.d/b.yaml': `# b\nentities:\n${entity('other')}${entity('shared')}`,
    })
    expect((await load(dir)).lines).toEqual(['monitors.d/b.yaml:7:9 entities[1].id: duplicate entity id "shared": already used at monitors.d/a.yaml:2:9 (entities[0].id)'])
  })

  it('a main file with no entities of its own takes them from its includes; without any, entities is missing', async () => {
    const lean = `version: 1\ndefaults:\n  check: {timeout: 2s}\ninclude: ["monitors.d/*.yaml"]\n`
    const result = await load(tree({'monitors.yaml': lean, 'monitors.d/a.yaml': `entities:\n${entity('ay', '    endpoints:\n      - {kind: api, url: "http://127.0.0.1:1/"}\n')}`}))
    expect(result.lines).toEqual([])
    expect(result.model!.entities[0]!.endpoints[0]!.check.timeout).toBe(2000)
    expect((await load(tree({'monitors.yaml': lean, 'monitors.d/a.yaml': 'notifiers: []\n'}))).lines).toEqual(['monitors.yaml:1:1: missing required key "entities"'])
  })

  it('reads the main file only once, however often a pattern matches it, and a file matched twice once', async () => {
    const dir = tree({
      'monitors.yaml': `version: 1\ninclude: ["*.yaml", "monitors.d/*.yaml", "monitors.d/a.yaml"]\nentities:\n${entity('core')}`,
      'monitors.d/a.yaml': `entities:\n${entity('ay')}`,
    })
    const result = await load(dir)
    expect(result.lines).toEqual(['warning: monitors.yaml:2:11 include[0]: "*.yaml" matches the main file itself; it is read once, as the main file'])
    expect(result.model!.entities.map((e) => e.id)).toEqual(['core', 'ay'])
  })
})

describe('include: what each file may hold', () => {
  it('a missing literal include is an error, a glob that matches nothing a warning', async () => {
    const dir = tree({'monitors.yaml': `version: 1\ninclude:\n  - teams/web.yaml\n  - "empty.d/*.yaml"\nentities:\n${entity('core')}`})
    const result = await load(dir)
    expect(result.lines).toEqual(['monitors.yaml:3:5 include[0]: teams/web.yaml: no such file (or not a regular file)', 'warning: monitors.yaml:4:5 include[1]: "empty.d/*.yaml" matches no file'])
    expect(result.model).toBeNull()
  })

  it('only the main file includes, or sets version or defaults; an included file holds only the lists', async () => {
    const dir = tree({
      'monitors.yaml': MAIN,
      'monitors.d/a.yaml': `version: 1\ndefaults:\n  check: {timeout: 2s}\ninclude: ["more/*.yaml"]\nentites: []\nextra: 1\nentities:\n${entity('ay')}`,
      'monitors.d/b.yaml': `- just\n- a list\n`,
      'monitors.d/c.yaml': `# nothing at all\n`,
      'monitors.d/d.yaml': `entities: {id: x}\n`,
      // Only a mistaken key: that is the message, not also that the file holds nothing.
      'monitors.d/e.yaml': `entitis: []\n`,
    })
    expect((await load(dir)).lines).toEqual([
      'monitors.d/a.yaml:1:1 version: only the main file may set version',
      'monitors.d/a.yaml:2:1 defaults: only the main file may set defaults',
      'monitors.d/a.yaml:4:1 include: only the main file may set include',
      'monitors.d/a.yaml:5:1 entites: unknown key "entites"; did you mean "entities"?',
      'monitors.d/a.yaml:6:1 extra: unknown key "extra" (an included file holds entities, notifiers, maintenance, moved)',
      'monitors.d/b.yaml:1:1: an included file must be a mapping with entities, notifiers, maintenance, moved (got a list)',
      'monitors.d/d.yaml:1:11 entities: must be a list (got a mapping)',
      'monitors.d/e.yaml:1:1 entitis: unknown key "entitis"; did you mean "entities"?',
      'warning: monitors.d/c.yaml:1:1: holds nothing: an included file holds entities, notifiers, maintenance, moved',
    ])
  })

  it('an included file that is not YAML or not UTF-8: its own errors at its own lines', async () => {
    const dir = tree({
      'monitors.yaml': MAIN,
      'monitors.d/a.yaml': `entities:\n  - id: [unclosed\n`,
      'monitors.d/b.yaml': Buffer.from('entities:\n  - id: caf\xe9\n', 'latin1'),
      'monitors.d/c.yaml': `entities:\n${entity('fine')}`,
    })
    const lines = (await load(dir)).lines
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe('monitors.d/a.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]')
    expect(lines[1]).toBe('monitors.d/b.yaml:2:12: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8')
  })

  it('text that cannot be stored is found at its own file and line', async () => {
    const dir = tree({'monitors.yaml': MAIN, 'monitors.d/a.yaml': `entities:\n${entity('ay').replace('label: ay', 'label: "a\\u0007y"')}`})
    const lines = (await load(dir)).lines
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^monitors\.d\/a\.yaml:4:12 entities\[0\]\.label: .*control character/)
  })

  it('refuses absolute patterns and patterns that go up, at their lines, before globbing', async () => {
    const dir = tree({
      'sub/monitors.yaml': `version: 1\ninclude: ["../x.yaml", /etc/x.yaml, "a/{b,..}/c.yaml"]\nentities:\n${entity('core')}`,
      'x.yaml': `entities:\n${entity('outside')}`,
    })
    expect((await load(dir, 'sub/monitors.yaml')).lines).toEqual([
      'sub/monitors.yaml:2:11 include[0]: "../x.yaml" goes up with "..": include only files in or below the main file\'s directory',
      'sub/monitors.yaml:2:24 include[1]: "/etc/x.yaml" is an absolute path: include patterns are relative to the main file\'s directory',
      'sub/monitors.yaml:2:37 include[2]: "a/{b,..}/c.yaml" goes up with "..": include only files in or below the main file\'s directory',
    ])
  })

  it('refuses a symlink that leaves the repository, and reads nothing through it', async () => {
    const dir = tree({'repo/monitors.yaml': MAIN, 'outside/evil.yaml': `entities:\n${entity('evil')}`})
    mkdirSync(path.join(dir, 'repo/monitors.d'))
    symlinkSync('../../outside/evil.yaml', path.join(dir, 'repo/monitors.d/evil.yaml'))
    const result = await load(path.join(dir, 'repo'))
    expect(result.lines).toEqual([`monitors.yaml:2:11 include[0]: monitors.d/evil.yaml is outside the repository (${path.join(dir, 'outside/evil.yaml')}): include only files inside the repository`])
    expect(result.files.map((f) => f.file)).toEqual(['monitors.yaml'])
  })

  it('follows a symlink that stays in the repository; each match through one that leaves it is refused', async () => {
    const dir = tree({
      'repo/monitors.yaml': `version: 1\ninclude: ["monitors.d/**/*.yaml"]\nentities: []\n`,
      'repo/shared/common.yaml': `entities:\n${entity('common')}`,
      'outside/one.yaml': `entities:\n${entity('one')}`,
      'outside/two.yaml': `entities:\n${entity('two')}`,
    })
    mkdirSync(path.join(dir, 'repo/monitors.d'))
    symlinkSync('../shared/common.yaml', path.join(dir, 'repo/monitors.d/common.yaml'))
    symlinkSync('../../outside', path.join(dir, 'repo/monitors.d/away'))
    const result = await load(path.join(dir, 'repo'))
    expect(result.lines).toEqual(
      ['one', 'two'].map((name) => `monitors.yaml:2:11 include[0]: monitors.d/away/${name}.yaml is outside the repository (${path.join(dir, `outside/${name}.yaml`)}): include only files inside the repository`),
    )
    expect(result.files.map((f) => f.file)).toEqual(['monitors.yaml', 'monitors.d/common.yaml'])
  })

  it("warns where one team's file holds another's entities' alerts or renames its entity, at the entry", async () => {
    const dir = tree({
      'monitors.yaml': MAIN,
      'monitors.d/platform.yaml': `entities:\n${entity('gw')}maintenance:\n  - id: quiet\n    entities: [gw, web, core]\n    start: 2026-12-01T00:00:00Z\n    end: 2026-12-02T00:00:00Z\nmoved:\n  - from: web-old\n    to: web\n`,
      'monitors.d/web.yaml': `entities:\n${entity('web')}`,
    })
    expect((await load(dir)).lines).toEqual([
      "warning: monitors.d/platform.yaml:8:15 maintenance[0].entities: holds the alerts of entities another file declares: core (monitors.yaml); web (monitors.d/web.yaml); their owners are not asked to review this file",
      "warning: monitors.d/platform.yaml:13:9 moved[0].to: renames an entity another file declares: web (monitors.d/web.yaml); its owners are not asked to review this file",
    ])
  })

  it('reads a file reached by two names (a symlinked directory, two patterns) once, by its first name', async () => {
    const dir = tree({
      'repo/monitors.yaml': `version: 1\ninclude: ["monitors.d/**/*.yaml", "teams/*.yaml"]\nentities: []\n`,
      'repo/teams/web.yaml': `entities:\n${entity('web')}`,
    })
    mkdirSync(path.join(dir, 'repo/monitors.d'))
    symlinkSync('../teams', path.join(dir, 'repo/monitors.d/linked'))
    const result = await load(path.join(dir, 'repo'))
    expect(result.lines).toEqual([])
    expect(result.files.map((f) => f.file)).toEqual(['monitors.yaml', 'monitors.d/linked/web.yaml'])
  })

  it('refuses a file whose name holds a control character: it would forge lines in a plan or an annotation', async () => {
    const dir = tree({
      'monitors.yaml': MAIN,
      'monitors.d/x\n\n**Plan: 0 to add** ::warning file=monitors.yaml::LGTM.yaml': `entities:\n${entity('x')}`,
    })
    const result = await load(dir)
    expect(result.lines).toEqual(['monitors.yaml:2:11 include[0]: monitors.d/x\\u000a\\u000a**Plan: 0 to add** ::warning file=monitors.yaml::LGTM.yaml: a file name with a control character cannot be named in a plan or an annotation; rename the file'])
    expect(result.model).toBeNull()
  })

  it('says a pattern that goes up goes up, however its separators are written', async () => {
    const dir = tree({'monitors.yaml': `version: 1\ninclude: ['\\..\\secret\\*.yaml']\nentities: []\n`})
    expect((await load(dir)).lines).toEqual([`monitors.yaml:2:11 include[0]: "\\\\..\\\\secret\\\\*.yaml" goes up with "..": include only files in or below the main file's directory`])
  })

  it('inside a git work tree, the repository is its root, not the main file\'s directory', async () => {
    const dir = tree({'config/monitors.yaml': MAIN, 'teams/web.yaml': `entities:\n${entity('web')}`})
    execFileSync('git', ['init', '-q', dir])
    mkdirSync(path.join(dir, 'config/monitors.d'))
    symlinkSync('../../teams/web.yaml', path.join(dir, 'config/monitors.d/web.yaml'))
    const result = await load(dir, 'config/monitors.yaml')
    expect(result.lines).toEqual([])
    expect(sourceOf(result.sources, 'entities', 'web')).toBe('config/monitors.d/web.yaml')
  })

  it('more than 1,000 included files is one error, and none is read', async () => {
    const files: Record<string, string> = {'monitors.yaml': MAIN}
    for (let i = 0; i <= 1000; i++) files[`monitors.d/f${i}.yaml`] = `entities: []\n`
    const result = await load(tree(files))
    expect(result.lines).toEqual(['monitors.yaml:2:1 include: the patterns match more than 1,000 files: at most 1,000 may be included'])
    expect(result.files).toHaveLength(1)
  })

  it('each file is under --max-config-size, and all of them together under 4 times it', async () => {
    const limits = {...DEFAULT_READ_LIMITS, maxBytes: 300}
    const files: Record<string, string> = {'monitors.yaml': MAIN, 'monitors.d/big.yaml': `entities:\n${entity('big', `    notes: ${'x'.repeat(300)}\n`)}`}
    expect((await load(tree(files), 'monitors.yaml', limits)).lines).toEqual([
      'monitors.yaml:2:11 include[0]: cannot read monitors.d/big.yaml: it is larger than 300 bytes (raise the limit with --max-config-size)',
    ])
    const many: Record<string, string> = {'monitors.yaml': MAIN}
    for (let i = 0; i < 6; i++) many[`monitors.d/f${i}.yaml`] = `entities:\n${entity(`e${i}`, `    notes: ${'x'.repeat(150)}\n`)}`
    const result = await load(tree(many), 'monitors.yaml', limits)
    expect(result.lines).toEqual(['monitors.yaml:2:1 include: the main file and its included files hold more than 4 × --max-config-size (1,200 bytes) together'])
    expect(result.model).toBeNull()
  })

  it('text read on its own (standard input, parseConfig) cannot include', () => {
    expect(parseConfig(MAIN, '-').errors.map(formatDiagnostic)).toEqual([
      "-:2:1 include: include needs the main file's path (the included files are found beside it), not a text on its own such as standard input",
    ])
    expect(parseConfig(`version: 1\ninclude: []\nentities: []\n`, '-').errors).toEqual([])
  })
})

describe('include: through the commands', () => {
  it('validate prints the problems in load order: the main file, then each included file, each by line', async () => {
    const dir = tree({
      'monitors.yaml': `version: 1\ninclude: ["monitors.d/*.yaml", "none/*.yaml"]\nentities:\n${entity('core')}`,
      'monitors.d/a.yaml': `entities:\n  - id: ay\n    type: servce\n    label: A\n    owner: o\n`,
      'monitors.d/b.yaml': `# nothing\n`,
    })
    const result = await mon(['validate'], {cwd: dir})
    expect(result.stdout.split('\n').map((line) => line.slice(0, line.indexOf(' ')))).toEqual(['monitors.yaml:2:32', 'monitors.d/a.yaml:3:11', 'monitors.d/b.yaml:1:1:', 'monitors.yaml:', ''])
  })


  it('validate --json lists each problem with its own file', async () => {
    const dir = tree({'monitors.yaml': MAIN, 'monitors.d/a.yaml': `entities:\n  - id: ay\n`})
    const result = await mon(['validate', '--json'], {cwd: dir})
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {errors: Array<{file: string; line: number}>}
    expect(report.errors.map((e) => `${e.file}:${e.line}`)).toEqual(['monitors.d/a.yaml:2', 'monitors.d/a.yaml:2', 'monitors.d/a.yaml:2'])
  })
})
