/**
 * A registry entry's drift per model, for `mon status` and the status page
 * (SPEC section 8): which entities it is declared for, whether each backend
 * serves it, whether each gateway lists it. Pure: from what the entry's
 * latest snapshot kept (`payload.declared`, `payload.drift`).
 */
import {type DriftRow, keptDeclared, keptDrift} from '../check/drift.js'
import type {Declared} from '../check/serves.js'

/** What the latest snapshot of a registry entry with `serves` kept. */
export interface ServesSeen {
  declared: Declared[]
  /** null when that snapshot compared nothing (never checked, or the registry could not be read). */
  drift: DriftRow[] | null
  /** Every active entity's type, whatever the command's filter shows: which entity is a gateway. */
  types: ReadonlyMap<string, string>
}

/**
 * Per registry id, what its latest snapshot kept; from each entry with
 * `serves` (store/model-lists.ts readLatestServes). `entities`: every
 * active entity, for their types.
 */
export function servesSeen(latest: ReadonlyMap<string, {payload: Record<string, unknown> | null}>, entities: ReadonlyArray<{id: string; type: string}>): Map<string, ServesSeen> {
  const types = new Map(entities.map((e) => [e.id, e.type]))
  const seen = new Map<string, ServesSeen>()
  for (const [id, {payload}] of latest) seen.set(id, {declared: keptDeclared(payload) ?? [], drift: keptDrift(payload), types})
  return seen
}

/** One model with drift: an entity that should have it (declared) or has it (listed), and whether it does. */
export interface DriftModel {
  model: string
  declared_for: string[]
  backends: Array<{entity_id: string; has: boolean}>
  gateways: Array<{entity_id: string; has: boolean}>
}

/** Models shown per registry entry; `status --json` has every row. */
const DRIFT_VIEW_MAX = 20

/**
 * The models that drift, sorted, at most DRIFT_VIEW_MAX (those not served
 * first), and how many more.
 * An entity of type gateway is a gateway; any other a backend.
 */
export function driftModels(seen: ServesSeen): {models: DriftModel[]; more: number} {
  const {types} = seen
  const drift = seen.drift ?? []
  const names = [...new Set(drift.map((d) => d.model))].sort()
  // The models not served are shown before any that is only undeclared; those shown, in model order.
  const failing = new Set(drift.filter((d) => d.problem === 'not_served').map((d) => d.model))
  const shown = [...names.filter((m) => failing.has(m)), ...names.filter((m) => !failing.has(m))].slice(0, DRIFT_VIEW_MAX).sort()
  const models = shown.map((model): DriftModel => {
    const declared_for = seen.declared.filter((d) => d.model === model).map((d) => d.entity_id)
    const rows = drift.filter((d) => d.model === model)
    const missing = new Set(rows.filter((d) => d.problem === 'not_served').map((d) => d.entity_id))
    const undeclared = rows.filter((d) => d.problem === 'not_declared').map((d) => d.entity_id)
    const involved = [...new Set([...declared_for, ...undeclared])].sort()
    const has = involved.map((entity_id) => ({entity_id, has: !missing.has(entity_id)}))
    return {model, declared_for, backends: has.filter((e) => types.get(e.entity_id) !== 'gateway'), gateways: has.filter((e) => types.get(e.entity_id) === 'gateway')}
  })
  return {models, more: names.length - models.length}
}

/** The table's cells: model, declared for, served by backend, listed by gateway; `no mlx-box` where it should be and is not. */
export function driftCells(m: DriftModel): [string, string, string, string] {
  const marks = (list: DriftModel['backends']) => list.map((e) => (e.has ? e.entity_id : `no ${e.entity_id}`)).join(', ') || '–'
  return [m.model, m.declared_for.join(', ') || 'no registry', marks(m.backends), marks(m.gateways)]
}

export const DRIFT_HEADINGS = ['MODEL', 'DECLARED FOR', 'SERVED BY BACKEND', 'LISTED BY GATEWAY'] as const
