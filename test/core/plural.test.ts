import {describe, expect, it} from 'vitest'

import {andMore, plural} from '../../src/plural.js'

describe('plural and andMore', () => {
  it('counts nouns', () => {
    expect([plural(1, 'entity', 'entities'), plural(3, 'entity', 'entities'), plural(0, 'snapshot')]).toEqual(['1 entity', '3 entities', '0 snapshots'])
  })

  it('lists what was shown, then how many were left out, in the separator given', () => {
    expect(andMore(['a', 'b'], 2)).toBe('a, b')
    expect(andMore(['a', 'b'], 5)).toBe('a, b and 3 more')
    expect(andMore(['x fails', 'y fails'], 3, '; ')).toBe('x fails; y fails; and 1 more')
    expect(andMore([], 0)).toBe('')
  })
})
