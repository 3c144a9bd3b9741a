/**
 * Runs the test files that take longest first (most wait on real processes,
 * locks, servers or Chromium), so that on a clean clone, where vitest has no
 * durations cached and would go by file size, no long file starts last and
 * leaves the other workers idle at the end. Measured on 2 cores; keep the
 * list to the slowest fifteen (vitest's cache orders a local run by itself).
 */
import {BaseSequencer, type TestSpecification} from 'vitest/node'

const SLOWEST = [
  'test/cli/smoke.test.ts',
  'test/store/spool.test.ts',
  'test/alert/concurrent-delivery.test.ts',
  'test/alert/check-alerts.test.ts',
  'test/check/fuzz.test.ts',
  'test/cli/check-runs.test.ts',
  'test/check/drift-run.test.ts',
  'test/cli/apply-safety.test.ts',
  'test/store/prune.test.ts',
  'test/cli/in-process.test.ts',
  'test/store/upgrade.test.ts',
  'test/store/read-only.test.ts',
  'test/cli/demo.test.ts',
  'test/check/hostile-answers.test.ts',
]

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.findIndex((name) => f.moduleId.endsWith(name))
      return i < 0 ? SLOWEST.length : i
    }
    return sorted.map((f, i) => ({f, i})).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({f}) => f)
  }
}
