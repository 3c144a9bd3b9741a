#!/usr/bin/env node
// Part of `npm run build`: bundles the dependencies that start-up loads as many
// small CommonJS files into one file each, dist/bundled/NAME.cjs, and writes
// dist/bundled/versions.json. Node spends most of mon's start-up opening and
// compiling those files (@oclif/core: about 160, yaml: 70; bench/startup.md).
// bin/run.js uses a bundle only when it was made from the installed version.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(ROOT, 'dist/bundled')

/** What to bundle; `external`: what the package requires only in development (oclif reads tsconfig with typescript). */
const BUNDLED = {
  '@oclif/core': {file: 'oclif-core.cjs', external: ['typescript']},
  yaml: {file: 'yaml.cjs', external: []},
}

async function main() {
  const require = createRequire(path.join(ROOT, 'package.json'))
  mkdirSync(OUT, {recursive: true})
  const versions = {}
  for (const [name, {file, external}] of Object.entries(BUNDLED)) {
    const result = await build({
      entryPoints: [require.resolve(name)],
      outfile: path.join(OUT, file),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external,
      // __dirname keeps meaning the package's own directory (@oclif/core reads its package.json from there).
      define: {__dirname: '__packageDir'},
      banner: {js: `const __packageDir = require('node:path').dirname(require.resolve(${JSON.stringify(name)}));`},
      logLevel: 'warning',
      // failure.ts tells oclif's errors apart by their class names: keep them.
      keepNames: true,
      metafile: true,
    })
    versions[name] = {file, version: require(`${name}/package.json`).version, inlined: inlinedPackages(result.metafile, name)}
  }
  writeFileSync(path.join(OUT, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`)
}

/**
 * Every other package the bundle inlined, as {package.json path relative to
 * the root: version}: bin/run.js uses the bundle only where each is still
 * there at that version, so an installed tree with a patched dependency
 * (npm audit fix) loads the packages themselves, not a frozen copy.
 */
function inlinedPackages(metafile, name) {
  const inlined = {}
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/')
    if (at < 0) continue
    const [scope, bare] = input.slice(at + 'node_modules/'.length).split('/')
    const dir = input.slice(0, at) + 'node_modules/' + (scope.startsWith('@') ? `${scope}/${bare}` : scope)
    const manifest = `${dir}/package.json`
    if (manifest in inlined || dir.endsWith(`node_modules/${name}`)) continue
    inlined[manifest] = JSON.parse(readFileSync(path.join(ROOT, manifest), 'utf8')).version
  }
  return inlined
}

await main()
