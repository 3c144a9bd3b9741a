/**
 * The drift between a registry, the gateways and the backends (SPEC section
 * 8): what a registry entry's `serves:` declares, against the model lists its
 * entities' `kind: models` checks read. Pure: the run (run.ts) gathers this
 * run's lists and the stored ones (store/model-lists.ts) and hands them here.
 */
import type {Status} from '../status.js'
import type {CheckFinding} from './kinds.js'
import {andMore, plural} from '../plural.js'
import {keptModelIds, MODEL_IDS_MAX, someNames} from './model-ids.js'
import type {Declared} from './serves.js'

export type DriftProblem = 'not_served' | 'not_declared'

export interface DriftRow {
  model: string
  entity_id: string
  problem: DriftProblem
}

/** At most this many drift rows are kept (`payload.drift`); more sets `drift_cut`. */
export const DRIFT_MAX = 1000
/** Problems named in the detail before `and N more`. */
const NAMED_MAX = 3

/** A `kind: models` endpoint's latest snapshot, this run's or stored: its status and its list, if it read one; `cut`: its first MODEL_IDS_MAX ids in sort order only. */
export interface ModelsSnapshot {
  status: Status
  models: readonly string[] | undefined
  cut?: boolean
}

/** What a models check's payload keeps of its list. */
export function modelsSnapshot(status: Status, payload: Record<string, unknown> | null | undefined): ModelsSnapshot {
  return {status, models: keptModelIds(payload), ...(payload?.models_cut === true ? {cut: true} : {})}
}

/**
 * What an entity's models checks say it lists, or why it cannot be compared.
 * `horizon`, when some list was cut: the lowest last kept id of the cut
 * lists; a model past it may be listed though the union lacks it.
 */
export type EntityList =
  | {state: 'listed'; models: ReadonlySet<string>; horizon?: string}
  | {state: 'no_check'}
  | {state: 'never_checked'}
  | {state: 'no_list'; status: Status}

/**
 * The union of an entity's models lists; one endpoint that has never been
 * checked or whose latest snapshot holds no list (the server was down) makes
 * the union unknown, so nothing is judged against it.
 */
export function entityList(snapshots: ReadonlyArray<ModelsSnapshot | undefined>): EntityList {
  if (snapshots.length === 0) return {state: 'no_check'}
  const models = new Set<string>()
  let horizon: string | undefined
  for (const snapshot of snapshots) {
    if (snapshot === undefined) return {state: 'never_checked'}
    if (snapshot.models === undefined) return {state: 'no_list', status: snapshot.status}
    for (const id of snapshot.models) models.add(id)
    const last = snapshot.models.at(-1) ?? ''
    if (snapshot.cut && (horizon === undefined || last < horizon)) horizon = last
  }
  return horizon === undefined ? {state: 'listed', models} : {state: 'listed', models, horizon}
}

export interface DriftInputs {
  /** This entry's declarations. */
  declared: readonly Declared[]
  /** Per entity this entry names, what it lists. */
  lists: ReadonlyMap<string, EntityList>
  /** Per entity, the models every active registry entry with `serves` declares for it (this one's included). */
  declaredFor: ReadonlyMap<string, ReadonlySet<string>>
  /** Some entry's declarations were cut (DECLARED_MAX): what is undeclared cannot be told, so nothing is `not_declared`. */
  declaredCut?: boolean
  /** Active entries with `serves` whose declarations are unknown (unreadable, never read): nothing is `not_declared` either. */
  undeclaredUnknown?: readonly string[]
}

export interface DriftJudgement {
  drift: DriftRow[]
  cut: boolean
  findings: CheckFinding[]
  /** What was not judged and why, for the summary: not problems. */
  remarks: string[]
}

/**
 * Each declared pair whose entity does not list the model is `not_served`
 * (error); each model an entity named here lists that no registry declares
 * for it is `not_declared` (warn). An entity that cannot be compared warns
 * once and is not judged.
 */
export function judgeDrift(inputs: DriftInputs): DriftJudgement {
  const rows: DriftRow[] = []
  const notes: CheckFinding[] = []
  const remarks: string[] = []
  const unknown = inputs.undeclaredUnknown ?? []
  const judgeUndeclared = !inputs.declaredCut && unknown.length === 0
  const entities = [...new Set(inputs.declared.map((d) => d.entity_id))].sort(order)
  for (const entity of entities) {
    const list = inputs.lists.get(entity) ?? {state: 'no_check'}
    if (list.state !== 'listed') {
      notes.push({status: 'warn', message: uncompared(entity, list)})
      continue
    }
    // A cut list keeps its first ids in sort order: a model past its horizon may be listed all the same.
    const {horizon} = list
    if (horizon !== undefined) remarks.push(`${entity} lists more than ${MODEL_IDS_MAX} models: those past its first ${MODEL_IDS_MAX} were not compared`)
    for (const d of inputs.declared) {
      if (d.entity_id === entity && !list.models.has(d.model) && (horizon === undefined || d.model <= horizon)) rows.push({model: d.model, entity_id: entity, problem: 'not_served'})
    }
    const declared = inputs.declaredFor.get(entity)
    if (judgeUndeclared) for (const model of list.models) if (!declared?.has(model)) rows.push({model, entity_id: entity, problem: 'not_declared'})
  }
  // Said only where an entity was compared, so where not_declared would have been judged.
  if (unknown.length > 0 && !inputs.declaredCut && notes.length < entities.length) {
    remarks.push(`not_declared not judged: ${someNames([...unknown].sort(order))} ${unknown.length === 1 ? 'has' : 'have'} no readable declarations`)
  }
  const byModel = (a: DriftRow, b: DriftRow) => order(a.model, b.model) || order(a.entity_id, b.entity_id) || order(a.problem, b.problem)
  rows.sort(byModel)
  const errors = rows.filter((r) => r.problem === 'not_served')
  const warned = rows.filter((r) => r.problem === 'not_declared')
  // The cut keeps every error before any warn, then the kept rows go back in model order.
  const kept = [...errors, ...warned].slice(0, DRIFT_MAX).sort(byModel)
  const findings = [
    ...errors.map((r): CheckFinding => ({status: 'error', message: `${r.model} not served by ${r.entity_id}`})),
    ...warned.map((r): CheckFinding => ({status: 'warn', message: `${r.model} listed by ${r.entity_id} but declared by no registry`})),
    ...notes,
  ]
  return {drift: kept, cut: rows.length > DRIFT_MAX, findings, remarks}
}

function uncompared(entity: string, list: Exclude<EntityList, {state: 'listed'}>): string {
  if (list.state === 'no_check') return `${entity} has no models check to compare with`
  if (list.state === 'never_checked') return `cannot compare with ${entity}: its models check has not run yet`
  return `cannot compare with ${entity}: its latest models check has no list (${list.status})`
}

/** Problems first (errors, then warns), the first NAMED_MAX of them, then how many more; then the summary in parentheses. */
export function driftDetail(findings: readonly CheckFinding[], summary: string): string {
  const problems = [...findings.filter((f) => f.status === 'error'), ...findings.filter((f) => f.status === 'warn')]
  if (problems.length === 0) return summary
  return `${andMore(problems.slice(0, NAMED_MAX).map((f) => f.message), problems.length, '; ')} (${summary})`
}

/** `serves 4 models`: the distinct models an entry declares. */
export function servesText(declared: readonly Declared[], cut: boolean): string {
  const models = new Set(declared.map((d) => d.model)).size
  return `serves ${plural(models, 'model')}${cut ? ` (only the first ${declared.length} pairs kept)` : ''}`
}

/** Per entity, the models declared for it, from every entry's declarations. */
export function declaredByEntity(all: Iterable<readonly Declared[]>): Map<string, Set<string>> {
  const byEntity = new Map<string, Set<string>>()
  for (const declared of all) {
    for (const d of declared) {
      let models = byEntity.get(d.entity_id)
      if (!models) byEntity.set(d.entity_id, (models = new Set()))
      models.add(d.model)
    }
  }
  return byEntity
}

/** `payload.declared` as stored, or undefined when the payload holds none (no `serves`, or the registry could not be read). */
export function keptDeclared(payload: Record<string, unknown> | null | undefined): Declared[] | undefined {
  const declared = payload?.declared
  if (!Array.isArray(declared)) return undefined
  return declared.filter((d): d is Declared => typeof d?.model === 'string' && typeof d?.entity_id === 'string')
}

/** Whether a stored payload's declarations were cut. */
export function keptDeclaredCut(payload: Record<string, unknown> | null | undefined): boolean {
  return payload?.declared_cut === true
}

/** `payload.drift` as stored, or null when the payload holds none. */
export function keptDrift(payload: Record<string, unknown> | null | undefined): DriftRow[] | null {
  const drift = payload?.drift
  if (!Array.isArray(drift)) return null
  return drift
    .filter((d): d is DriftRow => typeof d?.model === 'string' && typeof d?.entity_id === 'string' && (d?.problem === 'not_served' || d?.problem === 'not_declared'))
    .map(({model, entity_id, problem}) => ({model, entity_id, problem}))
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
