import {defineConfig} from 'vitest/config'

const ci = process.env.CI === 'true' || process.env.CI === '1'

/**
 * `npm run test:pack`: packs mon as a fresh clone would, installs the tarball
 * globally into a temporary prefix and runs the installed `mon`. Not part of
 * `npm test`: better-sqlite3 compiles from source during the install (about
 * 90 s). .ci/run runs it after `npm test`. It skips nothing: a missing tool
 * fails it.
 */
export default defineConfig({
  test: {
    include: ['test/pack/**/*.test.ts'],
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    reporters: ci ? ['default', 'json'] : ['default'],
    outputFile: ci ? {json: 'test/.tmp/vitest-pack-results.json'} : undefined,
  },
})
