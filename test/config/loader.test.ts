import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {MonError} from '../../src/errors.js'
import {formatDiagnostic, loadConfigFile, loadValidConfig, parseConfig} from '../../src/config/load.js'
import {formatPath, parseYaml, pathAtOffset, positionOf} from '../../src/config/yaml-source.js'
import {tempDir} from '../support/cli.js'

const entity = (extra = '') => `version: 1
entities:
  - id: api
    type: service
    label: API
    owner: web
${extra}`

describe('YAML 1.2, safely', () => {
  it('reads yes/on/no as strings and 010 as the number 10, whatever a %YAML 1.1 directive says', () => {
    const {data, problems} = parseYaml('%YAML 1.1\n---\na: yes\nb: on\nc: 010\nd: 2001-12-14\n')
    expect(data).toEqual({a: 'yes', b: 'on', c: 10, d: '2001-12-14'})
    expect(problems).toEqual([expect.objectContaining({severity: 'warning', message: expect.stringContaining('%YAML 1.1 directive ignored')})])
  })

  it('resolves no tag beyond the core schema, known or custom', () => {
    const {problems} = parseYaml('a: !!binary aGk=\nb: !!set {x}\nc: !!timestamp 2001-12-14\nd: !!python/object:os.system ls\ne: !!str 1\n')
    expect(problems.map((p) => p.message)).toEqual([
      'unknown tag !!binary: custom tags are not supported',
      'unknown tag !!set: custom tags are not supported',
      'unknown tag !!timestamp: custom tags are not supported',
      'unknown tag !!python/object:os.system: custom tags are not supported',
    ])
    expect(problems.every((p) => p.severity === 'error')).toBe(true)
  })

  it('does not treat << as a merge key', () => {
    const result = parseConfig(`${entity()}    <<: {notes: merged}\n`, 'm.yaml')
    expect(result.errors.map(formatDiagnostic)).toEqual(['m.yaml:7:5 entities[0]["<<"]: unknown key "<<" (known keys: id, type, label, owner, docs_ref, notes, slo, depends_on, alert, endpoints, registry)'])
  })

  it('stops an alias bomb in bounded time, and builds no data from it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`)
    // Expanded, the bomb is 10^9 nodes: it would run out of memory or past the test's timeout, not return this error.
    const result = parseConfig(`version: 1\n${levels.join('\n')}\nentities: []\n`, 'bomb.yaml')
    expect(result.model).toBeNull()
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]!.message).toContain('aliases expand too far')
    expect(result.errors[0]!.line).toBe(3)
  })

  it('keeps legitimate aliases', () => {
    const text = `${entity()}    endpoints:
      - kind: health
        url: http://127.0.0.1:8080/health
        check: &c {timeout: 2s}
      - kind: api
        url: http://127.0.0.1:8080/api
        check: *c
`
    const {model, errors} = parseConfig(text, 'a.yaml')
    expect(errors).toEqual([])
    expect(model!.entities[0]!.endpoints.map((e) => e.check.timeout)).toEqual([2000, 2000])
  })

  it('does not let __proto__ through as a key', () => {
    const result = parseConfig(`${entity()}    __proto__: {polluted: true}\n`, 'p.yaml')
    expect(result.errors.map((d) => d.message)).toEqual([expect.stringContaining('unknown key "__proto__"')])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads a file with a byte-order mark and CRLF line ends, with the same positions', () => {
    const text = `\uFEFF${entity('    colour: red\n')}`.replaceAll('\n', '\r\n')
    const result = parseConfig(text, 'crlf.yaml')
    expect(result.errors.map(formatDiagnostic)).toEqual([expect.stringMatching(/^crlf\.yaml:7:5 entities\[0\]\.colour: unknown key "colour"/)])
  })
})

describe('positions', () => {
  const text = `version: 1
entities:
  - id: a
    type: service
    endpoints:
      - kind: api
        url:
        check: {headers: {"X Y": z}}
`
  const parsed = parseYaml(text)

  it('points at a value, at a key, and at the key when the value is empty', () => {
    expect(positionOf(parsed, ['entities', 0, 'type'])).toEqual({line: 4, column: 11})
    expect(positionOf(parsed, ['entities', 0, 'type'], {key: true})).toEqual({line: 4, column: 5})
    expect(positionOf(parsed, ['entities', 0, 'endpoints', 0, 'url'])).toEqual({line: 7, column: 13})
    expect(positionOf(parsed, ['entities', 0, 'endpoints', 0, 'check', 'headers', 'X Y'], {key: true})).toEqual({line: 8, column: 27})
  })

  it('falls back to the deepest existing node for a path that goes further than the document', () => {
    expect(positionOf(parsed, ['entities', 0, 'label'])).toEqual(positionOf(parsed, ['entities', 0]))
    expect(positionOf(parsed, ['entities', 5, 'id'])).toEqual(positionOf(parsed, ['entities']))
  })

  it('maps an offset back to a path', () => {
    expect(formatPath(pathAtOffset(parsed, text.indexOf('service')))).toBe('entities[0].type')
    expect(formatPath(pathAtOffset(parsed, text.indexOf('kind')))).toBe('entities[0].endpoints[0].kind')
    expect(formatPath(pathAtOffset(parsed, 0))).toBe('version')
  })

  it('formats paths as the spec writes them', () => {
    expect(formatPath(['entities', 1, 'endpoints', 0, 'url'])).toBe('entities[1].endpoints[0].url')
    expect(formatPath(['entities', 0, 'endpoints', 0, 'check', 'headers', 'X Y'])).toBe('entities[0].endpoints[0].check.headers["X Y"]')
    expect(formatPath([])).toBe('')
  })
})

describe('messages', () => {
  it('says what to do when a value is the right text in the wrong type', () => {
    expect(parseConfig('version: "1"\nentities: []\n', 'v.yaml').errors.map(formatDiagnostic)).toEqual(['v.yaml:1:10 version: must be the number 1, without quotes'])
    expect(parseConfig(entity('    notes: 42\n').replace('label: API', 'label: 2024'), 'q.yaml').errors.map(formatDiagnostic)).toEqual([
      'q.yaml:5:12 entities[0].label: must be a string (got 2024); put it in quotes',
      'q.yaml:7:12 entities[0].notes: must be a string or null (got 42); put it in quotes',
    ])
  })
})

describe('all errors in one run, sorted by position', () => {
  it('reports schema errors and rule errors together, in file order', () => {
    const text = `version: 1
entities:
  - id: a
    type: servce
    label: A
    owner: o
    endpoints:
      - kind: api
        url: ftp://x/
  - id: a
    type: service
    label: A
    owner: o
    oops: 1
`
    const {errors} = parseConfig(text, 'f.yaml')
    expect(errors.map((d) => `${d.line}:${d.column} ${d.path}`)).toEqual(['4:11 entities[0].type', '9:14 entities[0].endpoints[0].url', '10:9 entities[1].id', '14:5 entities[1].oops'])
  })
})

describe('loadConfigFile, loadValidConfig and parseConfig', () => {
  const {dir, cleanup} = tempDir('mon-config-')
  afterAll(cleanup)

  it('parseConfig never touches the file system; loadConfigFile warns about a missing registry file beside the config', async () => {
    const text = `${entity()}    registry:
      - path: ./registries/models.json
        authority: p
`
    expect(parseConfig(text, 'x.yaml').warnings).toEqual([])
    const file = path.join(dir, 'monitors.yaml')
    writeFileSync(file, text)
    const missing = await loadConfigFile(file)
    expect(missing.warnings.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([expect.stringMatching(/^8:15 \.\/registries\/models\.json does not exist beside this file/)])
    expect(missing.model).not.toBeNull()
    mkdirSync(path.join(dir, 'registries'))
    writeFileSync(path.join(dir, 'registries/models.json'), '{}')
    expect((await loadConfigFile(file)).warnings).toEqual([])
  })

  it('returns the text as read, for apply to hash', async () => {
    const file = path.join(dir, 'text.yaml')
    const text = `# a comment\n${entity()}`
    writeFileSync(file, text)
    expect((await loadConfigFile(file)).text).toBe(text)
  })

  it('a missing file is one clear MonError', async () => {
    const error = await loadConfigFile(path.join(dir, 'nope.yaml')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MonError)
    expect((error as MonError).message).toMatch(/^cannot read config .*nope\.yaml: no such file/)
    const directory = await loadConfigFile(dir).catch((e: unknown) => e)
    expect((directory as MonError).message).toMatch(/is a directory$/)
  })

  it('loadValidConfig returns the model and warnings, or throws a MonError listing every error', async () => {
    const good = path.join(dir, 'good.yaml')
    writeFileSync(good, entity())
    const loaded = await loadValidConfig(good)
    expect(loaded.model.entities[0]!.id).toBe('api')
    expect(loaded.warnings).toEqual([])

    const bad = path.join(dir, 'bad.yaml')
    writeFileSync(bad, entity('    colour: red\n    size: 3\n'))
    const error = (await loadValidConfig(bad).catch((e: unknown) => e)) as MonError
    expect(error).toBeInstanceOf(MonError)
    expect(error.exitCode).toBe(1)
    const lines = error.message.split('\n')
    expect(lines[0]).toBe(`${bad} is invalid (2 errors; see mon validate):`)
    expect(lines.slice(1)).toEqual([expect.stringContaining(':7:5 entities[0].colour: unknown key'), expect.stringContaining(':8:5 entities[0].size: unknown key')])
    expect((error.details!.errors as unknown[]).length).toBe(2)
  })

  it('counts what parsed even when the file is invalid', () => {
    const result = parseConfig(`${entity('    endpoints: [{kind: api}, {kind: health}]\n    registry: [{path: x}]\n')}`, 'c.yaml')
    expect(result.model).toBeNull()
    expect(result.counts).toEqual({entities: 1, endpoints: 2, registry_index: 1})
  })
})
