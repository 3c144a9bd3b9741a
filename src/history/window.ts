/** Time windows from duration flags, pure: the caller passes "now". */

/** The ISO time `ms` before now. Timestamps are ISO UTC strings, so they compare as text. */
export function isoBefore(now: Date, ms: number): string {
  return new Date(now.getTime() - ms).toISOString()
}

const HOUR_MS = 3_600_000

/**
 * Consecutive buckets of `hoursPerBucket` hours, aligned on UTC hours, the last
 * one holding the current hour. Each has its start (ISO) and the hour keys
 * (`YYYY-MM-DDTHH`, the first 13 characters of an ISO timestamp) it covers.
 */
export interface HourBucket {
  start: string
  end: string
  hours: string[]
}

export function hourBuckets(now: Date, count: number, hoursPerBucket: number): HourBucket[] {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS
  const first = currentHour - (count * hoursPerBucket - 1) * HOUR_MS
  const buckets: HourBucket[] = []
  for (let b = 0; b < count; b++) {
    const start = first + b * hoursPerBucket * HOUR_MS
    const hours: string[] = []
    for (let h = 0; h < hoursPerBucket; h++) hours.push(hourKey(new Date(start + h * HOUR_MS).toISOString()))
    buckets.push({start: new Date(start).toISOString(), end: new Date(start + hoursPerBucket * HOUR_MS).toISOString(), hours})
  }
  return buckets
}

export function hourKey(iso: string): string {
  return iso.slice(0, 13)
}

/** "3m ago", "2h ago", "5d ago": for people, never for machines. */
export function ago(iso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000))
  if (s < 60) return `${s}s ago`
  if (s < 3600) return `${Math.floor(s / 60)}m ago`
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`
  return `${Math.floor(s / 86_400)}d ago`
}
