/**
 * What a command hands back to MonCommand instead of writing it: the data
 * (what --json and --format json print), one view per other --format value,
 * and the exit code. The base command picks the view once and exits once, so
 * no command touches stdout or the exit code.
 */
import type {Paint} from './terminal.js'

/** Draws the data as text for stdout, coloured by the painter the base command chose for it. */
export type View = (paint: Paint) => string

export interface Output<T, F extends string = 'text'> {
  data: T
  views: Record<F, View>
  /** 0 when left out. */
  exitCode?: number
}
