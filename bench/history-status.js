// `mon status --json --since 1d / 7d / 30d` on a generated history, read from
// rollups (mon's default) beside the raw-row path (`--exact`, the only path
// before rollups), as whole processes: wall time and peak RSS. The two paths'
// figures are compared on every endpoint: counts and uptime exactly, p50 and
// p95 within 1% (SPEC section 6). Part of bench/history.js.
import {BIN, env, mon} from './history-data.js'
import {measure, median} from './process.js'

const WINDOWS = ['1d', '7d', '30d']

/** Whether this build's status reads rollups: it has `--exact`. */
export const hasRollupPath = () => mon(['status', '--help']).stdout.includes('--exact')

/** `exact`: the raw-row path, which a build without rollups takes with no flag. */
async function timedStatus(meta, window, exact, rollups) {
  const args = [BIN, 'status', '--json', '--db', meta.db, '--config', meta.config, '--since', window, ...(exact && rollups ? ['--exact'] : [])]
  const r = await measure(process.execPath, args, {env: env({MON_NOW: new Date(meta.end).toISOString()})})
  if (r.code !== 0 && r.code !== 2) throw new Error(`mon status exited ${r.code}: ${r.stderr}`)
  return {ms: r.seconds * 1000, mb: r.peakMb, out: JSON.parse(r.stdout)}
}

const targetsOf = (report) => new Map(report.entities.flatMap((e) => [...e.endpoints, ...(e.registry ?? [])].map((t) => [t.id, t])))

/** Rollup figures against exact ones: the same counts, percentiles within 1%; returns how many targets were compared. */
export function compareFigures(rolled, exact) {
  const ours = targetsOf(rolled)
  const raw = targetsOf(exact)
  if (ours.size !== raw.size) throw new Error(`rollups report ${ours.size} targets, --exact ${raw.size}`)
  for (const [id, e] of raw) {
    const r = ours.get(id)
    for (const key of ['checks', 'uptime', 'status', 'observed_at']) {
      if (r?.[key] !== e[key]) throw new Error(`${id}.${key}: rollups ${r?.[key]}, exact ${e[key]}`)
    }
    for (const key of ['p50_ms', 'p95_ms']) {
      if (e[key] === null || e[key] === undefined) continue
      if (Math.abs(r[key] - e[key]) > 0.01 * e[key]) throw new Error(`${id}.${key}: rollups ${r[key]}, exact ${e[key]}: more than 1% apart`)
    }
  }
  return raw.size
}

/** The growth table: each window, both paths, median of `runs` after one untimed run each (a warm page cache). */
export async function statusGrowth(meta, {runs, log}) {
  const rollups = hasRollupPath()
  const rows = []
  for (const window of WINDOWS) {
    const modes = rollups ? [false, true] : [true]
    const timings = new Map(modes.map((m) => [m, []]))
    const last = new Map()
    const slow = new Set()
    for (const exact of modes) {
      const warm = await timedStatus(meta, window, exact, rollups)
      last.set(exact, warm)
      // A path that takes longer than 15 s (raw rows over weeks) is timed once more, not `runs` times.
      if (warm.ms > 15_000) slow.add(exact)
    }
    for (let r = 0; r < runs; r++) {
      for (const exact of modes) {
        if (slow.has(exact) && r > 0) continue
        const t = await timedStatus(meta, window, exact, rollups)
        timings.get(exact).push(t)
        last.set(exact, t)
      }
    }
    const compared = rollups ? compareFigures(last.get(false).out, last.get(true).out) : null
    const pick = (exact) => (timings.has(exact) ? {ms: median(timings.get(exact).map((t) => t.ms)), mb: Math.max(...timings.get(exact).map((t) => t.mb))} : null)
    const checks = [...targetsOf(last.get(true).out).values()].reduce((n, t) => n + (t.checks ?? 0), 0)
    rows.push({window, rollups: rollups ? pick(false) : null, exact: pick(true), compared, checks})
  }
  const first = rows[0].rollups ?? rows[0].exact
  log(`\nmon status --json (${meta.kind}, ${meta.rows.toLocaleString('en')} snapshots, ${meta.endpoints} endpoints), whole process, median of ${runs} (of 1 where a run takes over 15 s):`)
  log('| --since | snapshots in the window | with rollups | peak RSS | raw rows (`--exact`) | peak RSS | rollups / exact | growth over 1d |')
  log('|---|---|---|---|---|---|---|---|')
  for (const row of rows) {
    const ours = row.rollups ?? row.exact
    const cell = (x) => (x ? `${x.ms.toFixed(0)} ms` : 'n/a')
    const rss = (x) => (x ? `${x.mb.toFixed(0)} MB` : 'n/a')
    const ratio = row.rollups ? `${(row.rollups.ms / row.exact.ms).toFixed(2)}x` : 'n/a'
    log(`| ${row.window} | ${row.checks.toLocaleString('en')} | ${cell(row.rollups)} | ${rss(row.rollups)} | ${cell(row.exact)} | ${rss(row.exact)} | ${ratio} | ${(ours.ms / first.ms).toFixed(2)}x |`)
  }
  const last = rows.at(-1)
  if (last.rollups) log(`targets: 30d <= 1 s (${last.rollups.ms.toFixed(0)} ms), 30d <= 1.5x 1d (${(last.rollups.ms / rows[0].rollups.ms).toFixed(2)}x); figures agree on ${last.compared} targets (counts exact, percentiles within 1%)`)
  else log('this build has no rollups (no status --exact): only the raw-row path was timed')
  return rows
}
