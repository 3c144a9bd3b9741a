import {BUILTIN_CHECK, type CheckSettings, type EndpointKind} from '../../src/config/model.js'
import type {Driver} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {expandPayloads} from '../../src/store/payload-bases.js'
import {snapshotId} from '../../src/store/snapshot-ids.js'
import type {SnapshotRow} from '../../src/rows.js'

export interface SeedEndpoint {
  id: string
  kind: EndpointKind
  url: string
  method?: string
  check?: Partial<CheckSettings>
  /** Leave check_json NULL, as in a row mon apply never wrote. */
  unmanaged?: boolean
  retired?: boolean
}

export interface SeedEntity {
  id: string
  type?: string
  owner?: string
  retired?: boolean
  endpoints?: SeedEndpoint[]
  registry?: Array<{id: string; path: string; format?: string; retired?: boolean}>
}

const APPLIED = '2026-11-26T09:00:00.000Z'

/**
 * Puts an applied inventory straight into a database, as `mon apply` would
 * leave it, so that check tests do not depend on the planner.
 */
export async function seed(db: string, entities: SeedEntity[]): Promise<void> {
  const driver = await openDriver(db)
  try {
    await migrate(driver)
    await driver.transaction(() => insertAll(driver, entities))
  } finally {
    await driver.close()
  }
}

async function insertAll(driver: Driver, entities: SeedEntity[]): Promise<void> {
  for (const e of entities) {
    await driver.run(
      'INSERT INTO entities (id, type, label, owner, docs_ref, notes, created_at, retired_at, applied_at, applied_hash) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)',
      [e.id, e.type ?? 'service', e.id, e.owner ?? 'team', APPLIED, e.retired ? APPLIED : null, APPLIED, 'h'],
    )
    for (const p of e.endpoints ?? []) {
      const check = p.unmanaged ? null : JSON.stringify({...BUILTIN_CHECK, ...p.check})
      await driver.run(
        'INSERT INTO endpoints (id, entity_id, kind, url, method, check_json, retired_at, applied_at, applied_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [p.id, e.id, p.kind, p.url, p.method ?? 'GET', check, p.retired ? APPLIED : null, p.unmanaged ? null : APPLIED, p.unmanaged ? null : 'h'],
      )
    }
    for (const r of e.registry ?? []) {
      await driver.run(
        'INSERT INTO registry_index (id, entity_id, registry_path, authority, format, retired_at, applied_at, applied_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [r.id, e.id, r.path, 'test', r.format ?? 'json', r.retired ? APPLIED : null, APPLIED, 'h'],
      )
    }
  }
}

/**
 * Every snapshot, oldest first, with its payload and detail as judged (the store keeps most as a reference to the one
 * before: src/stored-payload.ts, src/stored-detail.ts), and no endpoint as NULL (SQLite's clustered table keeps '').
 */
export async function snapshots(db: string): Promise<Array<Record<string, unknown>>> {
  const driver = await openDriver(db, {create: false})
  try {
    const rows = await driver.all<SnapshotRow>('SELECT * FROM snapshots ORDER BY observed_at, id')
    // Ids whole, as mon shows them (stored without their time part: src/store/snapshot-ids.ts).
    return (await expandPayloads(driver, rows)).map((r) => ({...r, id: snapshotId(r.id, r.observed_at), endpoint_id: r.endpoint_id === '' ? null : r.endpoint_id})) as unknown as Array<Record<string, unknown>>
  } finally {
    await driver.close()
  }
}
