import {UsageError, messageOf} from './errors.js'

/** Durations are written as strings (`250ms`, `5s`, `2m`, `1h`, `14d`) and held as milliseconds. */
export const DURATION_PATTERN = '^[0-9]+(ms|s|m|h|d)$'

const UNIT_MS = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000} as const
type Unit = keyof typeof UNIT_MS

const DURATION_RE = new RegExp(DURATION_PATTERN)

export function parseDuration(text: string): number {
  const match = DURATION_RE.exec(text.trim())
  if (!match) throw new Error(`"${text}" is not a duration (use e.g. 250ms, 5s, 2m, 1h, 14d)`)
  const unit = match[1] as Unit
  return Number.parseInt(text.trim().slice(0, -unit.length), 10) * UNIT_MS[unit]
}

/** The shortest exact spelling: 300000 -> "5m", 1500 -> "1500ms". */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms !== 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`
  }
  return `${ms}ms`
}

/**
 * Measured time in text output (history, status, show): always milliseconds,
 * whole ones, as in every check's detail (`200 OK in 12 ms`), so a column never
 * mixes `1.53 s` with `1529 ms`.
 */
export function latencyText(ms: number): string {
  return `${Math.round(ms)} ms`
}

/** A phase of one request (resolve, connect, …), often below a millisecond: milliseconds to a tenth. */
export function phaseText(ms: number): string {
  return `${(Math.round(ms * 10) / 10).toFixed(1)} ms`
}

/** A duration flag's value: milliseconds, and the text as written, for output that echoes it (`over 24h`). */
export interface Duration {
  ms: number
  text: string
}

/** Longer than any window anyone means, and short enough that now minus it is still a date (flags, and intervals and SLO windows in the file). */
export const MAX_DURATION_MS = 36_500 * UNIT_MS.d
const MAX_FLAG_MS = MAX_DURATION_MS

/** A duration flag's value in milliseconds; a bad value is a usage error that names the flag. */
export function durationFlag(flag: string, text: string, options: {allowZero?: boolean} = {}): number {
  let ms: number
  try {
    ms = parseDuration(text)
  } catch (err) {
    throw new UsageError(`--${flag}: ${messageOf(err)}`)
  }
  if (ms <= 0 && !options.allowZero) throw new UsageError(`--${flag}: must be longer than 0 (e.g. 30m, 24h, 7d)`)
  if (ms > MAX_FLAG_MS) throw new UsageError(`--${flag}: at most 36500d`)
  return ms
}
