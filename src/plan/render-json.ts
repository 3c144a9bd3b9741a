/**
 * The plan as machine output (`--format json`, `--json`) and as a saved plan
 * file (`--out`). Field names are stable: they may be added to, never renamed.
 * Durations in check fields are milliseconds here; header values keep their
 * `${VAR}` form, so neither holds a secret.
 */
import {canonicalJson, sha256} from '../canonical-json.js'
import {FIELDS, type FieldTable} from '../config/fields.js'
import {textProblem} from '../config/text-rules.js'
import {MonError} from '../errors.js'
import {plural} from '../plural.js'
import type {RowHashes} from './fingerprint.js'
import {summarise} from './diff.js'
import {TABLES} from '../config/fields.js'
import {createdFields, savedIdProblem, savedRowProblems} from './saved-rows.js'
import {ACTIONS, type Change, type ManagedRow, type Plan} from './types.js'
import {headerLines, type HeaderLine} from './view.js'

export const FORMAT_VERSION = '1'
export const SAVED_PLAN_KIND = 'mon-plan'

export interface JsonChange {
  action: Change['action']
  table: Change['table']
  id: string
  drift: boolean
  adopt: boolean
  entity_id?: string
  /** The file that declares the row, named as diagnostics name it; none for a retire. */
  file?: string
  /** For a move: the id before apply (`to` is `id`, the id after) and how many snapshots follow; null when unknown. */
  from?: string
  to?: string
  snapshots?: number | null
  /** For a move: true when the row under `from` is retired and the move revives it. */
  revive?: boolean
  fields: Change['fields']
  unchanged_fields: number
  snapshots_kept?: number | null
  /** For a new, changed or revived endpoint: each header it sends and the variables it reads (never a value). */
  headers?: HeaderLine[]
}

export interface JsonPlan {
  format_version: string
  changes: JsonChange[]
  summary: Plan['summary']
  drift: number
  unmanaged: Plan['unmanaged']
  migrations: Plan['migrations']
  mass_retire: Plan['mass_retire']
  base: string
}

function jsonChange(change: Change): JsonChange {
  // Built key by key so that the JSON keeps one order: entity_id after adopt, before fields.
  const out = {action: change.action, table: change.table, id: change.id, drift: change.drift, adopt: change.adopt} as JsonChange
  if (change.entity_id !== undefined) out.entity_id = change.entity_id
  if (change.file !== undefined) out.file = change.file
  if (change.action === 'move') Object.assign(out, {from: change.from, to: change.id, snapshots: change.snapshots ?? null, revive: change.revive === true})
  out.fields = change.fields
  out.unchanged_fields = change.unchanged_fields
  if (change.action === 'retire') out.snapshots_kept = change.snapshots_kept ?? null
  if (change.table === 'endpoints' && change.action !== 'retire') out.headers = headerLines(change)
  return out
}

export function planJson(plan: Plan): JsonPlan {
  return {
    format_version: FORMAT_VERSION,
    changes: plan.changes.map(jsonChange),
    summary: plan.summary,
    drift: plan.changes.filter((c) => c.drift).length,
    unmanaged: plan.unmanaged,
    migrations: plan.migrations,
    mass_retire: plan.mass_retire,
    base: plan.base,
  }
}

/** `mon apply --json`: the plan it wrote, the migrations it ran, and the run's id (null when nothing was written). */
export function appliedJson(plan: Plan, runId: string | null, migrated: readonly string[]) {
  return {...planJson(plan), migrations: {pending: [], applied: [...migrated]}, applied: true, run_id: runId}
}

/** Where a saved plan came from: recorded by the apply that executes it. */
export interface PlanSource {
  config: string
  config_sha256: string
  git_commit: string | null
  created_at: string
}

export interface SavedPlan extends Omit<JsonPlan, 'changes'> {
  kind: typeof SAVED_PLAN_KIND
  source: PlanSource
  changes: (JsonChange & {row?: ManagedRow})[]
  /** Per-row state hashes of the database the plan was made against. */
  observed: RowHashes
  /** sha256 of the canonical JSON of everything else: an edit by hand is refused. */
  content_sha256: string
}

/** The hash a saved plan carries of its own content (every key but content_sha256). */
function contentHash(saved: object): string {
  const {content_sha256: _ignored, ...rest} = JSON.parse(JSON.stringify(saved)) as Record<string, unknown>
  return sha256(canonicalJson(rest))
}

export function savedPlan(plan: Plan, source: PlanSource, observed: RowHashes): SavedPlan {
  const json = planJson(plan)
  const saved: Omit<SavedPlan, 'content_sha256'> = {
    ...json,
    kind: SAVED_PLAN_KIND,
    source,
    changes: plan.changes.map((c, i) => (c.row ? {...json.changes[i]!, row: c.row} : json.changes[i]!)),
    observed,
  }
  return {...saved, content_sha256: contentHash(saved)}
}

/** Reads a saved plan back, checking its shape so that a damaged file is refused, not half-applied. */
export function parseSavedPlan(text: string, file: string, fields: FieldTable = FIELDS): {plan: Plan; source: PlanSource; observed: RowHashes} {
  let data: SavedPlan
  try {
    data = JSON.parse(text) as SavedPlan
  } catch {
    throw new MonError(`${file} is not a saved plan: it is not JSON (make one with \`mon plan --out ${file}\`)`)
  }
  const bad = (why: string) => new MonError(`${file} is not a usable saved plan: ${why}`)
  if (data === null || typeof data !== 'object' || data.kind !== SAVED_PLAN_KIND) throw bad(`"kind" is not "${SAVED_PLAN_KIND}" (make one with \`mon plan --out ${file}\`)`)
  if (data.format_version !== FORMAT_VERSION) throw bad(`format_version ${JSON.stringify(data.format_version)} is not ${FORMAT_VERSION}`)
  if (typeof data.base !== 'string' || !Array.isArray(data.changes) || !data.observed || !data.source) throw bad('base, changes, observed or source is missing')
  for (const table of TABLES) if (typeof data.observed[table] !== 'object' || data.observed[table] === null) throw bad(`observed.${table} is missing`)
  const changes: Change[] = data.changes.map((c, i) => {
    if (!ACTIONS.includes(c.action) || !TABLES.includes(c.table) || typeof c.id !== 'string') throw bad(`changes[${i}] has no valid action, table and id`)
    if (c.action !== 'retire') {
      const row = c.row as Record<string, unknown> | undefined
      if (!row || row.id !== c.id) throw bad(`changes[${i}] has no row to write`)
      for (const field of fields[c.table]) {
        const value = row[field.column]
        if (!(typeof value === 'string' || (value === null && field.nullable))) throw bad(`changes[${i}].row.${field.column} is missing`)
      }
    }
    const change: Change = {action: c.action, table: c.table, id: c.id, drift: Boolean(c.drift), adopt: Boolean(c.adopt), fields: c.fields ?? {}, unchanged_fields: Number(c.unchanged_fields) || 0}
    if (c.entity_id !== undefined) change.entity_id = c.entity_id
    if (c.file !== undefined && c.action !== 'retire') change.file = c.file
    if (c.action === 'retire') change.snapshots_kept = c.snapshots_kept ?? null
    if (c.action === 'move') {
      if (typeof c.from !== 'string') throw bad(`changes[${i}] is a move without a from`)
      Object.assign(change, {from: c.from, snapshots: c.snapshots ?? null})
      if (c.revive === true) change.revive = true
    }
    if (c.row) change.row = c.row
    return change
  })
  if (data.content_sha256 !== contentHash(data)) {
    throw bad(`its content does not match its content_sha256, so it was changed after mon plan wrote it; make it again with \`mon plan --out ${file}\``)
  }
  // As strict as the file: what the plan would write passes the same rules as monitors.yaml.
  const problems: string[] = []
  for (const [key, value] of Object.entries(data.source)) {
    const problem = typeof value === 'string' ? textProblem(value) : value === null ? undefined : 'must be text'
    if (problem) problems.push(`source.${key}: ${problem}`)
  }
  for (const [i, change] of changes.entries()) {
    const idProblem = savedIdProblem(change.id)
    if (idProblem) problems.push(`changes[${i}].id: ${idProblem}`)
    if (change.file !== undefined && (typeof change.file !== 'string' || textProblem(change.file))) problems.push(`changes[${i}].file: ${typeof change.file === 'string' ? textProblem(change.file) : 'must be text'}`)
    if (change.entity_id !== undefined && (typeof change.entity_id !== 'string' || savedIdProblem(change.entity_id))) problems.push(`changes[${i}].entity_id: is not a valid id`)
    if (change.from !== undefined && savedIdProblem(change.from)) problems.push(`changes[${i}].from: ${savedIdProblem(change.from)}`)
    // Printed by apply as they are: field names must be text a terminal shows as written.
    for (const key of Object.keys(change.fields)) {
      const problem = textProblem(key)
      if (problem) problems.push(`changes[${i}].fields: a field name ${problem}`)
    }
    if (!change.row) continue
    if (change.table !== 'entities' && change.entity_id !== undefined && change.row.entity_id !== change.entity_id) problems.push(`changes[${i}].row.entity_id: is not the change's entity_id`)
    problems.push(...savedRowProblems(change.table, change.row, `changes[${i}].row`))
    // What apply prints for a create is what it writes.
    if (change.action === 'create') change.fields = createdFields(change.table, change.row)
  }
  const unmanaged = Array.isArray(data.unmanaged) ? data.unmanaged : []
  for (const [i, row] of unmanaged.entries()) {
    const problem = row && TABLES.includes(row.table) && typeof row.id === 'string' ? textProblem(row.id) : 'is not a {table, id} row'
    if (problem) problems.push(`unmanaged[${i}]: ${problem}`)
  }
  if (problems.length > 0) {
    throw new MonError(`${file} is not a usable saved plan (${plural(problems.length, 'error')}; it is checked as strictly as monitors.yaml):\n${problems.map((p) => `${file} ${p}`).join('\n')}`, {
      details: {errors: problems},
    })
  }
  const plan: Plan = {
    changes,
    summary: summarise(changes),
    unmanaged,
    migrations: {pending: Array.isArray(data.migrations?.pending) ? data.migrations.pending : []},
    base: data.base,
    mass_retire: data.mass_retire ?? {retiring: 0, active: 0, triggered: false, table: 'entities'},
    // The main file the plan was made from: its changes are listed first when they come from several files.
    config: data.source.config,
  }
  return {plan, source: data.source, observed: data.observed}
}
