/**
 * Gatus's `alerting:` providers as mon notifiers, and an endpoint's `alerts:`
 * as its `alert:` settings. Five providers have a counterpart (slack,
 * pagerduty, ntfy, email, custom as a webhook); every secret in them becomes
 * a `${GATUS_...}` placeholder. A provider's `default-alert` is merged into
 * each alert of its type the way Gatus does (provider.go,
 * MergeProviderDefaultAlertIntoEndpointAlert): a key the alert leaves out
 * comes from it.
 */
import {MAX_DURATION_MS, formatDuration} from '../duration.js'
import {MALFORMED_REF, MIN_REMIND_MS, SECRET_URLS} from '../config/alert-rules.js'
import {absoluteUrlProblem} from '../config/absolute-url.js'
import {CREDENTIAL_HEADERS, CREDENTIAL_NAME, CREDENTIAL_VALUE, queryCredentialFindings} from '../config/credentials.js'
import {NOTIFIER_TYPES} from '../config/model.js'
import type {AlertSpec, NotifierSpec} from '../config/monitors.types.js'
import type {DocPath} from '../config/yaml-source.js'
import {goDurationMs, hasEnvReference, isRecord, list, type ImportContext, type Raw} from './gatus-context.js'

/** Gatus's defaults (alerting/alert/alert.go, ValidateAndSetDefaults). */
const GATUS_FAILURE_THRESHOLD = 3
const GATUS_SUCCESS_THRESHOLD = 2
/** mon's most for alert.after and recover_after (schemas/monitors.schema.json). */
const MAX_THRESHOLD = 1000

export interface Provider {
  /** The notifier id. */
  id: string
  defaultAlert: Raw
}

type Build = (settings: Raw, at: DocPath, ctx: ImportContext) => Omit<NotifierSpec, 'id'> | undefined

const BUILDERS: Record<string, {keys: string[]; build: Build}> = {
  slack: {keys: ['webhook-url'], build: (s, at, ctx) => (typeof s['webhook-url'] === 'string' ? {type: 'slack', url: secretUrl(s['webhook-url'], [...at, 'webhook-url'], ctx, 'SLACK_WEBHOOK_URL', true)} : missing(at, 'webhook-url', ctx))},
  pagerduty: {
    keys: ['integration-key'],
    build: (s, at, ctx) => (typeof s['integration-key'] === 'string' ? {type: 'pagerduty', routing_key: secret(s['integration-key'], [...at, 'integration-key'], ctx, 'PAGERDUTY_INTEGRATION_KEY')} : missing(at, 'integration-key', ctx)),
  },
  ntfy: {
    keys: ['topic', 'url', 'token'],
    build: (s, at, ctx) => {
      if (typeof s.topic !== 'string') return missing(at, 'topic', ctx)
      return {
        type: 'ntfy',
        topic: ctx.references([...at, 'topic'], 'alerting.ntfy.topic', s.topic),
        ...(typeof s.url === 'string' ? {url: secretUrl(s.url, [...at, 'url'], ctx, 'NTFY_URL', false)} : {}),
        ...(typeof s.token === 'string' && s.token !== '' ? {token: secret(s.token, [...at, 'token'], ctx, 'NTFY_TOKEN')} : {}),
      }
    },
  },
  email: {
    keys: ['from', 'username', 'password', 'host', 'port', 'to'],
    build: (s, at, ctx) => {
      for (const key of ['host', 'from', 'to']) if (typeof s[key] !== 'string' || s[key] === '') return missing(at, key, ctx)
      const text = (key: string) => ctx.references([...at, key], `alerting.email.${key}`, String(s[key]))
      const password = typeof s.password === 'string' && s.password !== '' ? secret(s.password, [...at, 'password'], ctx, 'EMAIL_PASSWORD') : undefined
      // Gatus logs in as `from` when no username is given, and only with a password.
      const port = emailPort(s.port, [...at, 'port'], ctx)
      const username = password === undefined ? undefined : typeof s.username === 'string' && s.username !== '' ? text('username') : text('from')
      return {
        type: 'email',
        host: text('host'),
        from: text('from'),
        to: String(s.to).split(',').map((to) => to.trim()).filter((to) => to !== '') as [string, ...string[]],
        ...(port !== undefined ? {port} : {}),
        // gomail speaks TLS from the start on 465, STARTTLS elsewhere.
        ...(port === 465 ? {tls: 'tls'} : {}),
        ...(username !== undefined ? {username} : {}),
        ...(password !== undefined ? {password} : {}),
      } as Omit<NotifierSpec, 'id'>
    },
  },
  custom: {
    keys: ['url', 'headers'],
    build: (s, at, ctx) => {
      if (typeof s.url !== 'string') return missing(at, 'url', ctx)
      if (/\[[A-Z_]+\]/.test(s.url)) {
        ctx.note([...at, 'url'], 'alerting.custom', 'its url uses Gatus placeholders ([ENDPOINT_NAME]...): mon posts to one fixed URL; not converted')
        return undefined
      }
      if (s.method !== undefined && String(s.method).toUpperCase() !== 'POST') ctx.note([...at, 'method'], 'alerting.custom.method', `mon's webhook always POSTs (Gatus used ${String(s.method)})`)
      if (s.body !== undefined) ctx.note([...at, 'body'], 'alerting.custom.body', "mon's webhook sends its own JSON (docs/alerts.md); the body template is not kept")
      const headers = isRecord(s.headers) ? notifierHeaders(s.headers, [...at, 'headers'], ctx) : {}
      return {type: 'webhook', url: secretUrl(s.url, [...at, 'url'], ctx, 'CUSTOM_URL', false), ...(Object.keys(headers).length > 0 ? {headers} : {})}
    },
  },
}

/** The notifiers of `alerting:`, and for each provider the id its alerts notify. */
export function mapAlerting(alerting: unknown, ctx: ImportContext): {notifiers: NotifierSpec[]; providers: Map<string, Provider>} {
  const notifiers: NotifierSpec[] = []
  const providers = new Map<string, Provider>()
  if (!isRecord(alerting)) return {notifiers, providers}
  for (const [type, settings] of Object.entries(alerting)) {
    const at = ['alerting', type]
    const builder = BUILDERS[type]
    if (!builder) {
      ctx.note(at, `alerting.${type}`, `mon has no ${type} notifier (it has ${NOTIFIER_TYPES.join(', ')}); its alerts are not converted`)
      continue
    }
    if (!isRecord(settings)) continue
    const spec = builder.build(settings, at, ctx)
    if (!spec) continue
    for (const key of Object.keys(settings)) {
      if (builder.keys.includes(key) || key === 'default-alert' || (type === 'custom' && (key === 'method' || key === 'body'))) continue
      const why = key === 'overrides' ? 'per-group settings: mon has one setting per notifier; declare a notifier per group and notify it from those entities' : `no counterpart in mon's ${spec.type} notifier`
      ctx.note([...at, key], `alerting.${type}.${key}`, why)
    }
    notifiers.push({id: type, ...spec} as NotifierSpec)
    providers.set(type, {id: type, defaultAlert: isRecord(settings['default-alert']) ? settings['default-alert'] : {}})
  }
  return {notifiers, providers}
}

const MERGED = ['enabled', 'send-on-resolved', 'description', 'failure-threshold', 'success-threshold', 'minimum-reminder-interval']

/** An endpoint's alerts as one `alert:`: every notifier they name, the least thresholds. */
export function mapAlerts(alerts: unknown, at: DocPath, providers: ReadonlyMap<string, Provider>, configured: ReadonlySet<string>, ctx: ImportContext): AlertSpec | undefined {
  const notify: string[] = []
  const after: number[] = []
  const recover: number[] = []
  const remind: number[] = []
  for (const [i, raw] of list(alerts).entries()) {
    const path = [...at, i]
    if (!isRecord(raw) || typeof raw.type !== 'string') continue
    const what = `alert of type ${raw.type}`
    const provider = providers.get(raw.type)
    if (!provider) {
      const why = !BUILDERS[raw.type] ? `no mon notifier for ${raw.type}` : configured.has(raw.type) ? `alerting.${raw.type} is not converted (see its line)` : `alerting has no ${raw.type} (Gatus ignores this alert too)`
      ctx.note(path, what, why)
      continue
    }
    const alert: Raw = {...raw}
    for (const key of MERGED) if (alert[key] === undefined || alert[key] === 0) alert[key] = provider.defaultAlert[key]
    if (alert.enabled === false) {
      ctx.note(path, what, 'disabled in Gatus: not converted')
      continue
    }
    notify.push(provider.id)
    after.push(positive(alert['failure-threshold']) ?? GATUS_FAILURE_THRESHOLD)
    recover.push(positive(alert['success-threshold']) ?? GATUS_SUCCESS_THRESHOLD)
    const reminder = goDurationMs(alert['minimum-reminder-interval'])
    if (reminder) remind.push(reminder)
    if (alert['send-on-resolved'] !== true) ctx.note(path, what, `send-on-resolved is false: mon always tells ${provider.id} when the alert resolves`)
    if (alert.description !== undefined) ctx.note(path, `${what}: description`, "mon's notifications name the target and its detail; the description is not kept")
    if (raw['provider-override'] !== undefined) ctx.note([...path, 'provider-override'], `${what}: provider-override`, 'mon has one setting per notifier; declare another notifier for it')
  }
  if (notify.length === 0) return undefined
  // mon's bounds (alert.after and recover_after at most 1000; remind_every 10s to 36500d): past them, the bound, noted.
  const within = (value: number, min: number, max: number, show: (n: number) => string, what: string): number => {
    const bound = Math.min(Math.max(value, min), max)
    if (bound !== value) ctx.note(at, `alerts: ${what}`, `${show(value)} is ${value > max ? "above mon's most" : "below mon's least"}: ${show(bound)} is used`)
    return bound
  }
  const least = (values: number[], what: string): number => {
    const min = Math.min(...values)
    if (new Set(values).size > 1) ctx.note(at, `alerts: ${what}`, `${values.join(', ')}: mon has one per endpoint; the least, ${min}, is used`)
    return min
  }
  const reminder = remind.length > 0 ? within(Math.min(...remind), MIN_REMIND_MS, MAX_DURATION_MS, formatDuration, 'minimum-reminder-interval') : undefined
  return {
    notify: [...new Set(notify)],
    after: within(least(after, 'failure-threshold'), 1, MAX_THRESHOLD, String, 'failure-threshold'),
    recover_after: within(least(recover, 'success-threshold'), 1, MAX_THRESHOLD, String, 'success-threshold'),
    ...(reminder !== undefined ? {remind_every: formatDuration(reminder)} : {}),
  }
}

/** A TCP port (1 to 65535), or undefined (mon's default, 587) with a note for any other value. */
function emailPort(value: unknown, at: DocPath, ctx: ImportContext): number | undefined {
  if (value === undefined) return undefined
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65_535) return value as number
  ctx.note(at, 'alerting.email.port', `${String(value)} is not a TCP port (1 to 65535): mon's default, 587, is used`)
  return undefined
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}

function missing(at: DocPath, key: string, ctx: ImportContext): undefined {
  ctx.note(at, `alerting.${String(at[at.length - 1])}`, `has no ${key}, which mon's notifier needs: not converted`)
  return undefined
}

/** A whole `${VAR}` for a setting that is a secret whatever it looks like. */
function secret(value: string, at: DocPath, ctx: ImportContext, base: string): string {
  const what = at.join('.')
  if (/^\s*\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)\s*$/.test(value)) return ctx.references(at, what, value.trim())
  return ctx.secret(at, what, base, value)
}

/** A URL kept as written, unless it is a secret in itself (Slack, Discord) or carries credentials. */
function secretUrl(url: string, at: DocPath, ctx: ImportContext, base: string, always: boolean): string {
  if (hasEnvReference(url)) return ctx.references(at, at.join('.'), url)
  const credentials = absoluteUrlProblem(url, '') !== undefined || queryCredentialFindings(url, [], '').length > 0
  if (always || credentials || SECRET_URLS.some((re) => re.test(url))) return ctx.secret(at, at.join('.'), base, url)
  return url
}

/** Headers of a webhook: a credential's value becomes a placeholder (its scheme kept: `Bearer ${...}`). */
export function notifierHeaders(headers: Raw, at: DocPath, ctx: ImportContext): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const what = [...at, name].join('.')
    const problem = headerProblem(name, value)
    if (problem) ctx.note([...at, name], what, `${problem}; not converted`)
    else out[name] = headerValue(name, String(value), [...at, name], what, ctx)
  }
  return out
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** Why mon cannot send a header of Gatus's (an endpoint's or a webhook's), or undefined when it can. */
export function headerProblem(name: string, value: unknown): string | undefined {
  if (!HEADER_NAME.test(name)) return 'not an HTTP header name'
  if (typeof value !== 'string' && typeof value !== 'number') return 'not a text value'
  if (/[\r\n]/.test(String(value))) return 'its value holds a line break'
  if (MALFORMED_REF.test(String(value))) return 'its value holds a ${ that is no ${NAME} reference, which mon cannot send as written'
  return undefined
}

/** A header's value as mon writes it: references as `${VAR}`, a literal credential as a placeholder. */
export function headerValue(name: string, value: string, at: DocPath, what: string, ctx: ImportContext): string {
  if (hasEnvReference(value)) return ctx.references(at, what, value)
  // mon's own credential words, and any name with `key` in it (Ocp-Apim-Subscription-Key): a guess too many costs a variable, one too few a leak.
  if (!(CREDENTIAL_HEADERS.has(name.toLowerCase()) || CREDENTIAL_NAME.test(name) || /key/i.test(name) || CREDENTIAL_VALUE.test(value))) return value
  const scheme = /^\s*(bearer|basic|token|apikey)\s+/i.exec(value)?.[0] ?? ''
  return `${scheme}${ctx.secret(at, what, name, value.slice(scheme.length))}`
}
