/**
 * where_is_model, pure: from the latest lists (what each registry entry
 * declares, `payload.declared`, and what each `kind: models` endpoint
 * listed, `payload.models`; SPEC section 8), which entities should serve a
 * model and which do. An exact id first; only when nothing anywhere has it,
 * ids equal to it but for the case of ASCII letters (an assistant often
 * writes `Qwen3-8B` for `qwen3-8b`).
 */
export interface ModelLists {
  declared: ReadonlyArray<{registry_id: string; pairs: ReadonlyArray<{model: string; entity_id: string}>}>
  served: ReadonlyArray<{endpoint_id: string; entity_id: string; models: readonly string[]}>
}

export type ModelMatch = 'exact' | 'case-insensitive' | 'none'

export interface ModelPlace {
  entity_id: string
  /** The registry entries that declare the model on this entity. */
  declared_by: Array<{registry_id: string; model: string}>
  /** This entity's models endpoints that listed it. */
  served_by: Array<{endpoint_id: string; model: string}>
}

export interface ModelPlaces {
  match: ModelMatch
  /** The ids that matched, sorted. */
  models: string[]
  /** By entity id. */
  places: ModelPlace[]
}

/** What a stored text that holds the model must contain, in either kind of match (the store compares it as lower() folds both). */
export function mentionOf(model: string): string {
  return JSON.stringify(model)
}

/** Letter case as the near match ignores it: ASCII letters only, as SQLite's lower() folds them, so that the store's text test never drops a match. */
export function foldCase(id: string): string {
  return id.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
}

export function placesOf(model: string, lists: ModelLists): ModelPlaces {
  const exact = collect(lists, (id) => id === model)
  if (exact.size > 0) return answer('exact', exact)
  const folded = foldCase(model)
  const near = collect(lists, (id) => foldCase(id) === folded)
  return answer(near.size > 0 ? 'case-insensitive' : 'none', near)
}

function collect(lists: ModelLists, matches: (id: string) => boolean): Map<string, ModelPlace> {
  const places = new Map<string, ModelPlace>()
  const place = (entity_id: string) => {
    let p = places.get(entity_id)
    if (!p) places.set(entity_id, (p = {entity_id, declared_by: [], served_by: []}))
    return p
  }
  for (const {registry_id, pairs} of lists.declared) {
    for (const {model, entity_id} of pairs) if (matches(model)) place(entity_id).declared_by.push({registry_id, model})
  }
  for (const {endpoint_id, entity_id, models} of lists.served) {
    for (const model of models) if (matches(model)) place(entity_id).served_by.push({endpoint_id, model})
  }
  return places
}

function answer(match: ModelMatch, places: Map<string, ModelPlace>): ModelPlaces {
  const models = new Set<string>()
  for (const p of places.values()) for (const x of [...p.declared_by, ...p.served_by]) models.add(x.model)
  const sorted = [...places.values()].sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0))
  return {match, models: [...models].sort(), places: sorted}
}
