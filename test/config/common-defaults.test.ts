import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {BUILTIN_ALERT, BUILTIN_CHECK, type AlertSettings, type CheckSettings} from '../../src/config/model.js'
import {commonAlert, commonCheck} from '../../src/config/serialize.js'

/** The rule as first written, each candidate costed against every value (quadratic): the linear one must pick the same. */
function reference<T>(values: readonly T[], builtin: T): T {
  const text = (v: unknown) => JSON.stringify(v)
  const cost = (d: T) => values.filter((v) => text(v) !== text(d)).length + (text(d) === text(builtin) ? 0 : 1)
  let best = builtin
  for (const v of values) if (cost(v) < cost(best)) best = v
  return best
}

// Small pools, so that values repeat and ties between them and the built-in default are common.
const arbAlert: fc.Arbitrary<AlertSettings> = fc.record({
  notify: fc.constantFrom([], ['a'], ['a', 'b'], ['b']),
  on: fc.constantFrom('error' as const, 'warn' as const),
  after: fc.constantFrom(1, 2, 3),
  recover_after: fc.constantFrom(1, 2),
  remind_every: fc.constantFrom(null, 3_600_000, 1_800_000),
})

describe('commonAlert and commonCheck: each distinct value counted once', () => {
  it('pick what costing every value against every other picked, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.option(arbAlert, {nil: undefined}), {maxLength: 12}), (settings) => {
        const all = settings.map((s) => s ?? BUILTIN_ALERT)
        const keys = Object.keys(BUILTIN_ALERT) as Array<keyof AlertSettings>
        expect(commonAlert(settings)).toEqual(Object.fromEntries(keys.map((k) => [k, reference(all.map((s) => s[k]), BUILTIN_ALERT[k])])))
      }),
      {numRuns: 200},
    )
    fc.assert(
      fc.property(fc.array(fc.record({timeout: fc.constantFrom(1000, 5000, BUILTIN_CHECK.timeout), interval: fc.constantFrom(30_000, BUILTIN_CHECK.interval)}), {maxLength: 12}), (picked) => {
        const checks: CheckSettings[] = picked.map((p) => ({...BUILTIN_CHECK, ...p}))
        const common = commonCheck(checks)
        expect([common.timeout, common.interval]).toEqual([reference(picked.map((p) => p.timeout), BUILTIN_CHECK.timeout), reference(picked.map((p) => p.interval), BUILTIN_CHECK.interval)])
      }),
      {numRuns: 200},
    )
  })
})
