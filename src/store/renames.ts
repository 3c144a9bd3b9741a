/**
 * Executes the plan's moves (`moved:`) inside the apply transaction: every
 * row that names a moved id is rewritten to the new one, so that history
 * follows. Portable SQL: with foreign keys checked per statement on both
 * engines, a row is renamed by inserting its copy under the new id, pointing
 * everything at the copy, then deleting the old row.
 *
 * A new table that holds an entity, endpoint or registry id must be added to
 * RENAMED_COLUMNS (test/moved/coverage.test.ts fails until it is).
 */
import {FIELDS, INVENTORY_TABLES, TABLES, managedColumns, type FieldTable, type InventoryTable} from '../config/fields.js'
import {renameObserved, type PlannedMove} from '../plan/moves.js'
import type {ObservedState} from '../plan/types.js'
import type {Driver, SqlValue} from './driver.js'

/**
 * Every column outside the managed tables' own that holds a movable id, per
 * table: what an entity's, an endpoint's or a registry entry's move rewrites.
 * `target_id` goes with its `target_table`. The managed tables' columns
 * (entity_id, depends_on_json, entities_json) follow the planner's
 * renameObserved, which re-stamps their fingerprints.
 */
export const RENAMED_COLUMNS: Record<string, readonly string[]> = {
  snapshots: ['entity_id', 'endpoint_id', 'registry_id'],
  rollups: ['entity_id', 'target_id'],
  alerts: ['entity_id', 'target_id'],
  alert_states: ['target_id'],
  maintenance_adhoc: ['entities_json'],
  // Managed tables: renamed through renameObserved.
  entities: ['depends_on_json'],
  endpoints: ['entity_id'],
  registry_index: ['entity_id'],
  maintenance_windows: ['entities_json'],
}

const SNAPSHOT_COLUMN: Record<InventoryTable, string> = {entities: 'entity_id', endpoints: 'endpoint_id', registry_index: 'registry_id'}

type Row = Record<string, unknown>

function value(v: unknown): SqlValue {
  return v === undefined ? null : (v as SqlValue)
}

/** Copies a row under its new id, every column as stored but a target's entity: the one it moves to. */
async function copyRow(driver: Driver, move: PlannedMove): Promise<void> {
  const [row] = await driver.all<Row>(`SELECT * FROM ${move.table} WHERE id = ?`, [move.from])
  if (!row) throw new Error(`moved ${move.from} → ${move.to}: ${move.from} is not in ${move.table}`)
  const columns = Object.keys(row)
  await driver.run(`INSERT INTO ${move.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map((c) => (c === 'id' ? move.to : c === 'entity_id' ? move.entity_id : value(row[c]))))
}

/** Rows a statement of a target's snapshot rewrite covers: bounded, so that each stays under PostgreSQL's statement_timeout. */
const SNAPSHOT_BATCH = 50_000

type Match = Array<[column: string, value: string]>

/**
 * Sets columns of the snapshots that match (the first column indexed with
 * observed_at: a target's), a range of observed_at at a time, all in the
 * apply's transaction. A range ends at a time, so rows sharing it go together.
 */
export async function updateSnapshots(driver: Driver, match: Match, set: Record<string, string>, batch = SNAPSHOT_BATCH): Promise<void> {
  const where = match.map(([column]) => `${column} = ?`).join(' AND ')
  const values = match.map(([, value]) => value)
  const assignments = Object.keys(set).map((column) => `${column} = ?`).join(', ')
  let after: string | null = null
  for (;;) {
    const since: string = after === null ? '' : ' AND observed_at > ?'
    const params: string[] = after === null ? values : [...values, after]
    const [bound]: Array<{at: string | null}> = await driver.all<{at: string | null}>(`SELECT max(observed_at) AS at FROM (SELECT observed_at FROM snapshots WHERE ${where}${since} ORDER BY observed_at LIMIT ${batch}) batch`, params)
    if (!bound?.at) return
    await driver.run(`UPDATE snapshots SET ${assignments} WHERE ${where}${since} AND observed_at <= ?`, [...Object.values(set), ...params, bound.at])
    after = bound.at
  }
}

/**
 * Snapshots, rollups and alerts of a moved row. A target's rows take its
 * entity as renamed too: an endpoint moved to another entity brings its
 * history. An entity's snapshots are rewritten target by target (its targets
 * as observed, under their old ids), then any row left (a target that changed
 * entity since): that one statement, like the foreign key check of the old
 * row's delete, reads the whole table, as no index holds entity_id.
 */
async function moveHistory(driver: Driver, move: PlannedMove, observed: ObservedState, alerting: boolean): Promise<void> {
  const {table, from, to, entity_id: entityId} = move
  if (table === 'entities') {
    for (const row of observed.endpoints) if (row.entity_id === from) await updateSnapshots(driver, [['endpoint_id', row.id], ['entity_id', from]], {entity_id: to})
    for (const row of observed.registry_index) if (row.entity_id === from) await updateSnapshots(driver, [['registry_id', row.id], ['entity_id', from]], {entity_id: to})
    await driver.run('UPDATE snapshots SET entity_id = ? WHERE entity_id = ?', [to, from])
    await driver.run('UPDATE rollups SET entity_id = ? WHERE entity_id = ?', [to, from])
    if (alerting) await driver.run('UPDATE alerts SET entity_id = ? WHERE entity_id = ?', [to, from])
    return
  }
  await updateSnapshots(driver, [[SNAPSHOT_COLUMN[table], from]], {[SNAPSHOT_COLUMN[table]]: to, entity_id: entityId})
  await driver.run('UPDATE rollups SET target_id = ?, entity_id = ? WHERE target_table = ? AND target_id = ?', [to, entityId, table, from])
  if (!alerting) return
  await driver.run('UPDATE alerts SET target_id = ?, entity_id = ? WHERE target_table = ? AND target_id = ?', [to, entityId, table, from])
  await driver.run('UPDATE alert_states SET target_id = ? WHERE target_table = ? AND target_id = ?', [to, table, from])
}

/** Ad-hoc maintenance (`mon maintenance start`) names entities in a JSON list. */
async function moveAdhoc(driver: Driver, entities: ReadonlyMap<string, string>): Promise<void> {
  if (entities.size === 0 || !(await driver.hasTable('maintenance_adhoc'))) return
  for (const row of await driver.all<{id: string; entities_json: string}>('SELECT id, entities_json FROM maintenance_adhoc')) {
    const ids = JSON.parse(row.entities_json) as unknown
    if (!Array.isArray(ids) || !ids.some((id) => entities.has(id as string))) continue
    const renamed = ids.map((id) => entities.get(id as string) ?? id)
    await driver.run('UPDATE maintenance_adhoc SET entities_json = ? WHERE id = ?', [JSON.stringify(renamed), row.id])
  }
}

/**
 * The managed rows a rename touches (children's entity_id, depends_on,
 * windows' entities) as renameObserved has them, fingerprints re-stamped.
 * A row the plan also writes is rewritten too: its entity's old row goes
 * before the plan's upsert of it, which then sets the file's values and
 * fingerprint.
 */
async function rewriteManaged(driver: Driver, observed: ObservedState, renamed: ObservedState, fields: FieldTable): Promise<void> {
  for (const table of TABLES) {
    const before = observed[table] as unknown as Row[]
    const after = renamed[table] as unknown as Row[]
    const columns = [...managedColumns(table, fields).filter((c) => c !== 'id'), 'applied_hash']
    for (const [i, row] of after.entries()) {
      const old = before[i]!
      const changed = columns.filter((c) => c in row && row[c] !== old[c])
      if (changed.length === 0) continue
      await driver.run(`UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...changed.map((c) => value(row[c])), row.id as string])
    }
  }
}

/**
 * Renames the moved rows and everything that names them, before the plan's
 * upserts of the rows it writes. `observed` is the state the plan was made
 * against, read in this transaction. A moved target's history takes the entity its row names, which
 * must exist by now (apply writes new entities first).
 */
export async function renameRows(driver: Driver, moves: readonly PlannedMove[], observed: ObservedState, fields: FieldTable = FIELDS): Promise<void> {
  if (moves.length === 0) return
  const ordered = INVENTORY_TABLES.flatMap((table) => moves.filter((m) => m.table === table))
  for (const move of ordered) await copyRow(driver, move)
  await rewriteManaged(driver, observed, renameObserved(observed, moves, fields), fields)
  // Children's history first: each row is then rewritten once, its target and entity together, and the
  // entity's own pass finds only what is left (its rows of no target).
  const alerting = await driver.hasTable('alerts')
  for (const move of [...ordered].reverse()) await moveHistory(driver, move, observed, alerting)
  await moveAdhoc(driver, new Map(moves.filter((m) => m.table === 'entities').map((m) => [m.from, m.to])))
  // Children first: nothing names an old row any more.
  for (const move of [...ordered].reverse()) await driver.run(`DELETE FROM ${move.table} WHERE id = ?`, [move.from])
}
