// `mon check` throughput with rollup upkeep (this build) beside the same build
// without it: this commit's source with the one upkeep call (addToRollups in
// src/store/snapshots.ts) taken out, built under $MON_BENCH_DATA, so that the
// difference is the upkeep and nothing else; --without-bin OTHER/bin/run.js
// compares with another build instead (e.g. the one before rollups).
// 1,000 endpoints of bench/check-server.js (10 ms) at concurrency 100,
// alternated, each build on its own database that keeps its snapshots from run
// to run. Target: at least 0.9x. Part of bench/history.js.
import {existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {buildWithout} from './build-without.js'
import {BIN, DATA_DIR, ROOT, env} from './history-data.js'
import {measure, median, startCheckServer} from './process.js'
import {register} from 'tsx/esm/api'

register()
const {fleetConfig} = await import('../test/support/synthetic-history.ts')

const ENDPOINTS = 1000
const CONCURRENCY = 100

/** This commit without the rollup upkeep, built once per commit; returns its bin/run.js. */
const buildWithoutUpkeep = () =>
  buildWithout('upkeep', [
    {file: 'src/store/snapshots.ts', pattern: /^\s*await addToRollups\(.*\n/m, replacement: ''},
    {file: 'src/store/snapshots.ts', pattern: /^import \{addToRollups\} from .*\n/m, replacement: ''},
  ])

async function run(bin, args) {
  const r = await measure(process.execPath, [bin, ...args], {env: env()})
  if (r.code !== 0 && !(args[0] === 'check' && r.code === 2)) throw new Error(`${bin} ${args.join(' ')} exited ${r.code}: ${r.stderr || r.stdout.slice(-400)}`)
  return r
}

export async function checkUpkeep({runs, withoutBin, log}) {
  if (!withoutBin && !existsSync(path.join(ROOT, 'dist/store/rollups.js'))) return log('\nmon check with and without rollup upkeep: skipped (this build has no rollups)')
  const other = withoutBin ? path.resolve(withoutBin) : buildWithoutUpkeep()
  const dir = path.join(DATA_DIR, 'check')
  rmSync(dir, {recursive: true, force: true})
  mkdirSync(dir, {recursive: true})
  const {port, child} = await startCheckServer(path.join(ROOT, 'bench/check-server.js'))
  try {
    const config = path.join(dir, 'monitors.yaml')
    writeFileSync(config, fleetConfig({endpoints: ENDPOINTS, days: 1, end: 0}, {baseUrl: `http://127.0.0.1:${port}`}))
    const builds = [
      {name: 'with upkeep (this build)', bin: BIN, db: path.join(dir, 'with.db'), rates: [], walls: []},
      {name: withoutBin ? `without (${other})` : 'without upkeep (this commit, addToRollups taken out)', bin: other, db: path.join(dir, 'without.db'), rates: [], walls: []},
    ]
    for (const b of builds) await run(b.bin, ['apply', '--db', b.db, '--config', config])
    // One untimed run each: the first check of a database also migrates nothing and warms the page cache.
    for (let r = -1; r < runs; r++) {
      for (const b of r % 2 === 0 ? builds : [...builds].reverse()) {
        const m = await run(b.bin, ['check', '--db', b.db, '--config', config, '--concurrency', String(CONCURRENCY)])
        const summary = /Checked (\d+): .* in ([\d.]+) s\./.exec(m.stdout)
        if (!summary || Number(summary[1]) !== ENDPOINTS) throw new Error(`unexpected mon check output: ${m.stdout.slice(-300)}`)
        if (r < 0) continue
        b.rates.push(ENDPOINTS / Number(summary[2]))
        b.walls.push(m.seconds)
      }
    }
    const [ours, base] = builds.map((b) => median(b.rates))
    log(`\nmon check, ${ENDPOINTS} endpoints × 10 ms, concurrency ${CONCURRENCY}, median of ${runs} alternated runs (rate from the run time mon prints; whole process apart):`)
    log('| build | checks/s | whole process |')
    log('|---|---|---|')
    for (const b of builds) log(`| ${b.name} | ${median(b.rates).toFixed(0)} | ${median(b.walls).toFixed(2)} s |`)
    log(`ratio **${(ours / base).toFixed(2)}x** (target >= 0.9x); runs: ${builds.map((b) => b.rates.map((x) => x.toFixed(0)).join(', ')).join(' / ')}`)
  } finally {
    child.kill('SIGTERM')
  }
}
