/** How a config is read; apart from the loader, so that check and status can hash the file without loading the parser. */

/**
 * How much of a config mon reads, and for how long: a huge file would take
 * gigabytes to parse, and `/dev/zero`, a silent FIFO or an idle standard
 * input would never end.
 */
export interface ReadLimits {
  maxBytes: number
  timeoutMs: number
}

export const DEFAULT_READ_LIMITS: ReadLimits = {maxBytes: 16 * 1024 * 1024, timeoutMs: 10_000}

/** `-` is standard input (CI: `git show main:monitors.yaml | mon plan -c -`). */
export const STDIN_CONFIG = '-'
