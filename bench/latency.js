#!/usr/bin/env node
// The latency mon reports for a check, beside the floor for the same requests.
// Against a loopback server (bench/check-server.js, its own process) that
// answers at once and after 100 ms, for runs of 1, 10 and 500 checks at mon's
// default concurrency (32): mon's median reported latency over at least 50
// checks (`mon check --json`, run as often as it takes: 50 runs of 1, 5 of
// 10, 1 of 500), beside
//   - the floor: raw undici making the same requests at the same concurrency,
//     each on a new connection, in a fresh process (bench/latency-floor.js);
//   - curl's time_total for one request at a time, where curl is installed.
// mon and the floor alternate, run by run. Target: within 2 ms or 5% of the
// floor, whatever the size of the run.
// Needs a build (npm run build). Usage: node bench/latency.js [--checks 50] [--concurrency 32] [--delay 0|100] [--bin OTHER/bin/run.js]
import {execFileSync, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const binAt = process.argv.indexOf('--bin')
// --bin: another build's bin/run.js (an earlier release), measured the same way.
const BIN = binAt >= 0 ? path.resolve(process.argv[binAt + 1]) : path.join(ROOT, 'bin/run.js')
if (!existsSync(path.join(ROOT, 'dist/commands/check.js'))) {
  process.stderr.write('bench/latency.js needs a build: npm run build\n')
  process.exit(1)
}
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const CHECKS = arg('checks', 50)
const CONCURRENCY = arg('concurrency', 32)
const SIZES = [1, 10, 500]
const DELAYS = process.argv.includes('--delay') ? [arg('delay', 0)] : [0, 100]
const env = {...process.env, NO_COLOR: '1'}
delete env.NODE_ENV

const work = mkdtempSync(path.join(tmpdir(), 'mon-bench-latency-'))
const children = new Set()
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
    children.add(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      children.delete(child)
      resolve({code, stdout, stderr})
    })
  })
}

function startServer(latency) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/check-server.js'), '--latency', String(latency)], {stdio: ['ignore', 'pipe', 'inherit']})
    children.add(child)
    child.stdout.once('data', (d) => resolve({port: Number(String(d).trim()), child}))
  })
}

/** A monitors.yaml of `size` api endpoints on the server, applied into its own SQLite file. */
async function applied(name, size, port) {
  const dir = path.join(work, name)
  execFileSync('mkdir', ['-p', dir])
  const urls = Array.from({length: size}, (_, i) => `http://127.0.0.1:${port}/e/${i}`)
  const yaml = ['version: 1', 'entities:', '  - id: bench', '    type: service', '    label: Bench', '    owner: bench', '    endpoints:']
  urls.forEach((url, i) => yaml.push(`      - {id: "bench:${i}", kind: api, url: "${url}"}`))
  writeFileSync(path.join(dir, 'monitors.yaml'), `${yaml.join('\n')}\n`)
  writeFileSync(path.join(dir, 'urls'), `${urls.join('\n')}\n`)
  const db = path.join(dir, 'monitor.db')
  const r = await run(process.execPath, [BIN, 'apply', '-c', path.join(dir, 'monitors.yaml'), '--db', db])
  if (r.code !== 0) throw new Error(`mon apply failed: ${r.stderr}`)
  return {db, urls: path.join(dir, 'urls'), first: urls[0]}
}

async function monLatencies(db) {
  const r = await run(process.execPath, [BIN, 'check', '--db', db, '--json', '--concurrency', String(CONCURRENCY)])
  if (r.code !== 0 && r.code !== 1) throw new Error(`mon check failed (exit ${r.code}): ${r.stderr}`)
  return JSON.parse(r.stdout).results.map((result) => result.latency_ms)
}

async function floorLatencies(urls) {
  const r = await run(process.execPath, [path.join(ROOT, 'bench/latency-floor.js'), '--urls', urls, '--concurrency', String(CONCURRENCY)])
  if (r.code !== 0) throw new Error(`floor failed: ${r.stderr}`)
  return JSON.parse(r.stdout).latencies_ms
}

function curlLatencies(url, times) {
  try {
    return Array.from({length: times}, () => 1000 * Number(execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', url], {encoding: 'utf8'})))
  } catch {
    return undefined
  }
}

const lines = []
const report = (text) => {
  lines.push(text)
  process.stdout.write(`${text}\n`)
}

try {
  for (const delay of DELAYS) {
    const {port, child} = await startServer(delay)
    for (const size of SIZES) {
      const target = await applied(`d${delay}-n${size}`, size, port)
      const mon = []
      const floor = []
      for (let runs = 0; mon.length < CHECKS || floor.length < CHECKS; runs++) {
        mon.push(...(await monLatencies(target.db)))
        floor.push(...(await floorLatencies(target.urls)))
      }
      const ours = median(mon)
      const base = median(floor)
      const curl = size === 1 ? curlLatencies(target.first, CHECKS) : undefined
      const within = ours <= base + 2 || ours <= base * 1.05
      report(
        `${String(delay).padStart(3)} ms server, run of ${String(size).padStart(3)}   mon p50 ${ours.toFixed(2).padStart(7)} ms   floor p50 ${base.toFixed(2).padStart(7)} ms   ` +
          `+${(ours - base).toFixed(2)} ms, ${(ours / base).toFixed(3)}x   ${within ? 'within' : 'OUTSIDE'} 2 ms or 5%` +
          `   [${mon.length} checks; mon p95 ${[...mon].sort((a, b) => a - b)[Math.floor(mon.length * 0.95)].toFixed(2)} ms${curl ? `; curl time_total p50 ${median(curl).toFixed(2)} ms` : ''}]`,
      )
    }
    child.kill()
  }
} finally {
  for (const child of children) child.kill()
  rmSync(work, {recursive: true, force: true})
}
