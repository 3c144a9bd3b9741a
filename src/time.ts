import {randomFillSync} from 'node:crypto'

/** Every timestamp mon writes: ISO 8601 UTC with milliseconds, never the engine's default. */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString()
}

// Random bytes drawn 4 KiB at a time: one randomBytes call per id was ~8% of a check run's CPU.
const POOL = Buffer.alloc(4096)
let poolOffset = POOL.length

function random10(): Buffer {
  if (poolOffset + 10 > POOL.length) {
    randomFillSync(POOL)
    poolOffset = 0
  }
  const slice = POOL.subarray(poolOffset, poolOffset + 10)
  poolOffset += 10
  return slice
}

/** A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by time. */
export function uuidv7(ms: number = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16)
  bytes.writeUIntBE(ms, 0, 6)
  random10().copy(bytes, 6)
  bytes[6] = 0x70 | (bytes[6]! & 0x0f)
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The ISO time a UUID version 7 carries (its first 48 bits), or null for any other text. */
export function uuidv7Time(id: string): string | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return null
  return new Date(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toISOString()
}
