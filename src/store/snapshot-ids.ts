/**
 * How a snapshot's id is stored. mon writes every id as a UUIDv7 made from
 * its observed_at (src/check/run.ts), whose first 13 characters (the 48-bit
 * time in milliseconds and the dash after it) observed_at already holds. So
 * such an id is stored as its last 23 characters (`-7xxx-yxxx-xxxxxxxxxxxx`);
 * any other id (rows before 0013, a hand-made row, a time that is not
 * observed_at's) is stored whole. The two forms never collide: a whole id
 * starts with a hex digit, a suffix with its dash. The suffix keeps the
 * UUID's 74 random bits, so two snapshots sharing one (a primary key
 * collision on PostgreSQL) are as unlikely as for whole UUIDs.
 */

/** The first 13 characters of a UUIDv7 made at observed_at. */
function timePrefix(observedAt: string): string | null {
  // Only the form mon writes, which migration 0013's down reads back the same in SQL.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(observedAt)) return null
  const ms = Date.parse(observedAt)
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) return null
  const hex = ms.toString(16).padStart(12, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8)}`
}

const SUFFIX = /^-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The id as stored: without its time part where observed_at gives it back. */
export function storedSnapshotId(id: string, observedAt: string): string {
  const prefix = timePrefix(observedAt)
  return prefix !== null && id.startsWith(prefix) && SUFFIX.test(id.slice(prefix.length)) ? id.slice(prefix.length) : id
}

/** The id as mon shows it, from its stored form and observed_at. */
export function snapshotId(stored: string, observedAt: string): string {
  if (!stored.startsWith('-')) return stored
  const prefix = timePrefix(observedAt)
  return prefix === null ? stored : prefix + stored
}
