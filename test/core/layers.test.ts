/**
 * The layer rules (.dependency-cruiser.cjs) catch a wrong-way import: a copy
 * of src/ passes, and the same copy with one import from the core into the
 * store fails, naming the rule. `npm test` runs the rules on the real tree.
 */
import {execFile} from 'node:child_process'
import {cpSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT, tempDir} from '../support/cli.js'

const run = promisify(execFile)
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise')

describe('the layer rules', () => {
  let dir: string
  let cleanup: () => void
  beforeAll(() => {
    ;({dir, cleanup} = tempDir('mon-layers-'))
    for (const name of ['src', '.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(path.join(ROOT, name), path.join(dir, name), {recursive: true})
    // The libraries resolve as they do in the tree, so that the rules see node_modules/... paths.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
  })
  afterAll(() => cleanup())

  const cruise = () => run(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {cwd: dir}).then(
    () => ({code: 0, output: ''}),
    (err: {code: number; stdout: string; stderr: string}) => ({code: err.code, output: `${err.stdout}${err.stderr}`}),
  )

  it('pass on the tree as it is, and fail on an import from the core into the store', async () => {
    expect(await cruise()).toEqual({code: 0, output: ''})
    writeFileSync(path.join(dir, 'src/plan/wrong-way.ts'), "import type {Driver} from '../store/driver.js'\nexport type D = Driver\n")
    const wrong = await cruise()
    expect(wrong.code).not.toBe(0)
    expect(wrong.output).toMatch(/core-imports-shell: src\/plan\/wrong-way\.ts → src\/store\/driver\.ts/)
  }, 60_000)

  it('fail on I/O in the core: a database driver, the HTTP client, oclif or the file system', async () => {
    rmSync(path.join(dir, 'src/plan/wrong-way.ts'), {force: true})
    writeFileSync(
      path.join(dir, 'src/history/does-io.ts'),
      "import pg from 'pg'\nimport {readFileSync} from 'node:fs'\nimport {request} from 'undici'\nimport {Flags} from '@oclif/core'\nexport const all = [pg, readFileSync, request, Flags]\n",
    )
    const wrong = await cruise()
    expect(wrong.code).not.toBe(0)
    for (const target of ['node_modules/pg/', 'node_modules/undici/', 'node_modules/@oclif/core/', 'fs']) {
      expect(wrong.output).toContain(`core-does-io: src/history/does-io.ts → ${target}`)
    }
  }, 60_000)
})
