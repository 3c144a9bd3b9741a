// Alerts (SPEC section 7): what mon check records about alerts, and the
// outbox it delivers notifications from. Operational state, like snapshots:
// apply never writes these tables (the file's notifiers, alert settings,
// depends_on and maintenance windows are managed rows, migration 0016).
// - alert_states: per target, the run of consecutive failing or passing
//   checks and the newest snapshot folded in (an overlapping run's older
//   snapshots are not counted twice), and its open alert.
// - alerts: one row per alert, from open to resolve; `held` says why its
//   notifications wait (maintenance, dependency).
// - notifications: the outbox. One row per notifier per event, written in the
//   transaction that changed the alert; its id is the idempotency key.
// - maintenance_adhoc: windows from `mon maintenance start`, like a silence.
// - snapshots.maintenance: the id of the window a snapshot was taken in;
//   rollups.maintenance counts those snapshots, which ok/warn/error leave out.

export const downLoses = {
  loses: 'alert history, notification delivery records, ad-hoc maintenance windows and which snapshots were taken in maintenance',
  probe: 'SELECT 1 FROM alerts UNION ALL SELECT 1 FROM notifications UNION ALL SELECT 1 FROM maintenance_adhoc UNION ALL SELECT 1 FROM rollups WHERE maintenance > 0 LIMIT 1',
}

export async function up({context: db}) {
  await db.exec(`CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    target_table TEXT NOT NULL,
    target_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    resolved_at TEXT,
    held TEXT,
    open_held INTEGER NOT NULL DEFAULT 0,
    last_notified_at TEXT
  )`)
  await db.exec('CREATE INDEX alerts_open ON alerts (target_table, target_id) WHERE resolved_at IS NULL')
  await db.exec('CREATE INDEX alerts_entity ON alerts (entity_id, opened_at)')
  await db.exec(`CREATE TABLE alert_states (
    target_table TEXT NOT NULL,
    target_id TEXT NOT NULL,
    failing INTEGER NOT NULL,
    passing INTEGER NOT NULL,
    observed_at TEXT NOT NULL,
    alert_id TEXT,
    PRIMARY KEY (target_table, target_id)
  )`)
  await db.exec(`CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    alert_id TEXT,
    notifier_id TEXT NOT NULL,
    event TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    message_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    sent_at TEXT,
    last_error TEXT
  )`)
  await db.exec("CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE state IN ('pending', 'in_flight')")
  await db.exec('CREATE INDEX notifications_alert ON notifications (alert_id)')
  await db.exec(`CREATE TABLE maintenance_adhoc (
    id TEXT PRIMARY KEY,
    entities_json TEXT NOT NULL,
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    reason TEXT,
    created_at TEXT NOT NULL
  )`)
  await db.exec('ALTER TABLE snapshots ADD COLUMN maintenance TEXT')
  await db.exec('ALTER TABLE rollups ADD COLUMN maintenance INTEGER NOT NULL DEFAULT 0')
}

export async function down({context: db}) {
  await db.exec('ALTER TABLE rollups DROP COLUMN maintenance')
  await db.exec('ALTER TABLE snapshots DROP COLUMN maintenance')
  await db.exec('DROP TABLE maintenance_adhoc')
  await db.exec('DROP TABLE notifications')
  await db.exec('DROP TABLE alert_states')
  await db.exec('DROP TABLE alerts')
}
