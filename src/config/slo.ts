/**
 * SLOs (`slo:` on an entity or an endpoint): from the file to the model, the
 * model's stored JSON back, and the numbers the history views judge by.
 * The target is kept as percentage text, never as a float: 0.999 and 99.9%
 * are the same text, and `99.9 / 100` is not 0.999 in binary floating point.
 */
import {formatDuration, parseDuration} from '../duration.js'
import type {SloSettings} from '../rows.js'
import type {Slo} from './model.js'
import type {SloSpec} from './monitors.types.js'

const PERCENT_RE = /^([0-9]+)(?:\.([0-9]+))?%$/

/** Digits without leading zeros in the whole part and trailing zeros in the fraction: `099.50` -> `99.5`. */
function decimalText(whole: string, fraction: string): string {
  const w = whole.replace(/^0+(?=\d)/, '')
  const f = fraction.replace(/0+$/, '')
  return f === '' ? w : `${w}.${f}`
}

/** A fraction's decimal text moved two places: 0.995 -> `99.5`. */
function fractionToPercent(value: number): string {
  const text = /e/i.test(String(value)) ? value.toFixed(20) : String(value)
  const [whole, fraction = ''] = text.split('.') as [string, string?]
  const padded = fraction.padEnd(2, '0')
  return decimalText(`${whole}${padded.slice(0, 2)}`, padded.slice(2))
}

/** The target as the model keeps it: `99.5%`, whether written `99.5%`, `99.50%` or 0.995. */
export function targetText(value: string | number): string {
  if (typeof value === 'number') return `${fractionToPercent(value)}%`
  const match = PERCENT_RE.exec(value)
  return match ? `${decimalText(match[1]!, match[2] ?? '')}%` : value
}

/** The target as a fraction, 0..1: the decimal point moved in the text, so that `99.9%` is 0.999, not 99.9 / 100. */
export function targetFraction(text: string): number {
  const [whole, fraction = ''] = text.slice(0, -1).split('.') as [string, string?]
  const padded = whole.padStart(3, '0')
  return Number(`${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`)
}

/** Why a target as written (already of the schema's shape) cannot be one, or undefined. */
export function targetProblem(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (value > 1) return `${value} is above 1, and a bare number is a fraction (0.995 means 99.5%): write "${value}%"`
    if (value === 0) return 'must be more than 0'
    // The model keeps 20 decimals of a fraction; below that a target is stored as 0%, which nothing breaks.
    if (targetText(value) === '0%') return `must be more than 0 (got ${value}, stored as 0%)`
    return undefined
  }
  if (typeof value !== 'string' || !PERCENT_RE.test(value)) return undefined
  const percent = Number(value.slice(0, -1))
  if (percent > 100) return `must be at most 100% (got ${value})`
  if (percent === 0) return 'must be more than 0%'
  return undefined
}

/** The model's SLO from the file's (already valid); null when the file sets none. */
export function normaliseSlo(spec: SloSpec | null | undefined): Slo | null {
  if (spec === undefined || spec === null) return null
  const slo: Slo = {target: targetText(spec.target), window: formatDuration(parseDuration(spec.window))}
  if (spec.latency_p95 !== undefined) slo.latency_p95 = formatDuration(parseDuration(spec.latency_p95))
  return slo
}

/** The model's SLO from its stored JSON (`slo_json`), keys in the file's order; null when there is none or it does not read. */
export function decodeSlo(value: unknown): Slo | null {
  if (typeof value !== 'string') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return null
  }
  const raw = parsed as Partial<Record<keyof Slo, unknown>> | null
  if (raw === null || typeof raw !== 'object' || typeof raw.target !== 'string' || typeof raw.window !== 'string') return null
  const slo: Slo = {target: raw.target, window: raw.window}
  if (typeof raw.latency_p95 === 'string') slo.latency_p95 = raw.latency_p95
  return slo
}

/** An SLO shown one setting at a time, so that a plan names the one that changes; none shows nothing. */
export function sloView(value: unknown): Record<string, unknown> {
  const slo = (value ?? null) as Slo | null
  if (slo === null) return {}
  return {'slo.target': slo.target, 'slo.window': slo.window, ...(slo.latency_p95 === undefined ? {} : {'slo.latency_p95': slo.latency_p95})}
}

/** The numbers an SLO is judged by; null for a stored SLO that does not read. */
export function sloSettings(stored: unknown): SloSettings | null {
  const slo = decodeSlo(stored)
  if (slo === null || !PERCENT_RE.test(slo.target)) return null
  try {
    return {
      target: targetFraction(slo.target),
      window: slo.window,
      window_ms: parseDuration(slo.window),
      latency_p95_ms: slo.latency_p95 === undefined ? null : parseDuration(slo.latency_p95),
    }
  } catch {
    return null
  }
}
