/**
 * Where an apply came from, for its run record: the config's sha256, the git
 * commit of the repository the config lives in, and who ran it.
 */
import {execFile} from 'node:child_process'
import {userInfo} from 'node:os'
import path from 'node:path'

import {sha256} from '../canonical-json.js'

export interface Provenance {
  config_sha256: string
  git_commit: string | null
  actor: string | null
}

/** HEAD of the repository that holds `file`, or null (no git, not a repository, no commit yet). */
export function gitCommitOf(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['-C', path.dirname(path.resolve(file)), 'rev-parse', '--verify', '-q', 'HEAD'], {timeout: 3000}, (err, stdout) => {
      const commit = stdout?.trim() ?? ''
      resolve(!err && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null)
    })
  })
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
