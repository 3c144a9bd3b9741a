/** In CI (.ci/run sets CI=true) a test that needs a tool fails when the tool is missing; elsewhere it is skipped, and the run says so. */
export function inCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1'
}

/** Debian's Chromium, for the status page's browser tests (.ci/run installs it); MON_TEST_CHROMIUM names another binary. */
export const CHROMIUM = process.env.MON_TEST_CHROMIUM || '/usr/bin/chromium'
