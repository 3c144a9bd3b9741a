/**
 * Writes a file whole or not at all: the data goes to a temporary file in the
 * same directory (so the rename stays on one file system), is flushed, and
 * then renamed over the target. A full disk or a killed process leaves the
 * previous file as it was, never one cut in the middle.
 */
import {randomBytes} from 'node:crypto'
import {open, realpath, rename, stat, unlink} from 'node:fs/promises'
import path from 'node:path'

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
