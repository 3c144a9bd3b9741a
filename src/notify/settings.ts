import {ENV_REF, isReservedVariable} from '../config/env-refs.js'

/**
 * A notifier's settings with every `${VAR}` resolved from the environment,
 * at delivery only: the file and the database keep the reference. `secrets`
 * are the substituted values, which every error and stored line hides.
 */
export interface ResolvedSettings {
  values: Record<string, unknown>
  secrets: string[]
}

/** A setting that cannot be resolved: a failed attempt, retried like any other. */
export class SettingsError extends Error {}

export function resolveSettings(settings: Record<string, unknown>, env: NodeJS.ProcessEnv): ResolvedSettings {
  const secrets = new Set<string>()
  const resolve = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return resolveText(value, key, env, secrets)
    if (Array.isArray(value)) return value.map((v) => resolve(v, key))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, `${key}.${k}`)]))
    }
    return value
  }
  const values = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, resolve(v, k)]))
  return {values, secrets: [...secrets]}
}

function resolveText(template: string, key: string, env: NodeJS.ProcessEnv, secrets: Set<string>): string {
  return template.replace(ENV_REF, (_match, name: string) => {
    // Validation refuses these; a row written some other way is refused here too.
    if (isReservedVariable(name)) throw new SettingsError(`${key} reads ${name}, one of mon's own settings, which is never sent`)
    const found = env[name]
    if (found === undefined || found === '') throw new SettingsError(`${name} is not set`)
    secrets.add(found)
    for (const part of urlParts(found)) secrets.add(part)
    return found
  })
}

/**
 * A secret URL's host, path and query on their own: an error names a host it
 * could not reach (`connection refused by eo7f3a9.m.pipedream.net:443`), and a
 * per-tenant host or a path token is as secret as the whole URL. Parts too
 * short or too common to be a secret (`localhost`, `/`) are left alone.
 */
function urlParts(value: string): string[] {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return []
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return []
  const host = url.hostname
  const parts = [url.pathname, url.search.slice(1)]
  // An address or a bare name is where a receiver runs, not a secret; a host name with a long label may be one.
  if (host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('[') && host.split('.').some((label) => label.length >= 12)) parts.push(host)
  return parts.filter((p) => p.length >= 8)
}

/** A resolved setting as text, or undefined when absent; `required` makes its absence an error. */
export function text(values: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = values[key]
  if (value === undefined || value === null || value === '') {
    if (required) throw new SettingsError(`${key} is not set`)
    return undefined
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new SettingsError(`${key} is not text`)
  // A line break in a header value would smuggle a second header into the request.
  if (/[\r\n\0]/.test(String(value))) throw new SettingsError(`${key} holds a line break after resolving variables`)
  return String(value)
}

/** A resolved map of header values (`headers`), each checked as text, names in lower case (so one replaces a default of any case). */
export function headerMap(values: Record<string, unknown>, key: string): Record<string, string> {
  const map = values[key]
  if (map === undefined || map === null) return {}
  if (typeof map !== 'object' || Array.isArray(map)) throw new SettingsError(`${key} is not a map`)
  const entries = Object.entries(map as Record<string, unknown>)
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), text({[`${key}.${name}`]: value}, `${key}.${name}`, true)!]))
}
