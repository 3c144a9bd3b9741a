/**
 * The applied state that `check` probes, as rows: active endpoints and
 * registry entries of active entities, each with its entity's type and
 * owner (what `check` narrows by). check/targets.ts turns them into targets.
 */
import type {Driver} from './driver.js'
import type {EndpointTargetRow, RegistryTargetRow, TargetRows} from '../rows.js'

/** A retired row, or any row of a retired entity, is never checked. */
export async function readTargetRows(driver: Driver): Promise<TargetRows> {
  const endpoints = await driver.all<EndpointTargetRow>(
    `SELECT p.id, p.entity_id, p.kind, p.url, p.method, p.check_json, e.type, e.owner
       FROM endpoints p JOIN entities e ON e.id = p.entity_id
      WHERE p.retired_at IS NULL AND e.retired_at IS NULL
      ORDER BY p.id`,
  )
  const registry = await driver.all<RegistryTargetRow>(
    `SELECT r.id, r.entity_id, r.registry_path, r.authority, r.format, r.interval, r.serves_json, e.type, e.owner
       FROM registry_index r JOIN entities e ON e.id = r.entity_id
      WHERE r.retired_at IS NULL AND e.retired_at IS NULL
      ORDER BY r.id`,
  )
  return {endpoints, registry}
}
