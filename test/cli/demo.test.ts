import {spawn} from 'node:child_process'
import {cpSync, existsSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, expect, it} from 'vitest'

import {productionEnv} from '../check/cli-check.js'
import {ROOT, tempDir} from '../support/cli.js'

let dir: string
let cleanup: () => void
beforeAll(() => {
  ;({dir, cleanup} = tempDir('mon-demo-'))
  cpSync(path.join(ROOT, 'monitors.yaml'), path.join(dir, 'monitors.yaml'))
  cpSync(path.join(ROOT, 'registries'), path.join(dir, 'registries'), {recursive: true})
})
afterAll(() => cleanup())

it('npm run demo: stand-ins answer, apply, check and status work on the example, and it exits 0', async () => {
  const {code, stdout, stderr} = await new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/demo.js')], {cwd: dir, env: {...productionEnv(), LITELLM_TOKEN: ''}})
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('exit', (c) => resolve({code: c, stdout: out, stderr: err}))
  })
  expect(stderr).toBe('')
  expect(code).toBe(0)
  expect(stdout).toMatch(/Apply complete: 15 added/)
  // Every example check passes except the stand-in that is slow on purpose.
  expect(stdout).toMatch(/Checked 10: 9 ok, 1 warn, 0 error/)
  expect(stdout).toMatch(/^warn {2}mlx:8100:health +slower than 300 ms/m)
  expect(stdout).toMatch(/^ok {4}litellm:models +200 OK in \d+ ms, 2 models$/m)
  expect(stdout).toMatch(/^ok {4}ov:9000:metrics +200 OK in \d+ ms, 3 samples$/m)
  expect(stdout).toContain('== mon status')
  expect(existsSync(path.join(dir, 'monitor.db'))).toBe(true)
}, 90_000)
