/**
 * `mon plan --base FILE` / `--base-rev REV` (SPEC section 9): the plan of one
 * file against another, with no database. The base is turned into the rows
 * an apply of it would leave (managed, each with its fingerprint, so none is
 * drift), and the file is planned against them with the same planner and
 * drawn with the same renderers. Pure.
 */
import {CREATED_TABLES, FIELDS, TABLES, type FieldTable} from '../config/fields.js'
import type {PlanBase} from '../config/load-base.js'
import {STDIN_CONFIG} from '../config/read-limits.js'
import type {MonitorsModel} from '../config/model.js'
import {planChanges} from './diff.js'
import {fingerprint} from './fingerprint.js'
import {planJson, type JsonPlan} from './render-json.js'
import {desiredRows} from './rows.js'
import type {ObservedState, Plan} from './types.js'

/** A database plan's JSON, and what it compared the file with (`base` stays the observed state's fingerprint, as in every plan). */
export type BasePlanJson = JsonPlan & {compared_with: {file: string} | {rev: string; commit: string}}

/**
 * Not a time anything happened: the base was never applied. Only "set" is
 * read (a managed row); no output shows it.
 */
export const AS_IF_APPLIED_AT = '1970-01-01T00:00:00.000Z'

/** The rows an apply of `model` would leave in an empty database: every row managed and in sync. */
export function observedFromModel(model: MonitorsModel | null, fields: FieldTable = FIELDS): ObservedState {
  const observed: ObservedState = {entities: [], endpoints: [], registry_index: [], notifiers: [], maintenance_windows: []}
  if (model === null) return observed
  const desired = desiredRows(model, fields)
  for (const table of TABLES) {
    const rows = observed[table] as unknown as Array<Record<string, unknown>>
    const created = CREATED_TABLES.has(table) ? {created_at: AS_IF_APPLIED_AT} : {}
    for (const row of desired[table]) rows.push({...row, retired_at: null, applied_at: AS_IF_APPLIED_AT, applied_hash: fingerprint(table, row, fields), ...created})
  }
  return observed
}

/** The plan of `model` against a base model (null: a base that does not exist, so everything is created). */
export function planAgainstBase(model: MonitorsModel, base: MonitorsModel | null, fields: FieldTable = FIELDS): Plan {
  return planChanges(model, observedFromModel(base, fields), {pendingMigrations: [], fields, against: 'the base'})
}

/** The plan's first line: `Comparing monitors.yaml with the file at origin/main (3f2a9c1).` */
export function comparingLine(configPath: string, base: PlanBase): string {
  const config = configPath === STDIN_CONFIG ? 'standard input' : configPath
  if ('file' in base) return `Comparing ${config} with ${base.file === STDIN_CONFIG ? 'standard input' : base.file}.`
  if (base.absent) return `Comparing ${config} with ${base.describe} (${config} did not exist at ${base.rev}, so everything is created).`
  return `Comparing ${config} with the file at ${base.describe}.`
}

export function basePlanJson(plan: Plan, base: PlanBase): BasePlanJson {
  return {...planJson(plan), compared_with: 'file' in base ? {file: base.file} : {rev: base.rev, commit: base.commit}}
}
