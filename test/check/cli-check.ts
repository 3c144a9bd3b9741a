import {type CliOptions, type CliResult, mon} from '../support/cli.js'

/**
 * Runs `mon check` as the built CLI. NODE_ENV is dropped: vitest sets it to
 * "test", and oclif then transpiles src/ with tsx instead of running dist/
 * (seconds per run, and not the code users get).
 */
export function check(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return mon(['check', ...args], {...options, env: {NODE_ENV: undefined, ...options.env}})
}

export function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
  delete env.NODE_ENV
  delete env.MON_DB
  return env
}
