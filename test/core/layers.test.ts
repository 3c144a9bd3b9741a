/**
 * The layer rules (.dependency-cruiser.cjs) catch a wrong-way import: a copy
 * of src/ with an import from the core into the store and I/O in the core
 * fails, naming exactly those violations. `npm test` runs the rules on the real tree.
 */
import {execFile} from 'node:child_process'
import {cpSync, symlinkSync, writeFileSync} from 'node:fs'
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

  // Only the wrong files and what they import: `npm test` runs the rules on the whole tree (lint:layers), and
  // cruising all of src/ again here cost seconds of CPU.
  const cruise = (files: string[]) => run(DEPCRUISE, [...files, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {cwd: dir}).then(
    () => ({code: 0, output: ''}),
    (err: {code: number; stdout: string; stderr: string}) => ({code: err.code, output: `${err.stdout}${err.stderr}`}),
  )

  // One run of the rules over the wrong files of a copy: it names exactly their violations and nothing else,
  // so the modules they reach pass too (npm test runs the rules on the whole tree). One run, not three.
  it('fail on an import from the core into the store, on I/O in the core (a database driver, the HTTP client, oclif, the file system), and on the MCP SDK outside src/assistant/, naming only those', async () => {
    writeFileSync(path.join(dir, 'src/plan/wrong-way.ts'), "import type {Driver} from '../store/driver.js'\nexport type D = Driver\n")
    writeFileSync(
      path.join(dir, 'src/history/does-io.ts'),
      "import pg from 'pg'\nimport {readFileSync} from 'node:fs'\nimport {request} from 'undici'\nimport {Flags} from '@oclif/core'\nexport const all = [pg, readFileSync, request, Flags]\n",
    )
    // The MCP SDK outside mon mcp's server (src/assistant/): mon check would pay its import.
    writeFileSync(path.join(dir, 'src/check/uses-sdk.ts'), "import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'\nexport const S = McpServer\n")
    const wrong = await cruise(['src/plan/wrong-way.ts', 'src/history/does-io.ts', 'src/check/uses-sdk.ts'])
    expect(wrong.code).not.toBe(0)
    const expected = ['core-imports-shell: src/plan/wrong-way.ts → src/store/driver.ts']
    for (const target of ['node_modules/pg/', 'node_modules/undici/', 'node_modules/@oclif/core/', 'fs']) expected.push(`core-does-io: src/history/does-io.ts → ${target}`)
    expected.push('mcp-sdk-outside-assistant: src/check/uses-sdk.ts → node_modules/@modelcontextprotocol/sdk/')
    for (const line of expected) expect(wrong.output).toContain(line)
    const violations = wrong.output.split('\n').filter((line) => /^\s*(error|warn)\s/.test(line))
    expect(violations).toHaveLength(expected.length)
    for (const v of violations) expect(v).toMatch(/src\/plan\/wrong-way\.ts|src\/history\/does-io\.ts|src\/check\/uses-sdk\.ts/)
  }, 60_000)
})
