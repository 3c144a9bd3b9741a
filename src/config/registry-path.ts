/** A registry entry's `path`: a file resolved against a directory, an absolute file, or a URL. */
import path from 'node:path'

/** A registry path that is resolved against a directory: not absolute, not a URL. */
export function isRelativeRegistryPath(entryPath: string): boolean {
  return entryPath !== '' && !path.isAbsolute(entryPath) && !/^[A-Za-z][A-Za-z0-9+.-]+:/.test(entryPath)
}
