import {describe, expect, it} from 'vitest'

import type {Driver, Engine} from '../../src/store/driver.js'
import {migrate, rollback} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {ENGINES, freshDb} from '../support/engines.js'
import {type SchemaInfo, readSchema} from '../support/schema.js'

type Col = [name: string, type: string, notnull?: 'NOT NULL' | 'PK']

/** The design: migration 1 exactly, then the columns and tables the later migrations add. */
const DESIGN: Record<string, Col[]> = {
  entities: [
    ['id', 'text', 'PK'], ['type', 'text', 'NOT NULL'], ['label', 'text', 'NOT NULL'], ['owner', 'text', 'NOT NULL'],
    ['docs_ref', 'text'], ['notes', 'text'], ['created_at', 'text'],
    ['retired_at', 'text'], ['applied_at', 'text'], ['applied_hash', 'text'],
    ['slo_json', 'text'], ['depends_on_json', 'text'],
  ],
  endpoints: [
    ['id', 'text', 'PK'], ['entity_id', 'text', 'NOT NULL'], ['kind', 'text', 'NOT NULL'], ['url', 'text', 'NOT NULL'], ['method', 'text'],
    ['retired_at', 'text'], ['applied_at', 'text'], ['applied_hash', 'text'], ['check_json', 'text'],
    ['slo_json', 'text'], ['activated_at', 'text'], ['alert_json', 'text'],
  ],
  registry_index: [
    ['id', 'text', 'PK'], ['entity_id', 'text', 'NOT NULL'], ['registry_path', 'text', 'NOT NULL'], ['authority', 'text', 'NOT NULL'], ['format', 'text'],
    ['retired_at', 'text'], ['applied_at', 'text'], ['applied_hash', 'text'],
    ['interval', 'text'], ['activated_at', 'text'], ['alert_json', 'text'], ['serves_json', 'text'],
  ],
  snapshots: [
    ['id', 'text', 'PK'], ['entity_id', 'text', 'NOT NULL'], ['endpoint_id', 'text'], ['status', 'text', 'NOT NULL'],
    ['detail', 'text'], ['payload_json', 'text'], ['observed_at', 'text'],
    ['latency_ms', 'double precision'], ['registry_id', 'text'], ['phases_ms_json', 'text'], ['maintenance', 'text'],
  ],
  apply_runs: [
    ['id', 'text', 'PK'], ['applied_at', 'text', 'NOT NULL'], ['config_sha256', 'text', 'NOT NULL'], ['git_commit', 'text'], ['actor', 'text'],
    ['created', 'integer', 'NOT NULL'], ['updated', 'integer', 'NOT NULL'], ['retired', 'integer', 'NOT NULL'], ['revived', 'integer', 'NOT NULL'],
  ],
  mon_migrations: [['name', 'text', 'PK'], ['executed_at', 'text', 'NOT NULL']],
  rollups: [
    ['period', 'text', 'PK'], ['target_table', 'text', 'PK'], ['target_id', 'text', 'PK'], ['entity_id', 'text', 'NOT NULL'], ['start_at', 'text', 'PK'],
    ['ok', 'integer', 'NOT NULL'], ['warn', 'integer', 'NOT NULL'], ['error', 'integer', 'NOT NULL'],
    ['latency_count', 'integer', 'NOT NULL'], ['latency_sum', 'double precision', 'NOT NULL'], ['latency_histogram', 'text', 'NOT NULL'],
    ['maintenance', 'integer', 'NOT NULL'],
  ],
  alerts: [
    ['id', 'text', 'PK'], ['target_table', 'text', 'NOT NULL'], ['target_id', 'text', 'NOT NULL'], ['entity_id', 'text', 'NOT NULL'],
    ['status', 'text', 'NOT NULL'], ['detail', 'text', 'NOT NULL'], ['opened_at', 'text', 'NOT NULL'], ['resolved_at', 'text'],
    ['held', 'text'], ['open_held', 'integer', 'NOT NULL'], ['last_notified_at', 'text'],
  ],
  alert_states: [
    ['target_table', 'text', 'PK'], ['target_id', 'text', 'PK'], ['failing', 'integer', 'NOT NULL'], ['passing', 'integer', 'NOT NULL'],
    ['observed_at', 'text', 'NOT NULL'], ['alert_id', 'text'],
  ],
  notifications: [
    ['id', 'text', 'PK'], ['alert_id', 'text'], ['notifier_id', 'text', 'NOT NULL'], ['event', 'text', 'NOT NULL'], ['state', 'text', 'NOT NULL'],
    ['attempts', 'integer', 'NOT NULL'], ['message_json', 'text', 'NOT NULL'], ['created_at', 'text', 'NOT NULL'], ['next_attempt_at', 'text', 'NOT NULL'],
    ['claimed_until', 'text'], ['sent_at', 'text'], ['last_error', 'text'],
  ],
  notifiers: [
    ['id', 'text', 'PK'], ['type', 'text', 'NOT NULL'], ['settings_json', 'text', 'NOT NULL'], ['created_at', 'text'],
    ['retired_at', 'text'], ['applied_at', 'text'], ['applied_hash', 'text'],
  ],
  maintenance_windows: [
    ['id', 'text', 'PK'], ['entities_json', 'text', 'NOT NULL'], ['cron', 'text'], ['duration', 'text'], ['timezone', 'text'],
    ['start_at', 'text'], ['end_at', 'text'], ['reason', 'text'], ['created_at', 'text'],
    ['retired_at', 'text'], ['applied_at', 'text'], ['applied_hash', 'text'],
  ],
  maintenance_adhoc: [
    ['id', 'text', 'PK'], ['entities_json', 'text', 'NOT NULL'], ['start_at', 'text', 'NOT NULL'], ['end_at', 'text', 'NOT NULL'], ['reason', 'text'],
    ['created_at', 'text', 'NOT NULL'],
  ],
}

const FOREIGN_KEYS = [
  'endpoints(entity_id) -> entities(id)',
  'registry_index(entity_id) -> entities(id)',
  'snapshots(endpoint_id) -> endpoints(id)',
  'snapshots(entity_id) -> entities(id)',
  'snapshots(registry_id) -> registry_index(id)',
]

const INDEXES = [
  'alerts_entity on alerts(entity_id, opened_at)',
  'alerts_open on alerts(target_table, target_id) partial',
  'notifications_alert on notifications(alert_id)',
  'notifications_due on notifications(next_attempt_at) partial',
  'rollups_period_start_at on rollups(period, start_at)',
  'snapshots_endpoint_id_observed_at_status_latency_ms on snapshots(endpoint_id, observed_at, status, latency_ms)',
  'snapshots_observed_at on snapshots(observed_at)',
  'snapshots_payload_bases on snapshots(endpoint_id, registry_id, observed_at, id) partial',
  'snapshots_registry_id_observed_at on snapshots(registry_id, observed_at) partial',
]

/**
 * Where SQLite differs by design (migration 0013): snapshots is a table clustered by
 * (endpoint_id, observed_at, id), whose key is the per-target time index, so it has no
 * other index by endpoint or time, and no foreign key on endpoint_id ('' is no endpoint).
 */
const SQLITE_KEY = new Set(['endpoint_id', 'observed_at'])
const SQLITE_LACKS = {
  foreignKeys: ['snapshots(endpoint_id) -> endpoints(id)'],
  indexes: ['snapshots_endpoint_id_observed_at_status_latency_ms on snapshots(endpoint_id, observed_at, status, latency_ms)', 'snapshots_observed_at on snapshots(observed_at)'],
}

function expected(tables: string[], engine: Engine = 'postgres'): SchemaInfo['tables'] {
  const clustered = (t: string, name: string) => engine === 'sqlite' && t === 'snapshots' && SQLITE_KEY.has(name)
  return Object.fromEntries(
    tables.map((t) => [t, DESIGN[t]!.map(([name, type, flag]) => ({name, type, notnull: flag !== undefined || clustered(t, name), pk: flag === 'PK' || clustered(t, name)}))]),
  )
}

const of = (engine: Engine, kind: 'foreignKeys' | 'indexes') => (kind === 'foreignKeys' ? FOREIGN_KEYS : INDEXES).filter((x) => engine === 'postgres' || !SQLITE_LACKS[kind].includes(x))

async function schemaOf(engine: Engine, fn: (driver: Driver) => Promise<unknown>): Promise<SchemaInfo> {
  const {db, cleanup} = await freshDb(engine)
  const driver = await openDriver(db)
  try {
    await fn(driver)
    return await readSchema(driver)
  } finally {
    await driver.close()
    await cleanup()
  }
}

describe.each(ENGINES)('schema on %s', (engine) => {
  it('is the design: tables, columns in order, TEXT where the design says TEXT, keys and indexes', async () => {
    const schema = await schemaOf(engine, (driver) => migrate(driver))
    const sorted = Object.fromEntries(Object.entries(schema.tables).sort(([a], [b]) => a.localeCompare(b)))
    expect(sorted).toEqual(expected(Object.keys(DESIGN).sort(), engine))
    expect(schema.foreignKeys).toEqual(of(engine, 'foreignKeys'))
    expect(schema.indexes).toEqual(of(engine, 'indexes'))
  })

  it('after migration 1 alone is exactly the four tables mon began with', async () => {
    const schema = await schemaOf(engine, async (driver) => {
      await migrate(driver)
      await rollback(driver, {to: '0001-initial'})
    })
    const firstColumns = (t: string, n: number) => expected([t])[t]!.slice(0, n)
    expect(schema.tables).toEqual({
      entities: firstColumns('entities', 7),
      endpoints: firstColumns('endpoints', 5),
      registry_index: firstColumns('registry_index', 5),
      snapshots: firstColumns('snapshots', 7),
      mon_migrations: expected(['mon_migrations']).mon_migrations,
    })
    expect(schema.foreignKeys).toEqual(FOREIGN_KEYS.filter((fk) => !fk.includes('registry_id')))
    expect(schema.indexes).toEqual([])
  })
})

describe.skipIf(!ENGINES.includes('postgres'))('SQLite and PostgreSQL', () => {
  it('have the same tables, the same columns and types, the same keys and indexes but for the snapshot layout', async () => {
    const [sqlite, postgres] = await Promise.all([schemaOf('sqlite', (d) => migrate(d)), schemaOf('postgres', (d) => migrate(d))])
    const byName = (s: SchemaInfo) => Object.fromEntries(Object.entries(s.tables).sort(([a], [b]) => a.localeCompare(b)))
    const unclustered = (s: SchemaInfo) => ({...byName(s), snapshots: s.tables.snapshots!.map((c) => (SQLITE_KEY.has(c.name) ? {...c, notnull: false, pk: false} : c))})
    expect(unclustered(postgres)).toEqual(unclustered(sqlite))
    expect(postgres.foreignKeys.filter((x) => !SQLITE_LACKS.foreignKeys.includes(x))).toEqual(sqlite.foreignKeys)
    expect(postgres.indexes.filter((x) => !SQLITE_LACKS.indexes.includes(x))).toEqual(sqlite.indexes)
  })
})
