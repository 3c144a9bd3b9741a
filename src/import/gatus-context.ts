/**
 * What every part of `mon import gatus` shares: the lines it reports (each
 * at its Gatus line), the `${VAR}` placeholders that stand for secrets, and
 * Gatus's value syntax (Go durations, `$VAR` references, free-form names).
 * Pure: the parsed text in, notes out.
 */
import {isReservedVariable} from '../config/env-refs.js'
import {ID_MAX_LENGTH} from '../config/model.js'
import {positionOf, type DocPath, type ParsedYaml} from '../config/yaml-source.js'
import {isRecord, list, type Raw} from '../config/raw.js'

export {isRecord, list, type Raw}

/** One thing the import did not convert, or converted with a different meaning: `gatus.yaml:LINE: what: why`. */
export interface ImportNote {
  line: number
  what: string
  why: string
}



export class ImportContext {
  private readonly found: ImportNote[] = []
  /** Placeholder names for the secrets taken out, each with the value it stands for (never output). */
  private readonly secrets = new Map<string, string>()

  constructor(private readonly parsed: ParsedYaml) {}

  line(path: DocPath): number {
    return positionOf(this.parsed, path).line
  }

  note(path: DocPath, what: string, why: string): void {
    this.found.push({line: positionOf(this.parsed, path, {key: true}).line, what, why})
  }

  /** In the order of the Gatus file's lines (a sort is stable: one line's notes keep their order). */
  get notes(): ImportNote[] {
    return [...this.found].sort((a, b) => a.line - b.line)
  }

  /** The variable names written, in the order first used. */
  variables(): string[] {
    return [...this.secrets.keys()]
  }

  /**
   * `${NAME}` for a literal secret: one name per distinct value, so two
   * endpoints sending one token share one variable. The value never leaves.
   */
  secret(path: DocPath, what: string, base: string, value: string): string {
    const stem = `GATUS_${envName(base)}`
    let name = stem
    for (let n = 2; this.secrets.has(name) && this.secrets.get(name) !== value; n++) name = `${stem}_${n}`
    const fresh = !this.secrets.has(name)
    this.secrets.set(name, value)
    if (fresh) this.note(path, what, `a secret: written as \${${name}}; set ${name} where mon check runs`)
    return `\${${name}}`
  }

  /**
   * A Gatus value with its environment references (`$VAR`, `${VAR}`; `$$` is
   * a `$`) as mon writes them, `${VAR}`. One of mon's own variables (which
   * hold the database URL) is renamed, as mon refuses to send it anywhere.
   */
  references(path: DocPath, what: string, value: string): string {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_whole, braced?: string, bare?: string) => {
      const name = braced ?? bare
      if (name === undefined) return '$'
      if (!isReservedVariable(name)) return `\${${name}}`
      this.note(path, what, `\${${name}} is one of mon's own variables (MON_*, PG*, DATABASE_URL), never sent: written as \${GATUS_${name}}`)
      return `\${GATUS_${name}}`
    })
  }
}

/** Whether a value, once its references are written as mon writes them, is only references and text around them. */
export function hasEnvReference(value: string): boolean {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_]/.test(value.replace(/\$\$/g, ''))
}

/** `WEBHOOK_URL` from `webhook-url`, `X_API_KEY` from `X-Api-Key`. */
export function envName(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SECRET'
}

const GO_UNIT_MS: Record<string, number> = {ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000}

/** A Go duration (`5m`, `1h30m`, `1.5s`, `300ms`) in milliseconds, or undefined when it is not one. */
export function goDurationMs(value: unknown): number | undefined {
  const ms = goDurationExactMs(value)
  return ms === undefined ? undefined : Math.round(ms)
}

/** As goDurationMs, not rounded: `1ns` is a duration above 0 though it rounds to 0 ms. */
export function goDurationExactMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (text === '0') return 0
  if (!/^(\d+(\.\d+)?(ns|us|µs|μs|ms|s|m|h))+$/.test(text)) return undefined
  let ms = 0
  for (const [, number, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g)) ms += Number(number) * GO_UNIT_MS[unit!]!
  return ms
}

/**
 * YAML merge keys (`<<: *defaults`), which Gatus's YAML library applies and
 * mon's loader does not (a monitors.yaml has defaults instead): the merged
 * mappings' keys, the mapping's own winning, the first merged winning over
 * later ones. Aliases were already expanded within the loader's bound.
 */
export function applyMergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(applyMergeKeys)
  if (!isRecord(value)) return value
  const {'<<': merge, ...own} = value
  const sources = (Array.isArray(merge) ? merge : merge === undefined ? [] : [merge]).filter(isRecord).map((source) => applyMergeKeys(source) as Raw)
  const merged: Raw = {}
  for (const source of sources.reverse()) Object.assign(merged, source)
  for (const [key, item] of Object.entries(own)) merged[key] = applyMergeKeys(item)
  return merged
}

/** An id part from a free-form Gatus name: lower case, runs of other characters as one `-`. */
export function idPart(name: string, max: number): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, max)
    .replace(/[-.]+$/, '')
}

/**
 * `base`, or `base-2`, `base-3`... the first not yet taken (then taken), cut
 * to `max` characters with room left for the suffix, so two long names that
 * share their first `max` still get ids within the limit.
 */
export function uniqueId(base: string, taken: Set<string>, max = ID_MAX_LENGTH): string {
  const fit = (suffix: string) => `${base.length + suffix.length > max ? base.slice(0, max - suffix.length).replace(/[-.:]+$/, '') : base}${suffix}`
  let id = fit('')
  for (let n = 2; taken.has(id); n++) id = fit(`-${n}`)
  taken.add(id)
  return id
}
