/**
 * Paths between a directory and what is under it, as mon names them in
 * messages, hashes and GitHub annotations: with "/" whatever the platform.
 */
import path from 'node:path'

export function toPosix(relative: string): string {
  return relative.split(path.sep).join('/')
}

/**
 * `target` relative to `root`, with "/", when it is inside root (root itself
 * gives ''); null when it is not. A name that only starts with two dots
 * (`..foo.yaml`) is inside.
 */
export function relativeInside(root: string, target: string): string | null {
  const relative = path.relative(root, target)
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null
  return toPosix(relative)
}
