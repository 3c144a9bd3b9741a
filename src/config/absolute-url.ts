/** The URL rule endpoints, registry URLs and notifiers share. */

/** Why a URL with a scheme is not an absolute http(s) one without credentials; `instead` says where the credentials go. */
export function absoluteUrlProblem(url: string, instead: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'must be an absolute http(s) URL: it does not parse as a URL'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `must be an http: or https: URL (got ${parsed.protocol})`
  if (!/^https?:\/\/[^/]/i.test(url)) return 'must be an absolute http(s) URL, with // and a host after the scheme'
  // Never echo the password: the message may land in CI logs.
  if (parsed.username !== '' || parsed.password !== '') return `must not contain credentials (user:password@); ${instead}`
  return undefined
}
