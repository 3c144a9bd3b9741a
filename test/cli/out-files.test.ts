/**
 * `plan --out`, `export --out` and `report --out` write whole files or none:
 * a write that fails halfway (here a file size limit, as a full disk would)
 * leaves the previous file as it was, and no temporary file behind.
 */
import {spawn} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import {BIN, type CliResult} from '../support/cli.js'
import {endpoint, entity, expectOk, model, monAt, workspace, writeConfig} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

/** The real binary under `ulimit -f` (KiB): a write past it fails with EFBIG (Node ignores SIGXFSZ). */
function monUnderFileLimit(kib: number, cwd: string, args: string[]): Promise<CliResult> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !['MON_DB', 'MON_CONFIG', 'NODE_ENV'].includes(key)) env[key] = value
  env.NO_COLOR = '1'
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `ulimit -f ${kib}; exec "$0" "$@"`, process.execPath, BIN, ...args], {cwd, env})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
    child.stdin.end()
  })
}

const PREVIOUS = 'the previous good file\n'

/** Big enough that each output is well past 64 KiB, above what SQLite's shared-memory file needs. */
function big() {
  return model(...Array.from({length: 400}, (_, i) => entity(`service-${i}`, {label: `a service with a long label ${i}`, endpoints: [endpoint(`service-${i}`, 'health')]})))
}

describe('--out writes the whole file or leaves the previous one', () => {
  const ws = workspace('sqlite')

  it.each([
    ['plan', ['plan', '--out', 'out.file']],
    ['export', ['export', '--out', 'out.file']],
    ['report', ['report', '--out', 'out.file']],
  ])('%s --out', async (command, args) => {
    writeConfig(ws.dir, big())
    if (command !== 'plan') expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const out = path.join(ws.dir, 'out.file')
    writeFileSync(out, PREVIOUS)
    const failed = await monUnderFileLimit(64, ws.dir, [...args, '--db', ws.db])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/^Error: cannot write [^\n]*out\.file[^\n]*EFBIG[^\n]*\n$/)
    expect(readFileSync(out, 'utf8')).toBe(PREVIOUS)
    expect(readdirSync(ws.dir).filter((name) => name.includes('.tmp'))).toEqual([])
    // Without the limit the same command replaces the file whole.
    expectOk(await monAt(ws.dir, ws.db, args))
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(64 * 1024)
  })
})

describe('--out that cannot be written says why in words', () => {
  const ws = workspace('sqlite')

  it('names the missing directory, the file that is not a directory, or the directory in the way', async () => {
    writeConfig(ws.dir, model(entity('a', {endpoints: [endpoint('a', 'health')]})))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    writeFileSync(path.join(ws.dir, 'plain'), '')
    const cases: Array<[string[], string]> = [
      [['plan', '--out', '/nodir/p.json'], 'Error: cannot write the plan to /nodir/p.json: directory /nodir does not exist'],
      [['export', '--out', '/nodir/e.yaml'], 'Error: cannot write /nodir/e.yaml: directory /nodir does not exist'],
      [['report', '--out', '/nodir/s.html'], 'Error: cannot write /nodir/s.html: directory /nodir does not exist'],
      [['report', '--out', 'plain/s.html'], `Error: cannot write plain/s.html: ${path.join(ws.dir, 'plain')} is not a directory`],
      [['report', '--out', '.'], 'Error: cannot write .: it is a directory'],
    ]
    for (const [args, message] of cases) {
      const r = await monAt(ws.dir, ws.db, args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).toBe(`${message}\n`)
    }
    expect(readdirSync(ws.dir).filter((name) => name.includes('.tmp'))).toEqual([])
  })
})

describe('mon report without --out', () => {
  const ws = workspace('sqlite')

  it('writes ./status.html, and --out - writes the page to standard output', async () => {
    writeConfig(ws.dir, model(entity('a', {endpoints: [endpoint('a', 'health')]})))
    expectOk(await monAt(ws.dir, ws.db, ['apply']))
    const r = expectOk(await monAt(ws.dir, ws.db, ['report']))
    expect(r.stdout).toMatch(/^Wrote status\.html \(1 entities, \d+ KiB\)\.\n$/)
    const page = readFileSync(path.join(ws.dir, 'status.html'), 'utf8')
    expect(page.startsWith('<!doctype html>')).toBe(true)
    const piped = expectOk(await monAt(ws.dir, ws.db, ['report', '--out', '-']))
    expect(piped.stdout.startsWith('<!doctype html>')).toBe(true)
    expect(piped.stdout).toContain('<code>a:health</code>')
    expect(readdirSync(ws.dir).filter((name) => name !== 'status.html' && name.endsWith('.html'))).toEqual([])
    expect(readdirSync(ws.dir)).not.toContain('-')
    // With --json, standard output is the JSON: the page would be lost, so it is refused.
    const both = await monAt(ws.dir, ws.db, ['report', '--out', '-', '--json'])
    expect(both.code).toBe(1)
    expect(both.stdout + both.stderr).toContain('--out - writes the page to standard output, where --json writes its JSON')
  })
})
