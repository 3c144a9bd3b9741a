#!/usr/bin/env node
// Start-up of every command on the small example (monitors.yaml at the root: 5 entities,
// 9 endpoints, 1 registry entry), each a whole process, against the floor `node -e 0`
// measured in turn with it (command, floor, command, floor ...), so that load on the
// machine hits both alike; the ratio is taken pair by pair and its median printed.
// Target: every command at most 3x.
// `mon check` probes a stand-in in this process (one HTTP server on a free 127.0.0.1 port
// that answers every path at once; the example's URLs are pointed at it), so its figure is
// start-up plus ten local requests, not anyone's latency.
// Needs a build (npm run build). Usage: node bench/startup.js [--runs N] [--bin FILE] [--only NAME...]
// --bin times another entry point in bin/ (an earlier bin/run.js, to compare).
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const RUNS = arg('runs', 10)
const BIN = process.argv.includes('--bin') ? path.resolve(process.argv[process.argv.indexOf('--bin') + 1]) : path.join(ROOT, 'bin/run.js')
const ONLY = process.argv.includes('--only') ? process.argv.slice(process.argv.indexOf('--only') + 1) : []
const TARGET = 3

/** Each command as a user types it, and the exit codes that mean it did its work. */
const COMMANDS = [
  ['--version', [0]],
  ['validate', [0]],
  ['plan', [0]],
  ['apply', [0]], // a no-op: the database already matches the file
  ['check', [0, 1, 2]], // the stand-in's answers do not satisfy every rule; 3 would be "could not run"
  ['status', [0]],
  ['history mlx:8100:health', [0]],
  ['export', [0]],
  ['report --out status.html', [0]],
  ['db status', [0]],
]

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** A whole process, wall time; asynchronous, so that the stand-in in this process can answer. */
function timeProcess(args, options) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'pipe'], ...options})
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ms: Number(process.hrtime.bigint() - start) / 1e6, code, output}))
  })
}

/** Answers every request at once: a health status, an empty model list. */
async function startStandIn() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, {'content-type': 'application/json'})
    res.end('{"status":"healthy","object":"list","data":[]}')
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {port: server.address().port, close: () => new Promise((resolve) => server.close(resolve))}
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-startup-'))
  const standIn = await startStandIn()
  try {
    const example = readFileSync(path.join(ROOT, 'monitors.yaml'), 'utf8')
    writeFileSync(path.join(dir, 'monitors.yaml'), example.replaceAll(/127\.0\.0\.1:18[1-4]00/g, `127.0.0.1:${standIn.port}`))
    cpSync(path.join(ROOT, 'registries'), path.join(dir, 'registries'), {recursive: true})
    const env = {...process.env, NO_COLOR: '1', LITELLM_TOKEN: 'bench'}
    for (const key of ['MON_DB', 'MON_CONFIG', 'NODE_ENV']) delete env[key]
    const options = {cwd: dir, env}

    // The database the reading commands read: applied once, checked once.
    for (const setup of [['apply'], ['check']]) {
      const run = await timeProcess([BIN, ...setup], options)
      if (run.code !== 0 && setup[0] === 'apply') throw new Error(`mon apply exited ${run.code}: ${run.output}`)
    }

    const wanted = ONLY.length > 0 ? COMMANDS.filter(([command]) => ONLY.includes(command.split(' ')[0])) : COMMANDS
    console.log(`median of ${RUNS} runs each, in turn with node -e 0; node ${process.version}`)
    const rows = []
    for (const [command, codes] of wanted) {
      const ours = []
      const floor = []
      const ratios = []
      for (let i = 0; i < RUNS + 1; i++) {
        const run = await timeProcess([BIN, ...command.split(' ')], options)
        if (!codes.includes(run.code)) throw new Error(`mon ${command} exited ${run.code}: ${run.output}`)
        const bare = await timeProcess(['-e', '0'], options)
        if (i === 0) continue // a warm-up pair: the first run reads files the page cache may not hold yet
        ours.push(run.ms)
        floor.push(bare.ms)
        ratios.push(run.ms / bare.ms)
      }
      const ratio = median(ratios)
      rows.push({command, ours: median(ours), floor: median(floor), ratio})
      console.log(`mon ${command}: ${median(ours).toFixed(0)} ms | node -e 0: ${median(floor).toFixed(0)} ms | ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x) ${ratio <= TARGET ? 'OK' : 'OVER'}`)
    }
    const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a))
    console.log(`worst: mon ${worst.command}, ${worst.ratio.toFixed(2)}x`)
  } finally {
    await standIn.close()
    rmSync(dir, {recursive: true, force: true})
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
