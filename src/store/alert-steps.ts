/**
 * Stepping alerts where mon check writes its snapshots: inside the same
 * transaction, each target's state (alert_states) and open alert (alerts) are
 * read, stepped by the core's state machine over the target's new snapshots,
 * and written back with the notifications the step decided (the outbox), so
 * that a state change and its notifications commit together or not at all.
 * Snapshot writers are serialised on both engines (SQLite's BEGIN IMMEDIATE,
 * PostgreSQL's snapshot-writers lock), so two runs never step one target at
 * once; the rows are still read with the engine's row lock.
 */
import {stepAlert} from '../alert/state.js'
import {targetColumns, type AlertChange, type AlertTargetTable, type AlertEvent, type AlertMessage, type AlertObservation, type AlertState, type AlertView, type EntityView, type Hold, type OpenAlert} from '../alert/types.js'
import {BUILTIN_ALERT, type AlertSettings} from '../config/model.js'
import type {SnapshotRow} from '../rows.js'
import {uuidv7} from '../time.js'
import type {Driver, SqlValue} from './driver.js'
import {dropPendingOf, insertNotifications, notificationRow, type NotificationRow} from './outbox.js'
import {batches, placeholders, rowsPerStatement} from './sql.js'


/** What stepping needs from the run: settings, holds and the order to step entities in. */
export interface AlertStepContext {
  now: Date
  /** The target's merged alert settings. */
  settings(table: AlertTargetTable, id: string): AlertSettings
  /** Why an entity's alerts wait now, given the entities that have an open alert. */
  hold(entityId: string, openEntities: ReadonlySet<string>): Hold | null
  /** Dependencies step first (a lower rank), so that one run's open alert on a dependency already holds its dependants. */
  rank(entityId: string): number
  /** Whether the target is active (applied and not retired). */
  active(table: AlertTargetTable, id: string): boolean
}

/** What the stepping changed, for the run's summary. */
export interface AlertStepCounts {
  opened: number
  resolved: number
  notifications: number
}

interface TargetInput {
  table: AlertTargetTable
  id: string
  entity_id: string
  observations: AlertObservation[]
  /** In place of the target's own settings (a retired target's last resolve). */
  settings?: AlertSettings
}

const OPEN_COLUMNS = 'id, target_table, target_id, entity_id, status, detail, opened_at, held, open_held, last_notified_at'
const ALERT_COLUMNS = ['id', 'target_table', 'target_id', 'entity_id', 'status', 'detail', 'opened_at', 'resolved_at', 'held', 'open_held', 'last_notified_at'] as const
const STATE_COLUMNS = ['target_table', 'target_id', 'failing', 'passing', 'observed_at', 'alert_id'] as const

interface OpenRow {
  id: string
  target_table: AlertTargetTable
  target_id: string
  entity_id: string
  status: 'warn' | 'error'
  detail: string
  opened_at: string
  held: Hold | null
  open_held: number | string
  last_notified_at: string | null
}

const keyOf = (table: string, id: string) => `${table}\u0000${id}`

/** Steps the alerts of the targets these snapshots belong to; call inside the transaction that inserts them. */
export async function stepSnapshotAlerts(driver: Driver, rows: readonly SnapshotRow[], context: AlertStepContext): Promise<AlertStepCounts> {
  const inputs = new Map<string, TargetInput>()
  for (const row of rows) {
    if (row.endpoint_id === null && row.registry_id === null) continue
    const table: AlertTargetTable = row.endpoint_id !== null ? 'endpoints' : 'registry_index'
    const id = (row.endpoint_id ?? row.registry_id)!
    const key = keyOf(table, id)
    let input = inputs.get(key)
    if (!input) inputs.set(key, (input = {table, id, entity_id: row.entity_id, observations: []}))
    input.observations.push({status: row.status, detail: row.detail, observed_at: row.observed_at})
  }
  for (const input of inputs.values()) input.observations.sort((a, b) => (a.observed_at < b.observed_at ? -1 : a.observed_at > b.observed_at ? 1 : 0))
  return stepTargets(driver, [...inputs.values()], context)
}

/**
 * Steps every open alert with no new snapshot: holds that ended release their
 * notifications, and reminders fall due, whichever targets this run checked.
 * Runs in a transaction of its own, with the snapshot writers' lock.
 */
export async function stepOpenAlerts(driver: Driver, context: AlertStepContext, lockTimeoutMs: number): Promise<AlertStepCounts> {
  // Most runs have no open alert: then no write transaction (an alert a concurrent run opens meanwhile is stepped by that run).
  if ((await driver.all(`SELECT 1 AS one FROM alerts WHERE resolved_at IS NULL LIMIT 1`)).length === 0) return {opened: 0, resolved: 0, notifications: 0}
  return driver.transaction(
    async () => {
      const open = await driver.all<OpenRow>(`SELECT ${OPEN_COLUMNS} FROM alerts WHERE resolved_at IS NULL`)
      const inputs: TargetInput[] = []
      for (const row of open) {
        const input: TargetInput = {table: row.target_table, id: row.target_id, entity_id: row.entity_id, observations: []}
        if (!context.active(row.target_table, row.target_id)) Object.assign(input, await retiredResolve(driver, row, context.now))
        inputs.push(input)
      }
      return stepTargets(driver, inputs, context, open)
    },
    {lockTimeoutMs, exclusive: false, snapshotWriters: true},
  )
}

/**
 * An open alert whose target was retired (or its entity) resolves at once, as
 * a passing check would, told to the notifiers its open went to: a receiver
 * such as PagerDuty would otherwise keep an incident nobody can close.
 */
async function retiredResolve(driver: Driver, row: OpenRow, now: Date): Promise<Pick<TargetInput, 'observations' | 'settings'>> {
  const told = await driver.all<{notifier_id: string}>("SELECT DISTINCT notifier_id FROM notifications WHERE alert_id = ? AND event = 'open' ORDER BY notifier_id", [row.id])
  return {
    observations: [{status: 'ok', detail: 'no longer monitored: retired from monitors.yaml', observed_at: now.toISOString()}],
    settings: {...BUILTIN_ALERT, recover_after: 1, notify: told.map((t) => t.notifier_id)},
  }
}

/** `open`: every open alert, where the caller has read them in this transaction already. */
async function stepTargets(driver: Driver, inputs: TargetInput[], context: AlertStepContext, open?: readonly OpenRow[]): Promise<AlertStepCounts> {
  const counts: AlertStepCounts = {opened: 0, resolved: 0, notifications: 0}
  if (inputs.length === 0) return counts
  const states = await readStates(driver, inputs)
  const openRows = open ?? (await driver.all<OpenRow>(`SELECT ${OPEN_COLUMNS} FROM alerts WHERE resolved_at IS NULL`))
  const openByTarget = new Map(openRows.map((row) => [keyOf(row.target_table, row.target_id), row]))
  // How many open alerts each entity has: an entity with one holds its dependants.
  const openPerEntity = new Map<string, number>()
  for (const row of openRows) openPerEntity.set(row.entity_id, (openPerEntity.get(row.entity_id) ?? 0) + 1)
  const openEntities = new Set(openPerEntity.keys())
  const now = context.now.toISOString()

  const alertWrites = new Map<string, SqlValue[]>()
  const stateWrites: SqlValue[][] = []
  const stateDeletes: {table: AlertTargetTable; id: string}[] = []
  const notifications: Pending[] = []
  const drops: string[] = []
  const released: string[] = []

  inputs.sort((a, b) => context.rank(a.entity_id) - context.rank(b.entity_id))
  for (const input of inputs) {
    const key = keyOf(input.table, input.id)
    const openRow = openByTarget.get(key)
    const stored = states.get(key)
    const state: AlertState = {
      failing: stored ? Number(stored.failing) : 0,
      passing: stored ? Number(stored.passing) : 0,
      observed_at: stored?.observed_at ?? null,
      open: openRow ? openAlertOf(openRow) : null,
    }
    const settings = input.settings ?? context.settings(input.table, input.id)
    const hold = context.hold(input.entity_id, openEntities)
    const step = stepAlert({settings, state, observations: input.observations, now: context.now, hold, newId: () => uuidv7(context.now.getTime())})
    let alert = step.state.open ?? (openRow ? openAlertOf(openRow) : null)
    let resolvedAt: string | null = null
    let dropped = false
    const events: AlertEvent[] = []
    for (const change of step.changes as AlertChange[]) {
      if (change.type === 'opened') {
        alert = change.alert
        counts.opened++
        openPerEntity.set(input.entity_id, (openPerEntity.get(input.entity_id) ?? 0) + 1)
        openEntities.add(input.entity_id)
      } else if (change.type === 'resolved') {
        resolvedAt = change.resolved_at
        dropped = change.dropped
        counts.resolved++
        if (change.dropped) drops.push(change.alert_id)
        const left = (openPerEntity.get(input.entity_id) ?? 1) - 1
        openPerEntity.set(input.entity_id, left)
        if (left <= 0) openEntities.delete(input.entity_id)
      } else events.push(change.event)
    }
    // A resolved alert reads as the check that resolved it: its detail, and its status no longer raised.
    if (alert && resolvedAt !== null) {
      const resolving = input.observations.find((o) => o.observed_at === resolvedAt)
      if (resolving) alert = {...alert, detail: resolving.detail}
    }
    if (alert) {
      for (const event of events) {
        const resolve = event === 'resolve'
        const item: Pending = {alert: viewOf(input, alert, resolve ? resolvedAt : null), entity_id: input.entity_id, event, notify: settings.notify, dropped: resolve && dropped}
        notifications.push(resolve ? {...item, wasHeld: (openRow?.held ?? null) !== null} : item)
      }
    }
    // The alert's row: written when it opened, changed or resolved.
    const after = step.state.open
    if (openRow && (openRow.held ?? null) !== null && after && after.held === null) released.push(after.id)
    const closing = resolvedAt !== null ? alert : null
    const row = after ?? closing
    if (row && (resolvedAt !== null || !openRow || changedAlert(openRow, row))) {
      alertWrites.set(row.id, [row.id, input.table, input.id, input.entity_id, row.status, row.detail, row.opened_at, resolvedAt, resolvedAt === null ? row.held : null, row.open_held ? 1 : 0, row.last_notified_at])
    }
    // The state's row: a steady ok target keeps none.
    const next = step.state
    if (next.failing === 0 && next.passing === 0 && next.open === null) {
      if (stored) stateDeletes.push({table: input.table, id: input.id})
    } else if (!stored || Number(stored.failing) !== next.failing || Number(stored.passing) !== next.passing || stored.observed_at !== next.observed_at || (stored.alert_id ?? null) !== (next.open?.id ?? null)) {
      stateWrites.push([input.table, input.id, next.failing, next.passing, next.observed_at ?? now, next.open?.id ?? null])
    }
  }

  await upsert(driver, 'alerts', ALERT_COLUMNS, ['id'], [...alertWrites.values()])
  await upsert(driver, 'alert_states', STATE_COLUMNS, ['target_table', 'target_id'], stateWrites)
  for (const table of ['endpoints', 'registry_index'] as const) {
    const ids = stateDeletes.filter((d) => d.table === table).map((d) => d.id)
    for (const chunk of batches(ids)) await driver.run(`DELETE FROM alert_states WHERE target_table = ? AND target_id IN (${placeholders(chunk.length)})`, [table, ...chunk])
  }
  // A held notification's 24 hours of retries start when it can first be delivered, not when it was written.
  for (const chunk of batches(released)) {
    await driver.run(`UPDATE notifications SET created_at = ?, next_attempt_at = ? WHERE state = 'pending' AND alert_id IN (${placeholders(chunk.length)})`, [now, now, ...chunk])
  }
  const told = await afterWhatWasTold(driver, notifications)
  const dropped = new Set(drops)
  for (const item of told) if (item.dropped) dropped.add(item.alert.id)
  await dropPendingOf(driver, [...dropped], 'resolved while held')
  counts.notifications = await writeNotifications(driver, told, now)
  return counts
}

function openAlertOf(row: OpenRow): OpenAlert {
  return {
    id: row.id,
    status: row.status,
    detail: row.detail,
    opened_at: row.opened_at,
    held: row.held ?? null,
    open_held: Number(row.open_held) === 1,
    last_notified_at: row.last_notified_at ?? null,
  }
}

function changedAlert(row: OpenRow, alert: OpenAlert): boolean {
  return (
    row.status !== alert.status ||
    row.detail !== alert.detail ||
    (row.held ?? null) !== alert.held ||
    (Number(row.open_held) === 1) !== alert.open_held ||
    (row.last_notified_at ?? null) !== alert.last_notified_at
  )
}

function viewOf(input: TargetInput, alert: OpenAlert, resolvedAt: string | null): AlertView {
  return {
    id: alert.id,
    target_id: input.id,
    entity_id: input.entity_id,
    ...targetColumns(input.table, input.id),
    status: alert.status,
    detail: alert.detail,
    opened_at: alert.opened_at,
    resolved_at: resolvedAt,
  }
}

interface StateRow {
  target_table: AlertTargetTable
  target_id: string
  failing: number | string
  passing: number | string
  observed_at: string
  alert_id: string | null
}

async function readStates(driver: Driver, inputs: readonly TargetInput[]): Promise<Map<string, StateRow>> {
  const out = new Map<string, StateRow>()
  for (const table of ['endpoints', 'registry_index'] as const) {
    const ids = inputs.filter((i) => i.table === table).map((i) => i.id)
    for (const chunk of batches(ids)) {
      const rows = await driver.all<StateRow>(
        `SELECT ${STATE_COLUMNS.join(', ')} FROM alert_states WHERE target_table = ? AND target_id IN (${placeholders(chunk.length)})${driver.forUpdate}`,
        [table, ...chunk],
      )
      for (const row of rows) out.set(keyOf(row.target_table, row.target_id), row)
    }
  }
  return out
}

/** Multi-row INSERT ... ON CONFLICT DO UPDATE: both engines take it as written. */
async function upsert(driver: Driver, table: string, columns: readonly string[], key: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`)
  const tuple = `(${placeholders(columns.length)})`
  for (const chunk of batches(rows, rowsPerStatement(columns.length))) {
    await driver.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set.join(', ')}`, chunk.flat())
  }
}

/** Notifications a step decided, before they are written: one per notifier in `notify`. */
interface Pending {
  alert: AlertView
  entity_id: string
  event: AlertEvent
  notify: string[]
  dropped: boolean
  /** A resolve: the alert was held when it resolved. */
  wasHeld?: boolean
}

/**
 * What the outbox says was told of each alert decides its reminders and its
 * resolve: a reminder is not queued to a notifier that has not had the
 * alert's last one yet (a receiver that is down gets one reminder when it is
 * back, not all it missed); a resolve goes to every notifier its open or a
 * reminder went to (its settings may have changed since), and is dropped with
 * them when nothing of a held alert was ever sent (it opened before the hold,
 * its open waited for the hold, and it resolved before the hold ended).
 */
async function afterWhatWasTold(driver: Driver, pending: readonly Pending[]): Promise<Pending[]> {
  const ids = [...new Set(pending.filter((p) => p.event !== 'open').map((p) => p.alert.id))]
  const history = new Map<string, {undelivered: Set<string>; told: Set<string>; sent: boolean}>()
  for (const chunk of batches(ids)) {
    const rows = await driver.all<{alert_id: string; notifier_id: string; state: string}>(
      `SELECT alert_id, notifier_id, state FROM notifications WHERE event IN ('open', 'remind') AND alert_id IN (${placeholders(chunk.length)})`,
      chunk,
    )
    for (const row of rows) {
      const h = history.get(row.alert_id) ?? {undelivered: new Set<string>(), told: new Set<string>(), sent: false}
      if (row.state === 'pending' || row.state === 'in_flight') h.undelivered.add(row.notifier_id)
      if (row.state !== 'dropped') h.told.add(row.notifier_id)
      if (row.state === 'sent' || row.state === 'in_flight') h.sent = true
      history.set(row.alert_id, h)
    }
  }
  // The same alert's open and remind in one step: the remind waits for the open too.
  const fresh = new Map<string, Set<string>>()
  for (const p of pending) if (p.event === 'open') fresh.set(p.alert.id, new Set(p.notify))
  return pending.map((p) => {
    const h = history.get(p.alert.id)
    if (p.event === 'remind') return {...p, notify: p.notify.filter((n) => !h?.undelivered.has(n) && !fresh.get(p.alert.id)?.has(n))}
    if (p.event !== 'resolve') return p
    const notify = [...new Set([...p.notify, ...(h?.told ?? []), ...(fresh.get(p.alert.id) ?? [])])].sort()
    return {...p, notify, dropped: p.dropped || (p.wasHeld === true && !(h?.sent ?? false) && !fresh.has(p.alert.id))}
  })
}

async function writeNotifications(driver: Driver, pending: readonly Pending[], now: string): Promise<number> {
  if (pending.length === 0) return 0
  const entities = await readEntityViews(driver, [...new Set(pending.map((p) => p.entity_id))])
  const rows: NotificationRow[] = []
  for (const item of pending) {
    const entity = entities.get(item.entity_id) ?? {id: item.entity_id, label: item.entity_id, type: '', owner: ''}
    const message: AlertMessage = {event: item.event, alert: item.alert, entity}
    for (const notifier of item.notify) {
      rows.push(notificationRow({id: uuidv7(Date.parse(now)), alert_id: item.alert.id, notifier_id: notifier, message, created_at: now, ...(item.dropped ? {state: 'dropped', last_error: 'resolved while held'} : {})}))
    }
  }
  await insertNotifications(driver, rows)
  return rows.length
}

async function readEntityViews(driver: Driver, ids: readonly string[]): Promise<Map<string, EntityView>> {
  const out = new Map<string, EntityView>()
  for (const chunk of batches(ids)) {
    for (const row of await driver.all<EntityView>(`SELECT id, label, type, owner FROM entities WHERE id IN (${placeholders(chunk.length)})`, chunk)) out.set(row.id, row)
  }
  return out
}
