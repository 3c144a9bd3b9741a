import {setMaxListeners} from 'node:events'

import {CHECK_EXIT, MonError, messageOf} from '../errors.js'
import {plural} from '../plural.js'
import type {Driver} from '../store/driver.js'
import type {SnapshotRow} from '../rows.js'
import {insertSnapshots} from '../store/snapshots.js'
import {replaySpool, type SpoolPlace, type SpoolWrite, writeSpool} from '../store/spool.js'
import {readTargetRows} from '../store/targets.js'
import {readLatestObservedAt} from '../store/latest-observed.js'
import {nothingDueText, splitDue} from './due.js'
import {BatchWriter} from './batch-writer.js'
import type {BodyLimits} from './kinds.js'
import {createHttpProber} from './http-probe.js'
import {progressBar} from './progress.js'
import {probeRegistry} from './registry-probe.js'
import {report, type CheckReport} from './report.js'
import {type CheckResult, comparesWithEarlier, runChecks, type ServesLists} from './run.js'
import {readLatestHolding} from '../store/latest-payloads.js'
import {readStoredServes} from '../store/model-lists.js'
import {keptDeclared, keptDeclaredCut, type ModelsSnapshot, modelsSnapshot} from './drift.js'
import {activeTargets} from './targets.js'
import {addCounts, alertStepsNote, deliveryNote, startAlertRun, type AlertRun} from './alert-run.js'
import type {AlertStepCounts} from '../store/alert-steps.js'
import {refuseEmpty, selectTargets, type Selection} from './select.js'
import type {CheckTarget, RegistryDeclared} from './types.js'

export interface ExecuteOptions extends BodyLimits {
  concurrency: number
  /** The real path relative registry paths resolve against, and whether a registry may be read outside it. */
  baseDir: string
  allowOutsideBase: boolean
  /** Draw a progress bar on stderr (only happens when it is a terminal). */
  progress: boolean
  /** How long a batch waits for another writer's lock before it goes to the spool. */
  lockTimeoutMs: number
  /** Where results that could not be committed are kept, and recorded from by the next run. */
  spool: SpoolPlace
  /** A line on stderr. */
  note: (message: string) => void
  /** --due: "now", to check only the selected targets that are due then. */
  due?: Date
  /** The run's clock for alerts (reminders, holds): the command's now, MON_NOW in tests. */
  now: Date
  /** Deliver pending notifications after the checks; false (--no-notify) records alert events and sends nothing. */
  notify: boolean
}

/**
 * mon check against an open database: the active targets it selects (or why
 * none can run), each probed and recorded, as one report. `note` tells stderr
 * when this runner's shard holds nothing.
 */
export async function checkSelection(
  driver: Driver,
  selection: Selection,
  options: ExecuteOptions,
): Promise<{report: CheckReport; targets: CheckTarget[]}> {
  await recordSpool(driver, options)
  const selected = selectTargets(activeTargets(await readTargetRows(driver)), selection)
  refuseEmpty(selected, selection, driver.target)
  const {shard} = selection
  if (selected.targets.length === 0 && shard) options.note(`shard ${shard.index}/${shard.count}: nothing to check here (${selected.matched} checks fall in other shards)`)
  if (options.due === undefined) return {report: report(await executeChecks(driver, selected.targets, options)), targets: selected.targets}
  const {due, next_due} = splitDue(selected.targets, await readLatestObservedAt(driver, idsByTable(selected.targets)), options.due.getTime())
  if (due.length === 0 && selected.targets.length > 0) options.note(nothingDueText(next_due))
  return {report: {...report(await executeChecks(driver, due, options)), next_due}, targets: due}
}

function idsByTable(targets: readonly CheckTarget[]): {endpoints: string[]; registry_index: string[]} {
  return {endpoints: targets.filter((t) => t.table === 'endpoints').map((t) => t.id), registry_index: targets.filter((t) => t.table === 'registry_index').map((t) => t.id)}
}

/** What earlier runs could not commit goes in first, whatever this run selects (--only, --shard). */
async function recordSpool(driver: Driver, options: ExecuteOptions): Promise<void> {
  const replay = await replaySpool(driver, options.spool, {lockTimeoutMs: options.lockTimeoutMs, note: options.note})
  if (replay.files === 0) return
  const orphaned = replay.orphaned === 0 ? '' : `; left out ${replay.orphaned} whose entity, endpoint or registry entry no longer exists`
  options.note(`spool: recorded ${replay.added} snapshots from ${plural(replay.files, 'earlier run')} kept in ${options.spool.dir}${orphaned}`)
}

/** Rows per transaction, and the longest a finished result waits before it is committed. */
export const BATCH = {maxRows: 200, maxDelayMs: 250}

/**
 * The shell around runChecks: one HTTP prober, a batch writer into the
 * snapshots table, a progress bar, and SIGINT/SIGTERM handling that keeps
 * what finished.
 */
export async function executeChecks(driver: Driver, targets: readonly CheckTarget[], options: ExecuteOptions): Promise<CheckResult[]> {
  const maxTimeoutMs = Math.max(0, ...targets.map((t) => (t.table === 'endpoints' ? t.check.timeout : 5000)))
  const warmUp = targets.some((t) => t.table === 'endpoints')
  const http = await createHttpProber({maxPayload: options.maxPayload, maxBody: options.maxBody, maxTimeoutMs, warmUp})
  const alerts = await startAlertRun(driver, options.now)
  const earlier = await readEarlier(driver, targets)
  const stepped: AlertStepCounts = {opened: 0, resolved: 0, notifications: 0}
  const afterInsert = async (rows: readonly SnapshotRow[]) => addCounts(stepped, await alerts.afterInsert(driver, rows))
  const writer = new BatchWriter<SnapshotRow>((rows) => insertSnapshots(driver, rows, {lockTimeoutMs: options.lockTimeoutMs, afterInsert}), BATCH)
  const progress = options.progress ? progressBar(targets.length) : undefined
  const interrupt = new AbortController()
  // Every check in flight listens for the interrupt.
  setMaxListeners(options.concurrency + 10, interrupt.signal)
  const onSignal = () => interrupt.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let results: CheckResult[]
  try {
    results = await runChecks(targets, {
      concurrency: options.concurrency,
      maxPayload: options.maxPayload,
      maxBody: options.maxBody,
      earlier,
      servesLists: (entities, checked, probed) => readServesLists(driver, entities, checked, probed),
      probers: {
        http: (target, signal) => http.probe(target, signal),
        registry: (target) => probeRegistry(target, {baseDir: options.baseDir, allowOutsideBase: options.allowOutsideBase, maxBytes: options.maxBody}, http),
      },
      record: (row) => writer.add(alerts.mark(row)),
      onResult: (result) => progress?.tick(result.status),
      // A database that fails does not stop the run: its results go to the spool.
      signal: interrupt.signal,
    })
  } finally {
    progress?.done()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await http.close()
  }
  let recorded = true
  try {
    await writer.close()
  } catch (err) {
    recorded = false
    await keep(writer.kept, err, driver, options)
  }
  if (interrupt.signal.aborted) {
    throw new MonError(`interrupted: ${results.length} of ${targets.length} checks finished and recorded`, {exitCode: CHECK_EXIT.unknown})
  }
  // A database that would not take the results will not take alert steps either: the next run, which records the spool, goes on.
  if (recorded) await afterChecks(driver, alerts, stepped, options)
  return results
}

/** What the kinds that compare read last time: the latest snapshot of each that holds its list (SPEC section 8), read only for those. */
async function readEarlier(driver: Driver, targets: readonly CheckTarget[]): Promise<Map<string, Record<string, unknown>>> {
  const ids = targets.filter(comparesWithEarlier).map((t) => t.id)
  return ids.length === 0 ? new Map() : readLatestHolding(driver, 'endpoints', ids, ['models', 'tools'])
}

/** What registry entries with `serves` are compared with, as stored: read once every probe of them is in, for the entities they name. */
async function readServesLists(driver: Driver, entities: readonly string[], checked: ReadonlySet<string>, probed: ReadonlySet<string>): Promise<ServesLists> {
  const stored = await readStoredServes(driver, entities, checked, probed)
  const latestModels = new Map<string, ModelsSnapshot>()
  for (const [id, latest] of stored.latestModels) latestModels.set(id, modelsSnapshot(latest.status, latest.payload))
  const declared = new Map<string, RegistryDeclared>()
  for (const [id, latest] of stored.latestRegistries) {
    const pairs = keptDeclared(latest.payload)
    if (pairs) declared.set(id, {pairs, cut: keptDeclaredCut(latest.payload)})
  }
  return {modelsEndpoints: stored.modelsEndpoints, latestModels, declared, registries: stored.registries}
}

/**
 * Alerts once the checks are in: every open alert stepped (holds that ended,
 * reminders), then, unless --no-notify, what is pending delivered. Neither
 * changes the run's exit code: a failure is a line on stderr, and what was
 * not delivered waits for the next run.
 */
async function afterChecks(driver: Driver, alerts: AlertRun, stepped: AlertStepCounts, options: ExecuteOptions): Promise<void> {
  try {
    addCounts(stepped, await alerts.stepOpen(driver, options.lockTimeoutMs))
  } catch (err) {
    options.note(`alerts: could not step the open alerts: ${messageOf(err)}`)
  }
  const line = alertStepsNote(stepped)
  if (line !== null) options.note(line)
  if (!options.notify) return
  try {
    const {deliverPending} = await import('../notify/deliver-pending.js')
    const {deliveryTimeoutMs} = await import('../notify/http-post.js')
    // Claims count from when delivery starts, not from the run's start.
    const now = new Date(Math.max(options.now.getTime(), Date.now()))
    const sent = await deliverPending(driver, {now, env: process.env, timeoutMs: deliveryTimeoutMs(process.env), note: options.note})
    const line = deliveryNote(sent)
    if (line !== null) options.note(line)
  } catch (err) {
    options.note(`notify: could not deliver: ${messageOf(err)}`)
  }
}

/**
 * Results the database would not take go to a spool file; the run's exit
 * code is still its worst status. Only when they cannot be kept either is
 * the run one that could not run (3).
 */
async function keep(rows: SnapshotRow[], failure: unknown, driver: Driver, options: ExecuteOptions): Promise<void> {
  const why = messageOf(failure)
  let written: SpoolWrite
  try {
    written = await writeSpool(options.spool, rows, new Date())
  } catch (err) {
    throw new MonError(`could not record ${plural(rows.length, 'result')} in ${driver.target}: ${why}; nor keep them in ${options.spool.dir}: ${messageOf(err)}`, {
      exitCode: CHECK_EXIT.unknown,
      cause: failure,
    })
  }
  options.note(`could not record ${plural(rows.length, 'result')} in ${driver.target}: ${why}`)
  options.note(`kept ${plural(written.rows, 'result')} in ${written.file}: the next mon check records them first`)
  const lost = rows.length - written.rows
  if (lost > 0) options.note(`${plural(lost, 'result')} did not fit in the spool file and are lost`)
}
