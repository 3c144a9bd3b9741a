/**
 * A snapshot's stored payload (what check/judge.ts kept of the answer), read
 * back for `mon show` and `mon history --payload`. Every string in it came
 * from a server or a file, so text output passes it through visible(), and
 * a body is shown only up to a bound.
 */
import type {HistorySnapshot} from '../rows.js'
import {visible} from '../text.js'
import {latencyText, phaseText} from '../duration.js'
import {PHASES} from '../phases.js'

/** The payload as stored: parsed JSON, or why it could not be read. */
export type Payload = Record<string, unknown>

/** The stored JSON parsed; null for a row stored without one, and a note for text that is not a JSON object. */
export function parsePayload(json: string | null | undefined): Payload | null {
  if (json === null || json === undefined) return null
  try {
    const value: unknown = JSON.parse(json)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Payload
  } catch {
    // fall through: an older or hand-edited row; show what is there rather than fail.
  }
  return {unreadable: json.slice(0, 200)}
}

/** Keys rendered by name, in this order; any others follow as `key: JSON`. */
const KNOWN = ['http_status', 'error', 'attempts', 'latency_ms', 'phases_ms', 'tls', 'resolved_path', 'entries', 'bytes', 'sha256', 'headers', 'truncated', 'body', 'assertions']

/** `resolve 0.1 ms, connect 0.2 ms, …`; phases that are absent or not numbers are left out. */
export function phasesLine(phases: unknown): string | null {
  if (phases === null || typeof phases !== 'object') return null
  const parts = PHASES.flatMap((name) => {
    const ms = (phases as Record<string, unknown>)[name]
    return typeof ms === 'number' && Number.isFinite(ms) ? [`${name} ${phaseText(ms)}`] : []
  })
  return parts.length > 0 ? parts.join(', ') : null
}

/** One value on one line, made safe for a terminal, at most 200 characters. */
function oneLine(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  const flat = visible(text)
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat
}

/** The body as it was kept: a JSON value compact when short, else indented; text line by line. */
function bodyLines(body: unknown, maxBody: number): string[] {
  const whole = typeof body === 'string' ? body : JSON.stringify(body, null, JSON.stringify(body).length > 100 ? 2 : undefined) ?? ''
  const shown = whole.length > maxBody ? whole.slice(0, maxBody) : whole
  const lines = shown.split(/\r?\n/).map(visible)
  if (shown.length < whole.length) lines.push(`… ${whole.length - shown.length} more characters (mon show --json prints the whole stored body)`)
  return lines
}

function assertionLine(result: unknown): string {
  if (result === null || typeof result !== 'object') return oneLine(result)
  const r = result as {path?: unknown; ok?: unknown; severity?: unknown; message?: unknown}
  // A failure's message names its path already (`status: expected "pass", got "fail"`).
  if (r.ok === true || r.message === undefined) return `${r.ok === true ? 'pass' : `fail (${oneLine(r.severity ?? 'error')})`}  ${oneLine(r.path ?? '')}`
  return `fail (${oneLine(r.severity ?? 'error')})  ${oneLine(r.message)}`
}

type Row = [label: string, lines: string[]]

/** The payload's fields, one row each; headers, body and assertions one line each under their label. latency_ms is the snapshot's own column. */
function payloadRows(payload: Payload | null, maxBody: number): Row[] {
  if (payload === null) return [['payload', ['none stored']]]
  const rows: Row[] = []
  const keys = [...KNOWN.filter((k) => k in payload), ...Object.keys(payload).filter((k) => !KNOWN.includes(k)).sort()]
  for (const key of keys) {
    const value = payload[key]
    if (key === 'latency_ms' || key === 'truncated') continue
    if (key === 'phases_ms') {
      const line = phasesLine(value)
      if (line !== null) rows.push(['phases', [line]])
    } else if (key === 'headers' && value !== null && typeof value === 'object') {
      const headers = Object.entries(value as Record<string, unknown>).map(([name, v]) => `${oneLine(name)}: ${oneLine(v)}`)
      rows.push(['headers', headers.length > 0 ? headers : ['none kept']])
    } else if (key === 'body') rows.push([payload.truncated === true ? 'body (cut)' : 'body', bodyLines(value, maxBody)])
    else if (key === 'assertions' && Array.isArray(value)) rows.push(['assertions', value.map(assertionLine)])
    else if (key === 'tls' && value !== null && typeof value === 'object') {
      const tls = value as {valid_to?: unknown; days_left?: unknown}
      rows.push(['tls', [`certificate valid to ${oneLine(tls.valid_to)} (${oneLine(tls.days_left)} days left)`]])
    } else rows.push([visible(key), [oneLine(value)]])
  }
  return rows
}

/** Labels in one column, values beside them; a label's further lines under its first. */
function labelled(rows: readonly Row[], indent: string): string[] {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.flatMap(([label, lines]) => lines.map((line, i) => `${indent}${(i === 0 ? label : '').padEnd(width)}  ${line}`.trimEnd()))
}

/** `mon show`: the snapshot's columns, then its payload. */
export function renderSnapshotText(snapshot: HistorySnapshot & {payload: Payload | null}, options: {maxBody: number}): string {
  const target = snapshot.endpoint_id ?? snapshot.registry_id
  const rows: Row[] = [
    // Every column through visible(): a row inserted by hand need not hold what mon writes.
    ['checked', [visible(target === null ? `entity ${snapshot.entity_id}` : `${target} (${snapshot.endpoint_id === null ? 'registry entry' : 'endpoint'} of entity ${snapshot.entity_id})`)]],
    ['status', [visible(snapshot.status)]],
    ['detail', [visible(snapshot.detail ?? '')]],
    ['observed_at', [visible(snapshot.observed_at)]],
    ['latency', [snapshot.latency_ms === null ? '–' : latencyText(snapshot.latency_ms)]],
    // Only when set: such a snapshot is left out of uptime, coverage and SLOs.
    ...(snapshot.maintenance ? [['maintenance', [visible(snapshot.maintenance)]] satisfies Row] : []),
    ...payloadRows(snapshot.payload, options.maxBody),
  ]
  return `snapshot ${snapshot.id}\n${labelled(rows, '  ').join('\n')}\n`
}

/**
 * History's table with each snapshot's payload under its row. The table
 * (history/text.ts) is a head line, a column line, then one line per
 * snapshot: every cell is one line, as detail passes through visible().
 */
export function renderHistoryPayloads(table: string, payloads: ReadonlyArray<Payload | null>, options: {maxBody: number}): string {
  const lines = table.replace(/\n$/, '').split('\n')
  const out = lines.slice(0, 2)
  payloads.forEach((payload, i) => {
    out.push(lines[i + 2]!, ...labelled(payloadRows(payload, options.maxBody), '    '))
  })
  return `${out.join('\n')}\n`
}
