/**
 * The spool: snapshots that `mon check` finished but could not commit (the
 * write lock stayed taken past --lock-timeout, the connection was lost) are
 * kept in a file, one per run, and the next run records them first. A file
 * holds a header line naming its database, then one snapshot row per line
 * (JSON lines). It is written to a temporary name and renamed, so a file in
 * the spool is always whole; it is removed once its rows are committed, and
 * the insert skips ids already there, so a crash in between adds nothing twice.
 */
import {randomBytes} from 'node:crypto'
import {lstatSync, mkdirSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import path from 'node:path'

import {writeFileAtomic} from '../atomic-write.js'
import {messageOf} from '../errors.js'
import type {SnapshotRow} from '../rows.js'
import type {Status} from '../status.js'
import type {Driver} from './driver.js'
import {parseDb} from './open.js'
import {insertSnapshots} from './snapshots.js'
import {batches, placeholders} from './sql.js'

/** A spool file holds at most this much; rows past it are lost, and the run says how many. */
export const MAX_SPOOL_FILE_BYTES = 256 * 1024 * 1024
/** The version of the file's layout, in its header line. */
const SPOOL_VERSION = 1
/** A spool file's name: its creation time first, so that names sort oldest first. */
const SPOOL_NAME = /^\d{8}T\d{9}Z-[0-9a-f]{12}\.jsonl$/

export interface SpoolPlace {
  dir: string
  /** Which database the rows belong to: a SQLite file's absolute path, or a PostgreSQL URL without password or query. */
  database: string
}

/**
 * Where a --db value's spool is, unless --spool names it: a directory beside
 * a SQLite file (`monitor.db.spool`), or `./.mon-spool` for PostgreSQL.
 */
export function spoolPlace(db: string, dir?: string): SpoolPlace {
  const where = parseDb(db)
  if (where.engine === 'sqlite') {
    const file = path.resolve(where.location)
    return {dir: path.resolve(dir ?? `${file}.spool`), database: file}
  }
  const url = new URL(where.location)
  const database = `postgres://${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}`
  return {dir: path.resolve(dir ?? '.mon-spool'), database}
}

export interface SpoolWrite {
  file: string
  /** Rows written; the rest did not fit in MAX_SPOOL_FILE_BYTES. */
  rows: number
}

/** Writes rows to a new spool file, whole or not at all (temp file, flushed, then renamed). */
export async function writeSpool(place: SpoolPlace, rows: readonly SnapshotRow[], now: Date, maxBytes = MAX_SPOOL_FILE_BYTES): Promise<SpoolWrite> {
  // Only this user may add files to it: whatever is in the spool goes into the database.
  mkdirSync(place.dir, {recursive: true, mode: 0o700})
  const stamp = now.toISOString().replace(/[-:.]/g, '')
  const name = `${stamp}-${randomBytes(6).toString('hex')}.jsonl`
  const file = path.join(place.dir, name)
  const lines: string[] = []
  let bytes = 0
  for (const row of rows) {
    const line = `${JSON.stringify(row)}\n`
    if (bytes + Buffer.byteLength(line) > maxBytes) break
    bytes += Buffer.byteLength(line)
    lines.push(line)
  }
  const header = `${JSON.stringify({mon_spool: SPOOL_VERSION, database: place.database, rows: lines.length})}\n`
  // The temporary name starts with a dot, so a replay never takes a half-written file.
  await writeFileAtomic(file, header + lines.join(''), {mode: 0o600})
  return {file, rows: lines.length}
}

export interface ReplayReport {
  /** Files whose rows are now in the database (and which are removed). */
  files: number
  /** Snapshots added (a replayed row already there is not counted). */
  added: number
  /** Snapshots left out because their entity, endpoint or registry entry no longer exists. */
  orphaned: number
}

/**
 * Records the spool's files in the database, oldest first, removing each
 * once committed. A file that is not a whole mon spool file for this
 * database is named in one line and left where it is; a database that fails
 * stops the replay (the files stay for the next run), and `note` says why.
 */
export async function replaySpool(
  driver: Driver,
  place: SpoolPlace,
  options: {lockTimeoutMs?: number; note: (message: string) => void},
): Promise<ReplayReport> {
  const report: ReplayReport = {files: 0, added: 0, orphaned: 0}
  let names: string[]
  try {
    names = readdirSync(place.dir)
  } catch (err) {
    // No spool directory is the usual case: nothing was ever kept.
    if ((err as {code?: unknown}).code !== 'ENOENT') options.note(`spool: cannot read ${place.dir}: ${messageOf(err)}`)
    return report
  }
  for (const name of names.filter((n) => SPOOL_NAME.test(n)).sort()) {
    const file = path.join(place.dir, name)
    let rows: SnapshotRow[]
    try {
      rows = readSpool(file, place.database)
    } catch (err) {
      options.note(`spool: left ${file} in place: ${messageOf(err)}`)
      continue
    }
    let kept: SnapshotRow[]
    try {
      kept = await withLiveTargets(driver, rows)
      report.added += await insertSnapshots(driver, kept, {lockTimeoutMs: options.lockTimeoutMs, skipExisting: true})
    } catch (err) {
      options.note(`spool: could not record ${file} yet (it stays for the next run): ${messageOf(err)}`)
      return report
    }
    report.orphaned += rows.length - kept.length
    report.files++
    rmSync(file, {force: true})
  }
  return report
}

/** A spool file's rows; throws, with the reason in one line, for anything else. */
function readSpool(file: string, database: string): SnapshotRow[] {
  const stats = lstatSync(file)
  if (!stats.isFile()) throw new Error('not a regular file')
  // The largest file a run writes, plus the header and some slack: anything larger is not ours.
  if (stats.size > MAX_SPOOL_FILE_BYTES + 64 * 1024) throw new Error(`larger than ${MAX_SPOOL_FILE_BYTES} bytes: not a mon spool file`)
  const lines = readFileSync(file, 'utf8').split('\n')
  if (lines.at(-1) === '') lines.pop()
  const header = parseLine(lines[0] ?? '', 1) as {mon_spool?: unknown; database?: unknown; rows?: unknown}
  if (header.mon_spool !== SPOOL_VERSION || typeof header.database !== 'string' || typeof header.rows !== 'number') {
    throw new Error('not a mon spool file (line 1 is not a mon spool header)')
  }
  if (header.database !== database) throw new Error(`its snapshots belong to another database (${header.database})`)
  const rows = lines.slice(1).map((line, i) => snapshotRow(parseLine(line, i + 2), i + 2))
  if (rows.length !== header.rows) throw new Error(`holds ${rows.length} snapshots, its header says ${header.rows}: cut short`)
  return rows
}

function parseLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line)
  } catch {
    throw new Error(`line ${n} is not JSON: not a mon spool file`)
  }
}

const SNAPSHOT_STATUSES: readonly unknown[] = ['ok', 'warn', 'error'] satisfies Status[]
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** A snapshot row exactly as mon writes one, or an error naming the line. */
function snapshotRow(value: unknown, n: number): SnapshotRow {
  const bad = (what: string) => new Error(`line ${n}: ${what}: not a mon spool file`)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('not a snapshot')
  const row = value as Record<string, unknown>
  const keys = Object.keys(row).sort()
  // A spool file written before migration 0009 has no phases_ms_json: its rows are recorded with none.
  if (!('phases_ms_json' in row)) keys.push('phases_ms_json')
  keys.sort()
  const expected = ['detail', 'endpoint_id', 'entity_id', 'id', 'latency_ms', 'observed_at', 'payload_json', 'phases_ms_json', 'registry_id', 'status']
  if (keys.join() !== expected.join()) throw bad('not a snapshot')
  const text = (v: unknown) => typeof v === 'string'
  const textOrNull = (v: unknown) => v === null || typeof v === 'string'
  if (!text(row.id) || !UUID.test(row.id as string)) throw bad('id is not a UUID')
  if (!text(row.entity_id) || !textOrNull(row.endpoint_id) || !textOrNull(row.registry_id)) throw bad('bad target ids')
  if (!SNAPSHOT_STATUSES.includes(row.status)) throw bad('bad status')
  if (!text(row.detail) || !textOrNull(row.payload_json) || !textOrNull(row.phases_ms_json ?? null)) throw bad('bad detail or payload')
  if (!(row.latency_ms === null || (typeof row.latency_ms === 'number' && Number.isFinite(row.latency_ms)))) throw bad('bad latency')
  if (!text(row.observed_at) || !ISO_UTC.test(row.observed_at as string)) throw bad('observed_at is not an ISO time')
  return {...row, phases_ms_json: row.phases_ms_json ?? null} as unknown as SnapshotRow
}

/**
 * The rows whose entity, endpoint and registry entry still exist. Retired
 * ones do (retirement keeps rows); one deleted by hand since would fail the
 * foreign key, and so the replay, on every run from now on.
 */
async function withLiveTargets(driver: Driver, rows: readonly SnapshotRow[]): Promise<SnapshotRow[]> {
  const present = async (table: string, ids: Set<string>): Promise<Set<string>> => {
    const found = new Set<string>()
    for (const chunk of batches([...ids])) {
      for (const {id} of await driver.all<{id: string}>(`SELECT id FROM ${table} WHERE id IN (${placeholders(chunk.length)})`, chunk)) found.add(id)
    }
    return found
  }
  const ids = (pick: (row: SnapshotRow) => string | null) => new Set(rows.map(pick).filter((id): id is string => id !== null))
  const entities = await present('entities', ids((r) => r.entity_id))
  const endpoints = await present('endpoints', ids((r) => r.endpoint_id))
  const registry = await present('registry_index', ids((r) => r.registry_id))
  return rows.filter(
    (r) => entities.has(r.entity_id) && (r.endpoint_id === null || endpoints.has(r.endpoint_id)) && (r.registry_id === null || registry.has(r.registry_id)),
  )
}
