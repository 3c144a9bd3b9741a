/**
 * `mon prune` and `mon check` at once, in two processes (the write lock is
 * between processes): prune a real one, the checks in process (in the vitest
 * worker, test/support/cli.ts), while it runs; prune deletes every old
 * snapshot in its batches, and every check run stores every snapshot, none
 * lost to a lock held too long. And `--vacuum`, which gives the freed space
 * back. Set-up (apply) and the vacuum test's prunes run in process too.
 */
import http from 'node:http'
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mon, monProcess, tempDir} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {withDriver} from '../history/seed.js'
import {uuidv7} from '../../src/time.js'

const ENDPOINTS = 20
/** Enough old rows that prune, from 200-row batches, is still deleting while the checks run. */
const OLD_PER_ENDPOINT = 3000
/** The vacuum test needs only that the old rows outweigh the new. */
const OLD_FOR_VACUUM = 500
const RUNS = 3
/** Minutes of old snapshots per INSERT statement: 25 × 20 rows × 7 values stays under every engine's parameter limit. */
const MINUTES_PER_INSERT = 25

describe.each(ENGINES)('prune on %s', (engine) => {
  const current = useFreshDb(engine)
  let server: http.Server
  let port = 0
  const dir = tempDir('mon-prune-')

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('{"status":"ok"}'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as {port: number}).port
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    dir.cleanup()
  })

  /** ENDPOINTS endpoints applied, each with OLD_PER_ENDPOINT snapshots a minute apart, 30 days ago. */
  async function applyWithOldSnapshots(db: string, perEndpoint = OLD_PER_ENDPOINT) {
    const config = path.join(dir.dir, `${path.basename(db).replace(/\W/g, '')}.yaml`)
    const lines = ['version: 1', 'entities:', '  - id: svc', '    type: service', '    label: Svc', '    owner: ops', '    endpoints:']
    for (let i = 0; i < ENDPOINTS; i++) lines.push(`      - kind: health`, `        id: svc:h${i}`, `        url: http://127.0.0.1:${port}/h${i}`)
    writeFileSync(config, `${lines.join('\n')}\n`)
    const applied = await mon(['apply', '-c', config, '--db', db])
    expect(applied.code, applied.stderr).toBe(0)
    await insertOld(db, perEndpoint)
  }

  async function insertOld(db: string, perEndpoint: number) {
    const old = Date.now() - 30 * 24 * 3_600_000
    await withDriver(db, (driver) =>
      driver.transaction(async () => {
        for (let first = 0; first < perEndpoint; first += MINUTES_PER_INSERT) {
          const values: Array<Array<string | number>> = []
          for (let m = first; m < Math.min(perEndpoint, first + MINUTES_PER_INSERT); m++) {
            for (let i = 0; i < ENDPOINTS; i++) values.push([uuidv7(old + m * 60_000 + i), 'svc', `svc:h${i}`, 'ok', 'old', 1, new Date(old + m * 60_000 + i).toISOString()])
          }
          await driver.run(`INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, latency_ms, observed_at) VALUES ${values.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, values.flat())
        }
      }),
    )
  }

  it('a mon check during prune stores every snapshot, and prune deletes every old one', async () => {
    const db = current().db
    await applyWithOldSnapshots(db)
    const prune = monProcess(['prune', '--older-than', '7d', '--batch-size', '200', '--json', '--db', db])
    // The checks start once prune is deleting (an in-process check would otherwise be done before the process is up).
    await withDriver(db, async (driver) => {
      const old = async () => Number((await driver.all<{n: number | string}>("SELECT count(*) AS n FROM snapshots WHERE detail = 'old'"))[0]!.n)
      for (let i = 0; i < 600 && (await old()) === ENDPOINTS * OLD_PER_ENDPOINT; i++) await new Promise((r) => setTimeout(r, 20))
    })
    const checks: Array<{code: number | null; stderr: string}> = []
    for (let run = 0; run < RUNS; run++) checks.push(await mon(['check', '--db', db, '--json']))
    const pruned = await prune
    const prunedAt = new Date().toISOString()

    expect(pruned.code, pruned.stderr).toBe(0)
    const result = JSON.parse(pruned.stdout)
    expect(result.deleted).toBe(ENDPOINTS * OLD_PER_ENDPOINT)
    expect(result.batches).toBeGreaterThan(1)
    expect(result.longest_batch_ms).toBeLessThan(1000)
    for (const check of checks) expect(check.code, check.stderr).toBe(0)
    await withDriver(db, async (driver) => {
      const rows = await driver.all<{detail: string; n: number | string}>("SELECT CASE WHEN detail = 'old' THEN 'old' ELSE 'new' END AS detail, CAST(count(*) AS INTEGER) AS n FROM snapshots GROUP BY 1")
      expect(rows.map((r) => [r.detail, Number(r.n)])).toEqual([['new', ENDPOINTS * RUNS]])
      // They did run at once: the first check stored its snapshots before prune had finished.
      const first = await driver.all<{observed_at: string}>('SELECT min(observed_at) AS observed_at FROM snapshots')
      expect(first[0]!.observed_at < prunedAt).toBe(true)
    })
  }, 120_000)

  it('--vacuum reclaims the space of what it deleted; the JSON says so', async () => {
    const db = current().db
    await applyWithOldSnapshots(db, OLD_FOR_VACUUM)
    // SQLite: the pages in use in the file; PostgreSQL: the table's size, which VACUUM truncates when the freed pages are at its end.
    const size = () =>
      withDriver(db, async (d) => {
        const sql = engine === 'sqlite' ? 'SELECT page_count AS n FROM pragma_page_count()' : "SELECT pg_relation_size('snapshots') AS n"
        return Number((await d.all<{n: number | string}>(sql))[0]!.n)
      })
    const full = await size()
    const plain = await mon(['prune', '--older-than', '7d', '--json', '--db', db])
    expect(JSON.parse(plain.stdout)).toMatchObject({deleted: ENDPOINTS * OLD_FOR_VACUUM, vacuumed: false})
    expect(await size()).toBeGreaterThanOrEqual(full * 0.9)
    await insertOld(db, OLD_FOR_VACUUM)
    const vacuumed = await mon(['prune', '--older-than', '7d', '--vacuum', '--db', db])
    expect(vacuumed.code, vacuumed.stderr).toBe(0)
    expect(vacuumed.stdout).toMatch(new RegExp(`^Deleted ${ENDPOINTS * OLD_FOR_VACUUM} snapshots observed before \\S+; vacuumed\\.\n$`))
    expect(await size()).toBeLessThan(full / 4)
  }, 120_000)
})
