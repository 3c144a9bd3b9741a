/**
 * `mon prune`'s delete of old snapshots, per target on SQLite's layout of
 * migration 0013: a target's old rows are one contiguous range of its
 * clustered table (endpoint_id, observed_at, id), so deleting them dirties
 * each of their pages once, as a single raw DELETE does. A batch is the old
 * rows of one or several targets (or the oldest part of one), each batch its
 * own transaction, so a `mon check` running meanwhile still gets to write.
 * PostgreSQL's heap keeps rows in the order they came, so there a batch is
 * the oldest rows of all targets, a range of the observed_at index.
 */
import type {Driver, SqlValue} from './driver.js'
import {carryBasesForward, type PruneBoundary} from './payload-bases.js'
import {type SnapshotGroup, snapshotGroups, targetGroups} from './snapshot-keys.js'

/** Every snapshot as one group, by the observed_at index: PostgreSQL's heap holds rows in time order. */
const ALL: SnapshotGroup = {sql: '1 = 1', params: []}

/** Per stored target on SQLite (snapshot-keys.ts), each a range of its (target, observed_at) key; by time on PostgreSQL. */
export async function countSnapshotsBefore(driver: Driver, before: string): Promise<number> {
  let n = 0
  for (const group of driver.clusteredSnapshots ? await snapshotGroups(driver) : [ALL]) {
    const rows = await driver.all<{n: number | string}>(`SELECT CAST(count(*) AS INTEGER) AS n FROM snapshots WHERE ${group.sql} AND observed_at < ?`, [...group.params, before])
    n += Number(rows[0]?.n ?? 0)
  }
  return n
}

/** The first batch's size in rows; later ones are sized by how long the last one held the write lock. */
export const PRUNE_BATCH_SIZE = 5000
/** A batch aims at this much time under the write lock, and takes no further target past it: well under the 1 s it must never reach. */
export const PRUNE_BATCH_TARGET_MS = 400
const PRUNE_BATCH_MAX = 1_000_000

export interface PruneOptions {
  /** The first batch's size; a fixed size when `adaptive` is false. */
  batchSize?: number
  /** Size each batch from the time the last one took (default true). */
  adaptive?: boolean
  /** Called after each committed batch with the running total. */
  onBatch?: (deletedSoFar: number) => void | Promise<void>
}

export interface PruneResult {
  deleted: number
  batches: number
  /** The longest a batch took from taking the write lock to the end of its commit (on SQLite a WAL checkpoint the commit ran included, though it runs after the lock is let go), in ms. */
  longest_batch_ms: number
  /** `=` snapshots given their base's body because the base was deleted. */
  carried: number
}

/**
 * Deletes up to `size` of one target's rows observed before `before`, oldest
 * first, after carrying forward the payload bases they hold (same
 * transaction). Returns how many went and whether the target has none left.
 */
async function deleteFromTarget(driver: Driver, target: SnapshotGroup, before: string, size: number, result: PruneResult): Promise<{n: number; done: boolean}> {
  const remove = async (boundary: PruneBoundary, where: string, params: SqlValue[]) => {
    result.carried += await carryBasesForward(driver, boundary)
    return driver.run(`DELETE FROM snapshots WHERE ${target.sql} AND ${where}`, [...target.params, ...params])
  }
  const edge = await driver.all<{observed_at: string}>(
    `SELECT observed_at FROM snapshots WHERE ${target.sql} AND observed_at < ? ORDER BY observed_at LIMIT 1 OFFSET ?`,
    [...target.params, before, size],
  )
  if (edge[0] === undefined) return {n: await remove({target, at: before}, 'observed_at < ?', [before]), done: true}
  const at = edge[0].observed_at
  const n = await remove({target, at}, 'observed_at < ?', [at])
  if (n > 0) return {n, done: false}
  // Rows of the edge's millisecond are the whole batch: they go by id, a batch at a time.
  const ties = await driver.all<{id: string}>(`SELECT id FROM snapshots WHERE ${target.sql} AND observed_at = ? ORDER BY id LIMIT ?`, [...target.params, at, size])
  const lastId = ties.at(-1)!.id
  return {n: await remove({target, at, lastId}, 'observed_at = ? AND id <= ?', [at, lastId]), done: false}
}

/**
 * Deletes the snapshots observed before `before`, target by target on SQLite
 * (the rows of no endpoint first, then each stored endpoint_id; on
 * PostgreSQL all of them as one, oldest first by the observed_at index, as
 * its heap holds them), in batches each
 * committed on its own: a batch takes whole targets' old rows while they fit
 * in its size, and the oldest part of a target that does not fit. The size
 * grows while a batch takes well under PRUNE_BATCH_TARGET_MS and shrinks
 * above it. Only snapshots: entities, endpoints and registry rows are never touched.
 */
export async function pruneSnapshotsBefore(driver: Driver, before: string, options: PruneOptions = {}): Promise<PruneResult> {
  const locked = {lockTimeoutMs: 30_000, exclusive: false, snapshotWriters: true}
  let size = options.batchSize ?? PRUNE_BATCH_SIZE
  const result: PruneResult = {deleted: 0, batches: 0, longest_batch_ms: 0, carried: 0}
  // Found before the first batch: a target first checked meanwhile has nothing older than `before`.
  const targets: SnapshotGroup[] = driver.clusteredSnapshots ? await targetGroups(driver) : [ALL]
  return driver.deferCheckpoints(async () => {
    let next = 0
    while (next < targets.length) {
      let opened = 0
      const n = await driver.transaction(async () => {
        // From here the write lock is held (SQLite: BEGIN IMMEDIATE returned): no more targets once the batch's time is up,
        // whatever the size said, so a machine that slows down meanwhile (a mon check beside it) cannot stretch a batch.
        opened = performance.now()
        let deleted = 0
        while (next < targets.length && deleted < size && performance.now() - opened < PRUNE_BATCH_TARGET_MS) {
          const step = await deleteFromTarget(driver, targets[next]!, before, size - deleted, result)
          deleted += step.n
          if (step.done) next++
        }
        return deleted
      }, locked)
      const ms = performance.now() - opened
      result.batches++
      result.longest_batch_ms = Math.max(result.longest_batch_ms, ms)
      result.deleted += n
      if (n > 0) await options.onBatch?.(result.deleted)
      if (next >= targets.length) return result
      if (driver.handOverMs > 0) await new Promise((resolve) => setTimeout(resolve, driver.handOverMs))
      // At most twice as big as the last batch, so one step can never overshoot the target by more than its own noise.
      if (options.adaptive !== false) size = Math.min(PRUNE_BATCH_MAX, Math.max(100, Math.round(size * Math.min(2, Math.max(0.25, PRUNE_BATCH_TARGET_MS / Math.max(ms, 1))))))
    }
    return result
  })
}
