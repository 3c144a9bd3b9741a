import {ENV_REF, isReservedVariable} from '../config/env-refs.js'
import {redactor} from './redact.js'

/**
 * `${VAR}` header values are resolved from the environment only at check
 * time, so the file, the database and a saved plan never hold the secret.
 */
const VAR_RE = ENV_REF

export type HeaderResolution =
  | {ok: true; headers: Record<string, string>; secrets: string[]}
  | {ok: false; error: string}

/**
 * A variable that is unset or empty is an error: sending `Authorization: Bearer `
 * would turn a missing secret into a confusing 401 instead of a clear message.
 * `secrets` are the substituted values, so callers can scrub them from anything stored.
 */
export function resolveHeaders(headers: Record<string, string>, env: Record<string, string | undefined>): HeaderResolution {
  const resolved: Record<string, string> = {}
  const secrets = new Set<string>()
  for (const [name, template] of Object.entries(headers)) {
    const value = resolveTemplate(template, env, secrets)
    // validate refuses a reserved name; a row written some other way (by hand, by an older mon) is refused here too.
    if (!('text' in value)) return {ok: false, error: templateProblem(value, `header ${name}`)}
    // A newline in a value would smuggle a second header into the request.
    if (/[\r\n\0]/.test(value.text)) return {ok: false, error: `header ${name} holds a line break after resolving variables`}
    // A header is bytes: undici refuses a character past U+00FF with a line that names no variable.
    if (/[^\x00-\xff]/.test(value.text)) return {ok: false, error: `header ${name} holds a character that is not Latin-1 after resolving variables (a header value is bytes: percent-encode it, or send it in check.body)`}
    resolved[name] = value.text
  }
  return {ok: true, headers: resolved, secrets: [...secrets]}
}

/**
 * The longest value a `${VAR}` may hold. Every value is redacted from what
 * the run stores in all its encoded forms, and a much longer one would not
 * compile into the redactor's pattern (about 30,000 characters fail), which
 * would cost the whole run: such a value is refused, and never sent.
 */
export const VALUE_MAX_CHARS = 4096

/** Why a template could not be resolved: a variable that is mon's own, unset or empty, or too long to redact. */
export type TemplateProblem = {reserved: string} | {missing: string} | {tooLong: string; length: number}

/**
 * One template with its `${VAR}`s resolved, each value added to `secrets`;
 * or its first problem. The one rule for headers and `check.body`.
 */
export function resolveTemplate(template: string, env: Record<string, string | undefined>, secrets: Set<string>): {text: string} | TemplateProblem {
  const reserved = [...template.matchAll(VAR_RE)].map((m) => m[1]!).find(isReservedVariable)
  if (reserved !== undefined) return {reserved}
  let problem: TemplateProblem | undefined
  const text = template.replace(VAR_RE, (_match, variable: string) => {
    const found = env[variable]
    if (found === undefined || found === '') problem ??= {missing: variable}
    else if (found.length > VALUE_MAX_CHARS) problem ??= {tooLong: variable, length: found.length}
    else {
      secrets.add(found)
      return found
    }
    return ''
  })
  return problem ?? {text}
}

/** A template's problem as one line; `user` names what reads it (`header Authorization`, `check.body`). */
export function templateProblem(problem: TemplateProblem, user: string): string {
  if ('reserved' in problem) return `${user} reads ${problem.reserved}, one of mon's own settings, which is never sent`
  if ('missing' in problem) return `environment variable ${problem.missing} is not set (needed by ${user})`
  return `environment variable ${problem.tooLong} holds ${problem.length} characters, more than ${VALUE_MAX_CHARS}: too long to keep out of what mon stores (needed by ${user})`
}

/**
 * Every value the `${VAR}` references in these templates (header values,
 * the strings of a `check.body`) resolve to: the secrets of a whole run,
 * which are hidden from every target's snapshot, since any answer or
 * registry file may hold one.
 */
export function referencedValues(templates: Iterable<string>, env: Record<string, string | undefined>): string[] {
  const values = new Set<string>()
  for (const template of templates) {
    for (const [, variable] of template.matchAll(VAR_RE)) {
      const value = env[variable!]
      // A longer value is refused by every check that reads it, so no check sends it.
      if (value && value.length <= VALUE_MAX_CHARS) values.add(value)
    }
  }
  return [...values]
}

/**
 * Replaces every form of a secret in text that is about to be stored (a
 * response body may echo a request header back): see redact.ts. Values
 * shorter than MIN_SECRET_LENGTH are left alone and warned about instead.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return redactor(secrets).text(text)
}
