/**
 * Where an apply came from, for its run record: the config's sha256, the git
 * commit of the repository the config lives in, and who ran it.
 */
import {execFile} from 'node:child_process'
import {realpath} from 'node:fs/promises'
import {userInfo} from 'node:os'
import path from 'node:path'

import {sha256} from '../canonical-json.js'
import {relativeInside, toPosix} from '../relative-path.js'

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
 * Each file relative to the root of the git work tree that holds the first
 * (the main file), with `/` (what GitHub annotations need); outside a work
 * tree, relative to `cwd`. Both sides are real paths, as git reports its
 * root: a symlinked directory still maps. One git process for them all.
 */
export async function repositoryPaths(files: readonly string[], cwd: string = process.cwd()): Promise<Map<string, string>> {
  const paths = new Map<string, string>()
  if (files.length === 0) return paths
  const real = async (file: string): Promise<string | null> => {
    try {
      return path.join(await realpath(path.dirname(path.resolve(cwd, file))), path.basename(file))
    } catch {
      return null
    }
  }
  const first = await real(files[0]!)
  const root = first === null ? null : await git(path.dirname(first), ['rev-parse', '--show-toplevel'])
  for (const file of files) {
    const at = root ? await real(file) : null
    const inside = at === null ? null : relativeInside(root!, at)
    paths.set(file, inside ?? toPosix(path.relative(cwd, path.resolve(cwd, file))))
  }
  return paths
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
 * The config's sha256: of the main file's text alone when it includes none
 * (as before includes), else of the main file's text and each included
 * file's path (from the main file's directory, so not from where mon ran)
 * and text, in load order.
 */
export function configSha256(files: ReadonlyArray<{file: string; text: string}>): string {
  const [main, ...included] = files
  if (!main) throw new Error('configSha256 needs the main file')
  const dir = path.dirname(main.file)
  const parts = [main.text]
  for (const {file, text} of included) parts.push(`\0${toPosix(path.relative(dir, file))}\0${text}`)
  return sha256(parts.join(''))
}

/**
 * Starts `git rev-parse` now and returns a function that completes the
 * provenance once the config tree is read (main file first), so that the
 * child process runs while the (CPU-bound) parse does.
 */
export function startProvenance(file: string): (files: ReadonlyArray<{file: string; text: string}>) => Promise<Provenance> {
  const commit = gitCommitOf(file)
  return async (files) => ({config_sha256: configSha256(files), git_commit: await commit, actor: actor()})
}
