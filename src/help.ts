import {Errors, Help} from '@oclif/core'

import {EXIT} from './errors.js'
import {unknownCommand} from './failure.js'

/**
 * oclif's help, except for a command that does not exist: `mon help stauts`
 * answers as `mon stauts` does (one line, "did you mean", exit 1), not with
 * oclif's "Command stauts not found." and exit 2.
 */
export default class MonHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    try {
      await super.showHelp(argv)
    } catch (err) {
      const missing = err instanceof Errors.CLIError ? /^Command (.+) not found\.$/.exec(err.message) : null
      if (!missing) throw err
      process.stderr.write(`Error: ${unknownCommand(missing[1]!.replaceAll(':', ' '), this.config.commandIDs)}\n`)
      process.exit(EXIT.error)
    }
  }
}
