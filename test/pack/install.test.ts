/**
 * The package a user installs: `npm pack` on what a fresh clone holds (the
 * files git tracks or would track, so no dist/ and no manifest: prepack must
 * build them), `npm install -g` of the tarball into a temporary prefix, and
 * the installed `mon` run from an empty directory outside the repository, so
 * it finds its schemas, validator and migrations in the package or not at all.
 * Run by `npm run test:pack` (its own config: the install compiles
 * better-sqlite3), never by `npm test`.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT, tempDir} from '../support/cli.js'

const {version} = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {version: string}

const work = tempDir('mon-pack-')
const clone = path.join(work.dir, 'clone')
const prefix = path.join(work.dir, 'prefix')
const user = path.join(work.dir, 'user')
let shipped: string[] = []

/** The environment without what `npm run` and vitest add: the install and mon must not see the repository. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_(package|lifecycle)_|npm_config_(local_|global_)?prefix$|MON_|NODE_ENV$|VITEST)/.test(key)) continue
    env[key] = value
  }
  return {...env, NO_COLOR: '1', PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH ?? ''}`}
}

function run(command: string, args: string[], cwd: string): {code: number | null; stdout: string; stderr: string} {
  const r = spawnSync(command, args, {cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  if (r.error) throw r.error
  return {code: r.status, stdout: r.stdout, stderr: r.stderr}
}

function mustRun(command: string, args: string[], cwd: string): string {
  const r = run(command, args, cwd)
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

beforeAll(() => {
  // A fresh clone of the working tree: tracked and untracked files, nothing git ignores; node_modules borrowed.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {cwd: ROOT, encoding: 'utf8'})
    .split('\0')
    .filter((f) => f !== '' && existsSync(path.join(ROOT, f)))
  for (const file of files) {
    mkdirSync(path.dirname(path.join(clone, file)), {recursive: true})
    cpSync(path.join(ROOT, file), path.join(clone, file))
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'))
  expect(existsSync(path.join(clone, 'dist'))).toBe(false)

  mustRun('npm', ['pack', '--pack-destination', work.dir], clone)
  const tarball = path.join(work.dir, `mon-${version}.tgz`)
  shipped = mustRun('tar', ['-tzf', tarball], work.dir)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''))

  // From the npm cache where it can; better-sqlite3's install script is allowed by name (npm 11 asks).
  mustRun('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--allow-scripts=better-sqlite3', tarball], work.dir)
  mkdirSync(user)
})

afterAll(() => work.cleanup())

describe('the packed tarball', () => {
  it('ships the entry point, the build and its bundles of @oclif/core and yaml, its manifest, the schemas, the compiled validator and every migration', () => {
    for (const file of ['bin/run.js', 'package.json', 'oclif.manifest.json', 'dist/commands/validate.js', 'dist/hooks/command-not-found.js', 'dist/bundled/oclif-core.cjs', 'dist/bundled/yaml.cjs', 'dist/bundled/versions.json', 'schemas/monitors.schema.json', 'schemas/monitors.validator.cjs']) {
      expect(shipped).toContain(file)
    }
    const migrations = readdirSync(path.join(ROOT, 'migrations')).map((name) => `migrations/${name}`)
    expect(migrations.length).toBeGreaterThan(0)
    expect(shipped.filter((f) => f.startsWith('migrations/')).sort()).toEqual(migrations.sort())
  })

  it('ships no sources, tests, dev entry point or local files', () => {
    const allowed = /^(bin\/run\.js|package\.json|README\.md|oclif\.manifest\.json|dist\/.+\.js|dist\/bundled\/([a-z-]+\.cjs|versions\.json)|schemas\/monitors\.(schema\.json|validator\.cjs)|migrations\/\d{4}-[a-z0-9-]+\.js)$/
    expect(shipped.filter((f) => !allowed.test(f))).toEqual([])
  })
})

describe('the installed mon, in an empty directory outside the repository', () => {
  const mon = (...args: string[]) => run(path.join(prefix, 'bin', 'mon'), args, user)

  it('is installed as a package, not a link to the repository', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'mon')
    expect(existsSync(path.join(installed, 'dist', 'commands', 'init.js'))).toBe(true)
    expect(existsSync(path.join(installed, 'src'))).toBe(false)
    expect(existsSync(path.join(installed, 'node_modules', 'better-sqlite3'))).toBe(true)
  })

  it('mon --version', () => {
    const r = mon('--version')
    expect(r, r.stderr).toMatchObject({code: 0})
    expect(r.stdout).toMatch(new RegExp(`^mon/${version.replaceAll('.', '\\.')} `))
  })

  it('mon init writes the starter file and its schema and migrates a new database; mon validate and mon plan read them', () => {
    const init = mon('init')
    expect(init, init.stderr).toMatchObject({code: 0, stderr: ''})
    expect(init.stdout).toMatch(/^Wrote monitors\.yaml .* and schemas\/monitors\.schema\.json/)
    expect(init.stdout).toMatch(/Database \.\/monitor\.db: ran \d+ migrations\./)
    expect(readFileSync(path.join(user, 'schemas', 'monitors.schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schemas', 'monitors.schema.json'), 'utf8'))

    const validate = mon('validate')
    expect(validate, validate.stderr).toMatchObject({code: 0, stderr: ''})
    expect(validate.stdout).toMatch(/^monitors\.yaml: valid \(1 entity, 2 endpoints/)

    const plan = mon('plan', '--detailed-exitcode')
    expect(plan, plan.stderr).toMatchObject({code: 2})
    expect(plan.stdout).toMatch(/Plan: 3 to add, 0 to change, 0 to retire, 0 to revive\. Pending migrations: none\./)
  })
})
