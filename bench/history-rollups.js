// The rollups of a generated history, made while its snapshots are written, by
// mon's own code in dist/: rollupsOf (src/rollup.ts) adds each hour's
// snapshots up per target, as `mon check` adds each batch; the day is the sum
// of its hours, as `mon db rollup --rebuild` makes it; writeRollups
// (src/store/rollups.ts) writes them. Part of bench/history-data.js.
import {existsSync} from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const load = (p) => import(new URL(`../dist/${p}`, import.meta.url).href)

/** Whether this build has rollups. */
export const buildHasRollups = () => existsSync(path.join(ROOT, 'dist/store/rollups.js'))

/**
 * Takes the snapshots in time order (`add`), writes each hour's rollups when
 * the next hour starts and each day's when the next day starts, through
 * `driver` (anything with mon's Driver.run). `finish()` writes the last ones
 * and returns how many rollup rows were written.
 */
export async function rollupBuilder(driver) {
  const {rollupsOf, emptyRollup, mergeRollup, dayStart} = await load('rollup.js')
  const {writeRollups} = await load('store/rollups.js')
  let hourRows = []
  let hour = null
  let day = null
  let days = new Map()
  let written = 0
  const flushHour = async () => {
    if (hourRows.length === 0) return
    const hours = rollupsOf(hourRows, ['hour'])
    await writeRollups(driver, hours.values())
    written += hours.size
    for (const h of hours.values()) {
      const key = `${h.target_table}|${h.target_id}`
      if (!days.has(key)) days.set(key, emptyRollup({period: 'day', target_table: h.target_table, target_id: h.target_id, start_at: dayStart(h.start_at)}, h.entity_id))
      mergeRollup(days.get(key), h)
    }
    hourRows = []
  }
  const flushDay = async () => {
    if (days.size === 0) return
    await writeRollups(driver, days.values())
    written += days.size
    days = new Map()
  }
  const turn = async (rowHour) => {
    await flushHour()
    if (rowHour.slice(0, 10) !== day) await flushDay()
    hour = rowHour
    day = rowHour.slice(0, 10)
  }
  return {
    /** Null, or a promise to await when the row starts a new hour (one await an hour, not one a row). */
    add(row) {
      const rowHour = row.observed_at.slice(0, 13)
      hourRows.push(row)
      if (rowHour === hour) return null
      const last = hourRows.pop()
      return turn(rowHour).then(() => void hourRows.push(last))
    },
    async finish() {
      await flushHour()
      await flushDay()
      return written
    },
  }
}

/** mon's Driver.run over a better-sqlite3 connection inside the generator's own transaction. */
export const sqliteRunner = (db) => ({run: async (sql, params = []) => db.prepare(sql).run(...params).changes})

/** mon's Driver.run over a pg client (`?` placeholders numbered as the Driver does). */
export function postgresRunner(client) {
  return {
    run: async (sql, params = []) => {
      let n = 0
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rowCount
    },
  }
}
