/**
 * Whether monitors.yaml still is what the last apply applied: check and
 * status read the applied state, not the file, so an edit that was never
 * applied is checked as it was before, and this says so.
 */
import {constants} from 'node:fs'
import {type FileHandle, open} from 'node:fs/promises'

import {sha256} from '../canonical-json.js'
import {DEFAULT_READ_LIMITS, STDIN_CONFIG} from '../config/read-limits.js'
import {decodeUtf8} from '../config/text-rules.js'
import type {Driver} from '../store/driver.js'
import {applyRuns, readObserved} from '../store/inventory.js'
import {hasChanges, planChanges} from '../plan/diff.js'

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
    const bytes = await readRegularFile(configPath, maxBytes)
    if (!bytes) return null
    const [last] = await applyRuns(driver, 1)
    if (!last) return null
    const decoded = decodeUtf8(bytes)
    if ('text' in decoded && sha256(decoded.text) === last.config_sha256) return null
    const differs = `${configPath} differs from what was applied at ${last.applied_at}`
    if (!('text' in decoded)) return `${differs} and is invalid (run mon validate)`
    const {parseConfig} = await import('../config/load.js')
    const {model} = parseConfig(decoded.text, configPath)
    if (!model) return `${differs} and is invalid (run mon validate)`
    return hasChanges(planChanges(model, await readObserved(driver))) ? `${differs} (run mon plan)` : null
  } catch {
    // A hint never fails what it is a hint for.
    return null
  }
}

/**
 * The file's bytes, or null when it is not a regular file or is larger than
 * maxBytes. Opened once, without blocking, and checked through that handle:
 * a FIFO swapped in after a stat cannot block the read, and a file that
 * grows is read no further than its size then.
 */
async function readRegularFile(path: string, maxBytes: number): Promise<Buffer | null> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch {
    return null
  }
  try {
    const info = await handle.stat()
    if (!info.isFile() || info.size > maxBytes) return null
    // One byte more than it holds: a file still growing fills it, and is no file to hint about.
    const buffer = Buffer.alloc(info.size + 1)
    let size = 0
    for (let read = -1; read !== 0 && size < buffer.length; size += read) read = (await handle.read(buffer, size, buffer.length - size, size)).bytesRead
    return size === buffer.length ? null : buffer.subarray(0, size)
  } finally {
    await handle.close()
  }
}
