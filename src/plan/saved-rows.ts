/**
 * A saved plan travels between CI jobs as an artifact, so what it would
 * write is checked as strictly as monitors.yaml: each row is turned back
 * into a one-entity file and run through the loader (schema, rules, text),
 * and must load back to exactly the same row. An error names the JSON path
 * in the plan (`changes[2].row.url`), never the secret it found.
 */
import {FIELDS, fieldView, storedRow, type Table} from '../config/fields.js'
import {parseConfig} from '../config/load.js'
import type {Entity, MonitorsModel} from '../config/model.js'
import {ID_MAX_LENGTH, ID_PATTERN} from '../config/model.js'
import {modelToYaml} from '../config/serialize.js'
import {textProblem} from '../config/text-rules.js'
import {modelFromRows} from './rows.js'
import type {ManagedRow} from './types.js'

const ID_RE = new RegExp(ID_PATTERN)
const PLACEHOLDER = {type: 'service', label: 'saved plan', owner: 'saved plan', docs_ref: null, notes: null}

/** Why an id in a saved plan cannot be one, or undefined. */
export function savedIdProblem(id: string): string | undefined {
  return textProblem(id) ?? (ID_RE.test(id) && id.length <= ID_MAX_LENGTH ? undefined : `is not a valid id (${ID_PATTERN}, at most ${ID_MAX_LENGTH} characters)`)
}

/** Problems with one change's row, each as `PATH: message` with PATH under `at` (e.g. `changes[2].row`). */
export function savedRowProblems(table: Table, row: ManagedRow, at: string): string[] {
  const rows = {entities: [] as ManagedRow[], endpoints: [] as ManagedRow[], registry_index: [] as ManagedRow[]}
  const stamp = {applied_at: 'saved', retired_at: null}
  rows[table].push(row)
  // An endpoint or registry entry is checked inside a stand-in entity of its own entity id.
  if (table !== 'entities') rows.entities.push(storedRow('entities', {id: row.entity_id, ...PLACEHOLDER}))
  let model: MonitorsModel
  let text: string
  try {
    const observed = Object.fromEntries(Object.entries(rows).map(([t, list]) => [t, list.map((r) => ({...r, ...stamp}))]))
    model = modelFromRows(observed as never)
    text = modelToYaml(model)
  } catch {
    // Text columns were checked to be text; only a JSON column can hold the wrong shape.
    const json = FIELDS[table].find((f) => f.type === 'json')
    return [`${at}${json ? `.${json.column}` : ''}: is not what mon plan writes for it (a value has the wrong type)`]
  }
  const loaded = parseConfig(text, 'saved plan')
  if (loaded.errors.length > 0) return [...new Set(loaded.errors.map((e) => `${at}${rowPath(table, e.path)}: ${e.message}`))]
  const back = backToRow(table, loaded.model!)
  if (back?.id !== row.id) return [`${at}.id: is not what mon plan writes for it (edited by hand?)`]
  for (const field of FIELDS[table]) {
    if ((back?.[field.column] ?? null) !== (row[field.column] ?? null)) return [`${at}.${field.column}: is not what mon plan writes for it (edited by hand?)`]
  }
  return []
}

/** The row a loaded one-entity model gives back for the table. */
function backToRow(table: Table, model: MonitorsModel): ManagedRow | undefined {
  const entity: Entity | undefined = model.entities[0]
  if (!entity) return undefined
  const object = table === 'entities' ? entity : table === 'endpoints' ? entity.endpoints[0] : entity.registry[0]
  return object ? storedRow(table, object) : undefined
}

/**
 * A loader path in the stand-in file as a path under the row: the field's
 * column, and for check settings the setting (`.check_json (check.json[0].matches)`).
 */
function rowPath(table: Table, docPath: string): string {
  const inner = table === 'entities' ? /^entities\[0\]\.?(.*)$/ : table === 'endpoints' ? /^entities\[0\]\.endpoints\[0\]\.?(.*)$/ : /^entities\[0\]\.registry\[0\]\.?(.*)$/
  const match = inner.exec(docPath)
  if (!match) return docPath.startsWith('entities[0].id') ? '.entity_id' : ''
  const [name, ...rest] = match[1]!.split(/(?=[.[])/)
  if (!name) return ''
  const field = FIELDS[table].find((f) => f.name === name)
  if (!field) return `.${name}${rest.join('')}`
  return rest.length === 0 ? `.${field.column}` : `.${field.column} (${name}${rest.join('')})`
}

/** A create's fields as the plan shows them, from its row: what is printed is what is written. */
export function createdFields(table: Table, row: ManagedRow): Record<string, {before: null; after: unknown}> {
  const out: Record<string, {before: null; after: unknown}> = {}
  for (const [key, after] of Object.entries(fieldView(table, row))) if (after !== null) out[key] = {before: null, after}
  return out
}

