/** The ConfigFiles of a git revision: reads and include globs at the revision, not in the working tree. */
import {symlinkSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {gitFiles} from '../../src/config/git-files.js'
import {DEFAULT_READ_LIMITS} from '../../src/config/read-limits.js'
import {gitRepo, type GitRepo} from '../support/git-repo.js'

describe('gitFiles', () => {
  let repo: GitRepo
  let saved: string | undefined
  beforeEach(() => {
    repo = gitRepo()
    saved = process.env.GIT_CEILING_DIRECTORIES
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(repo.dir)
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES
    else process.env.GIT_CEILING_DIRECTORIES = saved
    repo.cleanup()
  })

  const main = () => path.join(repo.dir, 'config/monitors.yaml')

  it('reads a file as it was at the revision, and null for one that was not there', async () => {
    const first = repo.commit('one', {'config/monitors.yaml': 'at one\n', 'config/monitors.d/a.yaml': 'a\n'})
    repo.commit('two', {'config/monitors.yaml': 'at two\n', 'config/monitors.d/new.yaml': 'new\n'})
    const files = await gitFiles(main(), 'HEAD~1')
    expect(files.commit).toBe(first)
    expect(files.describe).toBe(`HEAD~1 (${first.slice(0, 7)})`)
    expect((await files.read(main(), DEFAULT_READ_LIMITS))?.toString()).toBe('at one\n')
    expect(await files.read(path.join(repo.dir, 'config/monitors.d/new.yaml'), DEFAULT_READ_LIMITS)).toBeNull()
    // A full SHA describes itself by its short form.
    expect((await gitFiles(main(), first)).describe).toBe(first.slice(0, 7))
  })

  it('reads a file named relative to the current directory, as the loader names it', async () => {
    repo.commit('one', {'config/monitors.yaml': 'text\n'})
    const cwd = process.cwd()
    process.chdir(repo.dir)
    try {
      const files = await gitFiles('config/monitors.yaml', 'HEAD')
      expect((await files.read('config/monitors.yaml', DEFAULT_READ_LIMITS))?.toString()).toBe('text\n')
      expect((await files.glob('*.yaml', 'config')).files).toEqual([path.join('config', 'monitors.yaml')])
    } finally {
      process.chdir(cwd)
    }
  })

  it('globs the files of the revision, sorted, with the working-tree glob rules: no dot files, no directory expansion', async () => {
    repo.commit('tree', {
      'config/monitors.yaml': 'main\n',
      'config/monitors.d/b.yaml': 'b\n',
      'config/monitors.d/a.yaml': 'a\n',
      'config/monitors.d/.hidden.yaml': 'hidden\n',
      'config/monitors.d/notes.txt': 'txt\n',
      'config/monitors.d/deep/c.yaml': 'c\n',
      'elsewhere/monitors.d/x.yaml': 'x\n',
    })
    // Only in the working tree: not at the revision.
    repo.write({'config/monitors.d/uncommitted.yaml': 'u\n'})
    const files = await gitFiles(main(), 'HEAD')
    const dir = path.dirname(main())
    const at = (...names: string[]) => names.map((name) => path.join(dir, name))
    expect(await files.glob('monitors.d/*.yaml', dir)).toEqual({files: at('monitors.d/a.yaml', 'monitors.d/b.yaml'), refused: []})
    expect((await files.glob('./monitors.d/**/*.yaml', dir)).files).toEqual(at('monitors.d/a.yaml', 'monitors.d/b.yaml', 'monitors.d/deep/c.yaml'))
    expect((await files.glob('monitors.d/.*.yaml', dir)).files).toEqual(at('monitors.d/.hidden.yaml'))
    expect((await files.glob('monitors.d/{a,c}.yaml', dir)).files).toEqual(at('monitors.d/a.yaml'))
    expect((await files.glob('monitors.d', dir)).files).toEqual([])
    expect((await files.glob('monitors.d/a.yaml', dir)).files).toEqual(at('monitors.d/a.yaml'))
    expect((await files.glob('monitors.d/missing.yaml', dir)).files).toEqual([])
  })

  it('reads what a glob matched as it was at the revision, one file over the limit refused', async () => {
    repo.commit('tree', {'config/monitors.yaml': 'main\n', 'config/monitors.d/a.yaml': 'same\n', 'config/monitors.d/b.yaml': 'same\n', 'config/monitors.d/c.yaml': 'c'.repeat(300)})
    repo.write({'config/monitors.d/a.yaml': 'edited since\n'})
    const files = await gitFiles(main(), 'HEAD', {maxBytes: 200, timeoutMs: 10_000})
    const dir = path.dirname(main())
    const {files: matched} = await files.glob('monitors.d/*.yaml', dir)
    const limits = {maxBytes: 200, timeoutMs: 10_000}
    // Read ahead by the glob, in one git process: no further git call is needed for them.
    const path_ = process.env.PATH
    process.env.PATH = path.join(repo.dir, 'no-bin')
    try {
      expect((await files.read(matched[0]!, limits))?.toString()).toBe('same\n')
      expect((await files.read(matched[1]!, limits))?.toString()).toBe('same\n')
    } finally {
      process.env.PATH = path_
    }
    await expect(files.read(matched[2]!, limits)).rejects.toThrow(/c\.yaml at HEAD \([0-9a-f]{7}\): it is larger than 200 bytes/)
  })

  it('refuses symbolic links and submodules among the matches, and reading a tree or a link', async () => {
    repo.write({'config/monitors.yaml': 'main\n', 'config/monitors.d/a.yaml': 'a\n'})
    symlinkSync('a.yaml', path.join(repo.dir, 'config/monitors.d/link.yaml'))
    const sub = path.join(repo.dir, 'config/monitors.d/sub.yaml')
    repo.git('add', '-A')
    // A gitlink (submodule) entry, without cloning anything: the index says a commit lives at that path.
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},config/monitors.d/sub.yaml`)
    repo.git('commit', '-q', '-m', 'tree')
    const files = await gitFiles(main(), 'HEAD')
    const dir = path.dirname(main())
    const result = await files.glob('monitors.d/*.yaml', dir)
    expect(result.files).toEqual([path.join(dir, 'monitors.d/a.yaml')])
    expect(result.refused).toEqual([
      {file: path.join(dir, 'monitors.d/link.yaml'), reason: 'it is a symbolic link (mon reads only regular files at a revision)'},
      {file: sub, reason: 'it is a git submodule'},
    ])
    await expect(files.read(path.join(dir, 'monitors.d'), DEFAULT_READ_LIMITS)).rejects.toThrow(/: it is a directory$/)
    await expect(files.read(sub, DEFAULT_READ_LIMITS)).rejects.toThrow(/: it is a git submodule$/)
  })

  it('refuses a path outside the repository', async () => {
    repo.commit('one', {'config/monitors.yaml': 'main\n'})
    const files = await gitFiles(main(), 'HEAD')
    await expect(files.read(path.join(repo.dir, '../other.yaml'), DEFAULT_READ_LIMITS)).rejects.toThrow(/: it is outside the repository \(/)
  })

  it('stops at the size limit', async () => {
    repo.commit('one', {'config/monitors.yaml': 'x'.repeat(2000)})
    const files = await gitFiles(main(), 'HEAD')
    await expect(files.read(main(), {maxBytes: 1000, timeoutMs: 10_000})).rejects.toThrow(/it is larger than 1000 bytes \(raise the limit with --max-config-size\)$/)
    expect((await files.read(main(), {maxBytes: 2000, timeoutMs: 10_000}))?.length).toBe(2000)
  })
})
