import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {ROOT, mon, tempDir} from '../support/cli.js'
import type {CliResult} from '../support/cli.js'
import {badFixtures} from '../config/corpus.js'

const STACK = /^\s+at .+[:(]/m

function expectNoStack(result: CliResult): void {
  expect(result.stdout).not.toMatch(STACK)
  expect(result.stderr).not.toMatch(STACK)
}

const BAD = `version: 1
entities:
  - id: a
    type: servce
    label: A
    owner: o
    endpoints:
      - kind: api
        url: ftp://127.0.0.1/x
        check:
          headers:
            Authorization: Bearer literal-token
`

describe('mon validate', () => {
  const {dir, cleanup} = tempDir('mon-validate-')
  afterAll(cleanup)
  writeFileSync(path.join(dir, 'bad.yaml'), BAD)

  it('exits 0 on the example monitors.yaml, with a summary line and nothing on stderr', async () => {
    const result = await mon(['validate', '-c', 'monitors.yaml'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('monitors.yaml: valid (5 entities, 10 endpoints, 1 registry entry)\n')
    expect(result.stderr).toBe('')
  })

  it('colours a pipe with FORCE_COLOR=1 (CI logs), but never with NO_COLOR or FORCE_COLOR=0', async () => {
    const forced = await mon(['validate', '-c', 'monitors.yaml'], {env: {NO_COLOR: undefined, FORCE_COLOR: '1'}})
    expect(forced.stdout).toBe('\u001B[32mmonitors.yaml: valid (5 entities, 10 endpoints, 1 registry entry)\u001B[39m\n')
    const both = await mon(['validate', '-c', 'monitors.yaml'], {env: {NO_COLOR: '1', FORCE_COLOR: '1'}})
    expect(both.stdout).not.toContain('\u001B[')
    const off = await mon(['validate', '-c', 'monitors.yaml'], {env: {NO_COLOR: undefined, FORCE_COLOR: '0'}})
    expect(off.stdout).not.toContain('\u001B[')
  })

  it('reads ./monitors.yaml by default and MON_CONFIG when set; never opens or creates a database', async () => {
    const work = path.join(dir, 'work')
    mkdirSync(path.join(work, 'registries'), {recursive: true})
    copyFileSync(path.join(ROOT, 'monitors.yaml'), path.join(work, 'monitors.yaml'))
    copyFileSync(path.join(ROOT, 'registries/models.json'), path.join(work, 'registries/models.json'))
    copyFileSync(path.join(dir, 'bad.yaml'), path.join(work, 'other.yaml'))
    const byDefault = await mon(['validate'], {cwd: work, env: {MON_DB: undefined}})
    expect(byDefault.code).toBe(0)
    expect(byDefault.stdout).toMatch(/^monitors\.yaml: valid/)
    const byEnv = await mon(['validate'], {cwd: work, env: {MON_CONFIG: 'other.yaml', MON_DB: path.join(work, 'elsewhere.db')}})
    expect(byEnv.code).toBe(1)
    expect(byEnv.stdout).toMatch(/^other\.yaml:4:11 /)
    expect(readdirSync(work).sort()).toEqual(['monitors.yaml', 'other.yaml', 'registries'])
  })

  it('exits 1 on a bad file: each problem as FILE:LINE:COLUMN path: message, then the summary', async () => {
    const result = await mon(['validate', '-c', 'bad.yaml'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')).toEqual([
      'bad.yaml:4:11 entities[0].type: must be one of service, backend, tool, gateway, registry (got "servce"); did you mean "service"?',
      'bad.yaml:9:14 entities[0].endpoints[0].url: must be an http: or https: URL (got ftp:)',
      expect.stringMatching(/^bad\.yaml:12:28 entities\[0\]\.endpoints\[0\]\.check\.headers\.Authorization: warning: holds a literal credential/),
      'bad.yaml: 2 errors, 1 warning',
      '',
    ])
    expect(result.stderr).toBe('')
    expectNoStack(result)
  })

  it('--json prints the spec shape on stdout and nothing else, exiting 1 when invalid', async () => {
    const result = await mon(['validate', '-c', 'bad.yaml', '--json'], {cwd: dir})
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(Object.keys(report)).toEqual(['valid', 'errors', 'warnings', 'counts'])
    expect(report.valid).toBe(false)
    expect(report.errors).toHaveLength(2)
    expect(report.errors[0]).toEqual({
      file: 'bad.yaml',
      line: 4,
      column: 11,
      path: 'entities[0].type',
      message: 'must be one of service, backend, tool, gateway, registry (got "servce"); did you mean "service"?',
    })
    expect(report.warnings).toEqual([expect.objectContaining({line: 12, column: 28, path: 'entities[0].endpoints[0].check.headers.Authorization'})])
    expect(report.counts).toEqual({entities: 1, endpoints: 1, registry_index: 0})
    expect(result.stderr).toBe('')
  })

  it('--format json is the same as --json, and a valid file exits 0', async () => {
    const viaFormat = await mon(['validate', '-c', 'bad.yaml', '--format', 'json'], {cwd: dir})
    const viaJson = await mon(['validate', '-c', 'bad.yaml', '--json'], {cwd: dir})
    expect(viaFormat.code).toBe(1)
    expect(JSON.parse(viaFormat.stdout)).toEqual(JSON.parse(viaJson.stdout))
    const valid = await mon(['validate', '--json'])
    expect(valid.code).toBe(0)
    expect(JSON.parse(valid.stdout)).toEqual({valid: true, errors: [], warnings: [], counts: {entities: 5, endpoints: 10, registry_index: 1}})
  })

  it('--format github prints workflow commands that land on the diff', async () => {
    const result = await mon(['validate', '-c', 'bad.yaml', '--format', 'github'], {cwd: dir})
    expect(result.code).toBe(1)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toBe('::error file=bad.yaml,line=4,col=11,title=mon validate::entities[0].type: must be one of service, backend, tool, gateway, registry (got "servce"); did you mean "service"?')
    expect(lines[2]).toMatch(/^::warning file=bad\.yaml,line=12,col=28,title=mon validate::/)
    expect(lines.at(-1)).toBe('bad.yaml: 2 errors, 1 warning')
  })

  it('--format github names the file from the root of its git work tree, however -c spelt it', async () => {
    const repo = path.join(dir, 'repo')
    mkdirSync(path.join(repo, 'sub'), {recursive: true})
    mkdirSync(path.join(repo, 'elsewhere'))
    execFileSync('git', ['init', '-q', repo])
    writeFileSync(path.join(repo, 'sub', 'bad.yaml'), BAD)
    const spellings = [path.join(repo, 'sub', 'bad.yaml'), '../sub/bad.yaml']
    for (const typed of spellings) {
      const result = await mon(['validate', '-c', typed, '--format', 'github'], {cwd: path.join(repo, 'elsewhere')})
      const lines = result.stdout.trim().split('\n')
      expect(lines[0], typed).toMatch(/^::error file=sub\/bad\.yaml,line=4,col=11,/)
      expect(lines[2], typed).toMatch(/^::warning file=sub\/bad\.yaml,line=12,/)
      // The summary is for a person reading the log: the path as typed.
      expect(lines.at(-1), typed).toBe(`${typed}: 2 errors, 1 warning`)
    }
    // Only annotations ask git: the text keeps the path as typed.
    const text = await mon(['validate', '-c', '../sub/bad.yaml'], {cwd: path.join(repo, 'elsewhere')})
    expect(text.stdout).toMatch(/^\.\.\/sub\/bad\.yaml:4:11 /)
  })

  it('hints that finish the fix: a unit for a duration, a list for status, where a value came from', async () => {
    writeFileSync(
      path.join(dir, 'hints.yaml'),
      `version: 1
defaults:
  check:
    timeout: 5
entities:
  - {id: a, type: service, label: A, owner: o, endpoints: [
      {kind: api, url: "http://127.0.0.1:1/x", check: {timeout: "5", status: 200, degraded_after: soon}},
      {kind: health, url: "http://127.0.0.1:1/y", check: {timeout: 500ms}}]}
`,
    )
    const result = await mon(['validate', '-c', 'hints.yaml'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n').map((line) => line.replace(/^hints\.yaml:\d+:\d+ /, ''))).toEqual([
      'defaults.check.timeout: must be a string (got 5); did you mean "5s"?',
      'entities[0].endpoints[0].check.timeout: "5" is not a duration: use a whole number and a unit, e.g. 250ms, 5s, 2m, 1h, 14d; did you mean "5s"?',
      'entities[0].endpoints[0].check.status: must be a list or null (got 200); did you mean [200]?',
      'entities[0].endpoints[0].check.degraded_after: "soon" is not a duration: use a whole number and a unit, e.g. 250ms, 5s, 2m, 1h, 14d',
      'entities[0].endpoints[1].check.timeout: warning: degraded_after (1000 ms, the built-in default) is not below timeout (500 ms): a slow response times out before it can warn',
      'hints.yaml: 4 errors, 1 warning',
      '',
    ])
  })

  it('a missing file, a directory, or an unknown format: one line on stderr, exit 1, no stack trace', async () => {
    const runs = [['validate', '-c', 'nope.yaml'], ['validate', '-c', '.'], ['validate', '-c', 'nope.yaml', '--json'], ['validate', '--format', 'xml'], ['validate', '--colour']]
    const results = await Promise.all(runs.map((args) => mon(args, {cwd: dir})))
    for (const [i, result] of results.entries()) {
      expect(result.code, runs[i]!.join(' ')).toBe(1)
      expect(result.stderr.trim().split('\n')[0], runs[i]!.join(' ')).toMatch(/^Error: /)
      expectNoStack(result)
    }
    expect(results[0]!.stderr).toBe('Error: cannot read config nope.yaml: no such file (set --config or MON_CONFIG, or run mon init)\n')
    expect(results[0]!.stdout).toBe('')
    expect(results[1]!.stderr).toBe('Error: cannot read config .: it is a directory\n')
  })

  it('takes the file as an argument, the same as -c; both at once must name the same file', async () => {
    const work = path.join(dir, 'positional')
    mkdirSync(work, {recursive: true})
    copyFileSync(path.join(dir, 'bad.yaml'), path.join(work, 'bad.yaml'))
    const asArgument = await mon(['validate', 'bad.yaml'], {cwd: work, env: {MON_CONFIG: 'ignored.yaml'}})
    const asFlag = await mon(['validate', '-c', 'bad.yaml'], {cwd: work})
    expect(asArgument.code).toBe(1)
    expect(asArgument.stdout).toMatch(/^bad\.yaml:4:11 /)
    expect(asArgument).toEqual(asFlag)
    expect(await mon(['validate', 'bad.yaml', '--config', './bad.yaml'], {cwd: work})).toEqual(asFlag)
    const both = await mon(['validate', 'bad.yaml', '-c', 'monitors.yaml'], {cwd: work})
    expect(both).toEqual({code: 1, stdout: '', stderr: 'Error: mon validate got two files, "bad.yaml" and -c "monitors.yaml": give one (see --help)\n'})
    const fromStdin = await mon(['validate', '-'], {cwd: work, input: BAD})
    expect(fromStdin.stdout).toMatch(/^-:4:11 /)
  })

  it('--help shows the argument, the flags and examples', async () => {
    const result = await mon(['validate', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/\$ mon validate \[FILE\]/)
    expect(result.stdout).toMatch(/\[FILE\] +Path to monitors\.yaml, the same as -c/)
    expect(result.stdout).toContain('--format')
    expect(result.stdout).toContain('MON_CONFIG')
    expect(result.stdout).toContain('mon validate --format github')
  })

  // One file per kind of failure (YAML, schema, rules, warnings only); test/config/corpus.test.ts checks every rule's position.
  const SAMPLE = [
    'yaml-syntax.yaml',
    'yaml-alias-bomb.yaml',
    'yaml-custom-tag.yaml',
    'yaml-duplicate-key.yaml',
    'yaml-multiple-documents.yaml',
    'empty.yaml',
    'not-a-mapping.yaml',
    'unknown-key-typo.yaml',
    'wrong-types.yaml',
    'derived-endpoint-id-collision.yaml',
    'url-credentials.yaml',
    'literal-credential.yaml',
  ]

  it('bad files of every kind exit 1 (0 when they only warn), name FILE:LINE:COL, and never print a stack trace', async () => {
    const fixtures = badFixtures().filter((f) => SAMPLE.includes(f.name))
    expect(fixtures).toHaveLength(SAMPLE.length)
    const results = new Map<string, CliResult>()
    for (const f of fixtures) results.set(f.name, await mon(['validate', '-c', f.file]))
    for (const fixture of fixtures) {
      const result = results.get(fixture.name)!
      const hasErrors = fixture.expected.some((e) => e.severity === 'error')
      expect(result.code, fixture.name).toBe(hasErrors ? 1 : 0)
      const first = fixture.expected[0]!
      const at = `${fixture.file}:${first.line}:${first.column}`
      expect(result.stdout.includes(`${at} `) || result.stdout.includes(`${at}: `), `${fixture.name}: ${at} in ${result.stdout}`).toBe(true)
      expectNoStack(result)
      expect(result.stderr, fixture.name).toBe('')
    }
    // The password in url-credentials.yaml is never echoed.
    expect(results.get('url-credentials.yaml')!.stdout).not.toContain('hunter2')
  }, 120_000)
})
