/**
 * Whether monitors.yaml still is what the last apply applied: check and
 * status read the applied state, not the file, so an edit that was never
 * applied is checked as it was before, and this says so.
 */
import {type FileHandle, open} from 'node:fs/promises'

import {sha256} from '../canonical-json.js'
import {configSha256} from './provenance.js'
import {DEFAULT_READ_LIMITS, STDIN_CONFIG} from '../config/read-limits.js'
import {decodeUtf8} from '../config/text-rules.js'
import type {Driver} from '../store/driver.js'
import {applyRuns, readObserved} from '../store/inventory.js'
import {OPEN_FLAGS, readRegularFile} from '../regular-file.js'

/**
 * `monitors.yaml differs from what was applied at … (run mon plan)`, or null:
 * no such regular file (or standard input, or past the config size limit),
 * no apply ever recorded, or nothing to apply. The file is hashed as apply
 * hashes it; only when that differs from the last apply's is it planned, so
 * that an edit apply has nothing to do for (a comment) is no hint forever.
 * Never fails what it is a hint for: a file it cannot read is no hint.
 */
export async function unappliedConfigNote(driver: Driver, configPath: string, maxBytes = DEFAULT_READ_LIMITS.maxBytes): Promise<string | null> {
  if (configPath === STDIN_CONFIG) return null
  try {
    const bytes = await readConfigFile(configPath, maxBytes)
    if (!bytes) return null
    const [last] = await applyRuns(driver, 1)
    if (!last) return null
    const decoded = decodeUtf8(bytes)
    const limits = {...DEFAULT_READ_LIMITS, maxBytes}
    let tree: Array<{file: string; text: string}> | null = null
    if ('text' in decoded) {
      if (sha256(decoded.text) === last.config_sha256) return null
      // A tree is hashed as apply hashes it: its included files too.
      const [{treeTexts}, {FS_FILES}] = await Promise.all([import('../config/read-includes.js'), import('../config/fs-files.js')])
      tree = await treeTexts(configPath, decoded.text, FS_FILES, limits)
      if (tree && configSha256(tree) === last.config_sha256) return null
    }
    const differs = `${configPath} differs from what was applied at ${last.applied_at}`
    if (!('text' in decoded)) return `${differs} and is invalid (run mon validate)`
    // Loaded only now: on every check whose file matches, the loader and the planner stay unloaded.
    const [{loadConfigFile, parseConfig}, {hasChanges, planChanges}] = await Promise.all([import('../config/load.js'), import('../plan/diff.js')])
    const {model} = tree ? await loadConfigFile(configPath, limits) : parseConfig(decoded.text, configPath)
    if (!model) return `${differs} and is invalid (run mon validate)`
    return hasChanges(planChanges(model, await readObserved(driver))) ? `${differs} (run mon plan)` : null
  } catch {
    // A hint never fails what it is a hint for.
    return null
  }
}

/** The file's bytes, or null when it cannot be opened, is not a regular file or is larger than maxBytes. */
async function readConfigFile(path: string, maxBytes: number): Promise<Buffer | null> {
  let handle: FileHandle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch {
    return null
  }
  try {
    const read = await readRegularFile(handle, maxBytes)
    return read.ok ? read.bytes : null
  } finally {
    await handle.close()
  }
}
