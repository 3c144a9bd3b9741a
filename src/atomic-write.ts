/**
 * Writes a file whole or not at all: the data goes to a temporary file in the
 * same directory (so the rename stays on one file system), is flushed, and
 * then renamed over the target. A full disk or a killed process leaves the
 * previous file as it was, never one cut in the middle.
 */
import {randomBytes} from 'node:crypto'
import {open, realpath, rename, stat, unlink} from 'node:fs/promises'
import path from 'node:path'

import {MonError, messageOf} from './errors.js'

/** `mode`: for a new file (default 0o666 less the umask); a file that exists keeps its own. */
export async function writeFileAtomic(file: string, data: string, options: {mode?: number} = {}): Promise<void> {
  // Through a symlink, replace what it points at and keep the link.
  const target = await realpath(file).catch(() => file)
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => options.mode ?? 0o666,
  )
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', mode)
  try {
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
}

/**
 * writeFileAtomic for a user's --out: a failure is one line that says why in
 * words ("cannot write the plan to /x/p.json: directory /x does not exist"),
 * never the temporary file's name.
 */
export async function writeOutFile(file: string, data: string, what?: string): Promise<void> {
  try {
    await writeFileAtomic(file, data)
  } catch (err) {
    throw new MonError(`cannot write ${what ? `${what} to ` : ''}${file}: ${writeFailure(file, err)}`)
  }
}

function writeFailure(file: string, err: unknown): string {
  const dir = path.dirname(path.resolve(file))
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return `directory ${dir} does not exist`
    case 'ENOTDIR':
      return `${dir} is not a directory`
    case 'EISDIR':
      return 'it is a directory'
    case 'EACCES':
    case 'EPERM':
      return `permission denied (mon writes a temporary file in ${dir}, then renames it)`
    case 'EROFS':
      return 'read-only file system'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EFBIG':
      return 'EFBIG: file too large'
    default:
      return messageOf(err)
  }
}
