/**
 * What a literal credential looks like in the file: a header of a name that
 * carries one, a value like `Bearer ...`, a setting or body key that names a
 * secret. Headers, notifiers and request bodies share these words, so that a
 * secret written as it is gets the same warning wherever it stands.
 */
import {envReferences} from './env-refs.js'
import type {Finding} from './finding.js'
import type {DocPath} from './yaml-source.js'

/** Headers that carry a secret whatever their value looks like. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-auth-token', 'private-token', 'cookie'])
/** A header or key whose name says it carries a secret. */
export const CREDENTIAL_NAME = /secret|token|password|passwd|api[-_]?key|auth|signature|session/i
/** A body key that names a secret as its last word (`api_key`, `client_secret`, `accessToken`), not one that only holds one (`max_tokens`, `tokenizer`). */
export const CREDENTIAL_KEY = /(secret|token|password|passwd|api[-_]?key|auth|authorization|credentials?|signature)$/i
/** A value that is a credential by its form. */
export const CREDENTIAL_VALUE = /^\s*(bearer|basic|token|apikey)\s+\S/i

/** Query parameters that carry a credential by their name alone (`?key=AIza...`, `?sig=...`), besides those CREDENTIAL_KEY names. */
const CREDENTIAL_QUERY_KEY = /^(key|sig)$/i

/** A value like `Bearer ...`, or a single word of 8 characters or more under a key that names a secret (`api_key`, `password`). */
export function looksLikeSecret(key: string | undefined, value: string): boolean {
  return CREDENTIAL_VALUE.test(value) || (key !== undefined && CREDENTIAL_KEY.test(key) && /^\S{8,}$/.test(value))
}

/**
 * The name of the first query parameter of a URL that holds a literal
 * credential (`?key=AIza...`, `?api_key=`, `?access_token=`, `?sig=`), read
 * as a body key is; a value with a `${VAR}` is not literal. A URL is stored,
 * planned, exported and shown as written, so a key in it leaks everywhere.
 */
function queryCredential(url: string): string | undefined {
  const query = url.split('#')[0]!.split('?').slice(1).join('?')
  for (const field of query.split('&')) {
    const at = field.indexOf('=')
    if (at <= 0) continue
    const name = decoded(field.slice(0, at))
    const value = field.slice(at + 1)
    if (hasReference(value)) continue
    if (looksLikeSecret(name, decoded(value)) || (CREDENTIAL_QUERY_KEY.test(name) && /^\S{8,}$/.test(value))) return name
  }
  return undefined
}

/** A warning at a URL whose query holds a literal credential; `instead` says where the secret goes. */
export function queryCredentialFindings(url: string, path: DocPath, instead: string): Finding[] {
  const name = queryCredential(url)
  if (name === undefined) return []
  return [{path, severity: 'warning', message: `query parameter ${name.length > 40 ? `${name.slice(0, 40)}...` : name} looks like a credential; ${instead}`}]
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}

export function hasReference(value: unknown): boolean {
  return typeof value === 'string' && envReferences(value).length > 0
}

/** Every string in a value, with its path below `path`. */
export function walkStrings(value: unknown, path: DocPath, visit: (value: string, path: DocPath) => void): void {
  if (typeof value === 'string') visit(value, path)
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, [...path, i], visit))
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit)
}
