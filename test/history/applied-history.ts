/**
 * A suite's database for the history views through the commands: a
 * monitors.yaml applied at a fixed time, then snapshots written as mon check
 * writes them (with their rollups); `at` runs mon with a fixed now (MON_NOW).
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, expect} from 'vitest'

import type {Engine} from '../../src/store/driver.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import type {SnapshotRow} from '../../src/rows.js'
import {type CliResult, mon, tempDir} from '../support/cli.js'
import {freshDb, type FreshDb} from '../support/engines.js'
import {withDriver} from './seed.js'

export interface AppliedHistory {
  config: string
  /** Other files beside monitors.yaml (a registry file), by name. */
  files?: Record<string, string>
  appliedAt: string
  now: string
  rows: () => SnapshotRow[]
}

export function useAppliedHistory(engine: Engine, setup: AppliedHistory): {at: (args: string[]) => Promise<CliResult>; db: () => string} {
  let fresh: FreshDb | undefined
  const work = tempDir('mon-applied-history-')
  const db = () => fresh!.db
  beforeAll(async () => {
    fresh = await freshDb(engine)
    writeFileSync(path.join(work.dir, 'monitors.yaml'), setup.config)
    for (const [name, text] of Object.entries(setup.files ?? {})) writeFileSync(path.join(work.dir, name), text)
    const applied = await mon(['apply', '--db', db()], {cwd: work.dir, env: {MON_NOW: setup.appliedAt}})
    expect(applied.code, applied.stderr).toBe(0)
    await withDriver(db(), (driver) => insertSnapshots(driver, setup.rows()))
  })
  afterAll(async () => {
    await fresh?.cleanup()
    work.cleanup()
  })
  return {at: (args) => mon([...args, '--db', db()], {cwd: work.dir, env: {MON_NOW: setup.now}}), db}
}
