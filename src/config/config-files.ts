/**
 * Where the loader reads a config tree from: the file system (the default),
 * or a git revision (`mon plan --base-rev`). The loader itself never touches
 * the file system directly, so that one loader (includes and all) serves both.
 * Paths are as the user gives them: absolute, or relative to the current directory.
 */
import type {ReadLimits} from './read-limits.js'

export interface GlobResult {
  /**
   * Matching files, sorted, each inside the repository, each named `path.join(dir, match)`
   * (as diagnostics name it); files only, a directory not expanded; at most one more than
   * MAX_INCLUDED_FILES (config/includes.ts), enough to say there are too many.
   */
  files: string[]
  /**
   * Per file, what it is whatever the name it was reached by (its real path), where two names
   * can reach one file (symlinks); a reader without aliases leaves it out.
   */
  identities?: string[]
  /** Matches refused, with why (`outside the repository (a symlink to /etc/passwd)`). */
  refused: Array<{file: string; reason: string}>
}

export interface ConfigFiles {
  /** What a plan header calls this tree: `the working tree`, `origin/main (3f2a9c1)`. */
  readonly describe: string
  /** A file's bytes, at most `limits.maxBytes` of them; null when it does not exist (throws MonError for anything else). */
  read(file: string, limits: ReadLimits): Promise<Buffer | null>
  /** The files one include pattern matches, the pattern relative to `dir` (the main file's directory); none for a literal path that does not exist. */
  glob(pattern: string, dir: string): Promise<GlobResult>
}
