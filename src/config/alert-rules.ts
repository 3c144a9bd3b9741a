/**
 * The rules on alerts (SPEC section 7) that the schema cannot express: what
 * each notifier type takes, ids that must name something (notifiers in
 * `notify`, entities in `depends_on` and in windows), dependency cycles,
 * windows that are either recurring or fixed, and secrets written literally
 * where only `${VAR}` belongs. Like the other rules they skip what is not the
 * right shape: the schema has said so.
 */
import {Cron} from 'croner'

import {MAX_DURATION_MS, formatDuration} from '../duration.js'
import {absoluteUrlProblem} from './absolute-url.js'
import {CREDENTIAL_HEADERS, CREDENTIAL_NAME, CREDENTIAL_VALUE, hasReference, queryCredentialFindings, walkStrings} from './credentials.js'
import {envReferences, isReservedVariable} from './env-refs.js'
import type {Finding, Where} from './finding.js'
import {NOTIFIER_TYPES, type NotifierType} from './model.js'
import {durationMs} from './schedule-rules.js'
import {didYouMean} from './suggest.js'
import type {DocPath} from './yaml-source.js'

type Raw = Record<string, unknown>

const isRecord = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** Each type's settings, the required ones first. */
export const NOTIFIER_SETTINGS: Record<NotifierType, {required: readonly string[]; optional: readonly string[]}> = {
  webhook: {required: ['url'], optional: ['headers', 'signing_secret']},
  slack: {required: ['url'], optional: []},
  ntfy: {required: ['topic'], optional: ['url', 'token']},
  pagerduty: {required: ['routing_key'], optional: ['url']},
  email: {required: ['host', 'from', 'to'], optional: ['port', 'username', 'password', 'tls']},
  alertmanager: {required: ['url'], optional: []},
}

/** The least reminder interval: more often is noise, not a reminder. */
export const MIN_REMIND_MS = 10_000

/** Settings that hold a secret whatever they look like: only a whole `${VAR}` belongs there (part literal is part of a secret). */
const SECRET_SETTINGS = ['password', 'token', 'signing_secret', 'routing_key'] as const
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/
/**
 * URLs that are credentials in themselves: whoever has one can post to the
 * channel. Matched on what is literal in the value (a `${VAR}` anywhere else,
 * say in a fragment, hides nothing), with a default port or a trailing dot
 * of the host left out, and any API version.
 */
export const SECRET_URLS = [/hooks\.slack\.com\.?(:\d+)?\/(services|workflows|triggers)\//i, /discord(app)?\.com\.?(:\d+)?\/api\/(v\d+\/)?webhooks\//i]
/** PagerDuty's integration keys are 32 characters. */
const PAGERDUTY_KEY = /^[A-Za-z0-9]{32}$/
export const MALFORMED_REF = /\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/

export function alertFindings(data: Raw, where: Where): Finding[] {
  const findings: Finding[] = []
  const notifierIds = uniqueIds(list(data.notifiers), 'notifiers', 'notifier', where, findings)
  for (const [n, notifier] of list(data.notifiers).entries()) if (isRecord(notifier)) findings.push(...notifierFindings(notifier, ['notifiers', n]))
  const entityIds = list(data.entities).flatMap((e) => (isRecord(e) && typeof e.id === 'string' ? [e.id] : []))
  const known = new Set(entityIds)
  const alertAt = (alert: unknown, path: DocPath) => findings.push(...alertSettingsFindings(alert, path, notifierIds))
  if (isRecord(data.defaults)) alertAt(data.defaults.alert, ['defaults', 'alert'])
  for (const [e, entity] of list(data.entities).entries()) {
    if (!isRecord(entity)) continue
    alertAt(entity.alert, ['entities', e, 'alert'])
    for (const [i, endpoint] of list(entity.endpoints).entries()) if (isRecord(endpoint)) alertAt(endpoint.alert, ['entities', e, 'endpoints', i, 'alert'])
    for (const [r, entry] of list(entity.registry).entries()) if (isRecord(entry)) alertAt(entry.alert, ['entities', e, 'registry', r, 'alert'])
    for (const [d, id] of list(entity.depends_on).entries()) {
      if (typeof id !== 'string') continue
      const path = ['entities', e, 'depends_on', d]
      if (id === entity.id) findings.push({path, severity: 'error', message: `entity "${id}" cannot depend on itself`})
      else if (!known.has(id)) findings.push({path, severity: 'error', message: `unknown entity "${id}"${didYouMean([id], entityIds)}`})
    }
  }
  findings.push(...cycleFindings(data))
  uniqueIds(list(data.maintenance), 'maintenance', 'maintenance window', where, findings)
  for (const [m, window] of list(data.maintenance).entries()) if (isRecord(window)) findings.push(...windowFindings(window, ['maintenance', m], entityIds))
  return findings
}

/** The ids of a list, each first one; a repeat is an error naming where the first is. */
function uniqueIds(items: unknown[], key: string, noun: string, where: Where, findings: Finding[]): string[] {
  const first = new Map<string, DocPath>()
  for (const [i, item] of items.entries()) {
    if (!isRecord(item) || typeof item.id !== 'string') continue
    const path = [key, i, 'id']
    const earlier = first.get(item.id)
    if (earlier) findings.push({path, severity: 'error', message: `duplicate ${noun} id "${item.id}": already used at ${where(earlier)}`})
    else first.set(item.id, path)
  }
  return [...first.keys()]
}

function alertSettingsFindings(alert: unknown, path: DocPath, notifierIds: readonly string[]): Finding[] {
  if (!isRecord(alert)) return []
  const findings: Finding[] = []
  for (const [i, id] of list(alert.notify).entries()) {
    if (typeof id === 'string' && !notifierIds.includes(id)) {
      const known = notifierIds.length === 0 ? ' (no notifiers are declared: add one under notifiers)' : didYouMean([id], notifierIds)
      findings.push({path: [...path, 'notify', i], severity: 'error', message: `unknown notifier "${id}"${known}`})
    }
  }
  const remind = durationMs(alert.remind_every)
  if (remind !== undefined && remind < MIN_REMIND_MS) findings.push({path: [...path, 'remind_every'], severity: 'error', message: `must be at least ${formatDuration(MIN_REMIND_MS)} (got ${String(alert.remind_every)})`})
  if (remind !== undefined && remind > MAX_DURATION_MS) findings.push({path: [...path, 'remind_every'], severity: 'error', message: `must be at most ${formatDuration(MAX_DURATION_MS)} (got ${String(alert.remind_every)})`})
  return findings
}

function notifierFindings(notifier: Raw, path: DocPath): Finding[] {
  const type = (NOTIFIER_TYPES as readonly unknown[]).includes(notifier.type) ? (notifier.type as NotifierType) : undefined
  const findings: Finding[] = []
  if (type) {
    const {required, optional} = NOTIFIER_SETTINGS[type]
    const allowed = [...required, ...optional]
    for (const key of Object.keys(notifier)) {
      if (key === 'id' || key === 'type' || allowed.includes(key)) continue
      const owners = NOTIFIER_TYPES.filter((t) => [...NOTIFIER_SETTINGS[t].required, ...NOTIFIER_SETTINGS[t].optional].includes(key))
      const belongs = owners.length > 0 ? `: it is a setting of ${owners.join(', ')}` : ''
      findings.push({path: [...path, key], atKey: true, severity: 'error', message: `a ${type} notifier takes no "${key}"${belongs} (its settings: ${allowed.join(', ')})`})
    }
    for (const key of required) if (notifier[key] === undefined) findings.push({path, severity: 'error', message: `a ${type} notifier needs "${key}"`})
  }
  for (const key of SECRET_SETTINGS) {
    const value = notifier[key]
    if (typeof value !== 'string' || WHOLE_REFERENCE.test(value.trim())) continue
    const what = key === 'routing_key' && PAGERDUTY_KEY.test(value) ? 'a literal PagerDuty routing key' : hasReference(value) ? 'a secret that is partly literal' : 'a literal secret'
    const example = key === 'routing_key' ? 'PAGERDUTY_ROUTING_KEY' : key.toUpperCase()
    findings.push({path: [...path, key], severity: 'error', message: `holds ${what}: write it as one \${VAR} (e.g. "\${${example}}") so it stays out of the file and the database`})
  }
  walkStrings(notifier, path, (value, at) => {
    if (at[at.length - 1] !== 'url' && SECRET_URLS.some((re) => re.test(literalPart(value)))) {
      findings.push({path: at, severity: 'error', message: 'holds a literal webhook URL, which is a secret in itself: write it as ${VAR}'})
    }
  })
  if (typeof notifier.url === 'string') {
    const problem = notifierUrlProblem(notifier.url)
    if (problem) findings.push({path: [...path, 'url'], severity: 'error', message: problem})
    else findings.push(...queryCredentialFindings(notifier.url, [...path, 'url'], 'write its value as ${VAR}'))
  }
  if (isRecord(notifier.headers)) {
    for (const [name, value] of Object.entries(notifier.headers)) {
      if (typeof value !== 'string' || hasReference(value)) continue
      if (CREDENTIAL_HEADERS.has(name.toLowerCase()) || CREDENTIAL_NAME.test(name) || CREDENTIAL_VALUE.test(value)) {
        findings.push({path: [...path, 'headers', name], severity: 'error', message: 'holds a literal credential: write it as ${VAR} (e.g. "Bearer ${HOOK_TOKEN}") so it stays out of the file and the database'})
      }
    }
  }
  if (type === 'email' && notifier.tls === 'none' && notifier.password !== undefined) {
    findings.push({path: [...path, 'tls'], severity: 'error', message: 'tls: none would send the password in clear text: use starttls (the default) or tls'})
  }
  walkStrings(notifier, path, (value, at) => findings.push(...referenceFindings(value, at)))
  return findings
}

/** A literal provider URL is a secret; any other literal one must be http(s) and carry no credentials. */
function notifierUrlProblem(url: string): string | undefined {
  if (SECRET_URLS.some((re) => re.test(literalPart(url)))) return 'is a literal webhook URL, which is a secret in itself: write it as ${VAR} (e.g. "${SLACK_WEBHOOK_URL}")'
  if (hasReference(url)) return undefined
  return absoluteUrlProblem(url, 'write the URL as ${VAR}')
}

/** What of a value is written out: its `${VAR}` references taken away. */
function literalPart(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, '')
}


/** Every string in a notifier, nested ones too, with its path. */

/** A `${` that is no reference, or one to mon's own variables (which hold the database URL and password). */
function referenceFindings(value: string, path: DocPath): Finding[] {
  if (MALFORMED_REF.test(value)) return [{path, severity: 'error', message: 'malformed variable reference: write ${NAME} (letters, digits and _)'}]
  return envReferences(value)
    .filter(isReservedVariable)
    .map((name) => ({path, severity: 'error' as const, message: `\${${name}} is one of mon's own variables (MON_*, PG*, DATABASE_URL), which hold the database URL and its password: a notifier must not send it; use a variable of your own`}))
}

/** Each dependency cycle once (walked in file order), at the depends_on item that leaves its first member: `dependency cycle: a → b → c → a`. */
function cycleFindings(data: Raw): Finding[] {
  const edges = new Map<string, {path: DocPath; deps: Array<{id: string; path: DocPath}>}>()
  for (const [e, entity] of list(data.entities).entries()) {
    if (!isRecord(entity) || typeof entity.id !== 'string' || edges.has(entity.id)) continue
    const deps = list(entity.depends_on).flatMap((id, d) => (typeof id === 'string' && id !== entity.id ? [{id, path: ['entities', e, 'depends_on', d]}] : []))
    edges.set(entity.id, {path: ['entities', e], deps})
  }
  const findings: Finding[] = []
  const reported = new Set<string>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: Array<{id: string; path: DocPath}> = []
  const visit = (id: string, via: DocPath): void => {
    state.set(id, 'open')
    stack.push({id, path: via})
    for (const dep of edges.get(id)?.deps ?? []) {
      if (!edges.has(dep.id)) continue
      if (state.get(dep.id) === 'open') {
        const from = stack.findIndex((s) => s.id === dep.id)
        const members = stack.slice(from).map((s) => s.id)
        const key = [...members].sort().join('\0')
        if (!reported.has(key)) {
          reported.add(key)
          // At the first edge of the cycle: the depends_on item that leaves its first member.
          const at = from + 1 < stack.length ? stack[from + 1]!.path : dep.path
          findings.push({path: at, severity: 'error', message: `dependency cycle: ${[...members, dep.id].join(' → ')}`})
        }
      } else if (!state.has(dep.id)) visit(dep.id, dep.path)
    }
    stack.pop()
    state.set(id, 'done')
  }
  for (const [id, {path}] of edges) if (!state.has(id)) visit(id, path)
  return findings
}

function windowFindings(window: Raw, path: DocPath, entityIds: readonly string[]): Finding[] {
  const findings: Finding[] = []
  const at = (key: string, message: string) => findings.push({path: [...path, key], severity: 'error', message})
  for (const [i, id] of list(window.entities).entries()) {
    if (typeof id === 'string' && !entityIds.includes(id)) findings.push({path: [...path, 'entities', i], severity: 'error', message: `unknown entity "${id}"${didYouMean([id], entityIds)}`})
  }
  const recurring = window.cron !== undefined
  const fixed = window.start !== undefined || window.end !== undefined
  if (recurring && fixed) at(window.start !== undefined ? 'start' : 'end', 'a window is recurring (cron and duration) or fixed (start and end), not both')
  else if (recurring && window.duration === undefined) findings.push({path, severity: 'error', message: 'a recurring window needs "duration" with its cron (e.g. duration: 30m)'})
  else if (!recurring && window.duration !== undefined) at('duration', 'a duration belongs to a recurring window: add "cron", or write start and end')
  else if (!recurring && !fixed) findings.push({path, severity: 'error', message: 'a window needs cron and duration (recurring), or start and end (fixed)'})
  else if (fixed && (window.start === undefined || window.end === undefined)) findings.push({path, severity: 'error', message: `a fixed window needs "${window.start === undefined ? 'start' : 'end'}" too`})
  if (typeof window.cron === 'string') {
    const problem = cronProblem(window.cron, typeof window.timezone === 'string' ? window.timezone : 'UTC')
    if (problem) at('cron', problem)
  }
  const duration = durationMs(window.duration)
  if (duration === 0) at('duration', 'must be more than 0')
  else if (duration !== undefined && duration > MAX_DURATION_MS) at('duration', `must be at most ${formatDuration(MAX_DURATION_MS)} (got ${String(window.duration)})`)
  if (typeof window.timezone === 'string' && !knownTimeZone(window.timezone)) at('timezone', `unknown time zone "${window.timezone}": use an IANA name such as UTC or Europe/Berlin`)
  const start = typeof window.start === 'string' ? Date.parse(window.start) : Number.NaN
  const end = typeof window.end === 'string' ? Date.parse(window.end) : Number.NaN
  if (typeof window.start === 'string' && Number.isNaN(start)) at('start', 'is not a time')
  if (typeof window.end === 'string' && Number.isNaN(end)) at('end', 'is not a time')
  if (!Number.isNaN(start) && !Number.isNaN(end) && start >= end) at('end', `must be after start (${String(window.start)})`)
  // A pull request that holds alerts for months reads like maintenance; say so at review time.
  else if (!Number.isNaN(start) && !Number.isNaN(end) && end - start > LONG_WINDOW_MS) {
    findings.push({path: [...path, 'end'], severity: 'warning', message: `holds alerts and leaves snapshots out of uptime for ${formatDuration(end - start)}: is that maintenance?`})
  }
  return findings
}

/** A fixed window longer than this is worth a warning: 31 days. */
const LONG_WINDOW_MS = 31 * 86_400_000

/** Why croner cannot read a five-field cron, or undefined. */
export function cronProblem(cron: string, timezone: string): string | undefined {
  const fields = cron.trim().split(/\s+/).length
  if (fields !== 5) return `must have five fields (minute hour day month weekday), got ${fields}`
  try {
    const parsed = new Cron(cron, {paused: true, timezone: knownTimeZone(timezone) ? timezone : 'UTC'})
    // From a fixed time, not the clock: a pattern with no next run from 2000 on has none ever (February 31).
    if (parsed.nextRun(new Date(Date.UTC(2000, 0, 1))) === null) return 'never starts: no date matches it (e.g. 30 or 31 February)'
    return undefined
  } catch (err) {
    return `is not a cron expression: ${String(err instanceof Error ? err.message : err).replace(/^CronPattern:\s*/, '')}`
  }
}

export function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: name})
    return true
  } catch {
    return false
  }
}
