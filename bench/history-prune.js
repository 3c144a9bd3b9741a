// `mon prune --older-than 7d` on the SQLite history, in three runs:
//  1. the floor: one raw DELETE of the same rows, on a copy (better-sqlite3, mon's pragmas);
//  2. mon prune on the history itself: its total time beside the floor (target <= 1.2x);
//  3. then the next day of it, with a concurrent writer timing its waits for the write lock
//     (bench/history-lock-probe.js) and a `mon check` loop whose snapshots are counted
//     afterwards: none may be lost.
// In 2 and 3 mon runs under strace (fcntl calls only), which shows every take and release of
// SQLite's WAL write lock: the longest hold, from inside (target <= 1 s).
// This deletes the history's first 24 days: the next bench/history.js run generates it again.
// Part of bench/history.js.
import {spawn, spawnSync} from 'node:child_process'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {BIN, ROOT, SERVER_PORT, env} from './history-data.js'
import {children, measure, startCheckServer} from './process.js'

const DAY = 86_400_000

function sqlite(file, fn) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const count = (file, where, params) => sqlite(file, (db) => db.prepare(`SELECT count(*) AS n FROM snapshots WHERE ${where}`).get(...params).n)

function copyOf(file) {
  sqlite(file, (db) => db.pragma('wal_checkpoint(TRUNCATE)'))
  const copy = `${file}.prune-copy`
  const r = spawnSync('cp', ['--reflink=auto', file, copy])
  if (r.status !== 0) throw new Error(`cp failed: ${r.stderr}`)
  return {copy, remove: () => ['', '-wal', '-shm'].forEach((s) => rmSync(`${copy}${s}`, {force: true}))}
}

/** The holds of SQLite's WAL write lock (shm byte 120) in an strace of fcntl calls, in ms. */
function lockHolds(traceFile) {
  const holds = []
  const taken = new Map()
  for (const line of readFileSync(traceFile, 'utf8').split('\n')) {
    const m = /^(\d+) (\d+):(\d+):([\d.]+) fcntl\(\d+, F_SETLKW?, \{l_type=(F_WRLCK|F_UNLCK), l_whence=SEEK_SET, l_start=(\d+), l_len=(\d+)\}\) = 0/.exec(line)
    if (!m) continue
    const [, pid, h, min, s, type, start, len] = m
    if (!(Number(start) <= 120 && Number(start) + Number(len) > 120)) continue
    const t = (Number(h) * 3600 + Number(min) * 60 + Number(s)) * 1000
    if (type === 'F_WRLCK') taken.set(pid, t)
    else if (taken.has(pid)) holds.push(t - taken.get(pid)) && taken.delete(pid)
  }
  return holds
}

async function monPrune(db, before, hours, extraEnv) {
  const trace = `${db}.strace`
  const args = ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=fcntl', '-tt', '-o', trace, process.execPath, BIN, 'prune', '--db', db, '--older-than', `${hours}h`, '--json']
  const r = await measure('strace', args, {env: env(extraEnv)})
  if (r.code !== 0) throw new Error(`mon prune exited ${r.code}: ${r.stderr}`)
  const holds = lockHolds(trace)
  if (holds.length > 0) rmSync(trace, {force: true})
  else process.stderr.write(`no write-lock take found in ${trace}: kept for a look\n`)
  const out = JSON.parse(r.stdout)
  if (out.before !== before) throw new Error(`mon prune pruned before ${out.before}, expected ${before}`)
  return {seconds: r.seconds, deleted: out.deleted, holds, longest_batch_ms: out.longest_batch_ms, batches: out.batches}
}

/** One `mon check` of the whole inventory: how many it checked, and whether it kept a batch in the spool. */
async function checkOnce(meta) {
  const r = await measure(process.execPath, [BIN, 'check', '--db', meta.db, '--config', meta.config, '--concurrency', '100'], {env: env()})
  const summary = /Checked (\d+):/.exec(r.stdout)
  if (!summary) throw new Error(`mon check during prune: ${r.stderr || r.stdout.slice(-300)}`)
  return {checked: Number(summary[1]), spooled: /spool/i.test(r.stderr)}
}

/** `mon check` over and over until `stop.done`. */
async function checkLoop(meta, stop) {
  const total = {checked: 0, runs: 0, spooled: 0}
  while (!stop.done) {
    const r = await checkOnce(meta)
    total.checked += r.checked
    total.spooled += r.spooled ? 1 : 0
    total.runs++
  }
  return total
}

export async function pruneBesideDelete(meta, {log}) {
  // 7 days, or half of a small history (a trial run at a few days).
  const keepDays = Math.min(7, meta.days / 2)
  const before = new Date(meta.end - keepDays * DAY).toISOString()
  const clock = {MON_NOW: new Date(meta.end).toISOString()}
  const doomed = count(meta.db, 'observed_at < ?', [before])

  const a = copyOf(meta.db)
  const floorStarted = performance.now()
  const floorDeleted = sqlite(a.copy, (db) => db.prepare('DELETE FROM snapshots WHERE observed_at < ?').run(before).changes)
  const floor = (performance.now() - floorStarted) / 1000
  a.remove()

  const alone = await monPrune(meta.db, before, keepDays * 24, clock)
  writeFileSync(`${meta.db}.json`, `${JSON.stringify({...meta, pruned: true}, null, 2)}\n`)
  if (alone.deleted !== floorDeleted) throw new Error(`mon prune deleted ${alone.deleted} snapshots, the raw DELETE ${floorDeleted}`)

  // The next day (or less of a small history), pruned with a writer and a check loop beside it.
  const nextHours = keepDays * 24 - Math.min(24, keepDays * 12)
  const {child: server} = await startCheckServer(path.join(ROOT, 'bench/check-server.js'), {port: SERVER_PORT})
  const probe = spawn(process.execPath, [path.join(ROOT, 'bench/history-lock-probe.js'), meta.db], {stdio: ['ignore', 'pipe', 'inherit']})
  children.add(probe)
  let probed = ''
  probe.stdout.on('data', (d) => (probed += d))
  const stop = {done: false}
  const loop = checkLoop(meta, stop)
  const busy = await monPrune(meta.db, new Date(meta.end - nextHours * 3_600_000).toISOString(), nextHours, clock)
  stop.done = true
  const looped = await loop
  const probeDone = new Promise((resolve) => probe.on('exit', resolve))
  probe.kill('SIGTERM')
  await probeDone
  // One more run records what a run kept in the spool (if any), and its own checks.
  looped.checked += (await checkOnce(meta)).checked
  server.kill('SIGTERM')
  const waited = JSON.parse(probed)
  const kept = count(meta.db, 'observed_at > ?', [new Date(meta.end).toISOString()])

  const max = (xs) => (xs.length === 0 ? 0 : Math.max(...xs))
  const own = (r) => (r.longest_batch_ms === undefined ? '' : `; mon's own figure ${r.longest_batch_ms.toFixed(0)} ms over ${r.batches} batches`)
  log(`\nmon prune --older-than ${keepDays * 24}h (${meta.kind}, ${meta.rows.toLocaleString('en')} snapshots, ${doomed.toLocaleString('en')} older than that), whole process:`)
  log('| case | snapshots deleted | time | µs a row | longest write-lock hold (strace) | write-lock takes | ratio | target |')
  log('|---|---|---|---|---|---|---|---|')
  log(`| floor: one raw DELETE, on a copy | ${floorDeleted.toLocaleString('en')} | ${floor.toFixed(1)} s | ${((floor / floorDeleted) * 1e6).toFixed(1)} | the whole delete | 1 | | |`)
  log(`| mon prune | ${alone.deleted.toLocaleString('en')} | ${alone.seconds.toFixed(1)} s | ${((alone.seconds / alone.deleted) * 1e6).toFixed(1)} | **${max(alone.holds).toFixed(0)} ms**${own(alone)} | ${alone.holds.length} | **${(alone.seconds / floor).toFixed(2)}x** | <= 1.2x, hold <= 1 s |`)
  log(`| then --older-than ${nextHours}h, beside a check loop and a lock probe | ${busy.deleted.toLocaleString('en')} | ${busy.seconds.toFixed(1)} s | ${((busy.seconds / Math.max(1, busy.deleted)) * 1e6).toFixed(1)} | ${max(busy.holds).toFixed(0)} ms${own(busy)} | ${busy.holds.length} | | |`)
  log(`concurrent writer: ${waited.takes} takes of the write lock, longest wait **${waited.max_wait_ms.toFixed(0)} ms**, p99 ${waited.p99_wait_ms.toFixed(0)} ms (target <= 1 s)`)
  log(`concurrent mon check loop: ${looped.runs} runs checked ${looped.checked.toLocaleString('en')} targets (${looped.spooled} runs spooled a batch); snapshots after the history's end: ${kept.toLocaleString('en')}: **${kept >= looped.checked ? 'none lost' : `${looped.checked - kept} lost`}**`)
}
