#!/usr/bin/env node
// Part of `npm run build`: bundles the dependencies that start-up loads as many
// small CommonJS files into one file each, dist/bundled/NAME.cjs, and writes
// dist/bundled/versions.json. Node spends most of mon's start-up opening and
// compiling those files (@oclif/core: about 160, yaml: 70; bench/startup.md).
// bin/run.js uses a bundle only when it was made from the installed version.
import {mkdirSync, writeFileSync} from 'node:fs'
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
    await build({
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
    })
    versions[name] = {file, version: require(`${name}/package.json`).version}
  }
  writeFileSync(path.join(OUT, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`)
}

await main()
