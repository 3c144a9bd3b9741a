import type {TestProject} from 'vitest/node'

import {CHROMIUM, inCi} from './ci.js'
import {type Cluster, postgresBinDir, startCluster, TEST_RUN_SETTINGS} from './postgres-cluster.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the PostgreSQL that tests create their databases on; '' when there is none. */
    monPostgresAdminUrl: string
  }
}

/**
 * Once per test run: start a throwaway PostgreSQL, or use $MON_TEST_PG_URL
 * (a superuser URL of a server you run). In CI (CI=true) a PostgreSQL that
 * cannot be had fails the run: PostgreSQL tests are never skipped there, and
 * neither are the browser tests (a missing Chromium fails the run too).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const required = inCi() || process.env.MON_TEST_PG === 'require'
  let cluster: Cluster | null = null
  let url = process.env.MON_TEST_PG_URL ?? ''
  if (!url && process.env.MON_TEST_PG !== 'off') {
    const binDir = postgresBinDir()
    if (binDir) {
      cluster = await startCluster(binDir, {settings: TEST_RUN_SETTINGS})
      url = cluster.adminUrl
    } else if (required) {
      throw new Error('PostgreSQL is required (CI) but initdb was not found: install postgresql-15 or set MON_PG_BIN')
    } else {
      process.stderr.write('mon tests: no PostgreSQL found (/usr/lib/postgresql/*/bin/initdb); PostgreSQL tests are skipped\n')
    }
  } else if (!url && required) {
    throw new Error('PostgreSQL is required (CI) but MON_TEST_PG=off')
  }
  project.provide('monPostgresAdminUrl', url)
  const {existsSync} = await import('node:fs')
  if (!existsSync(CHROMIUM) && inCi()) {
    cluster?.stop()
    throw new Error(`Chromium is required (CI) but ${CHROMIUM} was not found: install Debian's chromium (.ci/run does) or set MON_TEST_CHROMIUM`)
  }
  // Outside CI, say what will be skipped (in CI these tests fail instead).
  if (!required) {
    if (!existsSync(CHROMIUM)) process.stderr.write(`mon tests: no Chromium at ${CHROMIUM} (set MON_TEST_CHROMIUM); the status page browser tests are skipped\n`)
    const promtool = [process.env.MON_PROMTOOL, '/usr/bin/promtool', '/usr/local/bin/promtool'].some((p) => p !== undefined && p !== '' && existsSync(p))
    if (!promtool) process.stderr.write('mon tests: no promtool (PATH or MON_PROMTOOL); the promtool check of the Prometheus output is skipped\n')
  }
  const onExit = () => cluster?.stop()
  process.once('exit', onExit)
  return () => {
    process.removeListener('exit', onExit)
    cluster?.stop()
    cluster = null
  }
}
