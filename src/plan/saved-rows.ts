/**
 * A saved plan travels between CI jobs as an artifact, so what it would
 * write is checked as strictly as monitors.yaml: each row is turned back
 * into a file of its own (with stand-ins for the rows it names) and run through the loader (schema, rules, text),
 * and must load back to exactly the same row. An error names the JSON path
 * in the plan (`changes[2].row.url`), never the secret it found.
 */
import {FIELDS, TABLES, fieldView, storedRow, type Table} from '../config/fields.js'
import {parseConfig} from '../config/load.js'
import type {Entity, MonitorsModel} from '../config/model.js'
import {ID_MAX_LENGTH, ID_PATTERN} from '../config/model.js'
import {modelToYaml} from '../config/serialize.js'
import {textProblem} from '../config/text-rules.js'
import {modelFromRows} from './rows.js'
import type {ManagedRow} from './types.js'

const ID_RE = new RegExp(ID_PATTERN)
const PLACEHOLDER = {type: 'service', label: 'saved plan', owner: 'saved plan', docs_ref: null, notes: null}
const STAND_IN_NOTIFIER = {type: 'webhook', settings_json: '{"url":"http://127.0.0.1/"}'}

/** Why an id in a saved plan cannot be one, or undefined. */
export function savedIdProblem(id: string): string | undefined {
  return textProblem(id) ?? (ID_RE.test(id) && id.length <= ID_MAX_LENGTH ? undefined : `is not a valid id (${ID_PATTERN}, at most ${ID_MAX_LENGTH} characters)`)
}

/** Stand-ins for what a row names that is not in a saved plan's change: its entity, the entities it depends on or covers, the notifiers it tells. */
function standIns(table: Table, row: ManagedRow): Record<Table, ManagedRow[]> {
  const rows = Object.fromEntries(TABLES.map((t) => [t, [] as ManagedRow[]])) as Record<Table, ManagedRow[]>
  const entity = (id: unknown) => rows.entities.push(storedRow('entities', {id, ...PLACEHOLDER}))
  const ids = (column: string): string[] => {
    const value = safeJson(row[column] ?? null)
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
  }
  if (table === 'endpoints' || table === 'registry_index') {
    entity(row.entity_id)
    const notify = (safeJson(row.alert_json ?? null) as {notify?: unknown} | null)?.notify
    for (const id of new Set(Array.isArray(notify) ? notify : [])) rows.notifiers.push({id: String(id), ...STAND_IN_NOTIFIER})
  }
  if (table === 'entities') for (const id of new Set(ids('depends_on_json'))) if (id !== row.id) entity(id)
  if (table === 'maintenance_windows') for (const id of new Set(ids('entities_json'))) entity(id)
  return rows
}

function safeJson(text: string | null): unknown {
  try {
    return text === null ? null : (JSON.parse(text) as unknown)
  } catch {
    return null
  }
}

/** Problems with one change's row, each as `PATH: message` with PATH under `at` (e.g. `changes[2].row`). */
export function savedRowProblems(table: Table, row: ManagedRow, at: string): string[] {
  const rows = standIns(table, row)
  const stamp = {applied_at: 'saved', retired_at: null}
  rows[table].push(row)
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
  const back = backToRow(table, row, loaded.model!)
  if (back?.id !== row.id) return [`${at}.id: is not what mon plan writes for it (edited by hand?)`]
  for (const field of FIELDS[table]) {
    if ((back?.[field.column] ?? null) !== (row[field.column] ?? null)) return [`${at}.${field.column}: is not what mon plan writes for it (edited by hand?)`]
  }
  return []
}

/** The row a loaded stand-in model gives back for the table. */
function backToRow(table: Table, row: ManagedRow, model: MonitorsModel): ManagedRow | undefined {
  const entity: Entity | undefined = model.entities.find((e) => e.id === (table === 'entities' ? row.id : row.entity_id))
  const object =
    table === 'notifiers'
      ? model.notifiers.find((n) => n.id === row.id)
      : table === 'maintenance_windows'
        ? model.maintenance[0]
        : table === 'entities'
          ? entity
          : table === 'endpoints'
            ? entity?.endpoints[0]
            : entity?.registry[0]
  return object ? storedRow(table, object) : undefined
}

const ROW_PATH: Record<Table, RegExp> = {
  entities: /^entities\[\d+\]\.?(.*)$/,
  endpoints: /^entities\[\d+\]\.endpoints\[0\]\.?(.*)$/,
  registry_index: /^entities\[\d+\]\.registry\[0\]\.?(.*)$/,
  notifiers: /^notifiers\[\d+\]\.?(.*)$/,
  maintenance_windows: /^maintenance\[0\]\.?(.*)$/,
}

/**
 * A loader path in the stand-in file as a path under the row: the field's
 * column, and for check settings the setting (`.check_json (check.json[0].matches)`);
 * a notifier's settings are all in settings_json (`.settings_json (url)`).
 */
function rowPath(table: Table, docPath: string): string {
  const match = ROW_PATH[table].exec(docPath)
  if (!match) return /^entities\[\d+\]\.id/.test(docPath) ? '.entity_id' : ''
  const [name, ...rest] = match[1]!.split(/(?=[.[])/)
  if (!name) return ''
  const field = FIELDS[table].find((f) => f.name === name) ?? (table === 'notifiers' && name !== 'id' ? FIELDS.notifiers.find((f) => f.name === 'settings') : undefined)
  if (!field) return `.${name}${rest.join('')}`
  if (field.name !== name) return `.${field.column} (${name}${rest.join('')})`
  return rest.length === 0 ? `.${field.column}` : `.${field.column} (${name}${rest.join('')})`
}

/** A create's fields as the plan shows them, from its row: what is printed is what is written. */
export function createdFields(table: Table, row: ManagedRow): Record<string, {before: null; after: unknown}> {
  const out: Record<string, {before: null; after: unknown}> = {}
  for (const [key, after] of Object.entries(fieldView(table, row))) if (after !== null) out[key] = {before: null, after}
  return out
}

