/**
 * The small stack the `mon mcp` tests read: a monitors.yaml applied at a
 * fixed time, then snapshots written through the store as mon check writes
 * them (a models list repeated, so that the newest row is a reference to
 * its base), a registry snapshot declaring which entity serves which model
 * (SPEC section 8's `payload.declared`), and one open alert.
 *
 *   mlx (backend, ml)        mlx:models  ok, lists llama-3.1-8b, qwen3-8b (twice: the newest a `=`)
 *   (every row in the last 2 minutes: none is stale at NOW)
 *                            mlx:health  warn
 *   ov  (backend, ml)        ov:models   error, lists OpenVINO/Qwen3-8B-int4-ov; an open alert
 *   gw  (gateway, platform)  gw:models   ok, lists llama-3.1-8b, qwen3-8b
 *   reg (registry, platform) registry:reg ok, declares qwen3-8b on mlx and on ov
 *
 * recordFleet writes it into a database.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {expect} from 'vitest'

import type {SnapshotRow} from '../../src/rows.js'
import {insertSnapshots} from '../../src/store/snapshots.js'
import {uuidv7} from '../../src/time.js'
import {insertAlert} from '../alert/rows.js'
import {withDriver} from '../history/seed.js'
import {mon} from '../support/cli.js'

export const APPLIED_AT = '2026-12-01T08:00:00.000Z'
export const NOW = '2026-12-01T12:00:00.000Z'

export const CONFIG = `version: 1
entities:
  - id: mlx
    type: backend
    label: MLX box
    owner: ml
    endpoints:
      - kind: models
        url: http://127.0.0.1:9/v1/models
      - kind: health
        url: http://127.0.0.1:9/health
  - id: ov
    type: backend
    label: OpenVINO
    owner: ml
    endpoints:
      - kind: models
        url: http://127.0.0.1:9/v3/models
  - id: gw
    type: gateway
    label: LiteLLM
    owner: platform
    endpoints:
      - kind: models
        url: http://127.0.0.1:9/v1/models
        check:
          interval: 5m
  - id: reg
    type: registry
    label: Model registry
    owner: platform
    registry:
      - path: ./models.json
        authority: platform
        format: json
`

const REGISTRY_FILE = '{"models": []}\n'

/** A check's row at `minutesBefore` NOW; its payload starts with latency_ms, as the judge writes it, so the store keeps it as a body. */
function row(target: {entity_id: string; endpoint_id?: string; registry_id?: string}, minutesBefore: number, status: SnapshotRow['status'], detail: string, fields: Record<string, unknown>): SnapshotRow {
  const ms = Date.parse(NOW) - minutesBefore * 60_000
  const latency_ms = 12
  return {
    id: uuidv7(ms),
    entity_id: target.entity_id,
    endpoint_id: target.endpoint_id ?? null,
    registry_id: target.registry_id ?? null,
    status,
    detail,
    payload_json: JSON.stringify({latency_ms, attempts: 1, ...fields}),
    latency_ms,
    phases_ms_json: null,
    observed_at: new Date(ms).toISOString(),
  }
}

const modelsAnswer = (ids: string[]) => ({http_status: 200, bytes: 100, body: {object: 'list', data: ids.map((id) => ({id, object: 'model'}))}, models: ids})

export function fleetRows(): SnapshotRow[] {
  const mlx = {entity_id: 'mlx', endpoint_id: 'mlx:models'}
  return [
    row(mlx, 2, 'ok', '2 models', modelsAnswer(['llama-3.1-8b', 'qwen3-8b'])),
    row({entity_id: 'mlx', endpoint_id: 'mlx:health'}, 1.8, 'warn', '200 OK in 12 ms, slower than 300 ms', {http_status: 200}),
    row({entity_id: 'ov', endpoint_id: 'ov:models'}, 1.6, 'error', 'model missing: qwen3-8b', modelsAnswer(['OpenVINO/Qwen3-8B-int4-ov'])),
    row({entity_id: 'gw', endpoint_id: 'gw:models'}, 1.4, 'ok', '2 models', modelsAnswer(['llama-3.1-8b', 'qwen3-8b'])),
    row({entity_id: 'reg', registry_id: 'registry:reg'}, 1.2, 'ok', '2 entries', {
      entries: 2,
      declared: [
        {model: 'qwen3-8b', entity_id: 'mlx'},
        {model: 'qwen3-8b', entity_id: 'ov'},
      ],
      drift: [{model: 'qwen3-8b', entity_id: 'ov', problem: 'not_served'}],
    }),
    // The same answer again: stored as a reference (`=`) to the row above's body.
    row(mlx, 1, 'ok', '2 models', modelsAnswer(['llama-3.1-8b', 'qwen3-8b'])),
  ]
}

/** where_is_model's answer for qwen3-8b over this fleet: gw lists it undeclared, mlx is declared and lists it, ov is declared and does not. */
export const QWEN_ANSWER = {
  model: 'qwen3-8b',
  match: 'exact',
  models: ['qwen3-8b'],
  entities: [
    {entity_id: 'gw', status: 'ok', declared_by: [], served_by: [{endpoint_id: 'gw:models', model: 'qwen3-8b'}]},
    {entity_id: 'mlx', status: 'warn', declared_by: [{registry_id: 'registry:reg', model: 'qwen3-8b'}], served_by: [{endpoint_id: 'mlx:models', model: 'qwen3-8b'}]},
    {entity_id: 'ov', status: 'error', declared_by: [{registry_id: 'registry:reg', model: 'qwen3-8b'}], served_by: []},
  ],
  total: 3,
  truncated: false,
}

/** The fleet in the database `db` (a --db value): monitors.yaml and the registry file in `dir`, applied at APPLIED_AT, then its rows and alert. */
export async function recordFleet(dir: string, db: string): Promise<void> {
  writeFileSync(path.join(dir, 'monitors.yaml'), CONFIG)
  writeFileSync(path.join(dir, 'models.json'), REGISTRY_FILE)
  const applied = await mon(['apply', '--db', db], {cwd: dir, env: {MON_NOW: APPLIED_AT}})
  expect(applied.code, applied.stderr).toBe(0)
  await withDriver(db, async (driver) => {
    await insertSnapshots(driver, fleetRows())
    await insertAlert(driver, {id: 'a1', target_id: 'ov:models', entity_id: 'ov', detail: 'model missing: qwen3-8b', opened_at: '2026-12-01T11:58:24.000Z'})
  })
}
