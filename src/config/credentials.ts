/**
 * What a literal credential looks like in the file: a header of a name that
 * carries one, a value like `Bearer ...`, a setting or body key that names a
 * secret. Headers, notifiers and request bodies share these words, so that a
 * secret written as it is gets the same warning wherever it stands.
 */
import {envReferences} from './env-refs.js'
import type {DocPath} from './yaml-source.js'

/** Headers that carry a secret whatever their value looks like. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-auth-token', 'private-token', 'cookie'])
/** A header or key whose name says it carries a secret. */
export const CREDENTIAL_NAME = /secret|token|password|passwd|api[-_]?key|auth|signature|session/i
/** A body key that names a secret as its last word (`api_key`, `client_secret`, `accessToken`), not one that only holds one (`max_tokens`, `tokenizer`). */
export const CREDENTIAL_KEY = /(secret|token|password|passwd|api[-_]?key|auth|authorization|credentials?|signature)$/i
/** A value that is a credential by its form. */
export const CREDENTIAL_VALUE = /^\s*(bearer|basic|token|apikey)\s+\S/i

export function hasReference(value: unknown): boolean {
  return typeof value === 'string' && envReferences(value).length > 0
}

/** Every string in a value, with its path below `path`. */
export function walkStrings(value: unknown, path: DocPath, visit: (value: string, path: DocPath) => void): void {
  if (typeof value === 'string') visit(value, path)
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, [...path, i], visit))
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit)
}
