/**
 * bin/run.js loads @oclif/core and yaml from the build's one-file bundles
 * (dist/bundled/, scripts/bundle-dependencies.js) when they were made from the
 * installed versions. A stale or missing bundle would cost start-up silently
 * (bench/startup.md), and two copies of @oclif/core in one process would split
 * its classes (a command's ExitError would not be the runner's), so a real
 * process is asked which copy every import got.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {ROOT, monProcess, tempDir} from '../support/cli.js'

const require = createRequire(import.meta.url)
const BUNDLED = path.join(ROOT, 'dist/bundled')
const versions = JSON.parse(readFileSync(path.join(BUNDLED, 'versions.json'), 'utf8')) as Record<string, {file: string; version: string}>
const work = tempDir('mon-bundled-')
afterAll(() => work.cleanup())

/** Preloaded into mon's process: at exit, per package, how many of its files are loaded, whether its bundle is, and whether its entry is the bundle. */
const REPORT = `
const path = require('node:path')
const packages = ${JSON.stringify(Object.fromEntries(Object.entries(versions).map(([name, {file}]) => [name, {entry: require.resolve(name), bundle: path.join(BUNDLED, file)}])))}
process.on('exit', () => {
  const report = {}
  for (const [name, {entry, bundle}] of Object.entries(packages)) {
    const files = Object.keys(require.cache).filter((f) => f.startsWith(path.dirname(entry)) && !f.endsWith('package.json'))
    const loaded = require.cache[bundle] !== undefined
    // Read the entry's exports only when the bundle is loaded: reading them loads it.
    report[name] = {files: files.length, bundleLoaded: loaded, entryIsBundle: loaded && require.cache[entry]?.exports === require.cache[bundle].exports}
  }
  process.stderr.write('bundle-report ' + JSON.stringify(report) + '\\n')
})
`
const preload = path.join(work.dir, 'report.cjs')
writeFileSync(preload, REPORT)

async function report(args: string[]): Promise<Record<string, {files: number; bundleLoaded: boolean; entryIsBundle: boolean}>> {
  const result = await monProcess(args, {env: {NODE_OPTIONS: `--require ${preload}`}})
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(/bundle-report (.*)/.exec(result.stderr)?.[1] ?? 'null')
}

describe('bundled dependencies in a real process', () => {
  it('are bundled from the installed versions: @oclif/core and yaml', () => {
    expect(Object.keys(versions).sort()).toEqual(['@oclif/core', 'yaml'])
    for (const [name, {version}] of Object.entries(versions)) expect(version, name).toBe((require(`${name}/package.json`) as {version: string}).version)
  })

  it.each([['validate'], ['help', 'validate']])('mon %s loads each from its bundle alone, for mon and @oclif/plugin-help alike', async (...args) => {
    const bundled = {files: 1, bundleLoaded: true, entryIsBundle: true}
    expect(await report(args)).toEqual({'@oclif/core': bundled, yaml: bundled})
  })

  it('mon --version does not load yaml: a bundle loads when first imported (its entry is only a placeholder until then)', async () => {
    expect(await report(['--version'])).toEqual({'@oclif/core': {files: 1, bundleLoaded: true, entryIsBundle: true}, yaml: {files: 1, bundleLoaded: false, entryIsBundle: false}})
  })
})
