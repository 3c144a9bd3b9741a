/**
 * Migration 0012's payload rule on both engines, through the commands: every
 * snapshot's payload reads back as judged from history --payload and show,
 * across runs of identical and differing answers, after prune deletes the
 * bases that kept rows referred to, and after rolling 0012 back.
 */
import {randomUUID} from 'node:crypto'
import {beforeEach, describe, expect, it} from 'vitest'

import type {SnapshotRow} from '../../src/rows.js'
import {migrate} from '../../src/store/migrator.js'
import {pruneSnapshotsBefore} from '../../src/store/prune.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {uuidv7} from '../../src/time.js'
import {snapshotId} from '../../src/store/snapshot-ids.js'
import {mon} from '../support/cli.js'
import {ENGINES, useFreshDb} from '../support/engines.js'
import {withDriver} from '../history/seed.js'

const T0 = Date.parse('2026-11-01T00:00:00.000Z')
const MIN = 60_000

/** A row as check/run.ts builds it: the payload judged, latency and phases copied into their columns. */
function judged(target: {endpoint_id?: string; registry_id?: string}, minute: number, body: unknown, status: 'ok' | 'error' = 'ok', dateShift = 0): SnapshotRow {
  // The registry a millisecond later, so that time alone orders every row.
  const at = T0 + minute * MIN + (target.endpoint_id ? 37 : 38)
  const latency = 10 + ((minute * 7) % 13) + 0.25
  const phases = {resolve: 0, connect: 0.5, tls: 0, processing: latency - 0.75, transfer: 0.25}
  const payload = target.endpoint_id
    ? {latency_ms: latency, attempts: 1, phases_ms: phases, http_status: 200, headers: {'content-type': 'application/json', date: new Date((Math.floor((at - latency) / 1000) - dateShift) * 1000).toUTCString()}, bytes: 20, body, truncated: false}
    : {latency_ms: latency, resolved_path: '/r.json', entries: body, bytes: 10, sha256: 'ab'}
  return {
    id: uuidv7(at),
    entity_id: 'orders',
    endpoint_id: target.endpoint_id ?? null,
    registry_id: target.registry_id ?? null,
    status,
    detail: `200 OK in ${Math.round(latency)} ms`,
    payload_json: JSON.stringify(payload),
    latency_ms: latency,
    phases_ms_json: target.endpoint_id ? JSON.stringify(phases) : null,
    observed_at: new Date(at).toISOString(),
  }
}

const EP = {endpoint_id: 'orders:health'}
const REG = {registry_id: 'orders:registry'}
/** Minute by minute: A A A B B A A, an error judged without timings in order, A again; a registry entry alike. Minutes 2 and 6 answer a Date a second earlier (a server's clock against observed_at). */
function history(): SnapshotRow[][] {
  const a = {status: 'ok'}
  const b = {status: 'ok', version: 2}
  const error = {...judged(EP, 7, null, 'error'), payload_json: JSON.stringify({error: 'check failed while judging', latency_ms: null}), latency_ms: null, phases_ms_json: null}
  return [
    [judged(EP, 0, a), judged(EP, 1, a), judged(EP, 2, a, 'ok', 1), judged(REG, 0, 3), judged(REG, 1, 3)],
    [judged(EP, 3, b)],
    [judged(EP, 4, b), judged(REG, 4, 4)],
    [judged(EP, 5, a), judged(EP, 6, a, 'ok', 1), error, judged(EP, 8, a), judged(REG, 8, 4)],
  ]
}

describe.each(ENGINES)('snapshot payloads stored as bodies and references on %s', (engine) => {
  const current = useFreshDb(engine)
  let rows: SnapshotRow[]

  beforeEach(async () => {
    const batches = history()
    rows = batches.flat()
    await withDriver(current().db, async (driver) => {
      await migrate(driver)
      await driver.run('INSERT INTO entities (id, type, label, owner) VALUES (?, ?, ?, ?)', ['orders', 'service', 'Orders', 'team'])
      await driver.run('INSERT INTO endpoints (id, entity_id, kind, url) VALUES (?, ?, ?, ?)', ['orders:health', 'orders', 'health', 'http://127.0.0.1:9/'])
      await driver.run('INSERT INTO registry_index (id, entity_id, registry_path, authority) VALUES (?, ?, ?, ?)', ['orders:registry', 'orders', 'r.json', 'test'])
      for (const batch of batches) await insertSnapshots(driver, batch)
      // A row written late, older than what is stored (a spool replayed after newer checks): whole, so it splits no reference from its base.
      const late = judged(EP, 2.5, {status: 'ok', late: true})
      await insertSnapshots(driver, [late])
      rows.push(late)
    })
  })

  const stored = () => withDriver(current().db, (d) => d.all<{id: string; observed_at: string; payload_json: string | null}>('SELECT id, observed_at, payload_json FROM snapshots ORDER BY observed_at, id'))

  /** Every row still stored reads back as judged, from show and from history --payload. */
  async function expectReadable(db: string) {
    const kept = new Set((await stored()).map((r) => snapshotId(r.id, r.observed_at)))
    const listed = new Map<string, unknown>()
    const details = new Map<string, unknown>()
    for (const target of ['orders:health', 'orders:registry', 'orders']) {
      for (const payload of [['--payload'], []]) {
        const r = await mon(['history', target, ...payload, '--json', '--since', '90d', '--limit', '100', '--db', db], {env: {MON_NOW: '2026-11-02T00:00:00.000Z'}})
        expect(r.code, r.stderr).toBe(0)
        for (const s of JSON.parse(r.stdout).snapshots as Array<{id: string; payload: unknown; detail: unknown}>) {
          if (payload.length > 0) listed.set(`${target} ${s.id}`, s.payload)
          details.set(`${target} ${s.id} ${payload.length}`, s.detail)
        }
      }
    }
    for (const row of rows.filter((r) => kept.has(r.id))) {
      const want = JSON.parse(row.payload_json!)
      const shown = await mon(['show', row.id, '--json', '--db', db])
      expect(JSON.parse(shown.stdout).payload, row.id).toEqual(want)
      expect(JSON.parse(shown.stdout).detail, row.id).toBe(row.detail)
      expect(listed.get(`${row.endpoint_id ?? row.registry_id} ${row.id}`), row.id).toEqual(want)
      expect(listed.get(`orders ${row.id}`), row.id).toEqual(want)
      for (const target of [row.endpoint_id ?? row.registry_id, 'orders']) for (const n of [0, 1]) expect(details.get(`${target} ${row.id} ${n}`), row.id).toBe(row.detail)
    }
    return kept.size
  }

  it('stores a repeated body once per run of it, and every snapshot reads back as judged', async () => {
    const forms = (await stored()).map((r) => (r.payload_json!.startsWith('=') ? r.payload_json : r.payload_json!.slice(0, 1)))
    // In time order: endpoint A, registry 3; A, 3; A a second off; the late row; B; B, registry 4; A; A a second off; the error; A, registry 4
    expect(forms.join(' ')).toBe('~ ~ = = =1 { ~ = ~ ~ =1 { = =')
    // Every id is a UUIDv7 of its observed_at: stored without its 13 characters of time (snapshot-ids.ts), shown whole.
    expect((await stored()).map((r) => r.id.length)).toEqual(rows.map(() => 23))
    // Details that differ only by their rounded latency are kept in the bodies (0013): the column is NULL but for the whole rows.
    const columns = await withDriver(current().db, (d) => d.all<{detail: string | null}>('SELECT detail FROM snapshots ORDER BY observed_at, id'))
    expect(columns.map((c) => (c.detail === null ? '-' : 'd')).join('')).toBe('-----d-----d--')
    expect(await expectReadable(current().db)).toBe(rows.length)
  })

  it('an id that is not a UUIDv7 of its observed_at is stored whole and shown; a replay of a row stored whole before 0013 adds nothing', async () => {
    const v4 = {...judged(EP, 30, {status: 'ok'}), id: randomUUID()}
    const old = judged(EP, 31, {status: 'ok'})
    await withDriver(current().db, async (driver) => {
      await insertSnapshots(driver, [v4])
      // As 0012 stored it: the whole id.
      await driver.run("INSERT INTO snapshots (id, entity_id, endpoint_id, status, detail, payload_json, observed_at) VALUES (?, 'orders', 'orders:health', 'ok', ?, ?, ?)", [old.id, old.detail, old.payload_json, old.observed_at])
      expect(await insertSnapshots(driver, [old], {skipExisting: true})).toBe(0)
    })
    const ids = (await stored()).filter((r) => r.observed_at >= v4.observed_at).map((r) => r.id)
    expect(ids).toEqual([v4.id, old.id])
    for (const row of [v4, old]) {
      const shown = await mon(['show', row.id, '--json', '--db', current().db])
      expect(JSON.parse(shown.stdout).id, shown.stderr).toBe(row.id)
    }
    const listed = await mon(['history', 'orders:health', '--json', '--limit', '3', '--db', current().db], {env: {MON_NOW: '2026-11-02T00:00:00.000Z'}})
    expect(JSON.parse(listed.stdout).snapshots.map((s: {id: string}) => s.id)).toEqual([old.id, v4.id, rows.find((r) => r.endpoint_id && r.observed_at.includes('T00:08'))!.id])
  })

  it('prune carries a body forward into the oldest kept snapshot whose base it deletes', async () => {
    // Keeps minute 2 on (a `=1` of minute 0), then minute 6 on (a `=1` of minute 5, and minute 8 a `=` of it, which then
    // needs minute 5's body exactly; the registry's minute 8 a `=` of its minute 4).
    for (const [now, keep] of [['2026-11-08T00:01:30.000Z', 10], ['2026-11-08T00:05:30.000Z', 4]] as const) {
      const r = await mon(['prune', '--older-than', '7d', '--json', '--db', current().db], {env: {MON_NOW: now}})
      expect(r.code, r.stderr).toBe(0)
      expect(await expectReadable(current().db)).toBe(keep)
    }
    const forms = (await stored()).map((r) => r.payload_json!.slice(0, 1))
    // Minute 6 and minute 8 are bases now (the error between them is whole), the registry's minute 8 too.
    expect(forms.join('')).toBe('~{~~')
  })

  // Review finding: prune carried bases forward in one transaction, then deleted in others, so a check between
  // them could write a `=` of a base a later batch deleted. Each batch now carries its own bases, in its transaction.
  it('a mon check between prune\'s carry and the batch that deletes its target\'s base keeps a readable payload', async () => {
    const late = judged(EP, 20, {status: 'ok'})
    await withDriver(current().db, async (driver) => {
      let checked = false
      // Every row is older than the cut: the endpoint's newest base (minute 5) is deleted in a later batch than the first.
      await pruneSnapshotsBefore(driver, new Date(T0 + 10 * MIN).toISOString(), {
        batchSize: 2,
        adaptive: false,
        onBatch: async () => {
          if (!checked) await insertSnapshots(driver, [late])
          checked = true
        },
      })
    })
    const shown = await mon(['show', late.id, '--json', '--db', current().db])
    expect(JSON.parse(shown.stdout).payload).toEqual(JSON.parse(late.payload_json!))
  })

  it('rolling 0013 and 0012 back writes every detail, payload and phase timing as 0011 stored them; migrating again keeps them readable', async () => {
    const back = await mon(['db', 'rollback', '--to', '0011-rollups', '--db', current().db])
    expect(back.code, back.stderr).toBe(0)
    const after = await withDriver(current().db, (d) =>
      d.all<{id: string; payload_json: string; phases_ms_json: string | null; detail: string | null; endpoint_id: string | null}>('SELECT id, payload_json, phases_ms_json, detail, endpoint_id FROM snapshots'),
    )
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(after).toHaveLength(rows.length)
    for (const row of after) {
      expect(row.payload_json, row.id).toBe(byId.get(row.id)!.payload_json)
      expect(row.phases_ms_json, row.id).toBe(byId.get(row.id)!.phases_ms_json)
      // 0013's down writes the details kept in bodies back, and no endpoint is NULL again in 0012's table.
      expect(row.detail, row.id).toBe(byId.get(row.id)!.detail)
      expect(row.endpoint_id, row.id).toBe(byId.get(row.id)!.endpoint_id)
    }
    expect((await mon(['db', 'migrate', '--db', current().db])).code).toBe(0)
    expect(await expectReadable(current().db)).toBe(rows.length)
  })
})
