#!/usr/bin/env node
// `include:` (SPEC section 9): ENTITIES entities (bench/validate.js's, 3 endpoints and 1 registry
// entry each) split over FILES included files, against the same entities in one file, both
// through `mon validate` (a whole process) and through the loader alone in process, alternated
// so that the load of the machine hits both sides alike; medians and their ratio. Target: at most 1.1x.
// Needs a build (npm run build). Usage: node bench/includes.js [--entities N] [--files N] [--runs N]
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import {BIN, ROOT, arg, entityLines, median, timeProcess} from './validate.js'

const ENTITIES = arg('entities', 10_000)
const FILES = arg('files', 100)
const RUNS = arg('runs', 5)

const HEADER = ['version: 1', 'defaults:', '  check:', '    timeout: 5s']

/** The same entities twice: all in one/monitors.yaml, and split over tree/monitors.d/NNN.yaml. */
function writeTrees(dir) {
  const entities = Array.from({length: ENTITIES}, (_, i) => entityLines(i))
  const registry = '{"models": []}\n'
  mkdirSync(path.join(dir, 'one/registries'), {recursive: true})
  writeFileSync(path.join(dir, 'one/registries/bench.json'), registry)
  writeFileSync(path.join(dir, 'one/monitors.yaml'), `${[...HEADER, 'entities:', ...entities.flat()].join('\n')}\n`)
  mkdirSync(path.join(dir, 'tree/monitors.d/registries'), {recursive: true})
  // Each included file's registry path is relative to it.
  writeFileSync(path.join(dir, 'tree/monitors.d/registries/bench.json'), registry)
  writeFileSync(path.join(dir, 'tree/monitors.yaml'), `${[...HEADER, 'include: ["monitors.d/*.yaml"]'].join('\n')}\n`)
  const per = Math.ceil(ENTITIES / FILES)
  for (let f = 0; f < FILES; f++) {
    const lines = ['entities:', ...entities.slice(f * per, (f + 1) * per).flat()]
    writeFileSync(path.join(dir, `tree/monitors.d/${String(f).padStart(3, '0')}.yaml`), `${lines.join('\n')}\n`)
  }
}

/** Wall and CPU time of one load in process (CPU time is what the machine's other load disturbs least). */
async function timeLoader(loadConfigFile, file) {
  const start = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  const result = await loadConfigFile(file)
  const used = process.cpuUsage(cpu)
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.model === null || result.warnings.length > 0 || result.counts.entities !== ENTITIES) throw new Error(`the loader rejected ${file}: ${JSON.stringify(result.errors.slice(0, 3))}`)
  return {ms, cpuMs: (used.user + used.system) / 1000}
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mon-bench-includes-'))
  try {
    writeTrees(dir)
    const {loadConfigFile} = await import(pathToFileURL(path.join(ROOT, 'dist/config/load.js')).href)
    const times = {process: {one: [], tree: []}, loader: {one: [], tree: []}, cpu: {one: [], tree: []}}
    const expected = `valid (${ENTITIES} entities`
    // Warm up the loader's modules (tinyglobby is loaded only for a tree) on both sides before timing.
    for (const side of ['one', 'tree']) await timeLoader(loadConfigFile, path.join(dir, side, 'monitors.yaml'))
    for (let i = 0; i < RUNS; i++) {
      // Which side goes first alternates too.
      for (const side of i % 2 === 0 ? ['one', 'tree'] : ['tree', 'one']) {
        const run = timeProcess([BIN, 'validate', '-c', 'monitors.yaml'], {cwd: path.join(dir, side)})
        if (!run.stdout.includes(expected)) throw new Error(`unexpected output: ${run.stdout}`)
        times.process[side].push(run.ms)
        const {ms, cpuMs} = await timeLoader(loadConfigFile, path.join(dir, side, 'monitors.yaml'))
        times.loader[side].push(ms)
        times.cpu[side].push(cpuMs)
      }
    }
    console.log(`median of ${RUNS} alternated runs; ${ENTITIES} entities, one file against ${FILES} included files; node ${process.version}`)
    for (const [what, {one, tree}] of Object.entries({'mon validate (whole process)': times.process, 'the loader alone (loadConfigFile, in process), wall': times.loader, 'the loader alone, CPU time': times.cpu})) {
      const ratio = median(tree) / median(one)
      console.log(`${what}: ${FILES} files ${median(tree).toFixed(0)} ms | one file ${median(one).toFixed(0)} ms | ratio ${ratio.toFixed(3)}x (target <= 1.1x) ${ratio <= 1.1 ? 'OK' : 'OVER'}`)
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
