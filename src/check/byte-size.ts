const UNITS: Record<string, number> = {'': 1, b: 1, kb: 1000, kib: 1024, mb: 1_000_000, mib: 1024 * 1024, gb: 1_000_000_000, gib: 1024 * 1024 * 1024}

/** `16384`, `16KiB`, `64kb`, `1MiB`: a byte count. */
export function parseByteSize(text: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim())
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined
  if (!match || unit === undefined) throw new Error(`"${text}" is not a size (use bytes, or e.g. 16KiB, 1MiB)`)
  return Number(match[1]) * unit
}
