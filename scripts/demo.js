// `npm run demo`: the quick start. Starts stand-ins for the services in the
// example monitors.yaml, applies it to ./monitor.db, runs `mon check`, prints
// `mon status`, stops the stand-ins and exits 0. Every mon step is the real
// CLI, run as a subprocess (the stand-ins live in this process, so nothing
// here may block the event loop).
//
// The stand-ins listen on free ports, so two demos (or a demo and a test) can
// run at once: what is applied and checked is a copy of monitors.yaml in a
// temporary directory, rewritten to those ports; at the end ./monitors.yaml as written
// is applied again, so ./monitor.db matches it (`mon plan` shows no changes)
// and keeps the history.
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {startStandIns} from './stand-ins.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN = path.join(ROOT, 'bin/run.js')

function run(command, args, env, stdio = 'inherit') {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {stdio, env})
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(signal ? 128 : code))
  })
}

function step(text) {
  process.stdout.write(`\n== ${text}\n`)
}

/** The example's file with each stand-in's example port (127.0.0.1:18100) replaced by the port it listens on. */
function withPorts(text, ports) {
  return text.replaceAll(/127\.0\.0\.1:(\d+)/g, (match, port) => (ports[port] ? `127.0.0.1:${ports[port]}` : match))
}

/** A command that runs mon from where the user is: npx finds the package's own bin inside the repository. */
function monCommand() {
  if (process.cwd() === ROOT) return 'npx mon'
  const relative = path.relative(process.cwd(), BIN)
  return `node ${relative.startsWith('..') ? BIN : relative}`
}

async function main() {
  if (!existsSync(path.join(ROOT, 'dist/commands/check.js'))) {
    step('building mon (npm run build)')
    const built = await run('npm', ['run', '--silent', '--prefix', ROOT, 'build'], process.env)
    if (built !== 0) throw new Error('npm run build failed')
  }
  if (!existsSync('monitors.yaml')) throw new Error(`no monitors.yaml in ${process.cwd()}: run npm run demo from the repository root`)

  // The example's LiteLLM endpoints send `Authorization: Bearer ${LITELLM_TOKEN}`.
  const token = process.env.LITELLM_TOKEN || `demo-${randomBytes(8).toString('hex')}`
  const env = {...process.env, LITELLM_TOKEN: token}
  delete env.NODE_ENV // oclif would otherwise run src/ through tsx in a dev or test environment

  step('starting stand-in services on free ports of 127.0.0.1')
  const standIns = await startStandIns({token})
  const work = mkdtempSync(path.join(tmpdir(), 'mon-demo-'))
  try {
    const config = path.join(work, 'monitors.yaml')
    writeFileSync(config, withPorts(readFileSync('monitors.yaml', 'utf8'), standIns.ports))
    // Beside the copy too: apply and check (-c) find the registry files it names beside it.
    if (existsSync('registries')) cpSync('registries', path.join(work, 'registries'), {recursive: true})
    const moved = Object.entries(standIns.ports).map(([example, port]) => `${example} -> ${port}`)
    process.stdout.write(`(the example's ports ${moved.join(', ')}, in a copy of monitors.yaml)\n`)

    step('mon apply  (monitors.yaml -> ./monitor.db)')
    const applied = await run(process.execPath, [BIN, 'apply', '-c', config, '--db', './monitor.db'], env)
    if (applied !== 0) throw new Error(`mon apply exited ${applied}`)

    step('mon check  (probe everything applied, append one snapshot each)')
    const checked = await run(process.execPath, [BIN, 'check', '-c', config, '--db', './monitor.db'], env)
    // 0 ok, 1 warn, 2 error are results; 3 means the check could not run.
    if (checked === 3 || checked === null) throw new Error(`mon check could not run (exit ${checked})`)
    process.stdout.write(`(mon check exit code ${checked}: 0 all ok, 1 worst is warn, 2 worst is error)\n`)

    if (existsSync(path.join(ROOT, 'dist/commands/status.js'))) {
      step('mon status')
      const status = await run(process.execPath, [BIN, 'status', '-c', config, '--db', './monitor.db'], env)
      if (status !== 0) throw new Error(`mon status exited ${status}`)
    }

    // Back to the URLs as written; the endpoints keep their ids, so the history stays.
    const reapplied = await run(process.execPath, [BIN, 'apply', '--db', './monitor.db'], env, ['ignore', 'ignore', 'inherit'])
    if (reapplied !== 0) throw new Error(`mon apply of ./monitors.yaml exited ${reapplied}`)
  } finally {
    await standIns.close()
    rmSync(work, {recursive: true, force: true})
  }
  step(`done: the stand-ins are stopped; ./monitor.db matches ./monitors.yaml and keeps the history (try ${monCommand()} history mlx:8100:health)`)
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err.message}\n`)
  process.exit(1)
})
