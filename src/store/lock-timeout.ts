import {parseDuration} from '../duration.js'
import {UsageError, messageOf} from '../errors.js'

/** The --lock-timeout value in milliseconds; a bad value is a usage error. */
export function lockTimeoutMs(text: string): number {
  try {
    return parseDuration(text)
  } catch (err) {
    throw new UsageError(`--lock-timeout: ${messageOf(err)}`)
  }
}
