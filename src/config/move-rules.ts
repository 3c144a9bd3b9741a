/**
 * The rules of `moved:` the schema cannot express, on the raw data. Each is an
 * error at the entry's own line: a move names an id the database holds
 * (`from`, no longer in the file) and one the file declares (`to`), in the
 * table that declares `to`. What the database holds is the planner's
 * business (plan/moves.ts), not validate's.
 */
import type {Finding, Where} from './finding.js'
import {ENDPOINT_KINDS, defaultEndpointId, defaultRegistryId} from './model.js'
import {didYouMean} from './suggest.js'
import {isRecord, list, type Raw} from './raw.js'

/** The movable tables and what a message calls them. */
export type MovableNoun = 'entity' | 'endpoint' | 'registry entry'

/** Every id the file declares, movable or not, with what it is: written ids and derived ones alike. */
export function declaredIds(data: Raw): {movable: Map<string, MovableNoun[]>; fixed: Map<string, string>} {
  const movable = new Map<string, MovableNoun[]>()
  const add = (id: unknown, noun: MovableNoun): void => {
    if (typeof id !== 'string') return
    const nouns = movable.get(id) ?? []
    if (!nouns.includes(noun)) nouns.push(noun)
    movable.set(id, nouns)
  }
  for (const entity of list(data.entities)) {
    if (!isRecord(entity)) continue
    add(entity.id, 'entity')
    const entityId = typeof entity.id === 'string' ? entity.id : undefined
    for (const endpoint of list(entity.endpoints)) {
      if (!isRecord(endpoint)) continue
      const kind = (ENDPOINT_KINDS as readonly unknown[]).includes(endpoint.kind) ? (endpoint.kind as (typeof ENDPOINT_KINDS)[number]) : undefined
      add(endpoint.id ?? (entityId !== undefined && kind !== undefined ? defaultEndpointId(entityId, kind) : undefined), 'endpoint')
    }
    for (const entry of list(entity.registry)) {
      if (isRecord(entry)) add(entry.id ?? (entityId !== undefined ? defaultRegistryId(entityId) : undefined), 'registry entry')
    }
  }
  const fixed = new Map<string, string>()
  for (const notifier of list(data.notifiers)) if (isRecord(notifier) && typeof notifier.id === 'string') fixed.set(notifier.id, 'notifier')
  for (const window of list(data.maintenance)) if (isRecord(window) && typeof window.id === 'string') fixed.set(window.id, 'maintenance window')
  return {movable, fixed}
}

export function moveFindings(data: Raw, where: Where): Finding[] {
  const moves = list(data.moved)
  if (moves.length === 0) return []
  const {movable, fixed} = declaredIds(data)
  const findings: Finding[] = []
  const error = (i: number, key: 'from' | 'to' | null, message: string): void => {
    findings.push({path: key === null ? ['moved', i] : ['moved', i, key], severity: 'error', message})
  }
  const froms = new Map<string, number>()
  const tos = new Map<string, number>()
  const entries = moves.map((move) => (isRecord(move) && typeof move.from === 'string' && typeof move.to === 'string' ? {from: move.from, to: move.to} : null))
  // A chain a → b, b → c in one file: b is both, and a plan cannot tell which rows b meant.
  const firstFrom = new Map<string, number>()
  for (const [i, move] of entries.entries()) if (move && move.from !== move.to && !firstFrom.has(move.from)) firstFrom.set(move.from, i)
  const chained = new Map<number, number>()
  for (const [i, move] of entries.entries()) {
    const next = move && move.from !== move.to ? firstFrom.get(move.to) : undefined
    if (next !== undefined) chained.set(i, next)
  }
  for (const [i, move] of entries.entries()) {
    if (!move) continue
    const {from, to} = move
    if (from === to) {
      error(i, 'to', `moved ${from} → ${to}: from and to are the same id; remove the entry`)
      continue
    }
    const fixedNoun = fixed.get(to)
    if (fixedNoun !== undefined && !movable.has(to)) {
      error(i, 'to', `moved ${from} → ${to}: a ${fixedNoun} cannot be moved (only entities, endpoints and registry entries keep history); rename it in place`)
      continue
    }
    const toNouns = movable.get(to)
    if (toNouns === undefined && !chained.has(i)) error(i, 'to', `moved ${from} → ${to}: ${to} is not declared in the file${didYouMean([to], [...movable.keys()])}`)
    const fromNouns = movable.get(from)
    if (fromNouns !== undefined) error(i, 'from', `moved ${from} → ${to}: ${from} is still declared (as ${fromNouns.join(' and ')}); a move renames it, so remove or rename its declaration`)
    const twiceTo = tos.get(to)
    if (twiceTo !== undefined) error(i, 'to', `moved ${from} → ${to}: ${where(['moved', twiceTo])} also moves to ${to}; two rows cannot become one`)
    else tos.set(to, i)
    const twiceFrom = froms.get(from)
    if (twiceFrom !== undefined) error(i, 'from', `moved ${from} → ${to}: ${where(['moved', twiceFrom])} also moves ${from}; one row cannot become two`)
    else froms.set(from, i)
  }
  for (const [i, next] of chained) {
    const first = entries[i]!
    const second = entries[next]!
    error(next, 'from', `moved ${second.from} → ${second.to}: chains with ${first.from} → ${first.to} at ${where(['moved', i])}; write ${first.from} → ${second.to} instead`)
  }
  return findings
}
