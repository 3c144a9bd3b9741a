/**
 * `mon export --split`: the model as a main file and one included file per
 * owner (SPEC section 9), so that each team edits its own file (CODEOWNERS).
 * The defaults are worked out once over every endpoint, as for one file, so
 * that each entity says the same over them wherever it is written. Pure: the
 * command writes the files.
 */
import path from 'node:path'

import type {MonitorsModel} from './model.js'
import type {EntitySpec, MonitorsFile} from './monitors.types.js'
import {modelToSpec, specToYaml} from './serialize.js'
import {isRelativeRegistryPath} from './registry-path.js'

/** The directory, beside the main file, that holds one file per owner; the main file includes every YAML file in it. */
export const SPLIT_DIR = 'monitors.d'
export const SPLIT_INCLUDE = `${SPLIT_DIR}/*.yaml`

/** File names stay short whatever the owner says (a file system allows 255 bytes). */
const NAME_MAX = 100

export interface SplitPart {
  /** Relative to the main file's directory: `monitors.d/team-a.yaml`. */
  file: string
  owner: string
  entities: number
  yaml: string
}

export interface SplitExport {
  /** The main file: version, defaults, include, notifiers, maintenance; its entities are in the parts. */
  main: string
  parts: SplitPart[]
}

/** An owner as a file name: lowercase `[a-z0-9._-]`, anything else a `-`, never empty, hidden or `..`. */
export function ownerFileName(owner: string): string {
  const name = owner
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, NAME_MAX)
    .replace(/^[-.]+|[-.]+$/g, '')
  return name === '' ? 'unowned' : name
}

/** One file name per owner, in owner order; two owners with one name get `-2`, `-3`, … */
export function ownerFileNames(owners: readonly string[]): Map<string, string> {
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const owner of [...new Set(owners)].sort(byCodeUnit)) {
    const base = ownerFileName(owner)
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
    taken.add(name)
    names.set(owner, name)
  }
  return names
}

/**
 * A relative registry path is stored relative to the main file's directory
 * (what `mon check` resolves against); in `monitors.d/x.yaml` it is written
 * relative to that file, as the loader reads it back.
 */
export function pathFromSplitDir(entryPath: string): string {
  if (!isRelativeRegistryPath(entryPath)) return entryPath
  return path.posix.join(path.posix.relative(SPLIT_DIR, '.'), entryPath)
}

/** `schema`: the main file's modeline, as for one file; the parts have none (the schema's required `version` is the main file's). */
export function splitModel(model: MonitorsModel, options: {schema?: string | null} = {}): SplitExport {
  const spec = modelToSpec(model)
  const {entities, notifiers, maintenance, moved, ...head} = spec
  const main: MonitorsFile = {...head, include: [SPLIT_INCLUDE], ...(notifiers ? {notifiers} : {}), entities: [], ...(maintenance ? {maintenance} : {}), ...(moved ? {moved} : {})}
  const names = ownerFileNames(entities.map((e) => e.owner))
  const byOwner = new Map<string, EntitySpec[]>()
  for (const entity of [...entities].sort((a, b) => byCodeUnit(a.id, b.id))) {
    const list = byOwner.get(entity.owner) ?? []
    list.push(withSplitPaths(entity))
    byOwner.set(entity.owner, list)
  }
  const parts = [...names].map(([owner, name]) => {
    const list = byOwner.get(owner)!
    return {file: `${SPLIT_DIR}/${name}.yaml`, owner, entities: list.length, yaml: specToYaml({entities: list})}
  })
  // In the order include: reads them back: by path.
  parts.sort((a, b) => byCodeUnit(a.file, b.file))
  return {main: specToYaml(main, options), parts}
}

function withSplitPaths(entity: EntitySpec): EntitySpec {
  if (!entity.registry) return entity
  return {...entity, registry: entity.registry.map((entry) => ({...entry, path: pathFromSplitDir(entry.path)}))}
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
