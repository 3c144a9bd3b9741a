/**
 * Where an apply came from, for its run record: the config's sha256, the git
 * commit of the repository the config lives in, and who ran it.
 */
import {execFile} from 'node:child_process'
import {realpath} from 'node:fs/promises'
import {userInfo} from 'node:os'
import path from 'node:path'

import {sha256} from '../canonical-json.js'

export interface Provenance {
  config_sha256: string
  git_commit: string | null
  actor: string | null
}

/** `git -C DIR ARGS`'s trimmed output, or null when git fails (no git, not a repository). */
function git(dir: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], {timeout: 3000}, (err, stdout) => resolve(err ? null : (stdout?.trim() ?? '')))
  })
}

/** HEAD of the repository that holds `file`, or null (no git, not a repository, no commit yet). */
export async function gitCommitOf(file: string): Promise<string | null> {
  const commit = await git(path.dirname(path.resolve(file)), ['rev-parse', '--verify', '-q', 'HEAD'])
  return commit !== null && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null
}

/**
 * `file` relative to the root of the git work tree that holds it, with `/`
 * (what GitHub annotations need), or null outside a work tree. Both sides
 * are real paths, as git reports its root: a symlinked directory still maps.
 */
export async function pathInRepository(file: string): Promise<string | null> {
  let dir: string
  try {
    dir = await realpath(path.dirname(path.resolve(file)))
  } catch {
    return null
  }
  const root = await git(dir, ['rev-parse', '--show-toplevel'])
  if (root === null || root === '') return null
  const relative = path.relative(root, path.join(dir, path.basename(file)))
  return relative.startsWith('..') || path.isAbsolute(relative) ? null : relative.split(path.sep).join('/')
}

/** GITHUB_ACTOR in GitHub Actions, else the user running mon. */
export function actor(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.GITHUB_ACTOR) return env.GITHUB_ACTOR
  try {
    return userInfo().username || null
  } catch {
    return env.USER ?? null
  }
}

/**
 * Starts `git rev-parse` now and returns a function that completes the
 * provenance once the config text is read, so that the child process runs
 * while the (CPU-bound) parse does.
 */
export function startProvenance(file: string): (text: string) => Promise<Provenance> {
  const commit = gitCommitOf(file)
  return async (text) => ({config_sha256: sha256(text), git_commit: await commit, actor: actor()})
}
