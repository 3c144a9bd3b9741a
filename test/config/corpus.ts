import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'

import {ROOT} from '../support/cli.js'

export const BAD_DIR = path.join(ROOT, 'test/fixtures/bad')
export const GOOD_DIR = path.join(ROOT, 'test/fixtures/good')

export interface Expectation {
  severity: 'error' | 'warning'
  line: number
  column: number
  /** A part of the message. */
  fragment: string
}

export interface BadFixture {
  name: string
  /** Relative to the repository root, as a user would pass it to -c. */
  file: string
  rule: string
  expected: Expectation[]
}

/**
 * Each bad fixture says what it tests in its header:
 *   # rule: what the file breaks
 *   # expect: LINE:COL part of the error message
 *   # expect-warning: LINE:COL part of the warning message
 * `{file}` in a message stands for the fixture's own path.
 */
export function badFixtures(): BadFixture[] {
  return readdirSync(BAD_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(BAD_DIR, name), 'utf8')
      const rule = /^# rule: (.+)$/m.exec(text)?.[1]
      if (!rule) throw new Error(`${name}: no "# rule:" line`)
      const expected = [...text.matchAll(/^# expect(-warning)?: (\d+):(\d+) (.+)$/gm)].map((m) => ({
        severity: m[1] ? ('warning' as const) : ('error' as const),
        line: Number(m[2]),
        column: Number(m[3]),
        fragment: m[4]!.replaceAll('{file}', path.relative(ROOT, path.join(BAD_DIR, name))),
      }))
      if (expected.length === 0) throw new Error(`${name}: no "# expect:" line`)
      return {name, file: path.relative(ROOT, path.join(BAD_DIR, name)), rule, expected}
    })
}

export function goodFixtures(): string[] {
  return readdirSync(GOOD_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.relative(ROOT, path.join(GOOD_DIR, name)))
}
