#!/usr/bin/env node
// Benchmarks for `mon validate` and startup, each beside its floor measured in the same run:
// 1. `mon validate` on a generated file of ENTITIES entities (3 endpoints and 1 registry
//    entry each), a whole process, against the floor: in-process read + yaml.parseDocument
//    with a LineCounter + toJS + one validation by a precompiled ajv validator of the same
//    file (the least any validator must do). Target: at most 1.5x.
// 2. `mon --version` against `node -e 0`. Target: at most 3x.
// 3. For reference, the loader alone in process (no startup) against the same floor.
// Needs a build (npm run build). Usage: node bench/validate.js [--entities N] [--runs N]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const BIN = path.join(ROOT, 'bin/run.js')

/** The number after --NAME on the command line, or the fallback. */
export function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const ENTITIES = arg('entities', 10_000)
const RUNS = arg('runs', 5)

export function generateFile(entities) {
  const lines = ['# yaml-language-server: $schema=./schemas/monitors.schema.json', 'version: 1', 'defaults:', '  check:', '    timeout: 5s', 'entities:']
  for (let i = 0; i < entities; i++) lines.push(...entityLines(i))
  return `${lines.join('\n')}\n`
}

/** Entity number i of the generated file, as its YAML lines under `entities:` (bench/includes.js splits them into files). */
export function entityLines(i) {
  const port = 20000 + (i % 40000)
  return [
    `  - id: svc-${i}:${port}`,
    `    type: ${['service', 'backend', 'tool', 'gateway', 'registry'][i % 5]}`,
    `    label: Service number ${i}`,
    `    owner: team-${i % 37}`,
    `    notes: generated for the validate benchmark`,
    '    endpoints:',
    '      - kind: health',
    `        url: http://127.0.0.1:${port}/health`,
    '        check:',
    '          degraded_after: 300ms',
    '          json:',
    '            - path: status',
    '              equals: ok',
    '      - kind: models',
    `        url: http://127.0.0.1:${port}/v1/models`,
    '        check:',
    '          headers:',
    '            Authorization: Bearer ${API_TOKEN}',
    '      - kind: metrics',
    `        url: http://127.0.0.1:${port}/metrics`,
    '        method: GET',
    '    registry:',
    '      - path: ./registries/bench.json',
    `        authority: team-${i % 37}`,
  ]
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export function timeProcess(args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {encoding: 'utf8', ...options})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`)
  return {ms, stdout: result.stdout}
}

async function floorOnce(file, validate) {
  const {parseDocument, LineCounter} = await import('yaml')
  const start = process.hrtime.bigint()
  const text = readFileSync(file, 'utf8')
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter})
  const valid = validate(doc.toJS())
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (!valid || doc.errors.length > 0) throw new Error('the generated file does not validate')
  return ms
}

async function main() {
  const {dir, cleanup} = (() => {
    const d = mkdtempSync(path.join(tmpdir(), 'mon-bench-validate-'))
    return {dir: d, cleanup: () => rmSync(d, {recursive: true, force: true})}
  })()
  try {
    const file = path.join(dir, 'monitors.yaml')
    writeFileSync(file, generateFile(ENTITIES))
    mkdirSync(path.join(dir, 'registries'))
    writeFileSync(path.join(dir, 'registries/bench.json'), '{"models": []}\n')
    const size = readFileSync(file).length

    const {Ajv2020} = await import('ajv/dist/2020.js')
    const {AJV_OPTIONS} = await import('../scripts/generate-validator.js')
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/monitors.schema.json'), 'utf8'))
    const validate = new Ajv2020(AJV_OPTIONS).compile(schema)

    // Interleaved, so that load from the other engineers on the machine hits both sides alike.
    // The built loader, in process: what the loader itself adds over the floor, without process startup.
    const {loadConfigFile} = await import(pathToFileURL(path.join(ROOT, 'dist/config/load.js')).href)
    const ours = []
    const floor = []
    const loader = []
    for (let i = 0; i < RUNS; i++) {
      const run = timeProcess([BIN, 'validate', '-c', file], {cwd: dir})
      if (!run.stdout.includes('valid (')) throw new Error(`unexpected output: ${run.stdout}`)
      ours.push(run.ms)
      floor.push(await floorOnce(file, validate))
      const start = process.hrtime.bigint()
      const result = await loadConfigFile(file)
      loader.push(Number(process.hrtime.bigint() - start) / 1e6)
      if (result.model === null || result.warnings.length > 0) throw new Error('the loader rejected the generated file')
    }

    const version = []
    const bare = []
    for (let i = 0; i < RUNS * 2; i++) {
      version.push(timeProcess([BIN, '--version']).ms)
      bare.push(timeProcess(['-e', '0']).ms)
    }

    const rows = [
      [`mon validate, ${ENTITIES} entities (${(size / 1e6).toFixed(1)} MB)`, median(ours), 'parseDocument + LineCounter + toJS + ajv, in process', median(floor), 1.5],
      ['  of which the loader (loadConfigFile, in process)', median(loader), 'the same floor', median(floor), 1.5],
      ['mon --version', median(version), 'node -e 0', median(bare), 3],
    ]
    console.log(`median of ${RUNS} runs (--version: ${RUNS * 2}); node ${process.version}`)
    for (const [what, ms, floorWhat, floorMs, target] of rows) {
      const ratio = ms / floorMs
      console.log(`${what}: ${ms.toFixed(0)} ms | floor (${floorWhat}): ${floorMs.toFixed(0)} ms | ratio ${ratio.toFixed(2)}x (target <= ${target}x) ${ratio <= target ? 'OK' : 'OVER'}`)
    }
  } finally {
    cleanup()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
