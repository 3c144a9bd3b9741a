/**
 * Everything mon writes to a terminal beyond plain text: whether to colour,
 * the one painter that writes ANSI colour codes, the colour of each health
 * status, and whether and how the progress bar redraws its line.
 */
import type {HealthStatus} from './status.js'

/**
 * Whether to colour what is written to a stream, by the rules other CLIs follow:
 * a non-empty NO_COLOR always turns colour off (no-color.org); FORCE_COLOR turns it
 * on where output is not a terminal (CI logs render ANSI), and FORCE_COLOR=0 or
 * =false turns it off; otherwise colour only a terminal that is not TERM=dumb.
 */
export function colourWanted(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  return stream.isTTY === true && env.TERM !== 'dumb'
}

const SGR = {red: '31', green: '32', yellow: '33', magenta: '35', cyan: '36', bold: '1', 'bold red': '31;1'} as const
export type Colour = keyof typeof SGR

/** How painted text ends: reset every attribute (SGR 0), or only the foreground colour (SGR 39). */
export type Close = 'all' | 'foreground'
const CLOSE: Record<Close, string> = {all: '0', foreground: '39'}

/** Colours text, or leaves it as it is: renderers take one and never write escape codes themselves. */
export type Paint = (colour: Colour, text: string, close?: Close) => string

export const NO_PAINT: Paint = (_colour, text) => text
export const ANSI_PAINT: Paint = (colour, text, close = 'all') => `\u001B[${SGR[colour]}m${text}\u001B[${CLOSE[close]}m`

export function painter(colour: boolean): Paint {
  return colour ? ANSI_PAINT : NO_PAINT
}

/** Health statuses look the same in check, status and history. */
export const STATUS_COLOUR: Record<HealthStatus, Colour> = {ok: 'green', warn: 'yellow', stale: 'magenta', error: 'red'}

/**
 * Whether a line may be redrawn in place (a carriage return, then erase):
 * only on a terminal, and not on TERM=dumb, which has no erase and shows
 * the codes as they are (Emacs shell buffers, some CI consoles).
 */
export function redrawWanted(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb'
}

/** Back to the start of the line and erase it: the progress bar leaves nothing behind. */
export const CLEAR_LINE = '\r\u001B[2K'
