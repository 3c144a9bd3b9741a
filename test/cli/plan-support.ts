/** Helpers for the plan/apply/export/init end-to-end tests: config files from models, raw SQL, file hashes. */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterEach, beforeEach} from 'vitest'

import {modelToYaml} from '../../src/config/serialize.js'
import type {MonitorsModel} from '../../src/config/model.js'
import type {Driver, Engine, SqlValue} from '../../src/store/driver.js'
import {openDriver} from '../../src/store/open.js'
import {mon, tempDir, type CliResult} from '../support/cli.js'
import {freshDb} from '../support/engines.js'

import {endpoint, entity, model, registry} from '../plan/fixtures.js'

export {appliedState, check, endpoint, entity, model, registry} from '../plan/fixtures.js'

/** Three entities: one with an endpoint and a registry entry, one with an endpoint, one bare. */
export function three(): MonitorsModel {
  return model(
    entity('a', {endpoints: [endpoint('a', 'health')], registry: [registry('a', {path: 'http://127.0.0.1:9/a.json'})]}),
    entity('b', {endpoints: [endpoint('b', 'api')]}),
    entity('c'),
  )
}

export function writeConfig(dir: string, m: MonitorsModel, name = 'monitors.yaml'): string {
  const file = path.join(dir, name)
  writeFileSync(file, modelToYaml(m))
  return file
}

export async function withDb<T>(db: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = await openDriver(db)
  try {
    return await fn(driver)
  } finally {
    await driver.close()
  }
}

export function sql<T = Record<string, unknown>>(db: string, text: string, params: SqlValue[] = []): Promise<T[]> {
  return withDb(db, (driver) => driver.all<T>(text, params))
}

/** Every inventory row and apply run, ordered, for "nothing changed" comparisons on either engine. */
export async function dump(db: string): Promise<string> {
  return withDb(db, async (driver) => {
    const out: Record<string, unknown[]> = {}
    for (const table of ['entities', 'endpoints', 'registry_index', 'apply_runs', 'snapshots']) {
      out[table] = await driver.all(`SELECT * FROM ${table} ORDER BY id`).catch(() => ['(no table)'])
    }
    out.mon_migrations = await driver.all('SELECT name FROM mon_migrations ORDER BY name').catch(() => ['(no table)'])
    return JSON.stringify(out)
  })
}

/** sha256 of a SQLite file and its WAL (the WAL is where an unexpected write would land). */
export function fileHash(file: string): string {
  const hash = createHash('sha256').update(readFileSync(file))
  if (existsSync(`${file}-wal`)) hash.update(readFileSync(`${file}-wal`))
  return hash.digest('hex')
}

/** Runs mon with --config and --db filled in. */
export function monAt(dir: string, db: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return mon([...args, '--db', db], {cwd: dir, env})
}

export function expectOk(result: CliResult): CliResult {
  if (result.code !== 0) throw new Error(`mon exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`)
  return result
}

/** A temp dir and a fresh database of the engine for each test; `ws.dir` and `ws.db` are set before each one. */
export function workspace(engine: Engine): {dir: string; db: string} {
  const ws = {dir: '', db: ''}
  let cleanups: Array<() => unknown> = []
  beforeEach(async () => {
    const tmp = tempDir()
    const fresh = await freshDb(engine)
    ws.dir = tmp.dir
    ws.db = fresh.db
    cleanups = [tmp.cleanup, fresh.cleanup]
  })
  afterEach(async () => {
    for (const cleanup of cleanups) await cleanup()
  })
  return ws
}
