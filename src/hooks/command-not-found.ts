import type {Hook} from '@oclif/core'

// oclif exits 2 for an unknown command; 2 means "changes" to plan, so a usage error is 1 here.
const hook: Hook.CommandNotFound = async function (opts) {
  const known = opts.config.commandIDs.map((id) => id.replaceAll(':', ' ')).sort()
  process.stderr.write(`Error: unknown command "${opts.id.replaceAll(':', ' ')}". Commands: ${known.join(', ')}\n`)
  process.exit(1)
}

export default hook
