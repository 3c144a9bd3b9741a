import {configDefaults, defineConfig} from 'vitest/config'

import SlowFirst from './test/support/slow-first.js'

const ci = process.env.CI === 'true' || process.env.CI === '1'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The pack-and-install test has its own config and run (npm run test:pack): it compiles better-sqlite3.
    exclude: [...configDefaults.exclude, 'test/pack/**'],
    disableConsoleIntercept: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CLI tests run mon in the worker (test/support/cli.ts), which needs 'forks' (process.chdir). Some tests
    // still wait on timeouts, servers, real processes and Chromium: on 2 cores, 4 workers keep both busy
    // (a quiet run: 198 s of vitest with 3, 174 s with 4, the CPU 1.4 cores on average either way).
    maxWorkers: 4,
    // Test files share a worker's module cache (each still gets fresh state from its own setup): importing
    // the source afresh for each of 100 files cost about a quarter of the run's CPU.
    isolate: false,
    sequence: {sequencer: SlowFirst},
    // Starts one throwaway PostgreSQL for the whole run (see test/support/global-setup.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // In CI, also a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: ci ? ['default', 'json'] : ['default'],
    outputFile: ci ? {json: 'test/.tmp/vitest-results.json'} : undefined,
  },
})
