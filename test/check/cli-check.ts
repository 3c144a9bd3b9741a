import {type CliOptions, type CliResult, mon, monProcess} from '../support/cli.js'

/** Runs `mon check` as the built CLI, in process (see test/support/cli.ts). */
export function check(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return mon(['check', ...args], options)
}

/** `mon check` in a real process: for settings read when a process starts (NODE_EXTRA_CA_CERTS), signals and terminals. */
export function checkProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return monProcess(['check', ...args], options)
}

/**
 * The environment of a hand-spawned `bin/run.js`: NODE_ENV is dropped (vitest
 * sets it to "test", and oclif then transpiles src/ with tsx instead of
 * running dist/), and so is the caller's MON_DB.
 */
export function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
  delete env.NODE_ENV
  delete env.MON_DB
  return env
}
