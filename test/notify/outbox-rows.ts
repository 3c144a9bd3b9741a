import type {Driver} from '../../src/store/driver.js'
import {migrate} from '../../src/store/migrator.js'
import {openDriver} from '../../src/store/open.js'
import {insertNotifications, notificationRow} from '../../src/store/outbox.js'
import {withDb} from '../cli/plan-support.js'
import {message} from './fixtures.js'

/** The outbox tests' clock: T0, and a time ms after it. */
export const T0 = new Date('2026-12-01T10:00:00.000Z')
export const at = (ms: number) => new Date(T0.getTime() + ms)

/** A driver on a database with every migration run. */
export async function migratedDriver(db: string): Promise<Driver> {
  const driver = await openDriver(db)
  await migrate(driver)
  return driver
}

/** Runs fn with a migrated driver on db, and always closes it. */
export function withMigratedDriver<T>(db: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
  return withDb(db, async (driver) => {
    await migrate(driver)
    return fn(driver)
  })
}

/** n pending notifications n-0000, n-0001, ... written at T0 (or as given). */
export async function pending(driver: Driver, n: number, fields: {alert_id?: string | null; notifier_id?: string; created_at?: Date} = {}): Promise<string[]> {
  const ids = Array.from({length: n}, (_, i) => `n-${String(i).padStart(4, '0')}`)
  await insertNotifications(
    driver,
    ids.map((id) => notificationRow({id, alert_id: fields.alert_id ?? null, notifier_id: fields.notifier_id ?? 'hook', message: message(), created_at: (fields.created_at ?? T0).toISOString()})),
  )
  return ids
}

