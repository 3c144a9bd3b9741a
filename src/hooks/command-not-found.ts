import type {Hook} from '@oclif/core'

import {CHECK_EXIT, EXIT} from '../errors.js'
import {unexpectedArguments, unknownCommand} from '../failure.js'

/**
 * oclif exits 2 for an unknown command, and with a space as topic separator a
 * stray argument (`mon check foo`) also lands here as the "command" check:foo.
 * Both are usage errors: exit 1, or 3 for check (Nagios "unknown"). A
 * mistyped command (`mon stauts`, `mon db migarte`) gets a "did you mean".
 */
const hook: Hook.CommandNotFound = async function (opts) {
  const words = opts.id.split(':')
  const known = opts.config.commandIDs
  const command = known
    .filter((id) => opts.id.startsWith(`${id}:`))
    .sort((a, b) => b.length - a.length)[0]
  let message: string
  let exitCode: number = EXIT.error
  if (command === undefined) {
    message = unknownCommand(words.join(' '), known)
  } else {
    const extra = words.slice(command.split(':').length).join(' ')
    message = unexpectedArguments([extra], command.replaceAll(':', ' '))
    if (command === 'check') exitCode = CHECK_EXIT.unknown
  }
  if ((opts.argv ?? []).includes('--json')) {
    process.stdout.write(`${JSON.stringify({error: {message, exit_code: exitCode}}, null, 2)}\n`)
  }
  process.stderr.write(`Error: ${message}\n`)
  process.exit(exitCode)
}

export default hook
