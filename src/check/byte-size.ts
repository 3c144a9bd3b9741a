import {UsageError, messageOf} from '../errors.js'

const UNITS: Record<string, number> = {'': 1, b: 1, kb: 1000, kib: 1024, mb: 1_000_000, mib: 1024 * 1024, gb: 1_000_000_000, gib: 1024 * 1024 * 1024}

/** `16384`, `16KiB`, `64kb`, `1MiB`: a byte count. */
export function parseByteSize(text: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim())
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined
  if (!match || unit === undefined) throw new Error(`"${text}" is not a size (use bytes, or e.g. 16KiB, 1MiB)`)
  return Number(match[1]) * unit
}

/** A size flag's value in bytes, from 1 to max; a bad value is a usage error that names the flag. */
export function byteSizeFlag(flag: string, text: string, max: {bytes: number; text: string}): number {
  let bytes: number
  try {
    bytes = parseByteSize(text)
  } catch (err) {
    throw new UsageError(`--${flag}: ${messageOf(err)}`)
  }
  if (bytes < 1 || bytes > max.bytes) throw new UsageError(`--${flag} must be between 1 byte and ${max.text}`)
  return bytes
}
