/**
 * The base of `mon plan --base FILE` / `--base-rev REV`: a config read through
 * a ConfigFiles (the file system, or a git revision), loaded by the same
 * loader as monitors.yaml, includes and all.
 */
import {MonError, UsageError} from '../errors.js'
import {plural} from '../plural.js'
import type {ConfigFiles} from './config-files.js'
import {FS_FILES} from './fs-files.js'
import {gitFiles} from './git-files.js'
import {formatDiagnostic, loadConfigFile} from './load.js'
import type {MonitorsModel} from './model.js'
import {STDIN_CONFIG, type ReadLimits} from './read-limits.js'

/** What a plan is compared with: a file, or the config file at a git revision (`absent`: it did not exist there). */
export type PlanBase = {file: string} | {rev: string; commit: string; describe: string; absent: boolean}

/**
 * The base's model (null: the config did not exist at the revision, so
 * everything is created) and what it is. `config` is the config as given.
 */
export async function loadPlanBase(config: string, choice: {file?: string; rev?: string}, limits: ReadLimits): Promise<{model: MonitorsModel | null; base: PlanBase}> {
  if (choice.file === undefined) {
    if (config === STDIN_CONFIG) throw new UsageError('--base-rev needs the config as a file in a git work tree, not standard input (see --help)')
    const files = await gitFiles(config, choice.rev ?? '', limits)
    const model = await loadBase(config, files, limits, `${files.rev}:`)
    return {model, base: {rev: files.rev, commit: files.commit, describe: files.describe, absent: model === null}}
  }
  if (choice.file === STDIN_CONFIG && config === STDIN_CONFIG) throw new UsageError('--base and --config cannot both read standard input (see --help)')
  const model = await loadBase(choice.file, FS_FILES, limits)
  if (model === null) throw new MonError(`--base: cannot read config ${choice.file}: no such file`)
  return {model, base: {file: choice.file}}
}

/**
 * A base's model, or null when its main file does not exist there. An
 * invalid base is an error naming each problem, every line prefixed with
 * `prefix` (`origin/main:` at a revision, the way git names a file there).
 * Its warnings are not the change's business and are not shown.
 */
async function loadBase(file: string, files: ConfigFiles, limits: ReadLimits, prefix = ''): Promise<MonitorsModel | null> {
  const bytes = await files.read(file, limits)
  if (bytes === null) return null
  // The main file is read once: the loader is handed what was just read.
  const once: ConfigFiles = {describe: files.describe, glob: (pattern, dir) => files.glob(pattern, dir), read: (f, l) => (f === file ? Promise.resolve(bytes) : files.read(f, l))}
  const result = await loadConfigFile(file, limits, once)
  if (result.model) return result.model
  const lines = result.errors.map((d) => `${prefix}${formatDiagnostic(d)}`)
  throw new MonError(`the base, ${prefix}${file}, is invalid (${plural(result.errors.length, 'error')}); fix it there or compare with another:\n${lines.join('\n')}`, {
    details: {errors: result.errors},
  })
}
