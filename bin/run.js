#!/usr/bin/env node
import {existsSync, readFileSync} from 'node:fs'
import Module, {createRequire} from 'node:module'
import path from 'node:path'
import v8 from 'node:v8'

// Process-wide, so set where the process starts, not in library code. A check run
// allocates fast and keeps little (about 20 MB live over 10,000 checks), and V8's
// default lets the heap grow up to 4x per full GC while they are cheap: 100 MB of
// garbage and a 220 MB peak RSS. A fixed 1.5x keeps the peak near the live set
// (bench/check.md). Read at each GC; commands that allocate little never notice it.
v8.setFlagsFromString('--heap-growing-percent=50')

useBundledDependencies()

const {execute} = await import('@oclif/core')
await execute({dir: import.meta.url})

/**
 * @oclif/core and yaml are many small CommonJS files, and opening and
 * compiling them was most of what mon added to Node's own start-up. The build
 * bundles each into one file (scripts/bundle-dependencies.js), which loads in
 * about half the time (bench/startup.md). Each bundle is put in the require
 * cache under its package's own entry, so every import of the package in this
 * process (mon's modules, @oclif/plugin-help) gets that one copy, loaded when
 * first imported. Only a bundle made from the installed version, and of the
 * installed versions of what it inlined, is used; otherwise the package itself
 * loads, as without bundles.
 */
function useBundledDependencies() {
  const require = createRequire(import.meta.url)
  const dir = path.join(import.meta.dirname, '../dist/bundled')
  if (!existsSync(path.join(dir, 'versions.json'))) return
  const root = path.join(import.meta.dirname, '..')
  const sameVersion = (manifest, version) => {
    try {
      return JSON.parse(readFileSync(path.join(root, manifest), 'utf8')).version === version
    } catch {
      return false
    }
  }
  for (const [name, bundle] of Object.entries(require(path.join(dir, 'versions.json')))) {
    if (require(`${name}/package.json`).version !== bundle.version || !existsSync(path.join(dir, bundle.file))) continue
    // What the bundle inlined must be there as it was, or the package loads itself (its dependencies as installed).
    if (!Object.entries(bundle.inlined ?? {}).every(([manifest, version]) => sameVersion(manifest, version))) continue
    const entry = require.resolve(name)
    const cached = new Module(entry)
    cached.filename = entry
    cached.paths = Module._nodeModulePaths(path.dirname(entry))
    cached.loaded = true
    let exports
    Object.defineProperty(cached, 'exports', {get: () => (exports ??= require(path.join(dir, bundle.file)))})
    require.cache[entry] = cached
  }
}
