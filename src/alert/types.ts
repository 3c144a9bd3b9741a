/**
 * The shapes of alerting (SPEC section 7) that the core, the store, the
 * notifiers and the commands share. The core (src/alert/) steps a target's
 * alert state over its new snapshots as a pure function; the store writes the
 * result and the outbox (migration 0015); the notifiers (src/notify/) deliver
 * a notification's message.
 */
import type {Status} from '../status.js'

/** Why an alert's notifications wait: its entity is in a maintenance window, or depends on one with an open alert. */
export type Hold = 'maintenance' | 'dependency'

export type AlertEvent = 'open' | 'remind' | 'resolve'
/** What a notification announces: an alert event, or `mon notify test`. */
export type NotificationEvent = AlertEvent | 'test'
export type NotificationState = 'pending' | 'in_flight' | 'sent' | 'failed' | 'dropped'

/** An open alert as the state machine sees it (a row of `alerts`). */
export interface OpenAlert {
  id: string
  /** The status that opened it, raised to error if an error follows while open. */
  status: Exclude<Status, 'ok'>
  /** The latest check's detail. */
  detail: string
  opened_at: string
  held: Hold | null
  /** Its open notifications were written while held and the hold has not ended: a resolve before it ends drops them. */
  open_held: boolean
  /** When its last open or reminder was released for delivery: where `remind_every` counts from. */
  last_notified_at: string | null
}

/** One target's alert state (a row of `alert_states`, with its open alert). */
export interface AlertState {
  /** Consecutive failing checks (while closed), or 0. */
  failing: number
  /** Consecutive passing checks while open, or 0. */
  passing: number
  /** The newest snapshot folded in; a snapshot at or before it is not counted again. Null: none yet. */
  observed_at: string | null
  open: OpenAlert | null
}

export const NO_ALERT_STATE: AlertState = {failing: 0, passing: 0, observed_at: null, open: null}

/** What the state machine folds in: one snapshot of the target, in time order. */
export interface AlertObservation {
  status: Status
  detail: string
  observed_at: string
}

/** What a step decided, for the store to write: notifications to queue, and what happened to the alert. */
export type AlertChange =
  /** A new alert: the row to insert. */
  | {type: 'opened'; alert: OpenAlert}
  /** One notification per notifier for this event (held ones wait as `pending` until the hold ends). */
  | {type: 'notify'; alert_id: string; event: AlertEvent}
  /** The alert resolved; `dropped`: it was held all along, so its pending notifications (and this resolve's) are `dropped`. */
  | {type: 'resolved'; alert_id: string; resolved_at: string; dropped: boolean}

// ---- the message a notification carries ---------------------------------------

/** The table an alert's target is a row of: an endpoint or a registry entry. */
export type AlertTargetTable = 'endpoints' | 'registry_index'

/** Which of the endpoint and registry columns an alert's target fills (ids are unique per table only). */
export function targetColumns(table: AlertTargetTable, id: string): {endpoint_id: string | null; registry_id: string | null} {
  return {endpoint_id: table === 'endpoints' ? id : null, registry_id: table === 'registry_index' ? id : null}
}

/** The alert part of a message (SPEC's webhook body, version 1). */
export interface AlertView {
  id: string
  target_id: string
  entity_id: string
  endpoint_id: string | null
  registry_id: string | null
  status: Status
  detail: string
  opened_at: string
  resolved_at: string | null
}

export interface EntityView {
  id: string
  label: string
  type: string
  owner: string
}

/** What a notification says, stored as `notifications.message_json` when the event happens, so a late delivery says what was true then. */
export interface AlertMessage {
  event: NotificationEvent
  alert: AlertView
  entity: EntityView
}

/** One notification to deliver: its id is the idempotency key. */
export interface Delivery {
  id: string
  notifier_id: string
  message: AlertMessage
  /** How many times it was tried before this one. */
  attempts: number
}

/** A delivery's outcome: `error` is one line, with every resolved secret redacted. */
export type DeliveryOutcome = {ok: true} | {ok: false; error: string}
