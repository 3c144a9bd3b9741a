/**
 * Maintenance windows as mon check and `mon maintenance` read them: the
 * file's (table maintenance_windows, applied by mon apply, read through
 * alert-config.ts) and the ad-hoc ones of `mon maintenance start` (table
 * maintenance_adhoc, migration 0015: operational, like a silence; ended by
 * setting end_at, never deleted).
 */
import {randomBytes} from 'node:crypto'

import type {MaintenanceWindow} from '../config/model.js'
import {didYouMean} from '../config/suggest.js'
import {MonError} from '../errors.js'
import {readAlertConfig, type AlertConfig} from './alert-config.js'
import type {Driver} from './driver.js'

export interface AdhocWindowInput {
  entities: readonly string[]
  /** ISO times: [start, end). */
  start: string
  end: string
  reason: string | null
  now: string
}

/** An ad-hoc window as stored, with when it was made. */
export type AdhocWindow = MaintenanceWindow & {source: 'adhoc'; start: string; end: string; created_at: string}

interface AdhocRow {
  id: string
  entities_json: string
  start_at: string
  end_at: string
  reason: string | null
  created_at: string
}

/** Takes the write lock as apply and check do, so that an entity checked is an entity that exists. */
const WRITE = {lockTimeoutMs: 30_000, exclusive: false}

/**
 * Records an ad-hoc window for these entities (id `adhoc-` + 8 random hex).
 * An unknown or retired entity is one error naming it (with a did-you-mean),
 * and nothing is written.
 */
export async function startMaintenance(driver: Driver, input: AdhocWindowInput): Promise<AdhocWindow> {
  return driver.transaction(async () => {
    const active = (await driver.all<{id: string}>('SELECT id FROM entities WHERE retired_at IS NULL ORDER BY id')).map((r) => r.id)
    const known = new Set(active)
    const unknown = [...new Set(input.entities)].filter((id) => !known.has(id))
    if (unknown.length > 0) {
      const retired = new Set((await driver.all<{id: string}>('SELECT id FROM entities WHERE retired_at IS NOT NULL')).map((r) => r.id))
      const what = unknown.map((id) => `"${id}"${retired.has(id) ? ' (retired)' : ''}`).join(', ')
      throw new MonError(`no active entity ${what} in ${driver.target}${didYouMean(unknown, active)}`)
    }
    const entities = [...known].filter((id) => input.entities.includes(id)).sort()
    const window: AdhocWindow = {
      id: `adhoc-${randomBytes(4).toString('hex')}`,
      entities,
      cron: null,
      duration: null,
      timezone: 'UTC',
      start: input.start,
      end: input.end,
      reason: input.reason,
      source: 'adhoc',
      created_at: input.now,
    }
    await driver.run('INSERT INTO maintenance_adhoc (id, entities_json, start_at, end_at, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      window.id,
      JSON.stringify(entities),
      window.start,
      window.end,
      window.reason,
      window.created_at,
    ])
    return window
  }, WRITE)
}

/**
 * Ends an ad-hoc window now (end_at = now; nothing is deleted). A window of
 * the file, an unknown id, or a window already ended is one clear error.
 */
export async function endMaintenance(driver: Driver, id: string, now: string): Promise<AdhocWindow> {
  return driver.transaction(async () => {
    const [row] = await driver.all<AdhocRow>(`SELECT id, entities_json, start_at, end_at, reason, created_at FROM maintenance_adhoc WHERE id = ?${driver.forUpdate}`, [id])
    if (!row) {
      const file = (await readAlertConfig(driver)).windows
      if (file.some((w) => w.id === id)) throw new MonError(`maintenance window "${id}" is declared in monitors.yaml: remove it there (then mon apply)`)
      const ids = [...file.map((w) => w.id), ...(await driver.all<{id: string}>('SELECT id FROM maintenance_adhoc')).map((r) => r.id)]
      throw new MonError(`no maintenance window "${id}" in ${driver.target}${didYouMean([id], ids)} (mon maintenance list shows them)`)
    }
    if (row.end_at <= now) throw new MonError(`maintenance window "${id}" already ended at ${row.end_at}`)
    // A window that has not started yet ends before it starts: it never covers anything.
    const end = row.start_at > now ? row.start_at : now
    await driver.run('UPDATE maintenance_adhoc SET end_at = ? WHERE id = ?', [end, id])
    return adhocOf({...row, end_at: end})
  }, WRITE)
}

export interface WindowReadOptions {
  /** Leave out ad-hoc windows that ended before this ISO time. */
  endedAfter?: string
  /** The applied alert configuration, where the caller has read it already (mon check). */
  config?: AlertConfig
}

/** The file's active windows, then the ad-hoc ones (as fixed windows, source 'adhoc'), each by id. */
export async function readMaintenanceWindows(driver: Driver, options: WindowReadOptions = {}): Promise<Array<MaintenanceWindow | AdhocWindow>> {
  const file = [...(options.config ?? (await readAlertConfig(driver))).windows].sort((a, b) => (a.id < b.id ? -1 : 1))
  const since = options.endedAfter
  const rows = await driver.all<AdhocRow>(
    `SELECT id, entities_json, start_at, end_at, reason, created_at FROM maintenance_adhoc${since === undefined ? '' : ' WHERE end_at > ?'} ORDER BY start_at, id`,
    since === undefined ? [] : [since],
  )
  return [...file, ...rows.map(adhocOf)]
}

function adhocOf(row: AdhocRow): AdhocWindow {
  let entities: string[] = []
  try {
    const parsed = JSON.parse(row.entities_json) as unknown
    if (Array.isArray(parsed)) entities = parsed.filter((id): id is string => typeof id === 'string')
  } catch {
    // A row edited by hand into something unreadable holds no entity.
  }
  return {id: row.id, entities, cron: null, duration: null, timezone: 'UTC', start: row.start_at, end: row.end_at, reason: row.reason, source: 'adhoc', created_at: row.created_at}
}
