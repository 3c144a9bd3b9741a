/** Plain-data builders for planner tests: models, and the rows an apply of them leaves. */
import {BUILTIN_ALERT, BUILTIN_CHECK, type CheckSettings, type Endpoint, type Entity, type MonitorsModel, type RegistryEntry} from '../../src/config/model.js'
import type {Table} from '../../src/config/fields.js'
import {fingerprint} from '../../src/plan/fingerprint.js'
import {desiredRows} from '../../src/plan/rows.js'
import type {ObservedState} from '../../src/plan/types.js'

export const T0 = '2026-01-01T00:00:00.000Z'

export function check(over: Partial<CheckSettings> = {}): CheckSettings {
  return {...structuredClone(BUILTIN_CHECK), ...over}
}

export function endpoint(entityId: string, kind: Endpoint['kind'], over: Partial<Endpoint> = {}): Endpoint {
  return {
    id: `${entityId}:${kind}`,
    entity_id: entityId,
    kind,
    url: `http://127.0.0.1:9000/${kind}`,
    method: 'GET',
    check: check(),
    slo: null,
    alert: structuredClone(BUILTIN_ALERT),
    ...over,
  }
}

export function registry(entityId: string, over: Partial<RegistryEntry> = {}): RegistryEntry {
  return {id: `registry:${entityId}`, entity_id: entityId, path: `./registries/${entityId}.json`, authority: 'reg', format: 'json', interval: '1m', alert: structuredClone(BUILTIN_ALERT), serves: null, ...over}
}

export function entity(id: string, over: Partial<Entity> = {}): Entity {
  return {id, type: 'service', label: id, owner: 'team', docs_ref: null, notes: null, slo: null, depends_on: [], endpoints: [], registry: [], ...over}
}

export function model(...entities: Entity[]): MonitorsModel {
  return {version: 1, notifiers: [], entities, maintenance: [], moved: []}
}

export function emptyState(): ObservedState {
  return {entities: [], endpoints: [], registry_index: [], notifiers: [], maintenance_windows: []}
}

/** The rows `mon apply` of the model leaves in an empty database. */
export function appliedState(m: MonitorsModel, at: string = T0): ObservedState {
  const rows = desiredRows(m)
  const stamp = (table: Table, row: Record<string, unknown>) => ({
    ...row,
    retired_at: null,
    applied_at: at,
    applied_hash: fingerprint(table, row),
  })
  return {
    entities: rows.entities.map((r) => ({...stamp('entities', r), created_at: at})),
    endpoints: rows.endpoints.map((r) => stamp('endpoints', r)),
    registry_index: rows.registry_index.map((r) => stamp('registry_index', r)),
    notifiers: rows.notifiers.map((r) => ({...stamp('notifiers', r), created_at: at})),
    maintenance_windows: rows.maintenance_windows.map((r) => ({...stamp('maintenance_windows', r), created_at: at})),
  } as unknown as ObservedState
}

/** The example inventory of docs/format.md. */
export function specModel(): MonitorsModel {
  return model(
    entity('mlx:8100', {
      type: 'backend',
      label: 'jerry-xl',
      owner: 'mlx',
      docs_ref: 'docs/mlx.md',
      endpoints: [endpoint('mlx:8100', 'models'), endpoint('mlx:8100', 'health', {check: check({timeout: 2000, degraded_after: 300, headers: {Authorization: 'Bearer ${MLX_TOKEN}'}})})],
      registry: [registry('mlx:8100')],
    }),
    entity('ov:9000', {owner: 'ov-llm-server', endpoints: [endpoint('ov:9000', 'health', {url: 'http://127.0.0.1:9000/health'})]}),
  )
}
