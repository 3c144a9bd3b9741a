/**
 * bin/run.js loads @oclif/core from the build's one-file bundle
 * (dist/oclif-core.cjs) when it was bundled from the installed version. A
 * stale or missing bundle would cost start-up silently (bench/startup.md), and
 * two copies of @oclif/core in one process would split its classes (a
 * command's ExitError would not be the runner's), so a real process is asked
 * which copy every import got.
 */
import {createRequire} from 'node:module'
import path from 'node:path'
import {writeFileSync} from 'node:fs'

import {afterAll, describe, expect, it} from 'vitest'

import {ROOT, monProcess, tempDir} from '../support/cli.js'

const require = createRequire(import.meta.url)
const work = tempDir('mon-bundled-core-')
afterAll(() => work.cleanup())

/** Preloaded into mon's process: at exit, which files of @oclif/core are loaded and whether the package's entry is the bundle. */
const REPORT = `
const path = require('node:path')
process.on('exit', () => {
  const files = Object.keys(require.cache)
  const entry = files.find((f) => f.endsWith(path.join('@oclif', 'core', 'lib', 'index.js')))
  const bundle = files.find((f) => f.endsWith(path.join('dist', 'oclif-core.cjs')))
  const report = {coreFiles: files.filter((f) => f.includes(path.join('@oclif', 'core', 'lib'))).length, entryIsBundle: entry !== undefined && bundle !== undefined && require.cache[entry].exports === require.cache[bundle].exports}
  process.stderr.write('core-report ' + JSON.stringify(report) + '\\n')
})
`

describe('@oclif/core in a real process', () => {
  const preload = path.join(work.dir, 'report.cjs')
  writeFileSync(preload, REPORT)

  it('is bundled from the installed version', () => {
    const core = require(path.join(ROOT, 'dist/oclif-core.cjs')) as {Command: {_base: string}}
    const {version} = require('@oclif/core/package.json') as {version: string}
    expect(core.Command._base).toBe(`@oclif/core@${version}`)
  })

  it.each([['--version'], ['validate', '--help'], ['help', 'validate']])('mon %s loads the bundle alone, for mon and @oclif/plugin-help alike', async (...args) => {
    const result = await monProcess(args, {env: {NODE_OPTIONS: `--require ${preload}`}})
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(/core-report (.*)/.exec(result.stderr)?.[1] ?? 'null')
    expect(report).toEqual({coreFiles: 1, entryIsBundle: true})
  })
})
