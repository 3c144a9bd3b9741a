// `mon db rollup --rebuild --since 7d` (at 1,000 endpoints, 10 M snapshots)
// beside its floor, a raw full scan of the same rows (bench/history-scan-floor.js),
// both whole processes, alternated, medians. Target: at most 2x. Part of bench/history.js.
import path from 'node:path'

import {BIN, ROOT, env, mon} from './history-data.js'
import {measure, median} from './process.js'

const HOUR = 3_600_000

export async function rebuildBesideScan(meta, {log, runs = 3}) {
  // The last 7 days (10 M snapshots at 1,000 endpoints), or half of a small history.
  const DAYS = Math.min(7, meta.days / 2)
  if (!mon(['db', '--help']).stdout.includes('rollup')) return log('\nmon db rollup --rebuild: skipped (this build has no rollups)')
  const extra = env({MON_NOW: new Date(meta.end).toISOString()})
  // --since rounds down to the hour (SPEC section 6): the floor scans from the same hour.
  const since = new Date(Math.floor((meta.end - DAYS * 86_400_000) / HOUR) * HOUR).toISOString()
  const ours = []
  const floor = []
  let scanned
  for (let r = 0; r < runs; r++) {
    const m = await measure(process.execPath, [BIN, 'db', 'rollup', '--rebuild', '--since', `${DAYS * 24}h`, '--db', meta.db], {env: extra})
    if (m.code !== 0) throw new Error(`mon db rollup --rebuild exited ${m.code}: ${m.stderr}`)
    const f = await measure(process.execPath, [path.join(ROOT, 'bench/history-scan-floor.js'), meta.db, since], {env: extra})
    if (f.code !== 0) throw new Error(`the scan floor exited ${f.code}: ${f.stderr}`)
    scanned = JSON.parse(f.stdout)
    ours.push(m)
    floor.push(f)
    // Runs of over 15 s (the full-size history) are timed once.
    if (m.seconds > 15) break
  }
  const [o, f] = [median(ours.map((x) => x.seconds)), median(floor.map((x) => x.seconds))]
  log(`\nmon db rollup --rebuild --since ${DAYS * 24}h (${meta.kind}): ${scanned.rows.toLocaleString('en')} snapshots in ${scanned.hours.toLocaleString('en')} endpoint-hours, whole process, median of ${ours.length}`)
  log('| case | mon | floor (raw scan of the same rows) | ratio | target |')
  log('|---|---|---|---|---|')
  log(`| rebuild | ${o.toFixed(1)} s, ${Math.round(scanned.rows / o).toLocaleString('en')} rows/s, peak RSS ${Math.max(...ours.map((x) => x.peakMb)).toFixed(0)} MB | ${f.toFixed(1)} s, peak RSS ${Math.max(...floor.map((x) => x.peakMb)).toFixed(0)} MB | **${(o / f).toFixed(2)}x** | <= 2x |`)
}
