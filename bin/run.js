#!/usr/bin/env node
import {existsSync} from 'node:fs'
import Module, {createRequire} from 'node:module'
import path from 'node:path'
import v8 from 'node:v8'

// Process-wide, so set where the process starts, not in library code. A check run
// allocates fast and keeps little (about 20 MB live over 10,000 checks), and V8's
// default lets the heap grow up to 4x per full GC while they are cheap: 100 MB of
// garbage and a 220 MB peak RSS. A fixed 1.5x keeps the peak near the live set
// (bench/check.md). Read at each GC; commands that allocate little never notice it.
v8.setFlagsFromString('--heap-growing-percent=50')

useBundledOclifCore()

const {execute} = await import('@oclif/core')
await execute({dir: import.meta.url})

/**
 * Loading @oclif/core's 160 small CommonJS files is most of what mon adds to
 * Node's own start-up; the build bundles the same package into one file,
 * dist/oclif-core.cjs (npm run build:oclif-core), which loads in half the time
 * (bench/startup.md). Put in the require cache under @oclif/core's own path, it
 * is what every import of @oclif/core in this process gets: mon's commands and
 * @oclif/plugin-help share that one copy. Only when it was bundled from the
 * installed version; otherwise the package itself is loaded, as without a bundle.
 */
function useBundledOclifCore() {
  const require = createRequire(import.meta.url)
  const bundle = path.join(import.meta.dirname, '../dist/oclif-core.cjs')
  if (!existsSync(bundle)) return
  const core = require('../dist/oclif-core.cjs')
  if (core.Command._base !== `@oclif/core@${require('@oclif/core/package.json').version}`) return
  const entry = require.resolve('@oclif/core')
  const cached = new Module(entry)
  cached.filename = entry
  cached.paths = Module._nodeModulePaths(path.dirname(entry))
  cached.exports = core
  cached.loaded = true
  require.cache[entry] = cached
}
