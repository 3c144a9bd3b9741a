import {describe, expect, it} from 'vitest'

import {mon} from '../support/cli.js'

describe('MON_NOW: a fixed clock for tests and examples', () => {
  it('is refused when it is not an ISO time, in one line', async () => {
    const r = await mon(['status', '--db', ':memory:'], {env: {MON_NOW: 'yesterday'}})
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toMatch(/^Error: MON_NOW must be an ISO 8601 time, e\.g\. .* \(got "yesterday"\)$/)
  })
})
