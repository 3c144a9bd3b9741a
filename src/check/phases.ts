/**
 * Where the time of one HTTP check went, as blackbox_exporter splits it:
 * resolve (DNS), connect (TCP), tls (handshake), processing (request sent to
 * the first byte of the answer) and transfer (the rest of the body). The
 * phases do not overlap and add up to the check's latency. Pure: the probe
 * hands in the moments it saw, from one monotonic clock. Rounded to 0.01 ms.
 */

import {type Phase, PHASES, type Phases} from '../phases.js'

export type {Phases} from '../phases.js'

/** The moments one request (one hop of a redirect chain) reached, in performance.now() milliseconds. */
export interface HopMarks {
  start: number
  /** The host name resolved. Absent for an IP address. */
  resolved?: number
  connected?: number
  /** The TLS handshake finished. Absent for plain HTTP. */
  secured?: number
  /** The status line and headers arrived. */
  headers?: number
  /** The body was read (or the hop failed, or was cut short). */
  end: number
}

export interface HopShape {
  /** The host is a name, not an IP address. */
  resolves: boolean
  /** The URL is https. */
  tls: boolean
}

const NONE: Phases = {resolve: 0, connect: 0, tls: 0, processing: 0, transfer: 0}

/**
 * Each phase runs from the end of the one before to its own mark. A hop that
 * failed stops in the phase it was in: that phase runs to `end`, and the
 * phases after it are 0, so a connect that timed out shows as a long connect.
 */
export function hopPhases(marks: HopMarks, shape: HopShape): Phases {
  const steps: [Phase, number | undefined][] = [
    ['resolve', shape.resolves ? marks.resolved : marks.start],
    ['connect', marks.connected],
    ['tls', shape.tls ? marks.secured : undefined],
    ['processing', marks.headers],
  ]
  if (!shape.tls) steps.splice(2, 1)
  const phases = {...NONE}
  let from = marks.start
  for (const [i, [phase, mark]] of steps.entries()) {
    if (mark === undefined) {
      // A mark missed although a later one came (a socket that emitted no lookup event): no time we saw.
      if (steps.slice(i + 1).some(([, later]) => later !== undefined)) continue
      phases[phase] = round(Math.max(0, marks.end - from))
      return phases
    }
    phases[phase] = round(Math.max(0, mark - from))
    from = mark
  }
  phases.transfer = round(Math.max(0, marks.end - from))
  return phases
}

/** The phases of a redirect chain: each phase summed over its hops. */
export function sumPhases(hops: readonly Phases[]): Phases {
  const sum = {...NONE}
  for (const hop of hops) for (const phase of PHASES) sum[phase] += hop[phase]
  for (const phase of PHASES) sum[phase] = round(sum[phase])
  return sum
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}
