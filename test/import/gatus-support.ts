import {expect} from 'vitest'

import {parseConfig} from '../../src/config/load.js'
import type {MonitorsModel} from '../../src/config/model.js'
import {importGatus} from '../../src/import/gatus.js'

/** Converts, checks the output validates with no warning, and gives back the model and the notes as lines. */
export function convert(text: string): {model: MonitorsModel; notes: string[]; variables: string[]; yaml: string} {
  const result = importGatus(text, 'gatus.yaml')
  expect(result.yaml).not.toBeNull()
  const loaded = parseConfig(result.yaml!, 'monitors.yaml')
  expect([...loaded.errors, ...loaded.warnings]).toEqual([])
  return {model: loaded.model!, notes: result.notes.map((n) => `${n.line}: ${n.what}: ${n.why}`), variables: result.variables, yaml: result.yaml!}
}
