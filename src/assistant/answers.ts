/**
 * What each tool of `mon mcp` answers, read through the store's own reads
 * (the ones behind status, history and alerts), never a copy of them. Each
 * takes a read-only driver and its validated arguments and returns plain
 * data, bounded (bounded.ts); a bad argument (an unknown id) is a MonError,
 * which the server returns as a tool error.
 */
import {listedAlert, type ListedAlert} from '../alert/records.js'
import {didYouMean} from '../config/suggest.js'
import {keptDeclared} from '../check/drift.js'
import {keptModelIds} from '../check/model-ids.js'
import {MAX_DURATION_MS, parseDuration} from '../duration.js'
import {MonError} from '../errors.js'
import type {EntityStatus} from '../history/status.js'
import {isoBefore} from '../history/window.js'
import type {HistorySnapshot} from '../rows.js'
import {worstStatus, type Status} from '../status.js'
import {readAlerts} from '../store/alert-reads.js'
import type {Driver} from '../store/driver.js'
import {findHistoryTarget, readActiveInventory, readAllIds, readHistory, readLatest} from '../store/history.js'
import {activeTargetsOf, readLatestMentioning} from '../store/latest-bodies.js'
import {readLatestPayloads} from '../store/latest-payloads.js'
import {readModelsEndpoints} from '../store/model-lists.js'
import {readStatus} from '../reads/status.js'
import {readTargetRows} from '../store/targets.js'
import {bounded, type Bounded} from './bounded.js'
import {mentionOf, placesOf, type ModelMatch, type ModelPlace} from './where-is-model.js'

/** Entities an answer lists at most, where the caller sets no limit. */
export const MAX_ENTITIES = 100
/** The status window: mon status's default. */
const STATUS_WINDOW = '24h'

type Listed<K extends string, T> = {[key in K]: T[]} & Omit<Bounded<T>, 'items'>

function listed<K extends string, T>(key: K, items: readonly T[], limit: number): Listed<K, T> {
  const {items: kept, ...rest} = bounded(items, limit)
  return {[key]: kept, ...rest} as Listed<K, T>
}

export interface InventoryItem {
  id: string
  type: string
  label: string
  owner: string
  endpoints: Array<{id: string; kind: string; url: string; interval_ms: number}>
  registry: Array<{id: string; path: string; authority: string; interval_ms: number}>
}

/** Active entities by id, with their endpoints (urls never hold a secret: the file's rules refuse one) and registry entries. */
export async function inventoryAnswer(driver: Driver, args: {type?: string; owner?: string; limit: number}): Promise<Listed<'entities', InventoryItem>> {
  const [inventory, rows] = [await readActiveInventory(driver), await readTargetRows(driver)]
  const urls = new Map(rows.endpoints.map((e) => [e.id, e.url]))
  const registry = new Map(rows.registry.map((r) => [r.id, r]))
  const entities = inventory
    .filter((e) => (args.type === undefined || e.type === args.type) && (args.owner === undefined || e.owner === args.owner))
    .map((e) => ({
      id: e.id,
      type: e.type,
      label: e.label,
      owner: e.owner,
      endpoints: e.endpoints.map((x) => ({id: x.id, kind: x.kind, url: urls.get(x.id) ?? '', interval_ms: x.interval_ms})),
      registry: e.registry.map((x) => ({id: x.id, path: registry.get(x.id)?.registry_path ?? '', authority: registry.get(x.id)?.authority ?? '', interval_ms: x.interval_ms})),
    }))
  return listed('entities', entities, args.limit)
}

/** What `mon status --json` says (over its default 24 h), of one entity or of all, problems first. */
export async function statusAnswer(driver: Driver, args: {entity_id?: string}, now: Date): Promise<{since: string; exact: boolean} & Listed<'entities', EntityStatus>> {
  const all = await readActiveInventory(driver)
  const inventory = args.entity_id === undefined ? all : all.filter((e) => e.id === args.entity_id)
  if (inventory.length === 0 && args.entity_id !== undefined) {
    throw new MonError(`no active entity with id "${args.entity_id}"${didYouMean([args.entity_id], all.map((e) => e.id))}`)
  }
  const window = {since: isoBefore(now, parseDuration(STATUS_WINDOW)), until: now.toISOString(), exact: false}
  const {report} = await readStatus(driver, inventory, all, {...window, staleAfterMs: null})
  return {since: report.since, exact: report.exact, ...listed('entities', report.entities, MAX_ENTITIES)}
}

/** An entity's, endpoint's or registry entry's snapshots, newest first, without their payloads (`mon show ID` prints one). */
export async function historyAnswer(driver: Driver, args: {id: string; since: string; limit: number}, now: Date): Promise<{id: string; since: string; snapshots: HistorySnapshot[]}> {
  const target = await findHistoryTarget(driver, args.id)
  if (!target) throw new MonError(`no entity, endpoint or registry entry with id "${args.id}"${didYouMean([args.id], await readAllIds(driver))}`)
  const ms = parseDuration(args.since)
  // As the command's --since: now minus more than this is no date.
  if (ms > MAX_DURATION_MS) throw new MonError(`since: at most 36500d, got ${args.since}`)
  const since = isoBefore(now, ms)
  return {id: args.id, since, snapshots: await readHistory(driver, target, {since, limit: args.limit})}
}

/** Open alerts, oldest first; with `all`, the latest resolved ones too, as `mon alerts --json` lists them. */
export async function alertsAnswer(driver: Driver, args: {all: boolean}): Promise<Listed<'alerts', ListedAlert>> {
  return listed('alerts', (await readAlerts(driver, {all: args.all, limit: MAX_ENTITIES})).map(listedAlert), MAX_ENTITIES)
}

export interface ModelAnswer {
  model: string
  match: ModelMatch
  models: string[]
  /** `list_cut`: a models endpoint of the entity that did not list the model kept only its first 5,000 ids, so the model may be listed past them. */
  entities: Array<ModelPlace & {status: Status | null; list_cut?: true}>
  total: number
  truncated: boolean
}

/**
 * Which entities should serve a model (registry entries' latest
 * `payload.declared`), which do (every models endpoint's latest
 * `payload.models`), and each one's health: the worst latest status of its
 * endpoints and registry entries (null: never checked, or not an active
 * entity). Reads once per call: the newest row of every models endpoint and
 * registry entry whose text mentions the model (the database tests it, so
 * only those are read and parsed), then the health of the entities listed.
 */
export async function whereIsModelAnswer(driver: Driver, args: {model: string}): Promise<ModelAnswer> {
  const mentions = mentionOf(args.model)
  const served = await readLatestMentioning(driver, 'endpoints', {kind: 'models', mentions})
  const declared = await readLatestMentioning(driver, 'registry_index', {mentions})
  const found = placesOf(args.model, {
    declared: declared.map((r) => ({registry_id: r.target, pairs: keptDeclared(r.fields) ?? []})),
    served: served.map((e) => ({endpoint_id: e.target, entity_id: e.entity_id, models: keptModelIds(e.fields) ?? []})),
  })
  const {items, total, truncated} = bounded(found.places, MAX_ENTITIES)
  const targets = await activeTargetsOf(driver, items.map((p) => p.entity_id))
  const latest = await readLatest(driver, {endpoints: targets.endpoints.map((t) => t.id), registry: targets.registry_index.map((t) => t.id)})
  const statuses = new Map<string, Status[]>()
  for (const [list, seen] of [[targets.endpoints, latest.endpoints], [targets.registry_index, latest.registry]] as const) {
    for (const t of list) {
      const status = seen.get(t.id)?.status
      if (status) statuses.set(t.entity_id, [...(statuses.get(t.entity_id) ?? []), status])
    }
  }
  const cut = await cutLists(driver, items, found.match === 'exact' ? args.model : undefined)
  const entities = items.map((p) => ({...p, status: worstStatus(statuses.get(p.entity_id) ?? []), ...(cut.has(p.entity_id) ? {list_cut: true as const} : {})}))
  return {model: args.model, match: found.match, models: found.models, entities, total, truncated}
}

/**
 * The entities one of whose models endpoints did not list the model and kept
 * a cut list (`models_cut`: its first ids in sort order): unlisted there is
 * no proof, unless the exact id sorts before its last kept id.
 */
async function cutLists(driver: Driver, places: readonly ModelPlace[], exact: string | undefined): Promise<Set<string>> {
  const endpoints = await readModelsEndpoints(driver, places.map((p) => p.entity_id))
  const entityOf = new Map<string, string>()
  for (const p of places) for (const id of endpoints.get(p.entity_id) ?? []) if (!p.served_by.some((s) => s.endpoint_id === id)) entityOf.set(id, p.entity_id)
  const cut = new Set<string>()
  for (const [id, latest] of await readLatestPayloads(driver, 'endpoints', [...entityOf.keys()])) {
    const last = keptModelIds(latest.payload)?.at(-1) ?? ''
    if (latest.payload?.models_cut === true && (exact === undefined || exact > last)) cut.add(entityOf.get(id)!)
  }
  return cut
}
