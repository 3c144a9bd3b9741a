import {Errors} from '@oclif/core'
import {describe, expect, it, vi} from 'vitest'

import Check from '../../src/commands/check.js'
import {ROOT} from '../support/cli.js'

/** mon check with a bug in it: its work throws what no code path meant to throw. */
class BuggyCheck extends Check {
  protected override async execute(): Promise<never> {
    throw new TypeError("Cannot read properties of undefined (reading 'status')")
  }
}

/** Runs the command in this process, with stdout and stderr captured. */
async function run(argv: string[]): Promise<{exit: number | undefined; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true))
  let exit: number | undefined
  try {
    await BuggyCheck.run(argv, ROOT)
  } catch (err) {
    if (!(err instanceof Errors.ExitError)) throw err
    exit = err.oclif.exit
  } finally {
    vi.restoreAllMocks()
  }
  return {exit, stdout, stderr}
}

describe('a bug in mon check', () => {
  it('says it is a bug, and exits 3 (could not run)', async () => {
    const r = await run([])
    expect(r.exit).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe("Error: Cannot read properties of undefined (reading 'status')\nThis is a bug in mon; please report it with DEBUG=mon* output.\n")
  })

  it('is a Nagios UNKNOWN line with --format nagios, and JSON with --json', async () => {
    const nagios = await run(['--format', 'nagios'])
    expect(nagios.exit).toBe(3)
    expect(nagios.stdout).toBe("MON UNKNOWN - Cannot read properties of undefined (reading 'status')\n")
    expect(nagios.stderr).toMatch(/This is a bug in mon/)
    const json = await run(['--json'])
    expect(json.exit).toBe(3)
    expect(JSON.parse(json.stdout)).toEqual({error: {message: "Cannot read properties of undefined (reading 'status')", exit_code: 3}})
    expect(json.stderr).toMatch(/This is a bug in mon/)
  })
})
