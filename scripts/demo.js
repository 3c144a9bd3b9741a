// `npm run demo`: the quick start. Starts stand-ins for the services in the
// example monitors.yaml, applies it to ./monitor.db, runs `mon check`, prints
// `mon status`, stops the stand-ins and exits 0. Every mon step is the real
// CLI, run as a subprocess (the stand-ins live in this process, so nothing
// here may block the event loop).
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {startStandIns} from './stand-ins.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN = path.join(ROOT, 'bin/run.js')

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {stdio: 'inherit', env})
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(signal ? 128 : code))
  })
}

function step(text) {
  process.stdout.write(`\n== ${text}\n`)
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

  step('starting stand-in services on 127.0.0.1:18100-18400')
  const standIns = await startStandIns({token})
  try {
    step('mon apply  (monitors.yaml -> ./monitor.db)')
    const applied = await run(process.execPath, [BIN, 'apply', '--db', './monitor.db'], env)
    if (applied !== 0) throw new Error(`mon apply exited ${applied}`)

    step('mon check  (probe everything applied, append one snapshot each)')
    const checked = await run(process.execPath, [BIN, 'check', '--db', './monitor.db'], env)
    // 0 ok, 1 warn, 2 error are results; 3 means the check could not run.
    if (checked === 3 || checked === null) throw new Error(`mon check could not run (exit ${checked})`)
    process.stdout.write(`(mon check exit code ${checked}: 0 all ok, 1 worst is warn, 2 worst is error)\n`)

    if (existsSync(path.join(ROOT, 'dist/commands/status.js'))) {
      step('mon status')
      const status = await run(process.execPath, [BIN, 'status', '--db', './monitor.db'], env)
      if (status !== 0) throw new Error(`mon status exited ${status}`)
    }
  } finally {
    await standIns.close()
  }
  step('done: the stand-ins are stopped; ./monitor.db keeps the history (try mon history mlx:8100:health)')
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err.message}\n`)
  process.exit(1)
})
