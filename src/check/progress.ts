import {CLEAR_LINE, redrawWanted} from '../terminal.js'
import type {Status} from '../status.js'

export interface Progress {
  tick(status: Status): void
  done(): void
}

const NONE: Progress = {tick() {}, done() {}}

/**
 * A one-line bar on stderr, redrawn at most ten times a second, only when
 * stderr is a terminal that can redraw a line: logs, pipes and TERM=dumb
 * never get carriage returns or escape codes.
 */
export function progressBar(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (!redrawWanted(stream, env) || total === 0) return NONE
  let finished = 0
  let problems = 0
  let drawn = 0
  const draw = () => {
    const width = 30
    const filled = Math.round((finished / total) * width)
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${total} checked, ${problems} not ok`)
    drawn = now()
  }
  draw()
  return {
    tick(status) {
      finished++
      if (status !== 'ok') problems++
      if (now() - drawn >= 100 || finished === total) draw()
    },
    done() {
      stream.write(CLEAR_LINE)
    },
  }
}
