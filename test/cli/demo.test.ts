import {spawn} from 'node:child_process'
import {cpSync, existsSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, expect, it} from 'vitest'

import {productionEnv} from '../check/cli-check.js'
import {BIN, ROOT, tempDir} from '../support/cli.js'

const dirs: Array<{dir: string; cleanup: () => void}> = []
beforeAll(() => {
  for (const prefix of ['mon-demo-a-', 'mon-demo-b-']) {
    const made = tempDir(prefix)
    cpSync(path.join(ROOT, 'monitors.yaml'), path.join(made.dir, 'monitors.yaml'))
    cpSync(path.join(ROOT, 'registries'), path.join(made.dir, 'registries'), {recursive: true})
    dirs.push(made)
  }
})
afterAll(() => {
  for (const {cleanup} of dirs) cleanup()
})

function demo(cwd: string): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/demo.js')], {cwd, env: {...productionEnv(), LITELLM_TOKEN: ''}})
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('exit', (c) => resolve({code: c, stdout: out, stderr: err}))
  })
}

// Two at once, as when a test and a user's demo overlap: each finds its own free ports.
it('npm run demo: stand-ins answer, apply, check and status work on the example, and it exits 0, also twice at once', async () => {
  const runs = await Promise.all(dirs.map(({dir}) => demo(dir)))
  for (const [i, {code, stdout, stderr}] of runs.entries()) {
    const {dir} = dirs[i]!
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/Apply complete: 18 added/)
    // Every example check passes except the stand-in that is slow on purpose; on a loaded machine
    // (two demos beside the rest of the suite) others may be slow too, but none fails.
    expect(stdout).toMatch(/Checked 11: \d+ ok, \d+ warn, 0 error/)
    expect(stdout).toMatch(/^warn {2}mlx:8100:health +slower than 300 ms/m)
    expect(stdout).toMatch(/^(ok {4}litellm:models +200 OK in \d+ ms, 2 models|warn {2}litellm:models +slower than \d+ ms)/m)
    expect(stdout).toMatch(/^(ok {4}ov:9000:metrics +200 OK in \d+ ms, 3 samples|warn {2}ov:9000:metrics +slower than \d+ ms)/m)
    expect(stdout).toContain('== mon status')
    expect(existsSync(path.join(dir, 'monitor.db'))).toBe(true)
    // The command it suggests works where the demo ran, and the database matches ./monitors.yaml as written.
    const suggested = /\(try (node \S+) (history mlx:8100:health)\)$/m.exec(stdout)
    expect(suggested).not.toBeNull()
    const history = await run(suggested![1]!.split(' ').concat(suggested![2]!.split(' ')), dir)
    expect(history.code).toBe(0)
    expect(history.stdout).toMatch(/^mlx:8100:health: 1 snapshot since /)
    expect((await run(['node', BIN, 'plan', '--detailed-exitcode'], dir)).code).toBe(0)
  }
}, 120_000)

function run([command, ...args]: string[], cwd: string): Promise<{code: number | null; stdout: string}> {
  return new Promise((resolve) => {
    const child = spawn(command!, args, {cwd, env: productionEnv()})
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('exit', (c) => resolve({code: c, stdout: out}))
  })
}
