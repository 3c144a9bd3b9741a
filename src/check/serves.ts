/**
 * What a registry entry's `serves:` declares (SPEC section 8): the (model,
 * entity) pairs its document names, read by dotted paths. Pure. The YAML
 * worker (registry-yaml.ts) runs `declaredPairs` itself, from its source
 * text, so that only the bounded pairs come back from it: the function
 * therefore uses nothing from outside its own body.
 */
import type {Serves} from '../config/model.js'

export interface Declared {
  model: string
  entity_id: string
}

/** At most this many pairs are kept (`payload.declared`), the first in sort order; more sets `declared_cut`. */
export const DECLARED_MAX = 5000

export type Declarations = {ok: true; declared: Declared[]; cut: boolean} | {ok: false; message: string}

/**
 * The pairs of `value` (the parsed registry), sorted by model then entity,
 * unique, at most `max`. `items` must lead to a list; in each item, a `model`
 * or entity path that leads nowhere or to no string names nothing. Ids are
 * cut to `idMax` characters, as a models check cuts what it lists.
 */
export function declaredPairs(value: unknown, serves: Serves, max: number, idMax: number): Declarations {
  const at = (start: unknown, segments: readonly string[]): unknown => {
    let here = start
    for (const segment of segments) {
      if (Array.isArray(here)) here = /^\d+$/.test(segment) ? here[Number(segment)] : undefined
      else if (here !== null && typeof here === 'object' && Object.prototype.hasOwnProperty.call(here, segment)) here = (here as Record<string, unknown>)[segment]
      else return undefined
    }
    return here
  }
  const items = at(value, serves.items.split('.'))
  if (!Array.isArray(items)) return {ok: false, message: `serves: no list at ${serves.items}`}
  const modelPath = serves.model.split('.')
  const entityPaths = serves.entities.map((p) => p.split('.'))
  // Per model its entities: unique pairs without building a key for each.
  const byModel = new Map<string, Set<string>>()
  for (const item of items) {
    const model = at(item, modelPath)
    if (typeof model !== 'string' || model === '') continue
    for (const path of entityPaths) {
      const entity = at(item, path)
      if (typeof entity !== 'string' || entity === '') continue
      const id = model.slice(0, idMax)
      let entities = byModel.get(id)
      if (!entities) byModel.set(id, (entities = new Set()))
      entities.add(entity.slice(0, idMax))
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const declared: Declared[] = []
  let total = 0
  for (const model of [...byModel.keys()].sort(order)) {
    const entities = byModel.get(model)!
    total += entities.size
    // Only the first `max` in sort order are kept: the rest are counted, not sorted.
    if (declared.length < max) for (const entity_id of [...entities].sort(order).slice(0, max - declared.length)) declared.push({model, entity_id})
  }
  return {ok: true, declared, cut: total > max}
}
