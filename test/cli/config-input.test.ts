/**
 * validate, plan and apply read the config bounded in size and time: a huge
 * file, /dev/zero, a silent FIFO or an idle standard input ends with one
 * line, and `-c -` reads standard input (CI: `git show main:monitors.yaml | mon plan -c -`).
 */
import {spawn, spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it, vi} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {BIN, ROOT, mon, monProcess} from '../support/cli.js'
import {ENGINES} from '../support/engines.js'
import {modelToYaml} from '../../src/config/serialize.js'
import {dump, entity, expectOk, model, monAt, workspace, writeConfig} from './plan-support.js'

vi.setConfig({testTimeout: 120_000})

const EXAMPLE = readFileSync(path.join(ROOT, 'monitors.yaml'), 'utf8')

describe('reading the config', () => {
  const ws = workspace('sqlite')

  it('-c - reads standard input for validate, and names it in diagnostics', async () => {
    // Two processes at once: neither writes a file.
    const [valid, invalid] = await Promise.all([
      monProcess(['validate', '-c', '-'], {cwd: ROOT, input: EXAMPLE}),
      monProcess(['validate', '-c', '-', '--json'], {cwd: ROOT, input: 'version: 1\nentities:\n  - id: a\n    type: nope\n'}),
    ])
    expect(valid.stdout).toBe('-: valid (5 entities, 10 endpoints, 1 registry entry)\n')
    expect(valid.code).toBe(0)
    expect(invalid.code).toBe(1)
    expect(JSON.parse(invalid.stdout)).toMatchObject({valid: false, errors: [{file: '-', line: 3}, {file: '-', line: 3}, {file: '-', line: 4, path: 'entities[0].type'}]})
  })

  it('refuses a regular file over --max-config-size before reading it, and takes a raised limit', async () => {
    const file = path.join(ws.dir, 'big.yaml')
    writeFileSync(file, `${EXAMPLE}${'#'.repeat(2048)}\n`)
    const refused = await mon(['validate', '-c', file, '--max-config-size', '2KiB'], {cwd: ws.dir})
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toBe(`Error: cannot read config ${file}: it is larger than 2 KiB (raise the limit with --max-config-size)\n`)
    const raised = await mon(['validate', '-c', file, '--max-config-size', '1MiB'], {cwd: ws.dir})
    expect(raised.stdout).toMatch(/: valid, 1 warning \(5 entities/)
  })

  it('ends /dev/zero at the size limit with one line, and standard input the same', async () => {
    // Two processes at once: neither writes a file.
    const [zero, piped] = await Promise.all([
      monProcess(['validate', '-c', '/dev/zero', '--max-config-size', '1MiB'], {cwd: ws.dir, timeoutMs: 60_000}),
      monProcess(['validate', '-c', '-', '--max-config-size', '1KiB'], {cwd: ws.dir, input: 'x'.repeat(5000)}),
    ])
    expect(zero.signal).toBeUndefined()
    expect(zero.code).toBe(1)
    expect(zero.stderr).toBe('Error: cannot read config /dev/zero: it is larger than 1 MiB (raise the limit with --max-config-size)\n')
    expect(piped.stderr).toBe('Error: cannot read config from standard input: it is larger than 1 KiB (raise the limit with --max-config-size)\n')
  })

  it('ends a FIFO whose writer never writes, and a standard input that never ends, at the read timeout', async () => {
    const fifo = path.join(ws.dir, 'fifo')
    expect(spawnResult('mkfifo', [fifo])).toBe(0)
    // A writer that holds the FIFO open and says nothing.
    const writer = spawn('bash', ['-c', `exec 3>"${fifo}"; sleep 60`], {stdio: 'ignore'})
    // The idle standard input's run at the same time as the FIFO's: each waits out its own second.
    const idleRun = idleStdin(['plan', '-c', '-', '--config-read-timeout', '1s', '--db', ws.db], ws.dir)
    try {
      const silent = await monProcess(['validate', '-c', fifo, '--config-read-timeout', '1s'], {cwd: ws.dir, timeoutMs: 60_000})
      expect(silent.signal).toBeUndefined()
      expect(silent.code).toBe(1)
      expect(silent.stderr).toBe(`Error: cannot read config ${fifo}: still not complete after 1s (a pipe or device that does not end)\n`)
    } finally {
      writer.kill()
    }
    const idle = await idleRun
    expect(idle.code).toBe(1)
    expect(idle.stderr).toBe('Error: cannot read config from standard input: still not complete after 1s (a pipe or device that does not end)\n')
  })

  it('reports deep nesting as one short line', async () => {
    const file = path.join(ws.dir, 'deep.yaml')
    writeFileSync(file, `version: 1\nentities: ${'['.repeat(1000)}${']'.repeat(1000)}\n`)
    const result = await mon(['validate', '-c', file], {cwd: ws.dir})
    expect(result.code).toBe(1)
    const [line, ...rest] = result.stdout.trimEnd().split('\n')
    expect(line).toBe(`${file}:2:75 entities[0][0][0][0][0]…[0][0][0][0][0][0]: nesting is deeper than 64 levels (monitors.yaml needs fewer than 10)`)
    expect(rest).toEqual([`${file}: 1 error`])
  })
})

describe.each(ENGINES)('plan and apply -c - on %s', (engine: Engine) => {
  const ws = workspace(engine)

  it('plans and applies a config from standard input; an oversized one changes nothing', async () => {
    const text = modelToYaml(model(entity('a'), entity('b')))
    // In process: a real process's standard input is the validate tests' above; here, that plan and apply take it.
    const plan = await mon(['plan', '-c', '-', '--db', ws.db], {cwd: ws.dir, input: text})
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain('Plan: 2 to add')
    expect((await mon(['apply', '-c', '-', '--db', ws.db], {cwd: ws.dir, input: text})).code).toBe(0)
    const state = await dump(ws.db)
    writeConfig(ws.dir, model(entity('a'), entity('b'), entity('c')))
    const refused = await monAt(ws.dir, ws.db, ['apply', '--max-config-size', '64'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe('Error: cannot read config monitors.yaml: it is larger than 64 bytes (raise the limit with --max-config-size)\n')
    expect(await dump(ws.db)).toBe(state)
    expectOk(await monAt(ws.dir, ws.db, ['plan']))
  })
})

function spawnResult(command: string, args: string[]): number | null {
  return spawnSync(command, args).status
}

/** The real binary with a standard input that stays open and silent. */
function idleStdin(args: string[], cwd: string): Promise<{code: number | null; stderr: string}> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !['MON_DB', 'MON_CONFIG', 'NODE_ENV'].includes(key)) env[key] = value
    const child = spawn(process.execPath, [BIN, ...args], {cwd, env: {...env, NO_COLOR: '1'}, stdio: ['pipe', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      child.stdin.destroy()
      resolve({code, stderr})
    })
  })
}
