import {didYouMean} from '../config/suggest.js'
import {MonError} from '../errors.js'
import type {ActiveTargets} from './targets.js'
import {inShard, type Shard} from './shard.js'
import type {CheckTarget} from './types.js'

export interface Selection {
  /** Entity, endpoint or registry ids; an entity id selects all it holds. */
  only?: readonly string[]
  type?: string
  owner?: string
  shard?: Shard
}

export interface Selected {
  targets: CheckTarget[]
  /** --only ids that name nothing active. */
  unknown: string[]
  /** Every active id, when some --only id is unknown: what it is compared with for a suggestion. */
  known?: string[]
  /** How many targets matched before the shard split. */
  matched: number
}

/** Narrows the active targets by --only, --type, --owner, then keeps this runner's shard. */
export function selectTargets(active: ActiveTargets, selection: Selection): Selected {
  const only = selection.only && selection.only.length > 0 ? new Set(selection.only) : undefined
  const used = new Set<string>()
  const picked: CheckTarget[] = []
  for (const candidate of [...active.endpoints, ...active.registry]) {
    const {entity, ...target} = candidate
    if (selection.type !== undefined && entity.type !== selection.type) continue
    if (selection.owner !== undefined && entity.owner !== selection.owner) continue
    if (only) {
      const hit = [target.id, target.entity_id].filter((id) => only.has(id))
      if (hit.length === 0) continue
      for (const id of hit) used.add(id)
    }
    picked.push(target as CheckTarget)
  }
  const unknown = only ? [...only].filter((id) => !used.has(id)) : []
  const targets = picked.filter((t) => inShard(t.id, selection.shard))
  if (unknown.length === 0) return {targets, unknown, matched: picked.length}
  const known = [...new Set([...active.endpoints, ...active.registry].flatMap((t) => [t.id, t.entity_id]))]
  return {targets, unknown, known, matched: picked.length}
}

/** Refuses a selection that cannot run: an --only id that names nothing active, or nothing at all to check. */
export function refuseEmpty(selected: Selected, selection: Selection, database: string): void {
  if (selected.unknown.length > 0) {
    const ids = selected.unknown.map((id) => `"${id}"`).join(', ')
    throw new MonError(`--only: no active entity, endpoint or registry entry with id ${ids} (retired, or never applied)${didYouMean(selected.unknown, selected.known ?? [])}`)
  }
  if (selected.matched > 0) return
  const narrowed = selection.type !== undefined || selection.owner !== undefined
  throw new MonError(narrowed ? 'nothing to check: no active endpoint or registry entry matches --type/--owner' : `nothing to check: no active endpoints or registry entries in ${database}; run mon apply`)
}
