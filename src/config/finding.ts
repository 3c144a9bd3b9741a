import type {DocPath} from './yaml-source.js'

/**
 * One problem found in the data, before it has a line and column: the loader
 * places it on the YAML node at `path` (on the key node with `atKey`, which is
 * where an unknown key is reported).
 */
export interface Finding {
  path: DocPath
  atKey?: boolean
  severity: 'error' | 'warning'
  message: string
}

/** `FILE:LINE:COLUMN path` of another place in the file, for messages that name two places. */
export type Where = (path: DocPath, options?: {key?: boolean}) => string
