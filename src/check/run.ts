import {setImmediate as afterIo} from 'node:timers/promises'

import type {SnapshotRow} from '../rows.js'
import {storable} from '../text.js'
import {uuidv7} from '../time.js'
import {bodyTemplates} from './body.js'
import {referencedValues} from './headers.js'
import {detailLine, judgeHttp, judgeRegistry} from './judge.js'
import type {BodyLimits} from './kinds.js'
import {redactor, type Redactor} from './redact.js'
import type {CheckResult, CheckTarget, EndpointTarget, HttpProbe, Judgement, RegistryProbe, RegistryTarget} from './types.js'

export interface Probers {
  http(target: EndpointTarget, signal: AbortSignal): Promise<HttpProbe & {secrets: string[]}>
  registry(target: RegistryTarget): Promise<RegistryProbe>
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
  /** Per endpoint id, its latest ok-or-warn snapshot's payload, for the kinds that compare (see comparesWithEarlier). */
  earlier?: ReadonlyMap<string, Record<string, unknown>>
  /** Where `${VAR}` values come from, to hide every secret of the run from every snapshot; default process.env. */
  env?: Record<string, string | undefined>
}

/**
 * Runs every check with at most `concurrency` in flight. Each check obeys its
 * own deadline, so the run ends within the slowest check's budget (times its
 * attempts) however the endpoints behave, not after the sum of the timeouts.
 */
export async function runChecks(targets: readonly CheckTarget[], options: RunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  const signal = options.signal ?? new AbortController().signal
  const secrets = referencedValues(
    targets.flatMap((t) => (t.table === 'endpoints' ? [...Object.values(t.check.headers), ...bodyTemplates(t.check.body)] : [])),
    options.env ?? process.env,
  )
  let next = 0
  const worker = async (until: number) => {
    while (next < until && !signal.aborted && !options.shouldStop?.()) {
      const target = targets[next++]!
      const row = await snapshotOf(target, options, signal, secrets)
      if (!row) continue
      options.record(row)
      const result = resultOf(row)
      results.push(result)
      options.onResult?.(result)
    }
  }
  // The first check runs alone, for up to FIRST_ALONE_MS: the first time through, V8 compiles what judges and
  // stores a result, and that must not land on the clock of other checks in flight. A first check that hangs
  // holds the rest no longer than that. Then the rest, `concurrency` at a time.
  const alone = worker(Math.min(1, targets.length))
  await raceTimer(alone, FIRST_ALONE_MS)
  const first = alone.then(() => worker(targets.length))
  await Promise.all([first, ...Array.from({length: Math.min(options.concurrency, targets.length) - 1}, () => worker(targets.length))])
  return results
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

/**
 * One target's snapshot, or undefined when an interrupt cut its check short.
 * Whatever throws while probing, judging or serialising one target becomes an
 * `error` snapshot for it: one bad answer never costs the rest of the run.
 */
async function snapshotOf(target: CheckTarget, options: RunOptions, signal: AbortSignal, secrets: readonly string[]): Promise<SnapshotRow | undefined> {
  let stage: Stage = 'probing'
  let hide: Redactor = redactor(secrets, [])
  try {
    let judgement: Judgement
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
      const probe = await options.probers.registry(target)
      stage = 'judging'
      judgement = judgeRegistry(target, probe, hide)
      observedAt = probe.observed_at
    }
    stage = 'storing'
    return row(target, judgement, observedAt, hide)
  } catch (err) {
    if (signal.aborted) return undefined
    const cause = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    const message = `check failed while ${stage}: ${cause}`
    return row(target, {status: 'error', detail: detailLine(message, hide), payload: {error: hide.cut(message), latency_ms: null}}, new Date().toISOString(), hide)
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
