import {describe, expect, it} from 'vitest'

import {summariseRegistry, yamlReason} from '../../src/check/registry-format.js'

describe('registry YAML errors', () => {
  it('end cleanly at the position, without the code frame or its leading colon', async () => {
    const read = await summariseRegistry(Buffer.from('a: 1\na: 2\n'), 'yaml')
    expect(read).toEqual({ok: false, message: 'not valid YAML: Map keys must be unique at line 2, column 1'})
  })

  it('keep only the first line of the message', () => {
    expect(yamlReason('Nested mappings are not allowed in compact mappings at line 1, column 4:\n\na: b: c\n   ^\n')).toBe(
      'Nested mappings are not allowed in compact mappings at line 1, column 4',
    )
    expect(yamlReason('Plain reason')).toBe('Plain reason')
  })
})
