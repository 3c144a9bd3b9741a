/**
 * How a plan shows an endpoint's check settings and a registry entry's
 * `serves`: one line per setting (`check.timeout`, `check.mcp.tools`,
 * `serves.items`), so that a plan names exactly what changed.
 */
import {kindSpec} from './kinds.js'
import {COMPLETION_DEFAULTS, type CheckSettings, type Serves} from './model.js'

const CHECK_SCALARS = ['status', 'degraded_after', 'timeout', 'retries', 'interval'] as const

/**
 * Check settings shown one setting at a time, so that a plan names exactly
 * the one that changes. A kind's own settings show on that kind only, each
 * with its default where the stored JSON leaves it out (an endpoint applied
 * by an earlier release reads the same as one that leaves them default); a
 * body shows where one is set, as written, `${VAR}` and all.
 */
export function checkView(value: unknown, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const check = (value ?? null) as Partial<CheckSettings> | null
  const view: Record<string, unknown> = {}
  // A protocol kind has no status or json of its own (its protocol judges the answer): shown only where a row still holds one.
  const protocol = kindSpec(row.kind)?.protocol === true
  for (const key of CHECK_SCALARS) if (!(protocol && key === 'status' && (check?.status ?? null) === null)) view[`check.${key}`] = check?.[key] ?? null
  const headers = check?.headers && typeof check.headers === 'object' ? check.headers : {}
  for (const name of Object.keys(headers).sort()) view[`check.headers.${name}`] = headers[name]
  if (!(protocol && (check?.json ?? []).length === 0)) view['check.json'] = check?.json ?? null
  if (check?.body !== undefined) view['check.body'] = check.body
  if (check === null) return view
  if (row.kind === 'mcp') {
    view['check.mcp.tools'] = check.mcp?.tools ?? []
    view['check.mcp.pin_tools'] = check.mcp?.pin_tools ?? false
  } else if (row.kind === 'models') {
    view['check.models.expect'] = check.models?.expect ?? []
    view['check.models.changed'] = check.models?.changed ?? 'warn'
  } else if (row.kind === 'completion') {
    view['check.completion.model'] = check.completion?.model ?? null
    view['check.completion.prompt'] = check.completion?.prompt ?? COMPLETION_DEFAULTS.prompt
    view['check.completion.max_tokens'] = check.completion?.max_tokens ?? COMPLETION_DEFAULTS.max_tokens
  }
  return view
}

/** A registry entry's `serves`, path by path; nothing where it declares none. */
export function servesView(value: unknown): Record<string, unknown> {
  const serves = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<Serves>) : null
  if (serves === null) return {}
  return {'serves.items': serves.items ?? null, 'serves.model': serves.model ?? null, 'serves.entities': serves.entities ?? null}
}
