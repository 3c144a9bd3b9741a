import {setImmediate as afterIo} from 'node:timers/promises'

import type {SnapshotRow} from '../rows.js'
import {storable} from '../text.js'
import {uuidv7} from '../time.js'
import {bodyTemplates} from './body.js'
import {referencedValues} from './headers.js'
import {declaredByEntity, type DriftInputs, type EntityList, entityList, type ModelsSnapshot, modelsSnapshot} from './drift.js'
import {detailLine, judgeHttp, judgeRegistry} from './judge.js'
import type {BodyLimits} from './kinds.js'
import {redactor, type Redactor} from './redact.js'
import type {CheckResult, CheckTarget, EndpointTarget, HttpProbe, Judgement, RegistryDeclared, RegistryProbe, RegistryTarget} from './types.js'

export interface Probers {
  http(target: EndpointTarget, signal: AbortSignal): Promise<HttpProbe & {secrets: string[]}>
  registry(target: RegistryTarget): Promise<RegistryProbe>
}

/** What is stored of the lists and declarations a registry's `serves` is compared with (check/drift.ts). */
export interface ServesLists {
  /** Per entity, its active `kind: models` endpoint ids. */
  modelsEndpoints: ReadonlyMap<string, readonly string[]>
  /** Per models endpoint not checked in this run, its latest snapshot (any status). */
  latestModels: ReadonlyMap<string, ModelsSnapshot>
  /** Per active registry entry with `serves`, its latest snapshot's declarations, where it holds them. */
  declared: ReadonlyMap<string, RegistryDeclared>
  /** Every active registry entry with `serves`: one absent from `declared` (and unread in this run) declares what nobody knows. */
  registries: readonly string[]
}

export interface RunOptions extends BodyLimits {
  concurrency: number
  probers: Probers
  /** Receives each snapshot as soon as its check finishes. */
  record(row: SnapshotRow): void
  /** Called after each result, for progress. */
  onResult?(result: CheckResult): void
  /** Aborting stops new checks and cancels those in flight; finished ones are kept. */
  signal?: AbortSignal
  /** Checked before each new check starts: true stops the run (e.g. the database failed). */
  shouldStop?(): boolean
  /** Per endpoint id, the payload of its latest snapshot that holds its list (store/latest-payloads.ts readLatestHolding), for the kinds that compare (see comparesWithEarlier). */
  earlier?: ReadonlyMap<string, Record<string, unknown>>
  /**
   * The stored side of what registry entries with `serves` are compared with,
   * for the entities they name; `checked` are the endpoints this run checked
   * and `probed` the registry entries it read declarations from (theirs are this run's; one
   * whose read failed falls back to what was stored).
   * Absent: nothing stored to compare with.
   */
  servesLists?(entities: readonly string[], checked: ReadonlySet<string>, probed: ReadonlySet<string>): Promise<ServesLists>
  /** Where `${VAR}` values come from, to hide every secret of the run from every snapshot; default process.env. */
  env?: Record<string, string | undefined>
}

/**
 * Runs every check with at most `concurrency` in flight. Each check obeys its
 * own deadline, so the run ends within the slowest check's budget (times its
 * attempts) however the endpoints behave, not after the sum of the timeouts.
 * A registry entry with `serves` runs last, once every model list of the run
 * is in (SPEC section 8): see servesPhase.
 */
export async function runChecks(targets: readonly CheckTarget[], options: RunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  const signal = options.signal ?? new AbortController().signal
  const secrets = referencedValues(
    targets.flatMap((t) => (t.table === 'endpoints' ? [...Object.values(t.check.headers), ...bodyTemplates(t.check.body)] : [])),
    options.env ?? process.env,
  )
  const record = (row: SnapshotRow) => {
    options.record(row)
    const result = resultOf(row)
    results.push(result)
    options.onResult?.(result)
  }
  const lists = new Map<string, ModelsSnapshot>()
  const run: RunState = {options, signal, secrets}
  await inPool(targets.filter((t) => !comparesWithLists(t)), run, true, async (target) => {
    const done = await snapshotOf(target, run)
    if (!done) return
    if (target.table === 'endpoints' && target.kind === 'models') lists.set(target.id, modelsSnapshot(done.row.status, done.payload))
    record(done.row)
  })
  await servesPhase(targets.filter(comparesWithLists), lists, run, record)
  return results
}

interface RunState {
  options: RunOptions
  signal: AbortSignal
  secrets: readonly string[]
}

/** Runs `work` on each item, `concurrency` at a time, until the run stops; `firstAlone`: see below. */
async function inPool<T>(items: readonly T[], run: RunState, firstAlone: boolean, work: (item: T) => Promise<void>): Promise<void> {
  const {options, signal} = run
  let next = 0
  const worker = async (until: number) => {
    while (next < until && !signal.aborted && !options.shouldStop?.()) await work(items[next++]!)
  }
  const others = () => Array.from({length: Math.min(options.concurrency, items.length) - 1}, () => worker(items.length))
  if (!firstAlone) {
    await Promise.all([worker(items.length), ...others()])
    return
  }
  // The first check runs alone, for up to FIRST_ALONE_MS: the first time through, V8 compiles what judges and
  // stores a result, and that must not land on the clock of other checks in flight. A first check that hangs
  // holds the rest no longer than that. Then the rest, `concurrency` at a time.
  const alone = worker(Math.min(1, items.length))
  await raceTimer(alone, FIRST_ALONE_MS)
  const first = alone.then(() => worker(items.length))
  await Promise.all([first, ...others()])
}

/** A registry entry whose judgement needs the model lists: it has `serves`. */
function comparesWithLists(target: CheckTarget): target is RegistryTarget {
  return target.table === 'registry_index' && target.serves != null
}

type Settled<T> = {ok: true; value: T} | {ok: false; error: unknown}

/**
 * Every registry entry with `serves` is read first, then each is judged: its
 * entities' lists are this run's where the run checked them, else the stored
 * ones; what is declared for them, every entry's, read in this run or stored.
 */
async function servesPhase(targets: readonly RegistryTarget[], lists: ReadonlyMap<string, ModelsSnapshot>, run: RunState, record: (row: SnapshotRow) => void): Promise<void> {
  if (targets.length === 0) return
  const {options, signal} = run
  const probes = new Map<string, Settled<RegistryProbe>>()
  await inPool(targets, run, false, async (target) => {
    probes.set(target.id, await options.probers.registry(target).then((value) => ({ok: true as const, value}), (error: unknown) => ({ok: false as const, error})))
  })
  if (signal.aborted) return
  const declared = new Map<string, RegistryDeclared>()
  for (const [id, probe] of probes) if (probe.ok && probe.value.declared) declared.set(id, probe.value.declared)
  const entities = [...new Set([...declared.values()].flatMap((d) => d.pairs.map((pair) => pair.entity_id)))]
  // What every entry is compared with, built once: none of it depends on the entry.
  let inputs: Settled<Omit<DriftInputs, 'declared'>>
  try {
    const stored = await (options.servesLists?.(entities, new Set(lists.keys()), new Set(declared.keys())) ?? emptyLists())
    inputs = {ok: true, value: servesInputs(entities, lists, declared, {...stored, registries: [...stored.registries, ...targets.map((t) => t.id)]})}
  } catch (error) {
    inputs = {ok: false, error}
  }
  for (const target of targets) {
    if (signal.aborted || options.shouldStop?.()) return
    const probe = probes.get(target.id)
    if (!probe) continue
    const done = await snapshotOf(target, run, {
      probe: () => (probe.ok ? Promise.resolve(probe.value) : Promise.reject(probe.error)),
      serves: () => {
        if (!inputs.ok) throw inputs.error
        return inputs.value
      },
    })
    if (done) record(done.row)
  }
}

/** The lists of the entities named, and what every active registry entry declares for each: this run's over the stored. */
function servesInputs(
  entities: readonly string[],
  lists: ReadonlyMap<string, ModelsSnapshot>,
  declared: ReadonlyMap<string, RegistryDeclared>,
  stored: ServesLists,
): Omit<DriftInputs, 'declared'> {
  const byEntity = new Map<string, EntityList>()
  for (const entity of entities) byEntity.set(entity, entityList((stored.modelsEndpoints.get(entity) ?? []).map((id) => lists.get(id) ?? stored.latestModels.get(id))))
  const all = new Map(stored.declared)
  for (const [id, pairs] of declared) all.set(id, pairs)
  const sets = [...all.values()]
  const unknown = [...new Set(stored.registries)].filter((id) => !all.has(id))
  return {lists: byEntity, declaredFor: declaredByEntity(sets.map((d) => d.pairs)), declaredCut: sets.some((d) => d.cut), undeclaredUnknown: unknown}
}

async function emptyLists(): Promise<ServesLists> {
  return {modelsEndpoints: new Map(), latestModels: new Map(), declared: new Map(), registries: []}
}

const FIRST_ALONE_MS = 100

/** Waits for `work` or `ms`, whichever comes first, and leaves no timer behind. */
async function raceTimer(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  } finally {
    clearTimeout(timer)
  }
}

/** What a check was doing when it threw: named in the error snapshot's detail. */
type Stage = 'probing' | 'judging' | 'storing'

/** For a registry entry with `serves`: its read, made before, and what it is compared with. */
interface Prepared {
  probe: () => Promise<RegistryProbe>
  serves: () => Omit<DriftInputs, 'declared'>
}

/**
 * One target's snapshot and its payload as judged, or undefined when an
 * interrupt cut its check short. Whatever throws while probing, judging or
 * serialising one target becomes an `error` snapshot for it: one bad answer
 * never costs the rest of the run.
 */
async function snapshotOf(target: CheckTarget, run: RunState, prepared?: Prepared): Promise<{row: SnapshotRow; payload: Record<string, unknown>} | undefined> {
  const {options, signal, secrets} = run
  let stage: Stage = 'probing'
  let hide: Redactor = redactor(secrets, [])
  let judgement: Judgement
  try {
    let observedAt: string
    if (target.table === 'endpoints') {
      const probe = await options.probers.http(target, signal)
      // Answers that arrived meanwhile are timed before this one is judged and stored: that work is not their latency.
      await afterIo()
      // A check cut short by an interrupt did not finish: it gets no snapshot.
      if (signal.aborted) return undefined
      stage = 'judging'
      hide = redactor([...secrets, ...probe.secrets], probe.secrets)
      const earlier = options.earlier?.get(target.id)
      judgement = judgeHttp(target, probe, {maxPayload: options.maxPayload, maxBody: options.maxBody, redactor: hide, ...(earlier ? {earlier} : {})})
      observedAt = probe.observed_at
    } else {
      const probe = await (prepared ? prepared.probe() : options.probers.registry(target))
      stage = 'judging'
      judgement = judgeRegistry(target, probe, hide, prepared?.serves())
      observedAt = probe.observed_at
    }
    stage = 'storing'
    return {row: row(target, judgement, observedAt, hide), payload: judgement.payload}
  } catch (err) {
    if (signal.aborted) return undefined
    const cause = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    const message = `check failed while ${stage}: ${cause}`
    judgement = {status: 'error', detail: detailLine(message, hide), payload: {error: hide.cut(message), latency_ms: null}}
    return {row: row(target, judgement, new Date().toISOString(), hide), payload: judgement.payload}
  }
}

/** The stored row: the payload redacted as a whole (the judge already redacted what it cut), and nothing either engine refuses. */
function row(target: CheckTarget, judgement: Judgement, observedAt: string, hide: Redactor): SnapshotRow {
  const latency = typeof judgement.payload.latency_ms === 'number' ? judgement.payload.latency_ms : null
  const phases = judgement.payload.phases_ms
  return {
    id: uuidv7(Date.parse(observedAt)),
    entity_id: target.entity_id,
    endpoint_id: target.table === 'endpoints' ? target.id : null,
    registry_id: target.table === 'registry_index' ? target.id : null,
    status: judgement.status,
    detail: storable(judgement.detail),
    payload_json: storable(hide.text(JSON.stringify(judgement.payload))),
    latency_ms: latency,
    // Numbers only, measured by mon: nothing in them to redact.
    phases_ms_json: phases === undefined ? null : JSON.stringify(phases),
    observed_at: observedAt,
  }
}

function resultOf(row: SnapshotRow): CheckResult {
  return {
    entity_id: row.entity_id,
    endpoint_id: row.endpoint_id,
    registry_id: row.registry_id,
    status: row.status,
    detail: row.detail,
    latency_ms: row.latency_ms,
    snapshot_id: row.id,
  }
}

/** Whether a target's judge compares with its latest earlier list: a model list that may warn when it changed, or pinned MCP tools. */
export function comparesWithEarlier(target: CheckTarget): target is EndpointTarget {
  if (target.table !== 'endpoints') return false
  if (target.kind === 'models') return (target.check.models?.changed ?? 'warn') === 'warn'
  return target.kind === 'mcp' && target.check.mcp?.pin_tools === true
}

export type {CheckResult} from './types.js'
