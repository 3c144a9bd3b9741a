// Weekly rollups (ISO weeks, Monday 00:00 UTC to Monday) in the rollups
// table, period 'week', so that a long window reads a week's row where it
// read seven days' (a 30-day status reads 3-4 weeks and up to 12 days per
// target instead of 30 days). `mon check` keeps them up from here on; this
// migration sums the weeks of the day rows already stored, one week of every
// target at a time (bounded memory), with progress on a terminal.
//
// A released migration never changes, so it carries its own frozen copy of
// the histogram text of src/latency.ts (a JSON array of pairs [bucket step,
// count], ascending steps from bucket 0) rather than importing code that may
// move on.

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS
const COLUMNS = ['period', 'target_table', 'target_id', 'entity_id', 'start_at', 'ok', 'warn', 'error', 'latency_count', 'latency_sum', 'latency_histogram']
const ROWS_PER_INSERT = 500

/**
 * Rolling back deletes the weeks: where prune has removed a week's first days
 * (only the oldest week keeps a row once some of its days are gone), its row
 * is all that is left of them; then that row counts more than its days do.
 */
export const downLoses = {
  loses: 'the weekly rollups of days that prune has deleted (an oldest week counting more than its stored days)',
  probe: `SELECT 1 FROM rollups w WHERE w.period = 'week' AND w.start_at = (SELECT min(start_at) FROM rollups WHERE period = 'week')
      AND w.ok + w.warn + w.error > (SELECT coalesce(sum(d.ok + d.warn + d.error), 0) FROM rollups d
        WHERE d.period = 'day' AND d.target_table = w.target_table AND d.target_id = w.target_id AND d.start_at >= w.start_at
          AND d.start_at < coalesce((SELECT min(x.start_at) FROM rollups x WHERE x.period = 'week' AND x.start_at > w.start_at), '9999'))
    LIMIT 1`,
}

/** Adds a stored histogram's counts into `buckets`. */
function addDecoded(buckets, text) {
  const pairs = JSON.parse(text)
  let bucket = 0
  for (let i = 0; i < pairs.length; i += 2) {
    bucket += pairs[i]
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + pairs[i + 1])
  }
}

function encode(buckets) {
  const out = []
  let previous = 0
  for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) {
    out.push(bucket - previous, buckets.get(bucket))
    previous = bucket
  }
  return JSON.stringify(out)
}

/** The Monday 00:00 UTC of the week an ISO time falls in. */
function weekStart(iso) {
  const day = Date.parse(`${String(iso).slice(0, 10)}T00:00:00.000Z`)
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS
}

/** One week's rollup per target, summed from its stored days. */
async function weekOf(db, start) {
  const from = new Date(start).toISOString()
  const rows = await db.all(
    "SELECT target_table, target_id, entity_id, ok, warn, error, latency_count, latency_sum, latency_histogram FROM rollups WHERE period = 'day' AND start_at >= ? AND start_at < ?",
    [from, new Date(start + WEEK_MS).toISOString()],
  )
  const weeks = new Map()
  for (const row of rows) {
    const key = `${row.target_table}|${row.target_id}`
    let w = weeks.get(key)
    if (!w) weeks.set(key, (w = {table: row.target_table, id: row.target_id, entity: row.entity_id, start: from, ok: 0, warn: 0, error: 0, count: 0, sum: 0, buckets: new Map()}))
    w.ok += Number(row.ok)
    w.warn += Number(row.warn)
    w.error += Number(row.error)
    w.count += Number(row.latency_count)
    w.sum += Number(row.latency_sum)
    // A day whose histogram does not read (a hand edit) adds its counts only; `mon db rollup --verify` names it.
    try {
      addDecoded(w.buckets, row.latency_histogram)
    } catch {}
  }
  return [...weeks.values()].filter((w) => w.ok + w.warn + w.error > 0 || w.count > 0)
}

async function write(db, weeks) {
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`
  for (let i = 0; i < weeks.length; i += ROWS_PER_INSERT) {
    const chunk = weeks.slice(i, i + ROWS_PER_INSERT)
    const params = chunk.flatMap((w) => ['week', w.table, w.id, w.entity, w.start, w.ok, w.warn, w.error, w.count, w.sum, encode(w.buckets)])
    await db.run(`INSERT INTO rollups (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, params)
  }
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function up({context: db}) {
  const [range] = await db.all("SELECT min(start_at) AS first, max(start_at) AS last FROM rollups WHERE period = 'day'")
  if (!range || range.first === null) return
  const first = weekStart(range.first)
  const total = Math.floor((weekStart(range.last) - first) / WEEK_MS) + 1
  for (let w = 0; w < total; w++) {
    await write(db, await weekOf(db, first + w * WEEK_MS))
    db.progress(`rollups: week ${w + 1} of ${total}…`)
  }
  db.progress(null)
}

/** @param {{context: import('../src/store/migration-context.js').MigrationContext}} params */
export async function down({context: db}) {
  await db.run("DELETE FROM rollups WHERE period = 'week'")
}
