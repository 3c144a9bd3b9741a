import type {SnapshotRow} from '../rows.js'
import {uuidv7} from '../time.js'
import {scrubSecrets} from './headers.js'
import {judgeHttp, judgeRegistry} from './judge.js'
import type {BodyLimits} from './kinds.js'
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
}

/**
 * Runs every check with at most `concurrency` in flight. Each check obeys its
 * own deadline, so the run ends within the slowest check's budget (times its
 * attempts) however the endpoints behave, not after the sum of the timeouts.
 */
export async function runChecks(targets: readonly CheckTarget[], options: RunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  const signal = options.signal ?? new AbortController().signal
  let next = 0
  const worker = async () => {
    while (next < targets.length && !signal.aborted && !options.shouldStop?.()) {
      const target = targets[next++]!
      const result = await checkOne(target, options, signal)
      if (!result) continue
      results.push(result)
      options.onResult?.(result)
    }
  }
  await Promise.all(Array.from({length: Math.min(options.concurrency, targets.length)}, worker))
  return results
}

async function checkOne(target: CheckTarget, options: RunOptions, signal: AbortSignal): Promise<CheckResult | undefined> {
  let judgement: Judgement
  let observedAt: string
  let secrets: string[] = []
  if (target.table === 'endpoints') {
    const probe = await options.probers.http(target, signal)
    // A check cut short by an interrupt did not finish: it gets no snapshot.
    if (signal.aborted) return undefined
    judgement = judgeHttp(target, probe, options)
    observedAt = probe.observed_at
    secrets = probe.secrets
  } else {
    const probe = await options.probers.registry(target)
    judgement = judgeRegistry(target, probe)
    observedAt = probe.observed_at
  }
  const latency = typeof judgement.payload.latency_ms === 'number' ? judgement.payload.latency_ms : null
  const row: SnapshotRow = {
    id: uuidv7(Date.parse(observedAt)),
    entity_id: target.entity_id,
    endpoint_id: target.table === 'endpoints' ? target.id : null,
    registry_id: target.table === 'registry_index' ? target.id : null,
    status: judgement.status,
    detail: scrubSecrets(judgement.detail, secrets),
    payload_json: scrubSecrets(JSON.stringify(judgement.payload), secrets),
    latency_ms: latency,
    observed_at: observedAt,
  }
  options.record(row)
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

export type {CheckResult} from './types.js'
