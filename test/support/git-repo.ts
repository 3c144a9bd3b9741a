/** Real git repositories in a temporary directory, for `plan --base-rev`: fixed author, dates and config, never the mon repository. */
import {execFileSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {tempDir} from './cli.js'

/** Commits that are the same on every run, whatever the user's git config says. */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'mon test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'mon test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
}

export interface GitRepo {
  dir: string
  git: (...args: string[]) => string
  /** Writes files (relative path -> text), creating directories. */
  write: (files: Record<string, string>) => void
  /** Writes the files, stages everything and commits; returns the new commit's SHA. */
  commit: (message: string, files?: Record<string, string>) => string
  cleanup: () => void
}

/** A new repository (branch main) in a temporary directory; `GIT_CEILING_DIRECTORIES` keeps git from finding any repository above it. */
export function gitRepo(): GitRepo {
  const {dir, cleanup} = tempDir('mon-git-')
  const env = {...process.env, ...GIT_ENV, GIT_CEILING_DIRECTORIES: path.dirname(dir)}
  const git = (...args: string[]) => execFileSync('git', args, {cwd: dir, env, encoding: 'utf8'}).trim()
  const write = (files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), {recursive: true})
      writeFileSync(path.join(dir, file), text)
    }
  }
  git('init', '-q', '-b', 'main')
  return {
    dir,
    git,
    write,
    commit: (message, files = {}) => {
      write(files)
      git('add', '-A')
      git('commit', '-q', '--allow-empty', '-m', message)
      return git('rev-parse', 'HEAD')
    },
    cleanup,
  }
}
