import {createHash} from 'node:crypto'

import {UsageError} from '../errors.js'

export interface Shard {
  /** 1-based: `--shard 1/3` is the first of three. */
  index: number
  count: number
}

/** More runners than this share nothing useful, and N must stay an exact integer for the hash. */
const MAX_SHARDS = 10_000

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = match ? Number(match[1]) : NaN
  const count = match ? Number(match[2]) : NaN
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, e.g. 1/3 (got "${text}")`)
  }
  if (count > MAX_SHARDS) throw new UsageError(`--shard: N must be at most ${MAX_SHARDS} (got "${text}")`)
  return {index, count}
}

/**
 * The shard an id belongs to: its SHA-256 read as a number, mod N. It depends
 * only on the id, so N runners on N machines split the same inventory the
 * same way without talking to each other, and an id stays in its shard as
 * others come and go.
 */
export function shardOf(id: string, count: number): number {
  const digest = createHash('sha256').update(id).digest()
  return (digest.readUInt32BE(0) % count) + 1
}

export function inShard(id: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(id, shard.count) === shard.index
}
