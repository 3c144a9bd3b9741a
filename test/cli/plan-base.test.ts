/** `mon plan --base FILE` and `--base-rev REV`: one file planned against another, with no database (SPEC section 9). */
import {execFileSync} from 'node:child_process'
import {existsSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {modelToYaml} from '../../src/config/serialize.js'
import {mon, tempDir} from '../support/cli.js'
import {gitRepo, type GitRepo} from '../support/git-repo.js'
import {endpoint, entity, expectOk, model} from './plan-support.js'

vi.setConfig({testTimeout: 60_000})

const before = modelToYaml(model(entity('a', {owner: 'x', endpoints: [endpoint('a', 'health')]}), entity('b')))
const after = modelToYaml(model(entity('a', {owner: 'y', endpoints: [endpoint('a', 'health')]}), entity('c')))

const CHANGES = [
  '  + entity   c  (service, owner team)',
  '      label: "c"',
  '  ~ entity   a',
  '      owner: "x" -> "y"',
  '      (5 unchanged fields hidden)',
  '  - entity   b  (retire; snapshots kept)',
  'Plan: 1 to add, 1 to change, 1 to retire, 0 to revive.',
  '',
]

describe('mon plan --base FILE', () => {
  let ws: {dir: string; cleanup: () => void}
  beforeEach(() => {
    ws = tempDir()
    writeFileSync(path.join(ws.dir, 'base.yaml'), before)
    writeFileSync(path.join(ws.dir, 'monitors.yaml'), after)
  })
  afterEach(() => ws.cleanup())

  it('creates, updates and retires what differs, with a header and no database section', async () => {
    const result = expectOk(await mon(['plan', '--base', 'base.yaml'], {cwd: ws.dir}))
    expect(result.stdout).toBe(['Comparing monitors.yaml with base.yaml.', '', ...CHANGES].join('\n'))
    expect(result.stdout).not.toMatch(/Pending migrations|Drift|Unmanaged/)
    const detailed = await mon(['plan', '--base', 'base.yaml', '--detailed-exitcode'], {cwd: ws.dir})
    expect(detailed.code).toBe(2)
  })

  it('says so when nothing differs, and --detailed-exitcode exits 0', async () => {
    writeFileSync(path.join(ws.dir, 'same.yaml'), after)
    const result = await mon(['plan', '--base', 'same.yaml', '--detailed-exitcode'], {cwd: ws.dir})
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('Comparing monitors.yaml with same.yaml.\n\nNo changes. The file matches the base.\nPlan: 0 to add, 0 to change, 0 to retire, 0 to revive.\n')
  })

  it('draws the markdown with the header as a line, and names the base in JSON', async () => {
    const markdown = expectOk(await mon(['plan', '--base', 'base.yaml', '--format', 'markdown'], {cwd: ws.dir})).stdout
    expect(markdown.startsWith('### mon plan\n\nComparing monitors.yaml with base.yaml.\n\n**Plan: 1 to add, 1 to change, 1 to retire, 0 to revive.**\n')).toBe(true)
    expect(markdown).toContain('| ~ change | entity | `a` | `owner` |')
    expect(markdown).not.toContain('[!NOTE]')
    const json = JSON.parse(expectOk(await mon(['plan', '--base', 'base.yaml', '--json'], {cwd: ws.dir})).stdout)
    expect(json.compared_with).toEqual({file: 'base.yaml'})
    expect(json.drift).toBe(0)
    expect(json.unmanaged).toEqual([])
    expect(json.migrations).toEqual({pending: []})
    expect(json.changes.map((c: {action: string; id: string}) => `${c.action} ${c.id}`)).toEqual(['create c', 'update a', 'retire b'])
  })

  it('never opens a database: MON_DB is not read, and --db or --out with it is a usage error', async () => {
    const db = path.join(ws.dir, 'never.db')
    expectOk(await mon(['plan', '--base', 'base.yaml'], {cwd: ws.dir, env: {MON_DB: db}}))
    expect(existsSync(db)).toBe(false)
    expect(existsSync(path.join(ws.dir, 'monitor.db'))).toBe(false)
    const withDb = await mon(['plan', '--base', 'base.yaml', '--db', db], {cwd: ws.dir})
    expect(withDb.code).toBe(1)
    expect(withDb.stderr).toBe('Error: --db cannot be used with --base (see --help)\n')
    expect(existsSync(db)).toBe(false)
    const withOut = await mon(['plan', '--base', 'base.yaml', '--out', 'plan.json'], {cwd: ws.dir})
    expect(withOut.code).toBe(1)
    expect(withOut.stderr).toBe('Error: --out cannot be used with --base (see --help)\n')
    expect(existsSync(path.join(ws.dir, 'plan.json'))).toBe(false)
    const both = await mon(['plan', '--base', 'base.yaml', '--base-rev', 'HEAD'], {cwd: ws.dir})
    expect(both.stderr).toBe('Error: --base-rev cannot be used with --base (see --help)\n')
  })

  it('reads the base from standard input with --base -, but not both files', async () => {
    const result = expectOk(await mon(['plan', '--base', '-'], {cwd: ws.dir, input: before}))
    expect(result.stdout).toBe(['Comparing monitors.yaml with standard input.', '', ...CHANGES].join('\n'))
    const both = await mon(['plan', '--base', '-', '-c', '-'], {cwd: ws.dir, input: before})
    expect(both.code).toBe(1)
    expect(both.stderr).toBe('Error: --base and --config cannot both read standard input (see --help)\n')
    const rev = await mon(['plan', '--base-rev', 'HEAD', '-c', '-'], {cwd: ws.dir, input: after})
    expect(rev.code).toBe(1)
    expect(rev.stderr).toBe('Error: --base-rev needs the config as a file in a git work tree, not standard input (see --help)\n')
  })

  it('refuses a base that does not exist or is invalid, naming its errors', async () => {
    const missing = await mon(['plan', '--base', 'nope.yaml'], {cwd: ws.dir})
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('Error: --base: cannot read config nope.yaml: no such file\n')
    writeFileSync(path.join(ws.dir, 'bad.yaml'), 'version: 1\nentities:\n  - id: a\n    type: servise\n    label: a\n    owner: x\n')
    const bad = await mon(['plan', '--base', 'bad.yaml'], {cwd: ws.dir})
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^Error: the base, bad\.yaml, is invalid \(1 error\); fix it there or compare with another:\nbad\.yaml:4:11 entities\[0\]\.type: must be one of/)
  })
})

describe('mon plan --base-rev REV', () => {
  let repo: GitRepo
  beforeEach(() => {
    repo = gitRepo()
  })
  afterEach(() => repo.cleanup())

  const plan = (args: string[], cwd = repo.dir, env: Record<string, string> = {}) => mon(['plan', ...args], {cwd, env: {GIT_CEILING_DIRECTORIES: path.dirname(repo.dir), ...env}})

  it('compares with the file at HEAD~1, naming the revision and its commit', async () => {
    const first = repo.commit('before', {'monitors.yaml': before})
    repo.commit('after', {'monitors.yaml': after})
    const result = expectOk(await plan(['--base-rev', 'HEAD~1']))
    expect(result.stdout).toBe([`Comparing monitors.yaml with the file at HEAD~1 (${first.slice(0, 7)}).`, '', ...CHANGES].join('\n'))
    const json = JSON.parse(expectOk(await plan(['--base-rev', 'HEAD~1', '--json'])).stdout)
    expect(json.compared_with).toEqual({rev: 'HEAD~1', commit: first})
    expect((await plan(['--base-rev', 'HEAD~1', '--detailed-exitcode'])).code).toBe(2)
    expect((await plan(['--base-rev', 'HEAD', '--detailed-exitcode'])).code).toBe(0)
  })

  it('compares the working tree, uncommitted edits included, with a branch', async () => {
    repo.commit('before', {'monitors.yaml': before})
    repo.git('branch', 'base')
    repo.write({'monitors.yaml': after})
    const result = expectOk(await plan(['--base-rev', 'base']))
    expect(result.stdout).toContain('  ~ entity   a\n      owner: "x" -> "y"\n')
  })

  it('finds the file at the revision from its path in the repository, wherever mon runs', async () => {
    const sha = repo.commit('before', {'config/monitors.yaml': before})
    repo.write({'config/monitors.yaml': after})
    const fromRoot = expectOk(await plan(['--base-rev', sha, '-c', 'config/monitors.yaml']))
    expect(fromRoot.stdout.split('\n')[0]).toBe(`Comparing config/monitors.yaml with the file at ${sha.slice(0, 7)}.`)
    expect(fromRoot.stdout).toContain('- entity   b  (retire; snapshots kept)')
    const fromSub = expectOk(await plan(['--base-rev', 'main', '-c', 'monitors.yaml'], path.join(repo.dir, 'config')))
    expect(fromSub.stdout.slice(fromSub.stdout.indexOf('\n'))).toBe(fromRoot.stdout.slice(fromRoot.stdout.indexOf('\n')))
  })

  it('plans everything as created when the file did not exist at the revision', async () => {
    const sha = repo.commit('no config yet', {'README.md': 'hello\n'})
    repo.write({'monitors.yaml': after})
    const result = expectOk(await plan(['--base-rev', 'HEAD']))
    expect(result.stdout.split('\n')[0]).toBe(`Comparing monitors.yaml with HEAD (${sha.slice(0, 7)}) (monitors.yaml did not exist at HEAD, so everything is created).`)
    expect(result.stdout).toContain('Plan: 3 to add, 0 to change, 0 to retire, 0 to revive.')
    const json = JSON.parse(expectOk(await plan(['--base-rev', 'HEAD', '--json'])).stdout)
    expect(json.summary.create).toBe(3)
  })

  it('refuses an unknown revision, and one that looks like an option runs nothing', async () => {
    repo.commit('before', {'monitors.yaml': before})
    const unknown = await plan(['--base-rev', 'nosuchrev'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.split('\n')[0]).toBe('Error: --base-rev: unknown revision nosuchrev (no such branch, tag or commit here; a shallow clone may lack it: fetch it, e.g. actions/checkout with fetch-depth: 0)')
    expect(unknown.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
    const marker = path.join(repo.dir, 'pwned')
    for (const rev of [`--upload-pack=touch ${marker}`, `--output=${marker}`]) {
      const hostile = await plan([`--base-rev=${rev}`])
      expect(hostile.code).toBe(1)
      expect(hostile.stderr).toBe(`Error: --base-rev: unknown revision ${rev} (no such branch, tag or commit here; a shallow clone may lack it: fetch it, e.g. actions/checkout with fetch-depth: 0)\n`)
    }
    expect(existsSync(marker)).toBe(false)
    const empty = await plan(['--base-rev='])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toBe('Error: --base-rev: the revision is empty (name a branch, tag or commit, e.g. origin/main)\n')
  })

  it('refuses outside a git work tree', async () => {
    const outside = tempDir()
    try {
      writeFileSync(path.join(outside.dir, 'monitors.yaml'), after)
      const result = await mon(['plan', '--base-rev', 'HEAD'], {cwd: outside.dir, env: {GIT_CEILING_DIRECTORIES: path.dirname(outside.dir)}})
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(`Error: --base-rev: not a git work tree (${outside.dir})\n`)
    } finally {
      outside.cleanup()
    }
  })

  it.runIf(process.getuid?.() === 0)('says how to trust a repository owned by another user (a CI container)', async () => {
    repo.commit('before', {'monitors.yaml': before})
    execFileSync('chown', ['-R', 'nobody', repo.dir])
    const result = await plan(['--base-rev', 'HEAD'], repo.dir, {GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `Error: --base-rev: git cannot read the repository at ${repo.dir}: detected dubious ownership in repository at '${repo.dir}' (if you trust it: git config --global --add safe.directory ${repo.dir})\n`,
    )
  })

  it('says clearly when git is not installed', async () => {
    repo.commit('before', {'monitors.yaml': before})
    const result = await plan(['--base-rev', 'HEAD'], repo.dir, {PATH: path.join(repo.dir, 'no-bin')})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('Error: --base-rev: git is not installed (or not on PATH)\n')
  })

  it('refuses a directory or a symbolic link at that path at the revision', async () => {
    repo.commit('a directory', {'monitors.yaml/inner.yaml': before})
    rmSync(path.join(repo.dir, 'monitors.yaml'), {recursive: true})
    repo.commit('a link', {'other.yaml': before})
    symlinkSync('other.yaml', path.join(repo.dir, 'monitors.yaml'))
    const link = repo.commit('the link')
    rmSync(path.join(repo.dir, 'monitors.yaml'))
    repo.write({'monitors.yaml': after})
    const dir = await plan(['--base-rev', 'HEAD~2'])
    expect(dir.code).toBe(1)
    expect(dir.stderr).toMatch(/^Error: cannot read config monitors\.yaml at HEAD~2 \([0-9a-f]{7}\): it is a directory\n$/)
    const linked = await plan(['--base-rev', link])
    expect(linked.code).toBe(1)
    expect(linked.stderr).toBe(`Error: cannot read config monitors.yaml at ${link.slice(0, 7)}: it is a symbolic link (mon reads only regular files at a revision)\n`)
  })

  it('names each error of an invalid base as git names a file at a revision', async () => {
    repo.commit('broken', {'monitors.yaml': 'version: 1\nentities:\n  - id: a\n    type: servise\n    label: a\n    owner: x\n'})
    repo.write({'monitors.yaml': after})
    const result = await plan(['--base-rev', 'HEAD'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: the base, HEAD:monitors\.yaml, is invalid \(1 error\); fix it there or compare with another:\nHEAD:monitors\.yaml:4:11 entities\[0\]\.type: /)
  })

  it('refuses a base larger than --max-config-size', async () => {
    repo.commit('big', {'monitors.yaml': `${before}# ${'x'.repeat(2048)}\n`})
    repo.write({'monitors.yaml': after})
    const result = await plan(['--base-rev', 'HEAD', '--max-config-size', '1KiB'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: cannot read config monitors\.yaml at HEAD \([0-9a-f]{7}\): it is larger than 1 KiB \(raise the limit with --max-config-size\)\n$/)
  })

  it('never opens a database', async () => {
    repo.commit('before', {'monitors.yaml': before})
    repo.write({'monitors.yaml': after})
    const db = path.join(repo.dir, 'never.db')
    expectOk(await plan(['--base-rev', 'HEAD'], repo.dir, {MON_DB: db}))
    const withDb = await plan(['--base-rev', 'HEAD', '--db', db])
    expect(withDb.stderr).toBe('Error: --db cannot be used with --base-rev (see --help)\n')
    expect(existsSync(db)).toBe(false)
    expect(existsSync(path.join(repo.dir, 'monitor.db'))).toBe(false)
  })
})
