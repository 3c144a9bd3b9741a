/**
 * The managed fields: every field that `mon apply` owns, declared once, per
 * table. The loader's defaults, the rows apply writes, the field-level diff
 * of a plan, the drift fingerprint, export, the checks on a saved plan and
 * the JSON output are all driven by this table, so that adding a field is an
 * entry here, the schema, a migration and docs (ARCHITECTURE.md, "Add a
 * managed field").
 */
import {posix} from 'node:path'

import {canonicalJson} from '../canonical-json.js'
import {formatDuration, parseDuration} from '../duration.js'
import {alertView, decodeAlert, settingsView, sortedIds} from './alert.js'
import {checkView, servesView} from './check-view.js'
import {BUILTIN_ALERT, BUILTIN_CHECK, DEFAULT_INTERVAL, type CheckSettings} from './model.js'
import type {SloSpec} from './monitors.types.js'
import {durationMs} from './schedule-rules.js'
import {decodeSlo, normaliseSlo, sloView} from './slo.js'
import {isRelativeRegistryPath} from './registry-path.js'

/** Table order is also the order rows are written in (foreign keys point up this list). */
export const TABLES = ['entities', 'endpoints', 'registry_index', 'notifiers', 'maintenance_windows'] as const
export type Table = (typeof TABLES)[number]

/** The tables of what mon checks (entities and their targets): snapshots name their rows. */
export const INVENTORY_TABLES = ['entities', 'endpoints', 'registry_index'] as const satisfies readonly Table[]
export type InventoryTable = (typeof INVENTORY_TABLES)[number]

/** Tables whose rows record when apply first wrote them (`created_at`). */
export const CREATED_TABLES: ReadonlySet<Table> = new Set(['entities', 'notifiers', 'maintenance_windows'])

/** Tables that migration 0016 added: a database before it reads them as empty. */
export const ALERT_TABLES: ReadonlySet<Table> = new Set(['notifiers', 'maintenance_windows'])

/** Singular names for output: `entity`, `endpoint`, `registry`. */
export const TABLE_NOUN: Record<Table, string> = {entities: 'entity', endpoints: 'endpoint', registry_index: 'registry', notifiers: 'notifier', maintenance_windows: 'maintenance window'}

/** Plural names for sentences: `3 of 4 active registry entries`. */
export const TABLE_NOUNS: Record<Table, string> = {
  entities: 'entities',
  endpoints: 'endpoints',
  registry_index: 'registry entries',
  notifiers: 'notifiers',
  maintenance_windows: 'maintenance windows',
}

/**
 * What a managed column holds: text or NULL. Every managed column is TEXT,
 * so that a value reads back from either engine exactly as it was written
 * (the fingerprint depends on it); a number is stored as its text.
 */
export type StoredValue = string | null

export interface FieldSpec {
  /** The name in monitors.yaml, in the model and in JSON output. */
  readonly name: string
  /** The column: the name, unless SQL or the first schema needed another (`registry_path`, `check_json`). */
  readonly column: string
  /** `text` is stored as it is; `json` as canonical JSON text of the model's value. */
  readonly type: 'text' | 'json'
  /** Whether a managed row may hold NULL here: the file may leave the field out and has no default for it. */
  readonly nullable: boolean
  /**
   * Where the model's value comes from: `file`, the key of the same name
   * (`default` where the file leaves it out); `entity`, the id of the entity
   * that holds the row; `settings`, the merged `defaults.check` and `check`;
   * `alert`, the merged alert settings (built-in, `defaults.alert`, the
   * entity's `alert`, its own).
   */
  readonly from: 'file' | 'entity' | 'settings' | 'alert'
  /** The model's value where the file leaves the field out; export leaves a value equal to it out. */
  readonly default?: StoredValue
  /**
   * What earlier releases meant before this field existed: the migration that
   * adds the column fills existing rows with it (`restamp(table, {columns})`
   * reads it from here), and a plan made before that migration ran reads it
   * in place of the missing column. Absent: NULL.
   */
  readonly backfill?: StoredValue
  /**
   * A stored value as this release reads it, where an earlier release stored
   * less (a check_json without `interval`): the migration that changed its
   * meaning rewrites each row with it (`restamp(table, {columns})`), and a
   * plan made before that migration ran reads it in place of the stored one.
   */
  readonly upgrade?: (stored: StoredValue) => StoredValue
  /** The model's value from the file's as written (already valid), where the two differ (`0.995` -> `99.5%`). */
  readonly normalise?: (value: unknown) => unknown
  /**
   * Two stored values that mean the same, where the text may differ: the plan
   * shows no change and the stored text stays (Terraform's diff suppression).
   * A registry path spelled `./x` in one file and `x` in another.
   */
  readonly same?: (stored: StoredValue, wanted: StoredValue) => boolean
  /** The model's value from its stored text (a `json` field's: null when the text does not parse). */
  readonly decode?: (value: unknown) => unknown
  /** The value to store for the model's (before canonical JSON), where the two differ: a list kept sorted, none as NULL, ms as duration text. */
  readonly encode?: (value: unknown) => unknown
  /** How a plan shows the model value, one entry per setting (`check.timeout`); by default `{name: value}`. `row` is the stored row (its `kind`, for check settings). */
  readonly view?: (value: unknown, row: Readonly<Record<string, unknown>>) => Record<string, unknown>
}

export type FieldTable = Readonly<Record<Table, readonly FieldSpec[]>>

/** A JSON object from stored text; null for anything else (not text, not JSON, not an object). */
export function parseObject(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string') return null
  try {
    const value = JSON.parse(text) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** An endpoint's stored check settings; null when the text is not a JSON object. Settings stored before `interval` existed had the default. */
export function parseCheckJson(text: unknown): CheckSettings | null {
  const value = parseObject(text)
  return value === null ? null : ({...value, interval: value.interval ?? BUILTIN_CHECK.interval} as CheckSettings)
}

/** check_json as this release reads it: releases before migration 0010 stored no interval, which meant the default. */
export function checkJsonWithInterval(stored: StoredValue): StoredValue {
  const value = parseObject(stored)
  return value === null || value.interval !== undefined ? stored : canonicalJson({...value, interval: BUILTIN_CHECK.interval})
}

/** A duration in its shortest spelling, as export writes durations: `60s` and `1m` are one interval. */
function durationText(value: unknown): unknown {
  return typeof value === 'string' ? formatDuration(parseDuration(value)) : value
}

/** An SLO on an entity or an endpoint: nullable JSON, none by default, shown setting by setting. */
const SLO: FieldSpec = {name: 'slo', column: 'slo_json', type: 'json', nullable: true, from: 'file', default: null, normalise: (value) => normaliseSlo(value as SloSpec), decode: decodeSlo, view: sloView}

/** A target's merged alert settings; a row from before 0016 meant the built-in ones. */
const ALERT: FieldSpec = {name: 'alert', column: 'alert_json', type: 'json', nullable: false, from: 'alert', backfill: canonicalJson(BUILTIN_ALERT), decode: (text) => decodeAlert(parseJsonText(text)), view: alertView}

/** A set of ids stored as a sorted JSON list: depends_on, a window's entities. */
function idList(name: string, column: string, emptyIsNull: boolean): FieldSpec {
  return {
    name,
    column,
    type: 'json',
    nullable: emptyIsNull,
    from: 'file',
    ...(emptyIsNull ? {default: null} : {}),
    encode: (value) => {
      const ids = sortedIds(value as string[] | undefined)
      return emptyIsNull && ids.length === 0 ? null : ids
    },
    decode: (text) => {
      const value = parseJsonText(text)
      return Array.isArray(value) ? sortedIds(value.filter((id): id is string => typeof id === 'string')) : []
    },
  }
}

function parseJsonText(text: unknown): unknown {
  return typeof text === 'string' ? safeParse(text) : null
}

/** A nullable text column of a maintenance window. */
function windowText(name: string, column = name): FieldSpec {
  return {name, column, type: 'text', nullable: true, from: 'file', default: null}
}

export const FIELDS: FieldTable = {
  entities: [
    {name: 'type', column: 'type', type: 'text', nullable: false, from: 'file'},
    {name: 'label', column: 'label', type: 'text', nullable: false, from: 'file'},
    {name: 'owner', column: 'owner', type: 'text', nullable: false, from: 'file'},
    {name: 'docs_ref', column: 'docs_ref', type: 'text', nullable: true, from: 'file', default: null},
    {name: 'notes', column: 'notes', type: 'text', nullable: true, from: 'file', default: null},
    SLO,
    idList('depends_on', 'depends_on_json', true),
  ],
  endpoints: [
    {name: 'entity_id', column: 'entity_id', type: 'text', nullable: false, from: 'entity'},
    {name: 'kind', column: 'kind', type: 'text', nullable: false, from: 'file'},
    {name: 'url', column: 'url', type: 'text', nullable: false, from: 'file'},
    {name: 'method', column: 'method', type: 'text', nullable: false, from: 'file', default: 'GET'},
    {name: 'check', column: 'check_json', type: 'json', nullable: false, from: 'settings', decode: parseCheckJson, view: checkView, upgrade: checkJsonWithInterval},
    SLO,
    ALERT,
  ],
  registry_index: [
    {name: 'entity_id', column: 'entity_id', type: 'text', nullable: false, from: 'entity'},
    {name: 'path', column: 'registry_path', type: 'text', nullable: false, from: 'file', same: sameRegistryPath},
    {name: 'authority', column: 'authority', type: 'text', nullable: false, from: 'file'},
    {name: 'format', column: 'format', type: 'text', nullable: false, from: 'file', default: 'json'},
    {name: 'interval', column: 'interval', type: 'text', nullable: false, from: 'file', default: DEFAULT_INTERVAL, backfill: DEFAULT_INTERVAL, normalise: durationText},
    ALERT,
    {name: 'serves', column: 'serves_json', type: 'json', nullable: true, from: 'file', default: null, view: servesView},
  ],
  notifiers: [
    {name: 'type', column: 'type', type: 'text', nullable: false, from: 'file'},
    {name: 'settings', column: 'settings_json', type: 'json', nullable: false, from: 'file', view: settingsView},
  ],
  maintenance_windows: [
    idList('entities', 'entities_json', false),
    windowText('cron'),
    {
      ...windowText('duration'),
      encode: (ms) => (typeof ms === 'number' ? formatDuration(ms) : ms),
      decode: (text) => durationMs(text) ?? null,
    },
    {name: 'timezone', column: 'timezone', type: 'text', nullable: false, from: 'file', default: 'UTC'},
    windowText('start', 'start_at'),
    windowText('end', 'end_at'),
    windowText('reason'),
  ],
}

/** The columns apply owns in a table, in field order. */
export function managedColumns(table: Table, fields: FieldTable = FIELDS): string[] {
  return fields[table].map((f) => f.column)
}

/** A model value as its column stores it. */
export function toStored(field: FieldSpec, value: unknown): StoredValue {
  const stored = field.encode ? field.encode(value) : value
  if (stored === undefined || stored === null) return null
  return field.type === 'json' ? canonicalJson(stored) : (stored as StoredValue)
}

/** A column's value as the model has it: decoded, and the field's default where the column is NULL. */
export function fromStored(field: FieldSpec, stored: unknown): unknown {
  if (field.decode) return field.decode(stored)
  if (field.type === 'json') return typeof stored === 'string' ? safeParse(stored) : null
  return stored === null || stored === undefined ? (field.default ?? null) : stored
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The managed columns of a model object (an entity, endpoint or registry entry), plus its id. */
export function storedRow(table: Table, object: object, fields: FieldTable = FIELDS): {id: string} & Record<string, StoredValue> {
  const source = object as Record<string, unknown>
  const row: {id: string} & Record<string, StoredValue> = {id: source.id as string}
  for (const field of fields[table]) row[field.column] = toStored(field, source[field.name])
  return row
}

/** The model's fields of a stored row, plus its id (an entity's endpoints and registry are not filled in). */
export function modelFields(table: Table, row: object, fields: FieldTable = FIELDS): Record<string, unknown> {
  const source = row as Record<string, unknown>
  const out: Record<string, unknown> = {id: source.id}
  for (const field of fields[table]) out[field.name] = fromStored(field, source[field.column])
  return out
}

/**
 * A row's managed fields by model name, one level deep, for plans: `path` for
 * registry_path, and check settings as `check.timeout`, `check.headers.NAME`
 * and so on. A NULL column shows as null (a method or format left to its
 * default in an unmanaged row shows so, not as the default).
 */
export function fieldView(table: Table, row: object, fields: FieldTable = FIELDS): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  for (const field of fields[table]) {
    const stored = (row as Record<string, unknown>)[field.column] ?? null
    if (field.type === 'json') {
      const value = stored === null ? null : fromStored(field, stored)
      Object.assign(view, field.view ? field.view(value, row as Record<string, unknown>) : {[field.name]: value})
    } else Object.assign(view, field.view ? field.view(stored, row as Record<string, unknown>) : {[field.name]: stored})
  }
  return view
}

/** The file's value of a `from: file` field, with its default where the file leaves it out. */
export function fileValue(field: FieldSpec, spec: Record<string, unknown>): unknown {
  const value = spec[field.name]
  if (value === undefined) return field.default ?? null
  return field.normalise ? field.normalise(value) : value
}

/** Whether export may leave the value out: the loader would fill in the same. */
export function isDefault(field: FieldSpec, value: unknown): boolean {
  return toStored(field, value) === null || (field.default !== undefined && value === field.default)
}

/**
 * The row as it will read once every migration has run: a managed column
 * that a pending migration adds reads as what that migration fills in, and
 * one whose stored value an earlier release wrote with less in it reads as
 * its `upgrade`, so a plan made before the upgrade shows what apply (which
 * migrates first) will do.
 */
export function withBackfill(table: Table, row: Record<string, unknown>, fields: FieldTable = FIELDS): Record<string, unknown> {
  let out = row
  for (const field of fields[table]) {
    const stored = row[field.column]
    const upgraded = stored === undefined ? (field.backfill ?? null) : field.upgrade ? field.upgrade(stored as StoredValue) : stored
    if (upgraded !== stored) {
      if (out === row) out = {...row}
      out[field.column] = upgraded
    }
  }
  return out
}

/** A copy of a field table with one more field: how a test proves the recipe for adding one. */
export function withField(fields: FieldTable, table: Table, field: FieldSpec): FieldTable {
  return {...fields, [table]: [...fields[table], field]}
}

/**
 * A relative registry path as mon check resolves it: `./x`, `x` and `a/../x`
 * name one file (an entry moved into an included file, or exported with
 * --split, is stored `./x` where the main file may say `x`).
 */
function sameRegistryPath(stored: StoredValue, wanted: StoredValue): boolean {
  if (typeof stored !== 'string' || typeof wanted !== 'string') return stored === wanted
  return isRelativeRegistryPath(stored) && isRelativeRegistryPath(wanted) && posix.normalize(stored) === posix.normalize(wanted)
}
