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
  const at = (start: unknown, dotted: string): unknown => {
    let here = start
    for (const segment of dotted.split('.')) {
      if (Array.isArray(here)) here = /^\d+$/.test(segment) ? here[Number(segment)] : undefined
      else if (here !== null && typeof here === 'object' && Object.prototype.hasOwnProperty.call(here, segment)) here = (here as Record<string, unknown>)[segment]
      else return undefined
    }
    return here
  }
  const items = at(value, serves.items)
  if (!Array.isArray(items)) return {ok: false, message: `serves: no list at ${serves.items}`}
  const seen = new Set<string>()
  const pairs: Array<[string, string]> = []
  for (const item of items) {
    const model = at(item, serves.model)
    if (typeof model !== 'string' || model === '') continue
    for (const path of serves.entities) {
      const entity = at(item, path)
      if (typeof entity !== 'string' || entity === '') continue
      const pair: [string, string] = [model.slice(0, idMax), entity.slice(0, idMax)]
      const key = JSON.stringify(pair)
      if (seen.has(key)) continue
      seen.add(key)
      pairs.push(pair)
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  pairs.sort((a, b) => order(a[0], b[0]) || order(a[1], b[1]))
  return {ok: true, declared: pairs.slice(0, max).map(([model, entity_id]) => ({model, entity_id})), cut: pairs.length > max}
}
