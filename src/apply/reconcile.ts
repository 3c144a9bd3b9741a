/**
 * The imperative shell around the planner: read the database, plan, and for
 * apply migrate and write the plan in one transaction under the write lock.
 */
import type {MonitorsModel} from '../config/model.js'
import {MonError} from '../errors.js'
import {withFiles, type DeclaringFiles} from '../plan/change-files.js'
import {hasChanges, massRetire, planChanges, retiringRows, withSnapshotCounts} from '../plan/diff.js'
import {movingRows, planMoves, withMoveCounts} from '../plan/moves.js'
import {baseFingerprint, rowStateHashes, staleRows, type RowHashes, type StaleRow} from '../plan/fingerprint.js'
import {TABLE_NOUN, TABLE_NOUNS} from '../config/fields.js'
import type {Change, ObservedState, Plan} from '../plan/types.js'
import type {Driver} from '../store/driver.js'
import {readObserved, recordApplyRun, snapshotCounts, writePlan} from '../store/inventory.js'
import {migrate, migrationFiles, pendingMigrations} from '../store/migrator.js'
import {openIfExists} from '../store/open.js'
import {renameRows} from '../store/renames.js'
import {isoNow, uuidv7} from '../time.js'
import type {Provenance} from './provenance.js'

const EMPTY: ObservedState = {entities: [], endpoints: [], registry_index: [], notifiers: [], maintenance_windows: []}

/** The observed state and pending migrations of an open database; a database without tables is empty. */
async function observe(driver: Driver): Promise<{observed: ObservedState; pending: string[]}> {
  const pending = await pendingMigrations(driver)
  const first = migrationFiles()[0]?.name
  const observed = first !== undefined && pending.includes(first) ? EMPTY : await readObserved(driver)
  return {observed, pending}
}

export interface PlannedState {
  plan: Plan
  observed: ObservedState
}

/**
 * Plans a model against a --db value without writing anything: a SQLite file
 * that does not exist is not created, it plans as an empty database.
 */
export async function planAgainst(db: string, model: MonitorsModel, declaring?: DeclaringFiles): Promise<PlannedState> {
  const driver = await openIfExists(db)
  if (driver === null) return {plan: plannedFrom(model, EMPTY, declaring, migrationFiles().map((m) => m.name)), observed: EMPTY}
  try {
    const {observed, pending} = await observe(driver)
    const plan = plannedFrom(model, observed, declaring, pending)
    // Until the schema is current the snapshots table may lack a column the counts need.
    // Until the schema is current the snapshots table may lack a column the counts need.
    return {plan: await withCounts(pending.length === 0 ? driver : null, plan), observed}
  } finally {
    await driver.close()
  }
}

export interface SavedPlanInput {
  plan: Plan
  observed: RowHashes
}

/** `declaring`: which file declares each row, for the plan apply prints (provenance only). */
export type ApplySource = {model: MonitorsModel; declaring?: DeclaringFiles} | {saved: SavedPlanInput}

export interface ApplyOptions {
  provenance: Provenance
  lockTimeoutMs?: number
  allowMassRetire?: boolean
  /** The time apply writes (applied_at, activated_at): the command's clock, MON_NOW in tests. */
  now?: Date
}

export interface ApplyResult {
  plan: Plan
  /** The apply_runs id; null when there was nothing to do (and nothing was written). */
  run_id: string | null
  /** Migrations this apply ran. */
  migrated: string[]
}

/**
 * Migrates, then in one transaction under the write lock: reads the rows,
 * plans (or checks a saved plan against them), applies the guard, writes the
 * changes and records the run. Nothing at all is written when there is
 * nothing to change. A refusal changes nothing, not even a migration.
 */
export async function applyTo(driver: Driver, source: ApplySource, options: ApplyOptions): Promise<ApplyResult> {
  const lockTimeoutMs = options.lockTimeoutMs
  const pending = await pendingMigrations(driver)
  if (pending.length > 0) {
    // Refuse before migrating, so that a refused apply leaves even the schema as it was.
    const {observed} = await observe(driver)
    decide(source, observed, options)
  }
  const migrated = await migrate(driver, {lockTimeoutMs})
  const result = await driver.transaction(
    async () => {
      const observed = await readObserved(driver)
      const plan = await withCounts(driver, decide(source, observed, options))
      if (!hasChanges(plan)) return {plan, run_id: null}
      const at = isoNow(options.now)
      await writeWithMoves(driver, plan, observed, at)
      const runId = uuidv7()
      await recordApplyRun(driver, {
        id: runId,
        applied_at: at,
        ...options.provenance,
        created: plan.summary.create,
        // apply_runs has no column for moves (no migration for it): a move is a change of its row.
        updated: plan.summary.update + plan.summary.move,
        retired: plan.summary.retire,
        revived: plan.summary.revive,
      })
      killPointForTests('apply-after-write')
      return {plan, run_id: runId}
    },
    {lockTimeoutMs},
  )
  return {...result, migrated}
}

/**
 * Writes the plan, its renames in the middle: new and changed entities first
 * (a moved endpoint may go to a new entity), then the renames, then the rest,
 * whose moved rows' upserts find them under their new ids.
 */
async function writeWithMoves(driver: Driver, plan: Plan, observed: ObservedState, at: string): Promise<void> {
  const moves = planMoves(plan)
  if (moves.length === 0) return writePlan(driver, plan, at)
  const first = (c: Change) => c.table === 'entities' && c.action !== 'move'
  await writePlan(driver, {...plan, changes: plan.changes.filter(first)}, at)
  await renameRows(driver, moves, observed)
  await writePlan(driver, {...plan, changes: plan.changes.filter((c) => !first(c))}, at)
}

/**
 * Test-only: with MON_TEST_KILL_AT=<point> in the environment, the process
 * kills itself with SIGKILL here, as `kill -9` landing at this exact point
 * would. `apply-after-write` is after every write of the apply transaction
 * (rows and run record) and before its COMMIT. Nothing else reads the
 * variable; unset, this is one comparison.
 */
function killPointForTests(point: 'apply-after-write'): void {
  if (process.env.MON_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL')
}

/** The file's plan against these rows, each change with its declaring file when known. */
function plannedFrom(model: MonitorsModel, observed: ObservedState, declaring?: DeclaringFiles, pending: string[] = []): Plan {
  const plan = planChanges(model, observed, {pendingMigrations: pending})
  return declaring ? withFiles(plan, declaring) : plan
}

/** The snapshots a retire keeps and a move takes along, counted in one read; with no driver, unknown. */
async function withCounts(driver: Driver | null, plan: Plan): Promise<Plan> {
  const counts = driver === null ? null : await snapshotCounts(driver, [...retiringRows(plan), ...movingRows(plan)])
  return withMoveCounts(withSnapshotCounts(plan, counts), counts)
}

/** The plan to execute against these rows, or a refusal. */
function decide(source: ApplySource, observed: ObservedState, options: ApplyOptions): Plan {
  let plan: Plan
  if ('model' in source) {
    plan = plannedFrom(source.model, observed, source.declaring)
  } else {
    refuseIfStale(source.saved, observed)
    plan = {...source.saved.plan, migrations: {pending: []}, mass_retire: massRetire(source.saved.plan.changes, observed)}
  }
  if (plan.mass_retire.triggered && !options.allowMassRetire) {
    const {retiring, active, table} = plan.mass_retire
    throw new MonError(
      `refusing to retire ${retiring} of ${active} active ${TABLE_NOUNS[table]} (more than half): an emptied or truncated monitors.yaml must not take the inventory down. Nothing was changed; if this is intended, run again with --allow-mass-retire`,
      {details: {mass_retire: plan.mass_retire}},
    )
  }
  return plan
}

const STALE_LISTED = 10

function refuseIfStale(saved: SavedPlanInput, observed: ObservedState): void {
  if (baseFingerprint(observed) === saved.plan.base) return
  const stale: StaleRow[] = staleRows(saved.observed, rowStateHashes(observed))
  const named = stale.length === 0 ? ['the saved row hashes do not match its base'] : stale.slice(0, STALE_LISTED).map((r) => `${TABLE_NOUN[r.table]} ${r.id} ${r.how}`)
  if (stale.length > STALE_LISTED) named.push(`and ${stale.length - STALE_LISTED} more`)
  throw new MonError(
    `the saved plan is stale: the database changed since the plan was made (${named.join(', ')}). Nothing was changed; run mon plan again`,
    {details: {stale}},
  )
}
