/**
 * Which request a redirect leads to, or why it is refused. mon follows
 * redirects itself (not undici's interceptor) because the endpoint is not
 * ours: a value that came from `${VAR}` is a secret meant for the configured
 * origin, and undici forwards every header but Authorization and Cookie.
 */

export interface Hop {
  url: URL
  method: string
  headers: Record<string, string>
}

export type NextHop = {ok: true; hop: Hop} | {ok: false; message: string}

/** As undici: 300 is followed too, when it names a Location. */
const REDIRECT_STATUSES = new Set([300, 301, 302, 303, 307, 308])

/** Dropped on any redirect to another origin, whatever their value (the Fetch standard's list). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])

/** Thrown by the prober when a redirect is refused; describeFailure names it as a redirect problem. */
export class RedirectRefused extends Error {}

/**
 * The next hop of a redirect, or undefined when the answer is not a redirect.
 * `secretHeaders` are the lower-cased names whose value came from `${VAR}`;
 * `visited` the URLs requested so far (a repeat is a loop). A header dropped
 * once stays dropped, even if a later hop comes back to the first origin.
 */
export function nextHop(current: Hop, status: number, location: string | undefined, secretHeaders: ReadonlySet<string>, visited: readonly string[]): NextHop | undefined {
  if (!REDIRECT_STATUSES.has(status) || !location) return undefined
  let url: URL
  try {
    url = new URL(location, current.url)
  } catch {
    return {ok: false, message: 'redirect to an invalid URL'}
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return {ok: false, message: `redirect to a non-HTTP URL (${url.protocol})`}
  if (current.url.protocol === 'https:' && url.protocol === 'http:') return {ok: false, message: `refused a redirect from https to http (${url.origin})`}
  url.hash = ''
  if (visited.includes(url.href)) return {ok: false, message: 'redirect loop'}
  // RFC 9110 15.4: 301 and 302 turn a POST into a GET; 303 turns anything but HEAD into a GET.
  const toGet = ((status === 301 || status === 302) && current.method === 'POST') || (status === 303 && current.method !== 'HEAD')
  const crossOrigin = url.origin !== current.url.origin
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(current.headers)) {
    const lower = name.toLowerCase()
    if (lower === 'host') continue
    if (toGet && lower.startsWith('content-')) continue
    if (crossOrigin && (CREDENTIAL_HEADERS.has(lower) || secretHeaders.has(lower))) continue
    headers[name] = value
  }
  return {ok: true, hop: {url, method: toGet ? 'GET' : current.method, headers}}
}

/** Lower-cased names of the configured headers whose value is built from `${VAR}`. */
export function secretHeaderNames(templates: Record<string, string>): Set<string> {
  return new Set(Object.entries(templates).filter(([, value]) => value.includes('${')).map(([name]) => name.toLowerCase()))
}
