import {realpathSync, statSync} from 'node:fs'
import path from 'node:path'

import {CHECK_EXIT, MonError} from '../errors.js'

/**
 * The directory relative registry paths resolve against, as its real path
 * (a registry must resolve inside it): --base-dir when given, else the
 * directory of --config, where monitors.yaml said them.
 */
export function registryBaseDir(config: string, baseDir: string | undefined): string {
  const dir = path.resolve(baseDir ?? path.dirname(path.resolve(config)))
  try {
    const real = realpathSync(dir)
    if (statSync(real).isDirectory()) return real
  } catch {
    // Said below, in one message for every way it can fail.
  }
  const from = baseDir === undefined ? `the directory of --config ${config}` : '--base-dir'
  throw new MonError(`${dir} (${from}) is not a directory: pass -c with the path of monitors.yaml, or --base-dir, so relative registry paths can be resolved`, {
    exitCode: CHECK_EXIT.unknown,
  })
}
