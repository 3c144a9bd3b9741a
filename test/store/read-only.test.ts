import {spawn} from 'node:child_process'
import {chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {seed} from '../check/seed.js'
import {BIN, type CliResult, tempDir} from '../support/cli.js'

const asRoot = process.getuid?.() === 0

/** bin/run.js as the unprivileged user nobody: root ignores permission bits, nobody does not. */
function monAsNobody(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', HOME: cwd}
    const child = spawn('runuser', ['-u', 'nobody', '--', process.execPath, BIN, ...args], {cwd, env})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr})
    })
  })
}

const YAML = `version: 1
entities:
  - id: api
    type: service
    label: api
    owner: team
    endpoints:
      - kind: health
        url: http://127.0.0.1:9/health
`

describe.skipIf(!asRoot)('reading commands on a database the reader cannot write', () => {
  let root: string
  let cleanup: () => void
  let work: string

  beforeEach(async () => {
    ;({dir: root, cleanup} = tempDir('mon-ro-'))
    chmodSync(root, 0o755)
    // Where nobody may write its outputs (report --out) and read monitors.yaml.
    work = path.join(root, 'work')
    mkdirSync(work)
    chownSync(work, 65534, 65534)
    writeFileSync(path.join(work, 'monitors.yaml'), YAML)
  })

  afterEach(() => cleanup())

  const READERS: string[][] = [
    ['status'],
    ['status', '--json'],
    ['history', 'api'],
    ['export'],
    ['report', '--out', 'status.html'],
    ['db', 'status'],
    ['plan', '-c', 'monitors.yaml'],
  ]

  it.each([
    // Nobody can create a file here: the commands run side by side, and each still must work.
    ['a directory the reader cannot write', 0o755, true],
    // Here a reader could leave a -wal or -shm file: one command at a time, the directory looked at after each.
    ['a directory the reader can write', 0o777, false],
  ])('in %s: every reading command works and leaves no -wal or -shm file behind', async (_, mode, together) => {
    const dbDir = path.join(root, 'db')
    mkdirSync(dbDir)
    const db = path.join(dbDir, 'monitor.db')
    await seed(db, [{id: 'api', endpoints: [{id: 'api:health', kind: 'health', url: 'http://127.0.0.1:9/health'}]}])
    chmodSync(db, 0o644)
    chmodSync(dbDir, mode)
    expect(readdirSync(dbDir)).toEqual(['monitor.db'])
    const outcome = (args: string[], result: CliResult) => {
      expect({args, error: /Error/.test(result.stderr) ? result.stderr : '', code: result.code}).toEqual({args, error: '', code: 0})
      expect({args, files: readdirSync(dbDir)}).toEqual({args, files: ['monitor.db']})
      return result
    }
    const results = together
      ? (await Promise.all(READERS.map((args) => monAsNobody([...args, '--db', db], work)))).map((result, i) => outcome(READERS[i]!, result))
      : []
    if (!together) for (const args of READERS) results.push(outcome(args, await monAsNobody([...args, '--db', db], work)))
    // What status --json read (READERS[1]): the seeded entity.
    expect(JSON.parse(results[1]!.stdout).entities.map((e: {id: string}) => e.id)).toEqual(['api'])
  }, 120_000)

  it('while the owner has it open (a -wal file exists), a reader uses those files and creates none of its own', async () => {
    const dbDir = path.join(root, 'db')
    mkdirSync(dbDir)
    const db = path.join(dbDir, 'monitor.db')
    await seed(db, [{id: 'api', endpoints: [{id: 'api:health', kind: 'health', url: 'http://127.0.0.1:9/health'}]}])
    chmodSync(dbDir, 0o777)
    const {default: Database} = await import('better-sqlite3')
    const owner = new Database(db)
    try {
      owner.exec("UPDATE entities SET label = 'seen by the reader' WHERE id = 'api'")
      const before = readdirSync(dbDir).sort()
      expect(before).toEqual(['monitor.db', 'monitor.db-shm', 'monitor.db-wal'])
      const result = await monAsNobody(['export', '--db', db], work)
      expect(result.code).toBe(0)
      // The change is still only in the -wal file: the reader read through it.
      expect(result.stdout).toContain('label: seen by the reader')
      expect(readdirSync(dbDir).sort()).toEqual(before)
      for (const name of before) expect(statSync(path.join(dbDir, name)).uid).toBe(0)
    } finally {
      owner.close()
    }
  }, 60_000)
})
