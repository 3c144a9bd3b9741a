/**
 * Dependency holds (SPEC section 7): an entity is held while an entity it
 * `depends_on`, directly or not, has an open alert. Apart from the windows
 * (holds.ts), so that a run with no maintenance window never loads croner.
 */

/** Each entity's direct dependencies, and the transitive closure of each, worked out once when asked. */
export interface DependencyGraph {
  readonly direct: ReadonlyMap<string, readonly string[]>
  readonly closure: Map<string, ReadonlySet<string>>
}

export function dependencyGraph(entities: ReadonlyArray<{id: string; depends_on: readonly string[]}>): DependencyGraph {
  return {direct: new Map(entities.map((e) => [e.id, e.depends_on])), closure: new Map()}
}

/** Every entity `entityId` depends on, directly or not, never itself (a cycle, rejected by validation, still ends). */
export function dependenciesOf(graph: DependencyGraph, entityId: string): ReadonlySet<string> {
  const known = graph.closure.get(entityId)
  if (known) return known
  const seen = new Set<string>()
  const queue = [...(graph.direct.get(entityId) ?? [])]
  while (queue.length > 0) {
    const id = queue.pop()!
    if (id === entityId || seen.has(id)) continue
    seen.add(id)
    queue.push(...(graph.direct.get(id) ?? []))
  }
  graph.closure.set(entityId, seen)
  return seen
}

/** Whether an entity `entityId` depends on (whatever the state of those in between) has an open alert. */
export function heldByDependency(graph: DependencyGraph, entityId: string, openEntityIds: ReadonlySet<string>): boolean {
  if (openEntityIds.size === 0) return false
  for (const id of dependenciesOf(graph, entityId)) if (openEntityIds.has(id)) return true
  return false
}
