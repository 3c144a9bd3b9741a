/**
 * `moved:` in the planner, pure. A move renames a row the database holds
 * (`from`) to the id the file declares (`to`), in the table that declares
 * `to`; an entity's move takes along its endpoints and registry entries whose
 * ids derive from its id. The observed state is renamed as apply will rename
 * it (store/renames.ts executes the same `renameObserved`), then diffed as
 * usual, so a moved row that also changed is one `move` change with fields.
 */
import {FIELDS, INVENTORY_TABLES, TABLES, fieldView, fromStored, toStored, type FieldTable, type InventoryTable, type Table} from '../config/fields.js'
import type {Move} from '../config/model.js'
import {MonError} from '../errors.js'
import {fingerprint, fingerprintMatches} from './fingerprint.js'
import type {Change, DesiredRows, ObservedState, Plan} from './types.js'

/** One rename apply executes: a row of `table` from one id to another. */
export interface ResolvedMove {
  table: InventoryTable
  from: string
  to: string
}

type Row = Record<string, unknown>

function idsOf(rows: readonly {id: string}[]): Set<string> {
  return new Set(rows.map((row) => row.id))
}

/**
 * The renames this plan makes: each `moved:` entry whose `from` the database
 * holds, in the table that declares `to`, and the derived ids of an entity's
 * children. A leftover entry (`from` gone, `to` there) is nothing. A `to`
 * already held beside `from`, active or retired, is refused: it has a history
 * of its own, and two histories cannot become one. `against` names what the
 * plan compares with in that refusal: the database, or `plan --base`'s base.
 */
export function resolveMoves(moved: readonly Move[], desired: DesiredRows, observed: ObservedState, against = 'the database'): ResolvedMove[] {
  const wanted = Object.fromEntries(INVENTORY_TABLES.map((t) => [t, idsOf(desired[t])])) as Record<InventoryTable, Set<string>>
  const held = Object.fromEntries(INVENTORY_TABLES.map((t) => [t, retiredById(observed[t])])) as Record<InventoryTable, Map<string, boolean>>
  const moves: ResolvedMove[] = []
  const claimed = new Set<string>()
  const add = (table: InventoryTable, from: string, to: string, entity?: ResolvedMove): void => {
    if (!held[table].has(from)) return
    const retired = held[table].get(to)
    if (retired !== undefined) throw heldRefusal({table, from, to}, retired, against, entity)
    moves.push({table, from, to})
  }
  for (const {from, to} of moved) {
    const table = INVENTORY_TABLES.find((t) => wanted[t].has(to))
    if (table === undefined) continue
    claimed.add(`${table}\0${from}`).add(`${table}\0${to}`)
    add(table, from, to)
  }
  const entityMoves = moves.filter((m) => m.table === 'entities')
  // Each entity's rows, found once: a file may move hundreds of entities.
  const children = childrenByEntity(entityMoves.length === 0 ? {endpoints: [], registry_index: []} : observed)
  for (const move of entityMoves) {
    const derived: Array<[InventoryTable, string, string]> = []
    for (const row of children.endpoints.get(move.from) ?? []) {
      if (row.id.startsWith(`${move.from}:`)) derived.push(['endpoints', row.id, `${move.to}${row.id.slice(move.from.length)}`])
    }
    for (const row of children.registry_index.get(move.from) ?? []) {
      if (row.id === `registry:${move.from}`) derived.push(['registry_index', row.id, `registry:${move.to}`])
    }
    for (const [table, from, to] of derived) {
      if (!wanted[table].has(to) || wanted[table].has(from) || claimed.has(`${table}\0${from}`) || claimed.has(`${table}\0${to}`)) continue
      add(table, from, to, move)
    }
  }
  return moves
}

function retiredById(rows: ReadonlyArray<{id: string; retired_at: string | null}>): Map<string, boolean> {
  return new Map(rows.map((row) => [row.id, row.retired_at !== null && row.retired_at !== undefined]))
}

/** Why a move onto a held id cannot be, and the ways past it; `entity`: the entity move a derived child's comes with. */
function heldRefusal(move: ResolvedMove, retired: boolean, against: string, entity?: ResolvedMove): MonError {
  const held = `${against} already holds ${move.to}${retired ? ' (retired)' : ''}, with a history of its own; a move cannot merge two histories. Nothing was changed;`
  if (entity !== undefined) {
    const noun = move.table === 'endpoints' ? 'endpoint' : 'registry entry'
    return new MonError(`moved ${entity.from} → ${entity.to}: its ${noun} ${move.from} would become ${move.to}, and ${held} give that ${noun} an id of its own in the file (with a moved: entry from ${move.from} to keep its history), or move ${entity.from} to another id`)
  }
  const instead = retired ? `retire ${move.from} and revive ${move.to} as it was` : `retire ${move.from} and keep ${move.to} as it is`
  return new MonError(`moved ${move.from} → ${move.to}: ${held} move ${move.from} to another id, or remove the entry to ${instead}`)
}

/** An id list column (depends_on, a window's entities) with the moved entity ids renamed, stored as the field stores it. */
function renamedList(table: Table, column: string, row: Row, entities: ReadonlyMap<string, string>, fields: FieldTable): unknown {
  const field = fields[table].find((f) => f.column === column)
  if (!field || row[column] === null || row[column] === undefined) return row[column]
  const ids = fromStored(field, row[column])
  if (!Array.isArray(ids) || !ids.some((id) => entities.has(id as string))) return row[column]
  return toStored(field, ids.map((id) => entities.get(id as string) ?? id))
}

const ID_LISTS: Partial<Record<Table, string>> = {entities: 'depends_on_json', maintenance_windows: 'entities_json'}

/**
 * The observed state as it is after the renames: ids, children's entity_id,
 * depends_on and windows' entity lists. A row whose fingerprint matched is
 * re-stamped (its entity_id is hashed), so that only a hand edit is drift.
 */
export function renameObserved(observed: ObservedState, moves: readonly ResolvedMove[], fields: FieldTable = FIELDS): ObservedState {
  if (moves.length === 0) return observed
  const byTable = new Map<Table, Map<string, string>>()
  for (const move of moves) {
    if (!byTable.has(move.table)) byTable.set(move.table, new Map())
    byTable.get(move.table)!.set(move.from, move.to)
  }
  const entities = byTable.get('entities') ?? new Map<string, string>()
  const out = {} as Record<Table, Row[]>
  for (const table of TABLES) {
    const ids = byTable.get(table)
    out[table] = (observed[table] as unknown as Row[]).map((row) => {
      const next: Row = {...row}
      const id = ids?.get(row.id as string)
      if (id !== undefined) next.id = id
      if ((table === 'endpoints' || table === 'registry_index') && entities.has(row.entity_id as string)) next.entity_id = entities.get(row.entity_id as string)
      const list = ID_LISTS[table]
      if (list !== undefined) next[list] = renamedList(table, list, row, entities, fields)
      const touched = Object.keys(next).some((key) => key !== 'id' && next[key] !== row[key])
      if (touched && fingerprintMatches(table, row, row.applied_hash, fields)) next.applied_hash = fingerprint(table, next, fields)
      return id !== undefined || touched ? next : row
    })
  }
  return out as unknown as ObservedState
}

/**
 * The plan's changes with the moves in: the diff's change of a moved row (an
 * update or revive of `to`) becomes its `move`, with the fields that changed;
 * a moved row that is otherwise the same gets a `move` of its own.
 */
export function withMoves(changes: readonly Change[], moves: readonly ResolvedMove[], desired: DesiredRows): Change[] {
  const out = [...changes]
  const index = new Map(out.map((c, i) => [`${c.table}\0${c.id}`, i]))
  const rows = new Map(moves.map((m) => [`${m.table}\0${m.to}`, m]))
  const wanted = new Map(INVENTORY_TABLES.flatMap((t) => desired[t].filter((r) => rows.has(`${t}\0${r.id}`)).map((r) => [`${t}\0${r.id}`, r] as const)))
  for (const move of moves) {
    const at = index.get(`${move.table}\0${move.to}`) ?? -1
    const row = wanted.get(`${move.table}\0${move.to}`)!
    const base: Change = at >= 0 ? out[at]! : {action: 'move', table: move.table, id: move.to, drift: false, adopt: false, fields: {}, unchanged_fields: Object.keys(fieldView(move.table, row)).length}
    const change: Change = {...base, action: 'move', from: move.from, row}
    // Renamed, a retired row is the diff's revive: the move shows that it comes back.
    if (base.action === 'revive') change.revive = true
    if (move.table !== 'entities' && typeof row.entity_id === 'string') change.entity_id = row.entity_id
    if (at >= 0) out[at] = change
    else out.push(change)
  }
  return out
}

/** The rows a move line counts snapshots for: each move's `from`, as the database holds it before apply. */
export function movingRows(plan: Plan): {table: Table; id: string}[] {
  return plan.changes.filter((c) => c.action === 'move' && c.from !== undefined).map((c) => ({table: c.table, id: c.from!}))
}

/** Fills in how many snapshots follow each move; `counts` is keyed `table:from` (store/inventory.snapshotCounts). */
export function withMoveCounts(plan: Plan, counts: ReadonlyMap<string, number> | null): Plan {
  const changes = plan.changes.map((c) => (c.action === 'move' ? {...c, snapshots: counts ? (counts.get(`${c.table}:${c.from}`) ?? 0) : null} : c))
  return {...plan, changes}
}

/** A rename as apply executes it: with the entity a moved target belongs to afterwards (from its row). */
export interface PlannedMove extends ResolvedMove {
  entity_id: string
}

/** The renames a plan's changes make, in the order apply runs them: parents first. */
export function planMoves(plan: Plan): PlannedMove[] {
  return INVENTORY_TABLES.flatMap((table) =>
    plan.changes
      .filter((c) => c.action === 'move' && c.table === table && c.from !== undefined)
      .map((c) => ({table, from: c.from!, to: c.id, entity_id: table === 'entities' ? c.id : String(c.row?.entity_id ?? c.entity_id)})),
  )
}

function childrenByEntity(observed: {endpoints: ReadonlyArray<{id: string; entity_id: string}>; registry_index: ReadonlyArray<{id: string; entity_id: string}>}) {
  const index = (rows: ReadonlyArray<{id: string; entity_id: string}>) => {
    const byEntity = new Map<string, Array<{id: string}>>()
    for (const row of rows) {
      const list = byEntity.get(row.entity_id)
      if (list) list.push(row)
      else byEntity.set(row.entity_id, [row])
    }
    return byEntity
  }
  return {endpoints: index(observed.endpoints), registry_index: index(observed.registry_index)}
}
